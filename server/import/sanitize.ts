/**
 * Question HTML (stems, option/item texts, marking schemes) is sanitised on import with sanitize-html and a
 * small allowlist for exam content: text formatting, lists, tables, figures and images.
 *
 * - No links: a kiosk is a locked-down browser, and a link would lead the candidate away from the review.
 *   The link text stays.
 * - Images only from `https:` or inline `data:image/…` (png, jpeg, gif, webp).
 * - No scripts, styles, frames or forms (script/style content is dropped, other text stays); no event
 *   handler, `style` or `class` attributes; no `javascript:` or other URL schemes.
 */
import sanitizeHtml from 'sanitize-html';
import type { Exam, Question } from '../../shared/domain.ts';

const INLINE_IMAGE = /^data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'div', 'span', 'blockquote', 'pre', 'code',
    'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
    'figure', 'figcaption', 'img',
  ],
  allowedAttributes: {
    '*': ['lang', 'dir'],
    img: ['src', 'alt', 'width', 'height'],
    ol: ['start', 'type'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    col: ['span'],
    colgroup: ['span'],
  },
  allowedSchemes: [],
  allowedSchemesByTag: { img: ['https', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  parseStyleAttributes: false,
  // `data:` is allowed for images only, and only for raster image types (not e.g. data:text/html).
  exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImageSource(frame.attribs.src),
};

function isAllowedImageSource(src: string | undefined): boolean {
  if (!src) return false;
  return src.startsWith('https://') || INLINE_IMAGE.test(src);
}

/** Restricted HTML for exam content. Idempotent: sanitising sanitised HTML changes nothing. */
export function sanitizeExamHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

const labels = <T extends { text: string }>(list: readonly T[]): T[] => list.map((l) => ({ ...l, text: sanitizeExamHtml(l.text) }));

export function sanitizeQuestion(q: Question): Question {
  const stem = sanitizeExamHtml(q.stem);
  switch (q.type) {
    case 'choice': return { ...q, stem, options: labels(q.options) };
    case 'order': return { ...q, stem, items: labels(q.items) };
    case 'match': return { ...q, stem, left: labels(q.left), right: labels(q.right) };
    case 'open': return { ...q, stem, scheme: sanitizeExamHtml(q.scheme) };
    case 'text':
    case 'numeric': return { ...q, stem };
  }
}

export function sanitizeExam<E extends Pick<Exam, 'questions'>>(exam: E): E {
  return { ...exam, questions: exam.questions.map(sanitizeQuestion) };
}
