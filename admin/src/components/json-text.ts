/**
 * Where a JSON text breaks. Chromium's `JSON.parse` messages quote the text around the problem but no longer
 * name a position, and an admin with a 20 MB file needs a line and a column. So, on failure only, a small
 * scanner walks the text to the first character that makes it invalid. (The server's `inzage import` does
 * the same for the command line; the console cannot import server code.)
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

/** Parse-check an import file's text; a leading byte-order mark (as Windows tools write) is dropped. */
export function checkJsonText(raw: string): JsonCheck {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    JSON.parse(text);
    return { ok: true, text };
  } catch {
    let at: number;
    try {
      at = jsonErrorOffset(text);
    } catch {
      return { ok: false, line: 1, column: 1, found: null };
    }
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return { ok: false, line, column: at - before.lastIndexOf('\n'), found: at < text.length ? text[at]! : null };
  }
}
