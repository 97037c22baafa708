import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSources } from '../../server/import/files/sources.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

describe('import sources: a folder', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('sources')));
  afterEach(() => removeDir(dir));

  /** `n` files `f000.xml` … of `size` bytes each, each holding its own name, in subfolders by tens. */
  function files(n: number, size = 100): string[] {
    const names: string[] = [];
    for (let i = n - 1; i >= 0; i--) {
      const sub = `d${Math.floor(i / 10)}`;
      mkdirSync(join(dir, 'in', sub), { recursive: true });
      const name = join(sub, `f${String(i).padStart(3, '0')}.xml`);
      writeFileSync(join(dir, 'in', name), name.padEnd(size, '.'));
      names.unshift(join('in', name));
    }
    return names;
  }

  it('reads many files (more than are read at a time) in name order, each with its own content', async () => {
    const names = files(75);
    const r = await readSources(join(dir, 'in'), ['.xml']);
    expect(r.errors).to.deep.equal([]);
    expect(r.files.map((f) => f.name)).to.deep.equal(names);
    for (const f of r.files) expect(new TextDecoder().decode(f.bytes).startsWith(f.name.slice(3))).to.equal(true);
  });

  it('stops at the file that takes the total over the limit, in name order, reporting the files too large before it', async () => {
    files(60);
    writeFileSync(join(dir, 'in', 'd0', 'f000x.xml'), 'x'.repeat(2_000));
    writeFileSync(join(dir, 'in', 'd5', 'f555.xml'), 'x'.repeat(2_000));
    const r = await readSources(join(dir, 'in'), ['.xml'], { maxFileBytes: 1_000, maxTotalBytes: 3_050 });
    // f000 … f029 (30 files of 100 bytes) fit, f000x is too large on its own, f030 takes the total over
    expect(r.errors).to.deep.equal([
      `${join('in', 'd0', 'f000x.xml')}: 0 MB; at most 0 MB per file`,
      `${join(dir, 'in')}: more than 0 MB in all`,
    ]);
    expect(r.files).to.have.length(30);
    expect(r.files.at(-1)!.name).to.equal(join('in', 'd2', 'f029.xml'));
  });
});
