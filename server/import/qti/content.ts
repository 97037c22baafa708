/**
 * An item body's XHTML as the HTML string the model stores (docs/design.md: QTI content). HTML and MathML are
 * written out as they are (the import's sanitiser then keeps what the allowlist allows, and reports the rest);
 * QTI's own elements are handed to the caller (`qti`), which puts an interaction's placeholder in its place, or
 * are dealt with here: feedback, which the candidate saw only after answering, is left out; template content and
 * printed variables, which differ per candidate, are left out with a warning; anything else loses its element
 * but keeps its content, with a warning. Pictures from the package become media files (`images.ts`); one left
 * out shows its alt text in its place. Sound and film (`audio`, `video`, an `object` of an audio or video type)
 * become media files too (`players.ts`), played with the browser's controls; one without any playable source
 * shows its fallback content, or that it is not available.
 * Presentation hooks (`class`, `id`, `data-*`) are dropped without a word; `xml:lang` becomes `lang`.
 */
import type { Element, Node } from '@xmldom/xmldom';
import { mediaTypeOf } from '../../media/files.ts';
import type { PlayerFile } from './players.ts';
import { attr, children, isElement, MATHML_NS, nameOf } from './xml.ts';
import { say } from '../issues.ts';

export interface ContentContext {
  /** the `src` to show for the picture at `src` (relative to the item), or undefined when it was left out (reported) */
  image(src: string, el: Element): string | undefined;
  /** the `src` to play for the sound or film (`playable`) or captions at `src`, or undefined when left out (reported) */
  media(src: string, el: Element, kind: PlayerFile): string | undefined;
  warn(el: Element, message: string): void;
  /** HTML to stand in place of a QTI element, or undefined to let the defaults apply */
  qti?(el: Element, name: string): string | undefined;
}

const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr']);
const FEEDBACK = new Set(['qti-feedback-block', 'qti-feedback-inline', 'qti-modal-feedback']);
const PER_CANDIDATE = new Set(['qti-template-block', 'qti-template-inline', 'qti-printed-variable']);
const UNWRAPPED = new Set(['qti-content-body']);

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}

/** The HTML of `el`'s children. */
export function innerHtml(el: Element, ctx: ContentContext): string {
  let out = '';
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) out += nodeHtml(n, ctx);
  return out;
}

/** The HTML of `n` itself. */
export function outerHtml(n: Node, ctx: ContentContext): string {
  return nodeHtml(n, ctx);
}

function nodeHtml(n: Node, ctx: ContentContext): string {
  if (n.nodeType === 3 || n.nodeType === 4) return escapeText(n.nodeValue ?? '');
  if (!isElement(n)) return '';
  const name = nameOf(n);
  if (name.startsWith('qti-') && n.namespaceURI !== MATHML_NS) return qtiHtml(n, name, ctx);
  if (name === 'object') return objectHtml(n, ctx);
  if (name === 'img') return imgHtml(n, ctx);
  if (name === 'audio' || name === 'video') return playerHtml(n, name, ctx);
  return elementHtml(n, name, ctx);
}

function qtiHtml(el: Element, name: string, ctx: ContentContext): string {
  const own = ctx.qti?.(el, name);
  if (own !== undefined) return own;
  if (UNWRAPPED.has(name)) return innerHtml(el, ctx);
  if (FEEDBACK.has(name)) return '';
  if (PER_CANDIDATE.has(name)) {
    ctx.warn(el, say('qti-per-candidate-content', { name }));
    return '';
  }
  ctx.warn(el, say('qti-element-content-kept', { name }));
  return innerHtml(el, ctx);
}

function attributes(el: Element, skip: readonly string[] = []): string {
  let out = '';
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    let name = a.name;
    if (name === 'xml:lang') name = 'lang';
    if (skip.includes(name) || name === 'class' || name === 'id' || name.startsWith('data-') || name.startsWith('xmlns') || name.includes(':')) continue;
    out += ` ${name}="${escapeAttr(a.value)}"`;
  }
  return out;
}

function elementHtml(el: Element, name: string, ctx: ContentContext): string {
  const open = `<${name}${attributes(el)}`;
  if (VOID.has(name)) return `${open}>`;
  return `${open}>${innerHtml(el, ctx)}</${name}>`;
}

const IMAGE_FILE = /\.(png|jpe?g|gif|webp|svg)$/i;
const SOUND_FILE = /\.(mp3|ogg|oga|opus|wav|m4a|aac)$/i;
const FILM_FILE = /\.(mp4|m4v|webm|ogv|mov)$/i;

/**
 * An `<object>` that shows an image becomes an `<img>` (its fallback text the alt); one of a sound or film an
 * `<audio>` or `<video>` with controls (its fallback content kept for when it cannot play); others keep their
 * fallback.
 */
function objectHtml(el: Element, ctx: ContentContext): string {
  const data = attr(el, 'data') ?? '';
  const type = attr(el, 'type') ?? '';
  const film = type.startsWith('video/') || (!type && FILM_FILE.test(data));
  if (film || type.startsWith('audio/') || (!type && SOUND_FILE.test(data))) {
    const src = ctx.media(data, el, 'playable');
    if (src === undefined) return innerHtml(el, ctx) || unavailablePlayerHtml(film ? 'video' : 'audio');
    return playerOpen(film ? 'video' : 'audio', src, el) + `${innerHtml(el, ctx)}</${film ? 'video' : 'audio'}>`;
  }
  if (!type.startsWith('image/') && !IMAGE_FILE.test(data)) {
    ctx.warn(el, say('qti-media-object', { type, data }));
    return innerHtml(el, ctx);
  }
  const src = ctx.image(data, el);
  const alt = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (src === undefined) return alt ? innerHtml(el, ctx) : unavailableHtml('');
  return `<img src="${escapeAttr(src)}" alt="${escapeAttr(alt)}"${sizeAttrs(el)}>`;
}

function imgHtml(el: Element, ctx: ContentContext): string {
  const src = ctx.image(attr(el, 'src') ?? '', el);
  if (src === undefined) return unavailableHtml(attr(el, 'alt') ?? '');
  return `<img src="${escapeAttr(src)}" alt="${escapeAttr(attr(el, 'alt') ?? '')}"${sizeAttrs(el)}>`;
}

/** `<audio controls src=…>` or `<video controls src=…>` (a film with its size); nothing plays by itself. */
function playerOpen(name: 'audio' | 'video', src: string | undefined, el: Element): string {
  return `<${name} controls${src === undefined ? '' : ` src="${escapeAttr(src)}"`}${name === 'video' ? sizeAttrs(el) : ''}>`;
}

/**
 * An `<audio>` or `<video>` of the package: its `src` and `source`s stored as media files (each `source`'s type
 * that of its stored file, not the package's word), caption `track`s as WebVTT files; its other content is the
 * fallback, shown instead when none of its sources is playable. `autoplay`, `loop`, `muted` and the like are not
 * carried over.
 */
function playerHtml(el: Element, name: 'audio' | 'video', ctx: ContentContext): string {
  const own = attr(el, 'src');
  const src = own === undefined ? undefined : ctx.media(own, el, 'playable');
  let playable = src !== undefined;
  let inner = '';
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
    const child = isElement(n) ? nameOf(n) : '';
    if (child === 'source') {
      const s = ctx.media(attr(n as Element, 'src') ?? '', n as Element, 'playable');
      if (s !== undefined) inner += `<source src="${escapeAttr(s)}" type="${mediaTypeOf(s)}">`;
      playable ||= s !== undefined;
    } else if (child === 'track') {
      inner += trackHtml(n as Element, ctx);
    } else {
      inner += nodeHtml(n, ctx);
    }
  }
  if (!playable) return inner.trim() ? inner : unavailablePlayerHtml(name);
  return `${playerOpen(name, src, el)}${inner}</${name}>`;
}

/** A captions or subtitles track (other kinds, such as chapters or metadata, are of no use to a reader: left out). */
function trackHtml(el: Element, ctx: ContentContext): string {
  const kind = attr(el, 'kind') ?? 'subtitles';
  if (kind !== 'captions' && kind !== 'subtitles') return '';
  const src = ctx.media(attr(el, 'src') ?? '', el, 'captions');
  if (src === undefined) return '';
  const more = ['srclang', 'label'].map((a) => (attr(el, a) ? ` ${a}="${escapeAttr(attr(el, a)!)}"` : '')).join('');
  return `<track kind="${kind}" src="${escapeAttr(src)}"${more}${attr(el, 'default') !== undefined ? ' default' : ''}>`;
}

/** What stands where a sound or film without a playable source was, when it brings no fallback of its own. */
function unavailablePlayerHtml(name: 'audio' | 'video'): string {
  return `<span>[${name === 'audio' ? 'Geluid niet beschikbaar' : 'Film niet beschikbaar'}]</span>`;
}

/** What stands where a picture was left out: its alt text, or that it is not available. */
export function unavailableHtml(alt: string): string {
  const text = alt.trim() ? `Afbeelding niet beschikbaar: ${alt.trim()}` : 'Afbeelding niet beschikbaar';
  return `<span>[${escapeText(text)}]</span>`;
}

function sizeAttrs(el: Element): string {
  return ['width', 'height'].map((a) => {
    const v = attr(el, a);
    return v && /^\d+(\.\d+)?$/.test(v) ? ` ${a}="${v}"` : '';
  }).join('');
}

/** The first image of a graphic interaction (`object` or `img`, also inside `picture`). */
export function firstImage(el: Element): Element | undefined {
  for (const c of children(el)) {
    const name = nameOf(c);
    if (name === 'object' || name === 'img') return c;
    if (name === 'picture') return firstImage(c);
  }
  return undefined;
}
