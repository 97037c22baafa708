/**
 * Media files of exam content (docs/design.md: Media): named by the SHA-256 of their bytes and the extension of
 * their type, `<sha256>.<ext>`, and referred to from question HTML as `/api/media/<name>`. The type comes from
 * the bytes' signature, never from a file name: a file is PNG, JPEG, GIF or WebP by its first bytes, or is not
 * a picture the kiosk shows. SVG is recognised only to be refused by name (it can carry script; see the design).
 */
import { createHash } from 'node:crypto';

export const MEDIA_TYPES = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' } as const;
export type MediaExt = keyof typeof MEDIA_TYPES;

/** The largest media file. */
export const MAX_MEDIA_FILE_BYTES = 5 * 1024 * 1024;
/** The most media one import may bring (half of what a package may hold unpacked, `MAX_PACKAGE_BYTES`). */
export const MAX_MEDIA_IMPORT_BYTES = 100 * 1024 * 1024;

/** A media file's name: 64 lower-case hex digits and a known extension. Nothing else names a file. */
export const MEDIA_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;
export const MEDIA_PATH_PREFIX = '/api/media/';
/** A media reference in content, as the import writes it. */
export const MEDIA_SRC = /^\/api\/media\/([0-9a-f]{64}\.(?:png|jpg|gif|webp))$/;

export const isMediaName = (name: string): boolean => MEDIA_NAME.test(name);
export const mediaSrc = (name: string): string => `${MEDIA_PATH_PREFIX}${name}`;
export const mediaTypeOf = (name: string): string => MEDIA_TYPES[name.slice(name.lastIndexOf('.') + 1) as MediaExt];

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the bytes are: a picture type we show, `svg`, or `unknown`. */
export function sniff(data: Uint8Array): MediaExt | 'svg' | 'unknown' {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return 'gif';
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return 'webp';
  if (looksLikeSvg(data)) return 'svg';
  return 'unknown';
}

function looksLikeSvg(data: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, 1024)).replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+svg[^>]*>\s*)?<svg[\s>]/i.test(head);
}

/** The content-addressed name of a picture's bytes. */
export function mediaName(data: Uint8Array, ext: MediaExt): string {
  return `${createHash('sha256').update(data).digest('hex')}.${ext}`;
}
