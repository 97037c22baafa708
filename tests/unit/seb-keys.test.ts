import { expect } from 'chai';
import { parseConfigKeys } from '../../admin/src/components/seb-keys.ts';

describe('console: Config Keys typed for a room (one per line)', () => {
  const key = 'ab'.repeat(32);
  it('takes 64 hexadecimal characters per line, lower-cased, skipping blank lines', () => {
    expect(parseConfigKeys(`  ${key.toUpperCase()}  \r\n\n${'0'.repeat(64)}\n`)).to.deep.equal({ ok: true, keys: [key, '0'.repeat(64)] });
    expect(parseConfigKeys('\n \n')).to.deep.equal({ ok: true, keys: [] });
  });
  it('names every line that is not such a key', () => {
    expect(parseConfigKeys(`${key}\nniet-hex\n${'a'.repeat(63)}\n${'a'.repeat(65)}\n${'g'.repeat(64)}`)).to.deep.equal({ ok: false, badLines: [2, 3, 4, 5] });
  });
});
