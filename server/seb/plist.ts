/**
 * Property lists (Apple's plist XML), the format of Safe Exam Browser config files (`.seb`, unencrypted):
 * read into typed values and written back. Only what SEB files use: dict, array, string, integer, real,
 * true/false, data, date.
 */
import { children, parseXml, text, type XmlElement } from '../import/xml/document.ts';

export type PlistValue =
  | { type: 'dict'; entries: [string, PlistValue][] }
  | { type: 'array'; items: PlistValue[] }
  | { type: 'string'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'real'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'data'; value: Buffer }
  | { type: 'date'; value: Date };

export class PlistError extends Error {}

function read(el: XmlElement, file: string): PlistValue {
  const where = `${file}:${el.line}:${el.column}`;
  switch (el.localName) {
    case 'dict': {
      const entries: [string, PlistValue][] = [];
      const kids = children(el);
      for (let i = 0; i < kids.length; i += 2) {
        const key = kids[i]!;
        const value = kids[i + 1];
        if (key.localName !== 'key' || !value) throw new PlistError(`${where}: a dict holds <key> and value pairs`);
        entries.push([text(key), read(value, file)]);
      }
      return { type: 'dict', entries };
    }
    case 'array': return { type: 'array', items: children(el).map((c) => read(c, file)) };
    case 'string': return { type: 'string', value: text(el) };
    case 'integer': {
      const v = Number(text(el).trim());
      if (!Number.isInteger(v)) throw new PlistError(`${where}: <integer> holds "${text(el)}"`);
      return { type: 'integer', value: v };
    }
    case 'real': {
      const v = Number(text(el).trim());
      if (!Number.isFinite(v)) throw new PlistError(`${where}: <real> holds "${text(el)}"`);
      return { type: 'real', value: v };
    }
    case 'true': return { type: 'boolean', value: true };
    case 'false': return { type: 'boolean', value: false };
    case 'data': return { type: 'data', value: Buffer.from(text(el).replace(/\s+/g, ''), 'base64') };
    case 'date': {
      const d = new Date(text(el).trim());
      if (Number.isNaN(d.getTime())) throw new PlistError(`${where}: <date> holds "${text(el)}"`);
      return { type: 'date', value: d };
    }
    default: throw new PlistError(`${where}: <${el.localName}> is not a plist value`);
  }
}

/** The root value of a plist file (its `<plist>` holds one value). */
export function parsePlist(xml: string, file = 'plist'): PlistValue {
  const parsed = parseXml(xml, file);
  if (!parsed.ok) throw new PlistError(parsed.error);
  const root = parsed.root;
  if (root.localName !== 'plist' || root.children.length !== 1) throw new PlistError(`${file}: not a property list (a <plist> with one value)`);
  return read(root.children[0]!, file);
}

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function write(v: PlistValue, indent: string): string {
  switch (v.type) {
    case 'dict':
      return v.entries.length
        ? `${indent}<dict>\n${v.entries.map(([k, x]) => `${indent}\t<key>${esc(k)}</key>\n${write(x, `${indent}\t`)}`).join('\n')}\n${indent}</dict>`
        : `${indent}<dict/>`;
    case 'array':
      return v.items.length ? `${indent}<array>\n${v.items.map((x) => write(x, `${indent}\t`)).join('\n')}\n${indent}</array>` : `${indent}<array/>`;
    case 'string': return `${indent}<string>${esc(v.value)}</string>`;
    case 'integer': return `${indent}<integer>${v.value}</integer>`;
    case 'real': return `${indent}<real>${v.value}</real>`;
    case 'boolean': return `${indent}<${v.value}/>`;
    case 'data': return `${indent}<data>${v.value.toString('base64')}</data>`;
    case 'date': return `${indent}<date>${v.value.toISOString().replace(/\.\d{3}Z$/, 'Z')}</date>`;
  }
}

/** A plist file holding `root`. */
export function writePlist(root: PlistValue): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
    + `<plist version="1.0">\n${write(root, '')}\n</plist>\n`;
}

/** Plain JS settings (string, number, boolean, arrays, objects) as plist values; whole numbers become integers. */
export function plistOf(value: unknown): PlistValue {
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return Number.isInteger(value) ? { type: 'integer', value } : { type: 'real', value };
  if (Array.isArray(value)) return { type: 'array', items: value.map(plistOf) };
  if (Buffer.isBuffer(value)) return { type: 'data', value };
  if (value instanceof Date) return { type: 'date', value };
  if (value && typeof value === 'object') return { type: 'dict', entries: Object.entries(value).map(([k, v]) => [k, plistOf(v)]) };
  throw new PlistError(`no plist value for ${String(value)}`);
}
