import { expect } from 'chai';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
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

  it('does not advance its chain when a write fails (a full disk): the next line links to the last one on disk', async () => {
    const log = new AuditLog(file);
    renameSync(file, `${file}.away`);
    mkdirSync(file); // every write to the log fails now
    const failed = await Promise.allSettled([
      log.append({ actor: 'boss', action: 'kiosk.unpaired', target: 'k1' }),
      log.append({ actor: 'boss', action: 'kiosk.unpaired', target: 'k2' }),
    ]);
    expect(failed.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    rmdirSync(file);
    renameSync(`${file}.away`, file);
    const next = await log.append({ actor: 'boss', action: 'kiosk.unpaired', target: 'k3' });
    expect(next.seq).to.equal(6);
    expect(await log.verify()).to.deep.equal({ ok: true, count: 6 });
  });

  it('cuts off an unfinished last line that a crash left (kept aside), and goes on from the line before', async () => {
    const before = readFileSync(file, 'utf8');
    appendFileSync(file, '{"seq":6,"at":"2026-12-02T10:00:00.000Z","actor":"bo'); // no line end: the append never finished
    const log = new AuditLog(file);
    expect(readFileSync(file, 'utf8')).to.equal(before);
    expect(readFileSync(`${file}.torn`, 'utf8')).to.contain('"seq":6,"at"');
    expect((await log.append({ actor: 'cli', action: 'data.purged', target: 'x' })).seq).to.equal(6);
    expect(await log.verify()).to.deep.equal({ ok: true, count: 6 });
  });

  it('still refuses a last line that does not parse but was finished (not a crash: an edit)', () => {
    appendFileSync(file, 'not json\n');
    expect(() => new AuditLog(file)).to.throw(/corrupt/);
  });
});
