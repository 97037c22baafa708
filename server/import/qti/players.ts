/**
 * Sound, film and captions of a package (docs/design.md: Media). Like a picture (`images.ts`), a file is stored
 * content-addressed (`QtiMedia` collects it) and played as `/api/media/<sha256>.<ext>`; its type is read from its
 * bytes: MP3, Ogg, WAV and M4A sounds, MP4, WebM and Ogg films, WebVTT captions. A file of any other kind, or on
 * another server, is left out with a warning (its element's fallback content is shown); a missing file, one over
 * its kind's limit (`MAX_MEDIA_BYTES`) or media over `MAX_MEDIA_IMPORT_BYTES` in all are errors.
 */
import type { Element } from '@xmldom/xmldom';
import { MAX_MEDIA_BYTES, mediaKind, mediaName, mediaSrc, sniff, type MediaKind } from '../../media/files.ts';
import type { ImageReport, QtiMedia } from './images.ts';
import { resolveHref, type QtiPackage } from './package.ts';

/** What an element plays: a sound or film (`audio`, `video`, `source`, `object`), or captions (`track`). */
export type PlayerFile = 'playable' | 'captions';

const KINDS: Record<PlayerFile, MediaKind[]> = { playable: ['audio', 'video'], captions: ['captions'] };
const WHAT: Record<PlayerFile, string> = { playable: 'sound or film', captions: 'captions file' };
const FORMATS: Record<PlayerFile, string> = { playable: 'an MP3, Ogg, WAV, M4A, MP4 or WebM file', captions: 'a WebVTT file' };
const NOUN: Record<MediaKind, string> = { image: 'a picture', audio: 'a sound', video: 'a film', captions: 'a captions file' };

const size = (n: number) => (n % (1024 * 1024) ? `${n} bytes` : `${n / 1024 / 1024} MB`);

/** The `src` to play for the file at `src` (relative to `itemFile`), or undefined when it is left out (reported). */
export function packagePlayer(pkg: QtiPackage, media: QtiMedia, itemFile: string, src: string, el: Element, want: PlayerFile, report: ImageReport): string | undefined {
  const what = WHAT[want];
  if (/^([a-z][a-z0-9+.-]*:)?\/\//i.test(src.trim()) || /^data:/i.test(src.trim())) {
    report.warn(el, `${what} "${src}" is not in the package, which the kiosk needs; left out`);
    return undefined;
  }
  const path = resolveHref(itemFile, src);
  const data = path && pkg.read(path);
  if (!data) {
    report.error(el, path ? `${what} "${src}" is missing from the package (looked for ${path})` : `${what} "${src}" is not a file in the package`);
    return undefined;
  }
  const ext = sniff(data);
  const kind = ext === 'svg' || ext === 'unknown' ? undefined : mediaKind(ext);
  if (ext === 'svg' || ext === 'unknown' || !KINDS[want].includes(kind!)) {
    report.warn(el, `${what} "${src}" is left out: its content is not ${FORMATS[want]}`);
    return undefined;
  }
  const limit = media.limits.kindBytes?.[kind!] ?? MAX_MEDIA_BYTES[kind!];
  if (data.byteLength > limit) {
    report.error(el, `${what} "${src}" (${path}) is ${size(data.byteLength)}; ${NOUN[kind!]} may be at most ${size(limit)}`);
    return undefined;
  }
  const name = mediaName(data, ext);
  if (!media.add(name, data)) {
    if (media.firstOverTotal()) report.error(el, `${what} "${src}" (${path}) brings the package's media over ${size(media.limits.totalBytes)}; a package's media may be at most that in all`);
    return undefined;
  }
  return mediaSrc(name);
}
