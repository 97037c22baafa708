import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../../server/store/audit.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

describe('audit log', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = tempDir('audit');
    file = join(dir, 'audit.jsonl');
    const log = new AuditLog(file);
    await Promise.all([1, 2, 3, 4, 5].map((i) => log.append({ actor: 'boss', action: 'kiosk.paired', target: `k${i}`, details: { name: `Station ${i}` } })));
  });
  afterEach(() => removeDir(dir));

  const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const rewrite = (ls: string[]) => writeFileSync(file, ls.map((l) => `${l}\n`).join(''));

  it('numbers events one after another, and its chain verifies, also after a reopen', async () => {
    const log = new AuditLog(file);
    expect((await log.readAll()).map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5]);
    await log.append({ actor: 'cli', action: 'data.purged', target: 'x' });
    expect(await log.verify()).to.deep.equal({ ok: true, count: 6 });
  });

  it('detects an edited line', async () => {
    const ls = lines();
    ls[2] = ls[2]!.replace('Station 3', 'Station 9');
    rewrite(ls);
    const v = await new AuditLog(file).verify();
    expect(v.ok).to.equal(false);
    expect(v.problem).to.include({ line: 3 });
    expect(v.problem?.reason).to.contain('edited');
  });

  it('detects a removed line', async () => {
    const ls = lines();
    ls.splice(1, 1);
    rewrite(ls);
    const v = await new AuditLog(file).verify();
    expect(v.ok).to.equal(false);
    expect(v.problem).to.include({ line: 2 });
  });

  it('detects an edited last line', async () => {
    const ls = lines();
    ls[4] = ls[4]!.replace('"actor":"boss"', '"actor":"someone"');
    rewrite(ls);
    const v = await new AuditLog(file).verify();
    expect(v.ok).to.equal(false);
    expect(v.problem).to.include({ line: 5 });
  });
});
