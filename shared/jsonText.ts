/**
 * Where a JSON text breaks. `JSON.parse` messages (Node 20, Chromium) often name no position, and an admin
 * with a 20 MB import file needs a line and a column. So, on failure only, a small scanner walks the text to
 * the first character that makes it invalid. Used by `inzage import` and by the console's upload screen.
 */

export type JsonCheck = { ok: true; text: string } | { ok: false; line: number; column: number; found: string | null };

class Broken {
  constructor(readonly at: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The offset of the first character that makes `text` invalid JSON (`text.length`: it ends too soon). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new Broken(i);
  };
  const ws = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail();
        i = ESCAPE.lastIndex;
      } else {
        i++;
      }
    }
  };
  const sequence = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const member = () => {
    ws();
    if (text[i] !== '"') fail();
    string();
    ws();
    if (text[i] !== ':') fail();
    i++;
    value();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return sequence('}', member);
    if (c === '[') return sequence(']', value);
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (e instanceof Broken) return e.at;
    throw e; // a RangeError: nested too deeply for this scanner
  }
  return text.length;
}

const dropBom = (raw: string) => (raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);

/** Line, column and the offending character (null: the text ends too soon) of invalid JSON. */
function locate(text: string): { line: number; column: number; found: string | null } {
  let at: number;
  try {
    at = jsonErrorOffset(text);
  } catch {
    return { line: 1, column: 1, found: null }; // nested too deeply for this scanner
  }
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n'), found: at < text.length ? text[at]! : null };
}

/** Parse-check an import file's text; a leading byte-order mark (as Windows tools write) is dropped. */
export function checkJsonText(raw: string): JsonCheck {
  const text = dropBom(raw);
  try {
    JSON.parse(text);
    return { ok: true, text };
  } catch {
    return { ok: false, ...locate(text) };
  }
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string; /** the character found, null at the end of the text */ found: string | null };

/** JSON text → value, or an error that says where: `line 3, column 8: unexpected "}"`. */
export function parseJsonText(raw: string): JsonTextResult {
  const text = dropBom(raw);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { line, column, found } = locate(text);
    const what = found === null ? 'unexpected end of the file' : `unexpected ${JSON.stringify(found)}`;
    return { ok: false, line, column, message: `line ${line}, column ${column}: ${what}`, found };
  }
}
