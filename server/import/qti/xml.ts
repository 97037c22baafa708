/**
 * XML reading for the QTI import: @xmldom/xmldom with its locator, so that every element knows its line and
 * column, and every parse error names them. QTI 2.x and 3.0 name the same things differently
 * (`choiceInteraction` / `qti-choice-interaction`, `responseIdentifier` / `response-identifier`): `nameOf` and
 * `attr` give every element and attribute its QTI 3 name, so that the rest of the import reads one vocabulary.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { say } from '../issues.ts';

export const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

export type XmlResult = { ok: true; root: Element } | { ok: false; errors: string[] };

/** Parses `text` (a UTF-8 BOM is ignored); errors are `file:line:column: message`, all that the parser found. */
export function parseXml(text: string, file: string): XmlResult {
  const errors: string[] = [];
  const at = (loc: { lineNumber?: number; columnNumber?: number } | undefined) =>
    `${file}:${Math.max(loc?.lineNumber ?? 1, 1)}:${loc?.columnNumber ?? 1}`;
  let root: Element | null = null;
  try {
    const doc = new DOMParser({
      locator: true,
      onError: (level, message, context) => {
        if (level === 'warning') return;
        const loc = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
        if (level === 'error') errors.push(`${at(entityAt(text, message, loc) ?? loc)}: ${say('xml-malformed', { reason: oneLine(message) })}`);
      },
    }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
    root = doc.documentElement;
  } catch (e) {
    const err = e as Error & { locator?: { lineNumber?: number; columnNumber?: number } };
    errors.push(`${at(err.locator)}: ${say('xml-malformed', { reason: oneLine(err.message) })}`);
  }
  if (errors.length || !root) return { ok: false, errors: errors.length ? errors : [`${file}:1:1: ${say('xml-malformed-no-root', {})}`] };
  return { ok: true, root };
}

const oneLine = (s: string) => s.split('\n')[0]!.trim();

/**
 * xmldom reports an unknown entity at the start of the element it is in; the entity itself is found in the text
 * from there, for its own line and column.
 */
function entityAt(text: string, message: string, from: { lineNumber?: number; columnNumber?: number } | undefined) {
  const entity = /entity not found:\s*(&[^;\s]+;)/.exec(message)?.[1];
  if (!entity) return undefined;
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const startLine = Math.max((from?.lineNumber ?? 1) - 1, 0);
  for (let i = startLine; i < lines.length; i++) {
    const col = lines[i]!.indexOf(entity, i === startLine ? Math.max((from?.columnNumber ?? 1) - 1, 0) : 0);
    if (col >= 0) return { lineNumber: i + 1, columnNumber: col + 1 };
  }
  return undefined;
}

/** XHTML and HTML5 elements: in a QTI 2.x document these share the QTI namespace, unprefixed. */
const HTML = new Set([
  'a', 'abbr', 'acronym', 'address', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br',
  'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption',
  'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'label', 'li',
  'mark', 'nav', 'object', 'ol', 'p', 'param', 'picture', 'pre', 'q', 'rb', 'rp', 'rt', 'rtc', 'ruby', 's', 'samp',
  'section', 'small', 'source', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr', 'math', 'svg',
]);

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The element's name as QTI 3 writes it: `qti-…` for QTI's own elements, the HTML or MathML name otherwise. */
export function nameOf(el: Element): string {
  const local = el.localName ?? el.nodeName;
  if (el.namespaceURI === MATHML_NS || local.startsWith('qti-') || HTML.has(local)) return local;
  return `qti-${kebab(local)}`;
}

/** An attribute by its QTI 3 name (`response-identifier`), or its QTI 2.x name (`responseIdentifier`). */
export function attr(el: Element, name: string): string | undefined {
  if (el.hasAttribute(name)) return el.getAttribute(name) ?? undefined;
  const camel = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  return el.hasAttribute(camel) ? (el.getAttribute(camel) ?? undefined) : undefined;
}

export function numberAttr(el: Element, name: string): number | undefined {
  const v = attr(el, name);
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export const isElement = (n: Node): n is Element => n.nodeType === 1;

/** The child elements, or those with one of the given (QTI 3) names. */
export function children(el: Element, ...names: string[]): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && (!names.length || names.includes(nameOf(n)))) out.push(n);
  }
  return out;
}

export function child(el: Element, name: string): Element | undefined {
  return children(el, name)[0];
}

/** Every descendant element with one of the given names, in document order. */
export function descendants(el: Element, ...names: string[]): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of children(e)) {
      if (names.includes(nameOf(c))) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function textOf(el: Element): string {
  return (el.textContent ?? '').trim();
}

/** `file:line:column element[ID]`: where an element stands, for a message. */
export function where(file: string, el: Element): string {
  const id = attr(el, 'identifier') ?? attr(el, 'response-identifier');
  return `${file}:${el.lineNumber ?? 1}:${el.columnNumber ?? 1} ${nameOf(el)}${id ? `[${id}]` : ''}`;
}
