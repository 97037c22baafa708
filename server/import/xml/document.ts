/**
 * Reading an XML file for the QTI results and candidate list imports: a small element tree of our own, built
 * from `saxes` (a strict, streaming XML parser; namespaces are resolved in namespaces.ts), in which each element
 * knows the line and column of its start tag; a refusal with line and column for a file that is not
 * well-formed (or not namespace well-formed); and the small walks the readers need (children by local name, whatever the prefix, the
 * namespace or its version). Comments and processing instructions are dropped; CDATA is text.
 */
import { SaxesParser, type SaxesTag } from 'saxes';
import { DOCUMENT_SCOPE, resolveElement, type Scope } from './namespaces.ts';
import { say } from '../issues.ts';

export interface XmlElement {
  /** the name as written, prefix included (`qti:itemResult`) */
  readonly name: string;
  /** the name without its prefix (`itemResult`) */
  readonly localName: string;
  /** the element's namespace, `undefined` when it has none */
  readonly namespaceURI: string | undefined;
  /** attribute values by their name as written (`xmlns` declarations included); no prototype */
  readonly attributes: Readonly<Record<string, string>>;
  /** the child elements, in order */
  readonly children: XmlElement[];
  /** the content in order: text (CDATA included) and child elements */
  readonly content: (string | XmlElement)[];
  /** where the start tag's `<` stands, both from 1; columns count UTF-16 code units */
  readonly line: number;
  readonly column: number;
}

export type XmlParse = { ok: true; root: XmlElement } | { ok: false; error: string };

/** Where an element stands: `file:line:column`. */
export const at = (file: string, el: XmlElement): string => `${file}:${el.line}:${el.column}`;

/** Thrown from saxes' error handler to stop at the first error: `file:line:column` is added by parseXml. */
class NotWellFormed extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/**
 * Parses the text (a leading byte order mark is dropped) or explains, with `file:line:column`, why it is not
 * well-formed XML. Every error refuses the file, the first one is reported: a results file is data, and a
 * damaged one must not be read half.
 */
export function parseXml(input: string, file: string): XmlParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const parser = new SaxesParser({ position: true });
  const open: XmlElement[] = [];
  const scopes: Scope[] = [DOCUMENT_SCOPE];
  let root: XmlElement | undefined;
  let closed: XmlElement | undefined;
  let start = { line: 1, column: 1 };
  parser.on('error', (e) => {
    let message = e.message.replace(/^\d+:\d+: /, '');
    // saxes has just closed (and popped) the element that was open instead
    if (message.startsWith('unexpected close tag') && closed) message = `unexpected close tag: ${closed.name} (from ${closed.line}:${closed.column}) is not closed`;
    throw new NotWellFormed(message, parser.line, Math.max(parser.column, 1));
  });
  parser.on('opentagstart', (tag) => void (start = startOf(text, parser, tag.name)));
  parser.on('opentag', (tag: SaxesTag) => {
    const { line, column } = start;
    // without the xmlns option, saxes gives the attributes as name → value, in an object without prototype
    const attributes = tag.attributes as Record<string, string>;
    const ns = resolveElement(scopes.at(-1)!, tag.name, attributes);
    if ('error' in ns) throw new NotWellFormed(ns.error, line, column);
    const colon = tag.name.indexOf(':');
    const el: XmlElement = { name: tag.name, localName: tag.name.slice(colon + 1), namespaceURI: ns.namespaceURI, attributes, children: [], content: [], line, column };
    const parent = open.at(-1);
    if (parent) {
      parent.children.push(el);
      parent.content.push(el);
    } else root = el;
    open.push(el);
    scopes.push(ns.scope);
  });
  parser.on('closetag', () => {
    closed = open.pop();
    scopes.pop();
  });
  const addText = (t: string) => void open.at(-1)?.content.push(t);
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(text);
    if (open.length) {
      const first = open[0]!;
      throw new NotWellFormed(`unclosed xml tag(s): ${open.map((e) => e.name).join(', ')} (the first opened at ${first.line}:${first.column})`, parser.line, Math.max(parser.column, 1));
    }
    parser.close();
  } catch (e) {
    if (!(e instanceof NotWellFormed)) throw e;
    return { ok: false, error: `${file}:${e.line}:${e.column}: ${say('xml-not-well-formed', { reason: e.message })}` };
  }
  // saxes refuses a document without a root element in close(); this is for the type checker
  if (!root) return { ok: false, error: `${file}:1:1: ${say('xml-no-root', {})}` };
  return { ok: true, root };
}

/**
 * The line and column of the `<` of the start tag whose name saxes has just read. At that moment the parser
 * stands after the name and the one character that ended it (a space, `>`, `/` or a line break).
 */
function startOf(text: string, parser: SaxesParser, name: string): { line: number; column: number } {
  const position = parser.position;
  const lt = text.lastIndexOf('<', position - name.length - 1);
  if (parser.column > 0) return { line: parser.line, column: lt - (position - parser.columnIndex) + 1 };
  // the name ended with a line break: the tag's line is the one before
  const lineStart = Math.max(text.lastIndexOf('\n', lt), text.lastIndexOf('\r', lt)) + 1;
  return { line: parser.line - 1, column: lt - lineStart + 1 };
}

/** The element's name without its prefix. */
export const localName = (el: XmlElement): string => el.localName;

/** The child elements, or those with one of the local names given. */
export function children(el: XmlElement, ...names: string[]): XmlElement[] {
  return names.length ? el.children.filter((c) => names.includes(c.localName)) : [...el.children];
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.localName === name);

/** An attribute's value by its name as written, `undefined` when absent or blank. */
export function attr(el: XmlElement, name: string): string | undefined {
  const v = el.attributes[name];
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** The text of the element and all its descendants, in document order (the DOM's `textContent`). */
export function text(el: XmlElement): string {
  let out = '';
  for (const c of el.content) out += typeof c === 'string' ? c : text(c);
  return out;
}
