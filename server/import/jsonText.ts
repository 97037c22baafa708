/**
 * JSON text → value, or an error that says where: `line 3, column 8: unexpected "}"`. JSON.parse's own
 * messages in Node 20 often give no position at all, so on failure a small scanner finds the first offending
 * character. A leading byte-order mark (as some Windows tools write) is ignored.
 */
export type JsonTextResult = { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string };

export function parseJsonText(text: string): JsonTextResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const at = errorOffset(body);
    if (at < 0) return { ok: false, line: 1, column: 1, message: 'nested too deeply to read' };
    const before = body.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const what = at >= body.length ? 'unexpected end of the file' : `unexpected ${JSON.stringify(body[at])}`;
    return { ok: false, line, column, message: `line ${line}, column ${column}: ${what}` };
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** The offset of the first character that makes `text` invalid JSON. */
function errorOffset(text: string): number {
  let i = 0;
  const fail = (): never => { throw new Offset(i); };
  const ws = () => { while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++; };
  const expect = (c: string) => { ws(); if (text[i] !== c) fail(); i++; };
  const string = () => {
    i++; // opening quote
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') { i++; return; }
      if (c === '\\') {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail();
        i = ESCAPE.lastIndex;
      } else i++;
    }
  };
  const sequence = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) { i++; return; }
    for (;;) {
      item();
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === close) { i++; return; }
      fail();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return sequence('}', () => { ws(); if (text[i] !== '"') fail(); string(); expect(':'); value(); });
    if (c === '[') return sequence(']', value);
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) { i = NUMBER.lastIndex; return; }
    for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, i)) { i += literal.length; return; }
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (e instanceof Offset) return e.at;
    if (e instanceof RangeError) return -1; // nesting too deep for this scanner
    throw e;
  }
  return text.length;
}

class Offset { constructor(readonly at: number) {} }
