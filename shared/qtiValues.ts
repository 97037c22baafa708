/**
 * QTI value strings compared by their base type (QTI 3.0 §baseType): each value is reduced to a canonical
 * string, so that equal values have equal canonical forms and sets, sequences and distinct values are plain
 * string operations. Pure: no Node or DOM APIs.
 */
import type { ItemPart } from './schema.ts';

export type BaseType = NonNullable<ItemPart['baseType']>;

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** A number as written in a response or a key; a comma decimal (`3,14`, as Dutch exports write it) is read as a point. */
export function parseQtiNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** A point value `"x y"` (QTI writes the two coordinates separated by white space). */
export function parseQtiPoint(text: string): [number, number] | undefined {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return undefined;
  const x = parseQtiNumber(parts[0]!);
  const y = parseQtiNumber(parts[1]!);
  return x === undefined || y === undefined ? undefined : [x, y];
}

const tokens = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/**
 * The canonical form of one value. A value that does not parse as its base type keeps its text (marked, so it
 * never equals a parsed value): a malformed response is then simply not equal to the key.
 */
export function canonicalValue(value: string, baseType: BaseType | undefined, caseSensitive = true): string {
  switch (baseType) {
    case 'integer':
    case 'float': {
      const n = parseQtiNumber(value);
      return n === undefined ? `\u0000${value}` : String(n === 0 ? 0 : n); // -0 and 0 are one value
    }
    case 'point': {
      const p = parseQtiPoint(value);
      return p ? `${p[0]} ${p[1]}` : `\u0000${value}`;
    }
    // a pair's two identifiers are unordered; a directed pair's are source then target
    case 'pair': return tokens(value).sort().join(' ');
    case 'directedPair': return tokens(value).join(' ');
    case 'boolean': {
      const b = value.trim().toLowerCase();
      return b === '1' ? 'true' : b === '0' ? 'false' : b;
    }
    case 'string': return caseSensitive ? value : value.toLowerCase();
    default: {
      // identifiers, uris, durations, and values whose base type the export left out
      const v = tokens(value).join(' ');
      return caseSensitive ? v : v.toLowerCase();
    }
  }
}

/** The distinct canonical values of a response, in their first order. */
export function distinctValues(values: readonly string[], baseType: BaseType | undefined, caseSensitive = true): string[] {
  return [...new Set(values.map((v) => canonicalValue(v, baseType, caseSensitive)))];
}
