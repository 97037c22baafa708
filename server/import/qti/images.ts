/**
 * Pictures of a package (docs/design.md: Media). A picture in the package is stored content-addressed
 * (`QtiMedia` collects it; the import writes it with the rest) and shown as `/api/media/<sha256>.<ext>`. Its type
 * is read from its bytes, not its name: PNG, JPEG, GIF and WebP are shown; an SVG or anything else is left out
 * with a warning, and so is a picture on another server (the kiosk loads nothing from elsewhere). A left-out
 * picture's place shows its alt text (`content.ts`, `unavailableHtml`). A missing file, a picture over `MAX_MEDIA_FILE_BYTES`
 * or pictures over `MAX_MEDIA_IMPORT_BYTES` in all are errors.
 */
import type { Element } from '@xmldom/xmldom';
import { MAX_MEDIA_FILE_BYTES, MAX_MEDIA_IMPORT_BYTES, mediaKind, mediaName, mediaSrc, sniff, type MediaKind } from '../../media/files.ts';
import { resolveHref, type QtiPackage } from './package.ts';
import { say } from '../issues.ts';

export interface ImageReport {
  warn(el: Element, message: string): void;
  error(el: Element, message: string): void;
}

/** The pictures an import brings, by their media name, and their size in all. */
export class QtiMedia {
  readonly files = new Map<string, Uint8Array>();
  private bytes = 0;
  private overTotal = false;

  /** `fileBytes`: a picture's limit; `kindBytes`: other kinds' limits, if not `MAX_MEDIA_BYTES` (tests) */
  constructor(readonly limits: { fileBytes: number; totalBytes: number; kindBytes?: Partial<Record<MediaKind, number>> } = { fileBytes: MAX_MEDIA_FILE_BYTES, totalBytes: MAX_MEDIA_IMPORT_BYTES }) {}

  /** Adds a picture; false (once reported) when the import's pictures would exceed the total. */
  add(name: string, data: Uint8Array): boolean {
    if (this.files.has(name)) return true;
    if (this.bytes + data.byteLength > this.limits.totalBytes) return false;
    this.bytes += data.byteLength;
    this.files.set(name, data);
    return true;
  }

  /** True the first time the total is exceeded, so that it is reported once. */
  firstOverTotal(): boolean {
    if (this.overTotal) return false;
    return (this.overTotal = true);
  }
}

const size = (n: number) => (n % (1024 * 1024) ? `${n} bytes` : `${n / 1024 / 1024} MB`);

/** The `src` to show for the picture at `src` (relative to `itemFile`), or undefined when it is left out (reported). */
export function packageImage(pkg: QtiPackage, media: QtiMedia, itemFile: string, src: string, el: Element, report: ImageReport): string | undefined {
  const trimmed = src.trim();
  if (/^data:/i.test(trimmed)) return src; // judged by the sanitiser
  if (/^([a-z][a-z0-9+.-]*:)?\/\//i.test(trimmed)) {
    report.warn(el, say('qti-image-remote', { src }));
    return undefined;
  }
  const path = resolveHref(itemFile, src);
  if (!path) {
    report.error(el, say('qti-image-not-file', { src }));
    return undefined;
  }
  const data = pkg.read(path);
  if (!data) {
    report.error(el, say('qti-image-missing', { src, path }));
    return undefined;
  }
  const kind = sniff(data);
  if (kind === 'svg') {
    report.warn(el, say('qti-image-svg', { src }));
    return undefined;
  }
  if (kind === 'unknown' || mediaKind(kind) !== 'image') {
    report.warn(el, say('qti-image-not-picture', { src }));
    return undefined;
  }
  if (data.byteLength > media.limits.fileBytes) {
    report.error(el, say('qti-image-too-large', { src, path, size: size(data.byteLength), max: size(media.limits.fileBytes) }));
    return undefined;
  }
  const name = mediaName(data, kind);
  if (!media.add(name, data)) {
    if (media.firstOverTotal()) report.error(el, say('qti-images-over-total', { src, path, max: size(media.limits.totalBytes) }));
    return undefined;
  }
  return mediaSrc(name);
}
