/**
 * Media files of exam content (docs/design.md: Media): named by the SHA-256 of their bytes and the extension of
 * their type, `<sha256>.<ext>`, and referred to from question HTML as `/api/media/<name>`. The type comes from
 * the bytes' signature, never from a file name: a picture is PNG, JPEG, GIF or WebP, a sound MP3, Ogg (Vorbis or
 * Opus), WAV or M4A, a film MP4, WebM or Ogg (Theora), captions WebVTT, by their first bytes, or the file is
 * nothing the kiosk shows. SVG is recognised only to be refused by name (it can carry script; see the design).
 */
import { createHash } from 'node:crypto';

export const MEDIA_TYPES = {
  png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', wav: 'audio/wav', m4a: 'audio/mp4',
  mp4: 'video/mp4', webm: 'video/webm', ogv: 'video/ogg',
  vtt: 'text/vtt',
} as const;
export type MediaExt = keyof typeof MEDIA_TYPES;

/** What a media file is to the page: a picture (`img`), a sound or film (`audio`/`video`), or captions (`track`). */
export type MediaKind = 'image' | 'audio' | 'video' | 'captions';
const KIND_OF: Record<MediaExt, MediaKind> = {
  png: 'image', jpg: 'image', gif: 'image', webp: 'image',
  mp3: 'audio', ogg: 'audio', wav: 'audio', m4a: 'audio',
  mp4: 'video', webm: 'video', ogv: 'video',
  vtt: 'captions',
};
export const mediaKind = (ext: MediaExt): MediaKind => KIND_OF[ext];
const extsOf = (...kinds: MediaKind[]) => (Object.keys(KIND_OF) as MediaExt[]).filter((e) => kinds.includes(KIND_OF[e]));

const MB = 1024 * 1024;
/** The largest picture. */
export const MAX_MEDIA_FILE_BYTES = 5 * MB;
/**
 * The largest file of each kind: a picture 5 MB, a sound 20 MB (a listening text of half an hour as MP3 at
 * 64 kbit/s is 14 MB), a film 50 MB (a few minutes of classroom video), captions 1 MB.
 */
export const MAX_MEDIA_BYTES: Record<MediaKind, number> = { image: MAX_MEDIA_FILE_BYTES, audio: 20 * MB, video: 50 * MB, captions: 1 * MB };
/** The most media one import may bring (half of what a package may hold unpacked, `MAX_PACKAGE_BYTES`). */
export const MAX_MEDIA_IMPORT_BYTES = 100 * MB;

const ALL = (Object.keys(MEDIA_TYPES) as MediaExt[]).join('|');
/** The extensions of a kind, as a regular expression's alternatives. */
export const extPattern = (...kinds: MediaKind[]): string => extsOf(...kinds).join('|');

/** A media file's name: 64 lower-case hex digits and a known extension. Nothing else names a file. */
export const MEDIA_NAME = new RegExp(`^[0-9a-f]{64}\\.(${ALL})$`);
export const MEDIA_PATH_PREFIX = '/api/media/';
/** A media reference in content, as the import writes it. */
export const MEDIA_SRC = new RegExp(`^/api/media/([0-9a-f]{64}\\.(?:${ALL}))$`);
/** A media reference of these kinds only (a picture's `src` must name a picture). */
export const mediaSrcOf = (...kinds: MediaKind[]): RegExp => new RegExp(`^/api/media/([0-9a-f]{64}\\.(?:${extPattern(...kinds)}))$`);

export const isMediaName = (name: string): boolean => MEDIA_NAME.test(name);
export const mediaSrc = (name: string): string => `${MEDIA_PATH_PREFIX}${name}`;
export const mediaTypeOf = (name: string): string => MEDIA_TYPES[name.slice(name.lastIndexOf('.') + 1) as MediaExt];

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** What the bytes are: a media type we show, `svg`, or `unknown`. */
export function sniff(data: Uint8Array): MediaExt | 'svg' | 'unknown' {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return 'gif';
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WAVE'), 8)) return 'wav';
  if (startsWith(data, ascii('OggS'))) return oggKind(data);
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3]) && includes(data.subarray(0, 64), ascii('webm'))) return 'webm';
  if (startsWith(data, ascii('ftyp'), 4)) return mp4Kind(data);
  if (startsWith(data, ascii('ID3')) || isMpegAudioFrame(data)) return 'mp3';
  if (startsWith(data, ascii('WEBVTT')) || startsWith(data, [0xef, 0xbb, 0xbf, ...ascii('WEBVTT')])) return vttKind(data);
  if (looksLikeSvg(data)) return 'svg';
  return 'unknown';
}

function includes(data: Uint8Array, bytes: readonly number[]): boolean {
  for (let i = 0; i + bytes.length <= data.length; i++) if (startsWith(data, bytes, i)) return true;
  return false;
}

/** An Ogg stream's first page names its codec: Theora is a film, Vorbis, Opus (and FLAC) a sound. */
function oggKind(data: Uint8Array): MediaExt | 'unknown' {
  const head = data.subarray(0, 128);
  if (includes(head, ascii('theora'))) return 'ogv';
  if (includes(head, ascii('vorbis')) || includes(head, ascii('OpusHead')) || includes(head, ascii('FLAC'))) return 'ogg';
  return 'unknown';
}

/** An ISO media file's major brand: `M4A ` (and `M4B `) is a sound, the others (isom, mp41, mp42, avc1, …) a film. */
function mp4Kind(data: Uint8Array): MediaExt {
  const brand = String.fromCharCode(...data.subarray(8, 12));
  return brand === 'M4A ' || brand === 'M4B ' ? 'm4a' : 'mp4';
}

/** An MPEG-1/2 Layer III frame header: eleven sync bits, then a layer of `01`. */
function isMpegAudioFrame(data: Uint8Array): boolean {
  return data[0] === 0xff && ((data[1] ?? 0) & 0xe0) === 0xe0 && ((data[1] ?? 0) & 0x06) === 0x02;
}

/** `WEBVTT` alone on its line, or followed by a space or tab (the WebVTT file signature). */
function vttKind(data: Uint8Array): MediaExt | 'unknown' {
  const at = data[0] === 0xef ? 9 : 6;
  const next = data[at];
  return next === undefined || next === 0x0a || next === 0x0d || next === 0x20 || next === 0x09 ? 'vtt' : 'unknown';
}

function looksLikeSvg(data: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(data.subarray(0, 1024)).replace(/^\uFEFF/, '');
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+svg[^>]*>\s*)?<svg[\s>]/i.test(head);
}

/** The content-addressed name of a media file's bytes. */
export function mediaName(data: Uint8Array, ext: MediaExt): string {
  return `${createHash('sha256').update(data).digest('hex')}.${ext}`;
}
