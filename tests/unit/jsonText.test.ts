import { expect } from 'chai';
import { parseJsonText } from '../../server/import/index.ts';

describe('import JSON text', () => {
  it('parses valid JSON, also with a byte-order mark', () => {
    expect(parseJsonText('\ufeff{"a": [1, 2]}')).to.deep.equal({ ok: true, value: { a: [1, 2] } });
  });

  const cases: [string, string, string][] = [
    ['a stray closing brace', '{\n  "a": 1,\n  "b": }', 'line 3, column 8: unexpected "}"'],
    ['a trailing comma', '[1, 2,\n]', 'line 2, column 1: unexpected "]"'],
    ['a missing comma', '{"a": 1\n "b": 2}', 'line 2, column 2: unexpected "\\""'],
    ['a truncated file', '{"exams": [', 'line 1, column 12: unexpected end of the file'],
    ['an unquoted key', '{a: 1}', 'line 1, column 2: unexpected "a"'],
    ['a bad escape', '["a\\x"]', 'line 1, column 4: unexpected "\\\\"'],
    ['an empty file', '', 'line 1, column 1: unexpected end of the file'],
  ];
  for (const [what, text, message] of cases) {
    it(`says where the error is: ${what}`, () => {
      const r = parseJsonText(text);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.message).to.equal(message);
    });
  }
});
