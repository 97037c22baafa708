/**
 * Question HTML (stems, option/item texts, marking schemes) is sanitised on import with sanitize-html and the
 * allowlist of `contentAllowlist.ts`: the structure of a paper exam (headings, sources, line-numbered texts,
 * tables, figures, MathML) is kept; everything else is removed, and each removal is reported with where it was.
 *
 * - No links: a kiosk is a locked-down browser, and a link would lead the candidate away from the review.
 *   The link text stays.
 * - Sound and film (`audio`, `video`, their `source` and captions `track`) only as media files of the data
 *   directory, always with the browser's controls, never autoplaying or looping.
 * - Images only inline, `data:image/…;base64` (png, jpeg, gif, webp), or a media file of the data directory
 *   (`/api/media/<sha256>.<ext>`): what the kiosk's CSP (`img-src 'self' data:`) shows. An image on another server (`https:`, `http:`, `//host`) would be blocked by it: that is an error, and the
 *   import is refused with the field's path, rather than a candidate seeing an empty box.
 * - No scripts, styles, frames or forms; no event handler, `style` or `id` attributes, no class but `lines`;
 *   no `javascript:` or other URL schemes. Only allowed elements and attributes reach the output, and all text
 *   is escaped, so the browser parses exactly the elements listed (MathML namespace included).
 * - Never glue words: a removed element that stood apart on the screen leaves whitespace (see `Removal`).
 */
import sanitizeHtml from 'sanitize-html';
import type { Exam, Question } from '../../shared/domain.ts';
import {
  ALLOWED_ATTRIBUTES, ALLOWED_CLASSES, ALLOWED_TAGS, DROPPED_WITH_CONTENT, isAllowedImageSource, isAllowedPlayer, isRefusedSource, isRemoteImageSource,
  removalOf, type Removal,
} from './contentAllowlist.ts';
import { codedText, coded, type CodedMessage } from '../../shared/i18n/importIssues.ts';
import type { Message, Path } from './issues.ts';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedClasses: ALLOWED_CLASSES,
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  parseStyleAttributes: false,
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'col', 'source', 'track'],
  // sound and film always show the browser's controls: the candidate plays them, nothing plays by itself
  transformTags: { audio: withControls, video: withControls },
  // `data:` is allowed for images only, and only for raster image types (not e.g. data:text/html); sound, film
  // and captions only as media files of the data directory
  exclusiveFilter: (frame) => isRefusedSource(frame.tag, frame.attribs),
};

/**
 * With the browser's controls. A refused `src` (another server's, say) becomes a plain word here rather than
 * being left to the scheme check, which would drop the attribute and leave a player without a source:
 * `exclusiveFilter` then drops the element, with its content, as no media file.
 */
function withControls(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const src: sanitizeHtml.Attributes = attribs.src === undefined || isAllowedPlayer(tagName, attribs) ? {} : { src: 'refused' };
  return { tagName, attribs: { ...attribs, ...src, controls: '' } };
}

const ALLOWED = new Set(ALLOWED_TAGS);

/** What is kept of a removed element, by how it stood on the screen: the code of its warning. */
const REMOVED: Record<Removal, 'removed-element-content' | 'removed-element-text'> = {
  hidden: 'removed-element-content',
  embedded: 'removed-element-content',
  block: 'removed-element-text',
  inline: 'removed-element-text',
};

function attributeAllowed(tag: string, name: string): boolean {
  return ALLOWED_ATTRIBUTES['*']!.includes(name) || (ALLOWED_ATTRIBUTES[tag]?.includes(name) ?? false);
}

/** A warning: the element (or attribute) is removed and the import goes on. An error: the import is refused. */
export type Severity = 'warning' | 'error';
/** Hears of a removal: its English text, and the same as a code with parameters (shared/i18n/importIssues.ts). */
export type Found = (message: string, severity: Severity, coded: SanitizerMessage) => void;

/** A removal's coded message; the `-times` form of its code when it is reported with a count. */
type SanitizerCode = 'removed-element-content' | 'removed-element-text' | 'remote-image' | 'removed-image' | 'removed-player' | 'removed-captions' | 'removed-class' | 'removed-attribute';
type SanitizerMessage = CodedMessage & { code: SanitizerCode };

/** A long URL shortened for a message. */
const shortUrl = (src: string) => (src.length > 80 ? `${src.slice(0, 77)}...` : src);

/** What is removed of one element, in words: `removed <script> and its content (at p > script)`. */
function removals(tag: string, attribs: Record<string, string>, at: string, found: Found): void {
  const report = (m: SanitizerMessage, severity: Severity) => found(codedText('en', m), severity, m);
  if (!ALLOWED.has(tag)) {
    report(coded(REMOVED[removalOf(tag)], { tag, at }), 'warning');
    return;
  }
  if (tag === 'img' && isRemoteImageSource(attribs.src)) {
    report(coded('remote-image', { src: shortUrl(attribs.src!), at }), 'error');
    return;
  }
  if (tag === 'img' && !isAllowedImageSource(attribs.src)) {
    report(coded('removed-image', { at }), 'warning');
    return;
  }
  if (!isAllowedPlayer(tag, attribs)) {
    report(tag === 'track' ? coded('removed-captions', { at }) : coded('removed-player', { tag, at }), 'warning');
    return;
  }
  for (const name of Object.keys(attribs)) {
    if (name === 'class' && ALLOWED_CLASSES[tag]) {
      for (const c of attribs.class!.split(/\s+/).filter(Boolean)) if (!ALLOWED_CLASSES[tag]!.includes(c)) report(coded('removed-class', { class: c, at }), 'warning');
    } else if (!attributeAllowed(tag, name)) {
      report(coded('removed-attribute', { name, at }), 'warning');
    }
  }
}

/**
 * Restricted HTML for exam content. Idempotent: sanitising sanitised HTML changes nothing. `found` hears of
 * every element, attribute and class removed, with its element path; an `error` (an image on another server,
 * removed too) is one the import refuses.
 */
export function sanitizeExamHtml(html: string, found: Found = () => {}): string {
  const path: string[] = [];
  let droppingAt = 0; // depth of the element being dropped with its content (0: none)
  let gap = false; // whitespace owed before the next text: a removed element stood apart here
  return sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag(tag, attribs) {
      path.push(tag);
      if (droppingAt) return; // inside something dropped whole: not reported on its own
      removals(tag, attribs, path.join(' > '), found);
      const removal = ALLOWED.has(tag) ? (isRefusedSource(tag, attribs) ? 'embedded' : null) : removalOf(tag);
      if (removal === 'hidden' || removal === 'embedded') droppingAt = path.length;
      if (removal === 'embedded' || removal === 'block') gap = true;
    },
    onCloseTag(tag) {
      if (droppingAt === path.length) droppingAt = 0;
      else if (!droppingAt && !ALLOWED.has(tag) && removalOf(tag) === 'block') gap = true;
      path.pop();
    },
    textFilter(text) {
      if (!gap || droppingAt) return text; // text inside a dropped player goes with it: the gap is owed after it
      gap = false;
      // a newline: a space where text flows, a line break in <pre>, as the removed block's edge gave
      return /^\s/.test(text) ? text : `\n${text}`;
    },
  });
}

/**
 * Sanitises `html` and reports what it removed at `path` (one warning per distinct removal, with a count);
 * errors go to `refuse`, each once.
 */
function sanitizeField(html: string, path: Path, warn: Warn, refuse: Warn): string {
  const seen = new Map<string, { m: SanitizerMessage; n: number }>();
  const errors = new Map<string, SanitizerMessage>();
  const out = sanitizeExamHtml(html, (text, severity, m) => {
    if (severity === 'error') errors.set(text, m);
    else seen.set(text, { m, n: (seen.get(text)?.n ?? 0) + 1 });
  });
  for (const m of errors.values()) refuse(path, m);
  for (const { m, n } of seen.values()) warn(path, n > 1 ? { code: `${m.code}-times`, params: { ...m.params, times: n } } : m);
  return out;
}

export type Warn = (path: Path, message: Message) => void;

/**
 * `at`: the question's path in the import file (`exams[0].questions[3]`). Removals are reported through `warn`,
 * what the import must refuse (an image on another server) through `refuse`.
 */
export function sanitizeQuestion(q: Question, at: Path = [], warn: Warn = () => {}, refuse: Warn = warn): Question {
  const field = (html: string, ...rest: (string | number)[]) => sanitizeField(html, [...at, ...rest], warn, refuse);
  const labels = <T extends { text: string }>(list: readonly T[], name: string): T[] =>
    list.map((l, i) => ({ ...l, text: field(l.text, name, i, 'text') }));
  const stem = field(q.stem, 'stem');
  switch (q.type) {
    case 'choice': return { ...q, stem, options: labels(q.options, 'options') };
    case 'order': return { ...q, stem, items: labels(q.items, 'items') };
    case 'match': return { ...q, stem, left: labels(q.left, 'left'), right: labels(q.right, 'right') };
    case 'open': return { ...q, stem, scheme: field(q.scheme, 'scheme') };
    case 'text':
    case 'numeric': return { ...q, stem };
    case 'item': return {
      ...q, stem,
      ...(q.scheme !== undefined ? { scheme: field(q.scheme, 'scheme') } : {}),
      parts: q.parts.map((p, i) => ({
        ...p,
        ...(p.prompt !== undefined ? { prompt: field(p.prompt, 'parts', i, 'prompt') } : {}),
        ...(p.body !== undefined ? { body: field(p.body, 'parts', i, 'body') } : {}),
        ...(p.choices ? { choices: p.choices.map((c, j) => ({ ...c, text: field(c.text, 'parts', i, 'choices', j, 'text') })) } : {}),
        ...(p.targets ? { targets: p.targets.map((c, j) => ({ ...c, text: field(c.text, 'parts', i, 'targets', j, 'text') })) } : {}),
      })),
    };
  }
}

/** `at`: the exam's path in the import file (`exams[0]`); removals are reported through `warn`, errors through `refuse`. */
export function sanitizeExam<E extends Pick<Exam, 'questions'>>(exam: E, at: Path = [], warn: Warn = () => {}, refuse: Warn = warn): E {
  return { ...exam, questions: exam.questions.map((q, i) => sanitizeQuestion(q, [...at, 'questions', i], warn, refuse)) };
}
