/**
 * The audit keys' file (server/store/auditKeys.ts): a line appended per key made (keys made together share one
 * write), rewritten whole by a shred; the JSON document of earlier builds still opens and is replaced.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, rmdirSync, statSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuditKeys } from '../../server/store/auditKeys.ts';
import { CorruptDataError } from '../../server/store/index.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

const aad = 'review.started\nr-1';
const sealOf = (keys: AuditKeys, scope: string) => keys.seal(scope, { sittingId: scope }, aad);

describe('audit keys: the file', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('auditkeys'); });
  afterEach(() => removeDir(dir));
  const file = () => join(dir, 'keys', 'audit-keys.jsonl');

  it('appends a line per key, keys made together sharing one write, each durable; a reopen opens what they sealed', async () => {
    const keys = new AuditKeys(dir);
    const sealed = Array.from({ length: 30 }, (_, i) => sealOf(keys, `s-${i}`));
    await Promise.all(sealed.map((s) => s.persisted));
    expect(keys.stats.writes).to.be.at.least(1).and.below(30);
    expect(readFileSync(file(), 'utf8').trim().split('\n')).to.have.length(30);
    expect(statSync(file()).mode & 0o777).to.equal(0o600);
    const again = new AuditKeys(dir);
    sealed.forEach((s, i) => expect(again.open(s.sealed, aad)).to.deep.equal({ sittingId: `s-${i}` }));
  });

  it('a key whose write fails is not kept: prepare and the seals waiting for it are told, and the next prepare makes another', async () => {
    const keys = new AuditKeys(dir);
    mkdirSync(file()); // a folder with the file's name: the first append cannot open it (as a full disk fails it)
    const prepared = keys.prepare('s-a');
    const meanwhile = sealOf(keys, 's-a'); // sealed while the key is being written: it waits for that write
    const failures = await Promise.allSettled([prepared, meanwhile.persisted]);
    expect(failures.map((f) => f.status)).to.deep.equal(['rejected', 'rejected']);
    expect(keys.scopes(), 'the key is not kept').to.deep.equal([]);
    expect(keys.open(meanwhile.sealed, aad), 'what was sealed with it cannot be opened').to.equal(null);
    rmdirSync(file());
    await keys.prepare('s-a');
    const after = sealOf(keys, 's-a');
    expect(after.sealed.kid, 'another key').not.to.equal(meanwhile.sealed.kid);
    await after.persisted;
    const again = new AuditKeys(dir);
    expect(again.scopes()).to.deep.equal(['s-a']);
    expect(again.open(after.sealed, aad)).to.deep.equal({ sittingId: 's-a' });
  });

  it('a shred rewrites the file without the keys, and a reopen does not bring them back', async () => {
    const keys = new AuditKeys(dir);
    const a = sealOf(keys, 's-a');
    const b = sealOf(keys, 's-b');
    await Promise.all([a.persisted, b.persisted]);
    expect(await keys.shred(['s-a', 's-none'])).to.equal(1);
    expect(readFileSync(file(), 'utf8')).not.to.contain('s-a');
    const again = new AuditKeys(dir);
    expect(again.scopes()).to.deep.equal(['s-b']);
    expect(again.open(a.sealed, aad)).to.equal(null);
    // and appends go on after the rewrite
    const c = sealOf(again, 's-c');
    await c.persisted;
    expect(new AuditKeys(dir).scopes()).to.deep.equal(['s-b', 's-c']);
  });

  it('opens the audit-keys.json of an earlier build, and replaces it at the first write (a shred then never brings a key back)', async () => {
    mkdirSync(join(dir, 'keys'), { recursive: true });
    const old = new AuditKeys(dir);
    const a = sealOf(old, 's-a');
    await a.persisted;
    const line = JSON.parse(readFileSync(file(), 'utf8').trim());
    removeDir(file());
    writeFileSync(join(dir, 'keys', 'audit-keys.json'), JSON.stringify({ version: 1, keys: { [line.kid]: { scope: line.scope, key: line.key } } }));
    const keys = new AuditKeys(dir);
    expect(keys.open(a.sealed, aad)).to.deep.equal({ sittingId: 's-a' });
    expect(existsSync(file()), 'opening writes nothing').to.equal(false);
    await sealOf(keys, 's-b').persisted;
    expect(existsSync(join(dir, 'keys', 'audit-keys.json'))).to.equal(false);
    expect(new AuditKeys(dir).scopes()).to.deep.equal(['s-a', 's-b']);
    await keys.shred(['s-a']);
    expect(new AuditKeys(dir).scopes()).to.deep.equal(['s-b']);
  });

  it('a shred as the first write after an upgrade replaces the earlier file with every key first, then destroys', async () => {
    mkdirSync(join(dir, 'keys'), { recursive: true });
    const entry = (scope: string) => ({ scope, key: Buffer.alloc(32, scope.length).toString('base64') });
    writeFileSync(join(dir, 'keys', 'audit-keys.json'), JSON.stringify({ version: 1, keys: { k1: entry('s-a'), k2: entry('s-bb') } }));
    const keys = new AuditKeys(dir);
    expect(await keys.shred(['s-a'])).to.equal(1);
    expect(keys.stats.writes, 'the upgrade, then the shred').to.equal(2);
    expect(existsSync(join(dir, 'keys', 'audit-keys.json'))).to.equal(false);
    expect(readFileSync(file(), 'utf8')).not.to.contain('s-a"');
    expect(new AuditKeys(dir).scopes()).to.deep.equal(['s-bb']);
  });

  it('drops an unfinished last line (a crash in the append), and stops on a damaged line before it', async () => {
    const keys = new AuditKeys(dir);
    const a = sealOf(keys, 's-a');
    await a.persisted;
    await sealOf(keys, 's-b').persisted;
    const full = readFileSync(file());
    truncateSync(file(), full.length - 10);
    const emitWarning = process.emitWarning;
    const warnings: string[] = [];
    process.emitWarning = ((w: string) => { warnings.push(String(w)); }) as typeof process.emitWarning;
    try {
      const again = new AuditKeys(dir);
      expect(again.scopes()).to.deep.equal(['s-a']);
      await sealOf(again, 's-c').persisted;
    } finally {
      process.emitWarning = emitWarning;
    }
    expect(warnings.join()).to.contain('removed an unfinished last line');
    expect(new AuditKeys(dir).scopes()).to.deep.equal(['s-a', 's-c']);
    const lines = readFileSync(file(), 'utf8').split('\n');
    lines[0] = lines[0]!.slice(0, 15);
    writeFileSync(file(), lines.join('\n'));
    expect(() => new AuditKeys(dir)).to.throw(CorruptDataError, /audit-keys\.jsonl.*line 1 does not parse/);
  });
});
