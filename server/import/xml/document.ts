/**
 * Reading an XML file for the QTI imports: a DOM (@xmldom/xmldom) that knows each element's line and column,
 * a refusal with line and column for a file that is not well-formed, and the small walks the readers need
 * (children by local name, whatever the namespace or its version).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

export type XmlElement = Element;

export type XmlParse = { ok: true; root: XmlElement } | { ok: false; error: string };

/** Where an element stands: `file:line:column`. */
export function at(file: string, el: XmlElement): string {
  return el.lineNumber ? `${file}:${el.lineNumber}:${el.columnNumber}` : file;
}

/**
 * Parses the text (a leading byte order mark is dropped) or explains, with `file:line:column`, why it is not
 * well-formed XML. Anything the parser would only report as an error (an unknown entity, text after the root
 * element) refuses the file too: a results file is data, and a damaged one must not be read half.
 */
export function parseXml(text: string, file: string): XmlParse {
  let first: string | undefined;
  const parser = new DOMParser({
    locator: true,
    onError(level, message) {
      if (level === 'warning') return;
      first ??= message;
      throw new Error(message);
    },
  });
  try {
    const doc = parser.parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
    const root = doc.documentElement;
    if (!root) return { ok: false, error: `${file}: not XML: no root element` };
    return { ok: true, root };
  } catch (e) {
    const locator = (e as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const where = locator?.lineNumber ? `${file}:${locator.lineNumber}:${locator.columnNumber ?? 1}` : file;
    return { ok: false, error: `${where}: not well-formed XML: ${first ?? 'unreadable'}` };
  }
}

/** The element's name without its prefix. */
export const localName = (el: XmlElement): string => el.localName ?? el.nodeName;

/** The child elements, or those with one of the local names given. */
export function children(el: XmlElement, ...names: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!names.length || names.includes(localName(n as XmlElement)))) out.push(n as XmlElement);
  }
  return out;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => children(el, name)[0];

/** An attribute's value, `undefined` when absent or blank. */
export function attr(el: XmlElement, name: string): string | undefined {
  const v = el.getAttribute(name);
  return v === null || v.trim() === '' ? undefined : v;
}

export const text = (el: XmlElement): string => el.textContent ?? '';
