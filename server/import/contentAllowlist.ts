/**
 * What exam content (stems, option/item texts, marking schemes) may contain, and what happens to anything
 * else. docs/import-format.md ('Exam content') lists the same; a test keeps the two in step.
 */
import { mediaSrcOf } from '../media/files.ts';

/** HTML elements that are kept, structure included (headings, sources, line-numbered texts, tables, figures). */
export const HTML_TAGS = [
  'p', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'section', 'aside', 'blockquote', 'pre', 'code',
  'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'figure', 'figcaption', 'img', 'audio', 'video', 'source', 'track',
] as const;

/**
 * MathML Core, which Chromium renders. Not `annotation-xml` (it may hold HTML or SVG, a known way to confuse
 * sanitisers about namespaces) and no `href` (a link), nor the presentational colours.
 */
export const MATHML_TAGS = [
  'math', 'semantics', 'annotation', 'merror', 'mfrac', 'mi', 'mmultiscripts', 'mn', 'mo', 'mover', 'mpadded',
  'mphantom', 'mprescripts', 'mroot', 'mrow', 'ms', 'mspace', 'msqrt', 'mstyle', 'msub', 'msubsup', 'msup',
  'mtable', 'mtd', 'mtext', 'mtr', 'munder', 'munderover', 'none',
] as const;

/**
 * The places of a QTI item's response parts in its text (docs/design.md: QTI content): an interaction's
 * placeholder, a gap of a gap match, a hottext. Inert: the kiosk fills them in; the browser shows them as inline
 * elements with their content.
 */
export const PART_TAGS = ['inzage-part', 'inzage-gap', 'inzage-hottext'] as const;

export const ALLOWED_TAGS: readonly string[] = [...HTML_TAGS, ...MATHML_TAGS, ...PART_TAGS];

const MATHML_GLOBAL = ['dir', 'displaystyle', 'scriptlevel', 'mathvariant', 'mathsize'];

/** Attributes kept per element; `lang` and `dir` everywhere. */
export const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['lang', 'dir'],
  img: ['src', 'alt', 'width', 'height'],
  // sound and film: always with the browser's controls (the sanitiser adds them), never playing by themselves
  // (no autoplay, loop or muted) and without a poster picture; captions as WebVTT files of the data directory
  audio: ['src', 'controls'],
  video: ['src', 'controls', 'width', 'height'],
  source: ['src', 'type'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
  ol: ['start', 'type'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  col: ['span'],
  ...Object.fromEntries(PART_TAGS.map((t) => [t, ['ref']])),
  colgroup: ['span'],
  ...Object.fromEntries(MATHML_TAGS.map((t) => [t, [...MATHML_GLOBAL]])),
  math: [...MATHML_GLOBAL, 'display', 'alttext'],
  annotation: [...MATHML_GLOBAL, 'encoding'],
  mfrac: [...MATHML_GLOBAL, 'linethickness'],
  mo: [...MATHML_GLOBAL, 'form', 'fence', 'separator', 'lspace', 'rspace', 'stretchy', 'symmetric', 'maxsize', 'minsize', 'largeop', 'movablelimits'],
  mover: [...MATHML_GLOBAL, 'accent'],
  munder: [...MATHML_GLOBAL, 'accentunder'],
  munderover: [...MATHML_GLOBAL, 'accent', 'accentunder'],
  mpadded: [...MATHML_GLOBAL, 'width', 'height', 'depth', 'lspace', 'voffset'],
  mspace: [...MATHML_GLOBAL, 'width', 'height', 'depth'],
  mtd: [...MATHML_GLOBAL, 'columnspan', 'rowspan'],
};

/** The one class content may carry: `<ol class="lines">`, a text with line numbers in the margin (docs: 'Line numbers'). */
export const ALLOWED_CLASSES: Record<string, string[]> = { ol: ['lines'] };

/**
 * Images only as inline raster data (not e.g. data:text/html or data:image/svg+xml), or as a media file of the
 * data directory, `/api/media/<sha256>.<ext>` (docs/design.md: Media). The pages' Content-Security-Policy
 * (`server/http/security.ts`) has `img-src 'self' data:`: these are the two sources content can use, and every
 * source kept here is one the kiosk shows. The import checks that each media file named is one it brings or
 * one already stored (`server/import/mediaRefs.ts`).
 */
const INLINE_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;

const IMAGE_SRC = mediaSrcOf('image');
const PLAYABLE_SRC = mediaSrcOf('audio', 'video');
const CAPTIONS_SRC = mediaSrcOf('captions');

export function isAllowedImageSource(src: string | undefined): boolean {
  if (!src) return false;
  return INLINE_IMAGE.test(src) || IMAGE_SRC.test(src);
}

/** The media elements and what each may play: a sound or film of the data directory, or its captions. */
export const PLAYER_TAGS = ['audio', 'video', 'source', 'track'] as const;

/**
 * Whether a sound, film, `source` or `track` may stay: its `src` a media file of the data directory of the
 * right kind (`/api/media/<sha256>.<ext>`: `media-src 'self'` in the CSP), an `audio`/`video` without one only
 * if it has `source` children (not judged here), and a `track` only as captions or subtitles.
 */
export function isAllowedPlayer(tag: string, attribs: Record<string, string>): boolean {
  const src = attribs.src;
  switch (tag) {
    case 'audio':
    case 'video': return src === undefined || PLAYABLE_SRC.test(src);
    case 'source': return src !== undefined && PLAYABLE_SRC.test(src);
    case 'track': return src !== undefined && CAPTIONS_SRC.test(src) && ['captions', 'subtitles', undefined].includes(attribs.kind);
    default: return true;
  }
}

/** Whether an element with a source must go: a picture, sound, film or captions file the kiosk would not show. */
export function isRefusedSource(tag: string, attribs: Record<string, string>): boolean {
  return tag === 'img' ? !isAllowedImageSource(attribs.src) : !isAllowedPlayer(tag, attribs);
}

/**
 * An image on another server (`https:`, `http:` or `//host/…`): the kiosk's CSP blocks it, so the candidate
 * would see an empty box. The import refuses it (an error with the field's path) rather than removing it.
 * As a browser reads a URL: leading spaces and control characters, and tabs or newlines inside, do not count.
 */
export function isRemoteImageSource(src: string | undefined): boolean {
  if (!src) return false;
  // eslint-disable-next-line no-control-regex
  const url = src.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '').toLowerCase();
  return /^(https?:|[/\\]{2})/.test(url);
}

/**
 * How an element the allowlist does not keep is removed. Never glue words: where the element would have
 * stood apart on the screen, its text (or, if dropped, its place) is kept apart by whitespace.
 *
 * - `hidden`: dropped with its content; a browser shows none of it either (scripts, styles, templates).
 * - `embedded`: dropped with its content, leaving a space where its box stood (frames, objects, form fields; a
 *   picture, sound or film whose source is refused).
 * - `block`: replaced by its text, with whitespace before and after as its block's line breaks gave.
 * - `inline` (every other element, unknown ones too): replaced by its text (a link's text, a `<font>`'s).
 */
export type Removal = 'hidden' | 'embedded' | 'block' | 'inline';

const HIDDEN = ['script', 'style', 'template', 'noscript', 'head', 'title', 'meta', 'link', 'base', 'noembed', 'noframes', 'param'];
const EMBEDDED = [
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'canvas', 'svg', 'picture', 'map', 'area',
  'select', 'option', 'optgroup', 'datalist', 'textarea', 'input', 'meter', 'progress', 'output', 'xmp', 'annotation-xml',
];
const BLOCK = [
  'html', 'body', 'address', 'article', 'button', 'center', 'details', 'dialog', 'dir', 'fieldset', 'footer', 'form',
  'h5', 'h6', 'header', 'hgroup', 'legend', 'listing', 'main', 'menu', 'nav', 'plaintext', 'search', 'summary',
];

const REMOVAL = new Map<string, Removal>([
  ...HIDDEN.map((t) => [t, 'hidden'] as const),
  ...EMBEDDED.map((t) => [t, 'embedded'] as const),
  ...BLOCK.map((t) => [t, 'block'] as const),
]);

export function removalOf(tag: string): Removal {
  return REMOVAL.get(tag) ?? 'inline';
}

/** Elements whose content goes with them (sanitize-html's `nonTextTags`). */
export const DROPPED_WITH_CONTENT = [...HIDDEN, ...EMBEDDED];
