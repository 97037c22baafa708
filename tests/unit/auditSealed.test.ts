import { expect } from 'chai';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog, verifyAuditText } from '../../server/store/audit.ts';
import { AuditKeys, SHREDDED } from '../../server/store/auditKeys.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

describe('audit log: sealed candidate details (crypto-shredding)', () => {
  let dir: string;
  let file: string;
  const open = () => {
    const keys = new AuditKeys(dir);
    return { keys, log: new AuditLog(file, { keys }) };
  };
  const started = (review: string, sittingId: string, candidateNumber: string) => ({
    actor: 'sup1', action: 'review.started' as const, target: review, details: { examId: 'gs-kb-2026-1' },
    personal: { scope: sittingId, fields: { sittingId, candidateNumber } },
  });
  beforeEach(async () => {
    dir = tempDir('audit-sealed');
    file = join(dir, 'audit.jsonl');
    // a log as older versions wrote it: plain details only
    await new AuditLog(file).append({ actor: 'sup1', action: 'review.started', target: 'r-old', details: { sittingId: 's-old', kioskId: 'k1', examId: 'gs-kb-2026-1' } });
  });
  afterEach(() => removeDir(dir));

  it('stores what identifies a candidate only encrypted, and reads it back where the key exists', async () => {
    const { log } = open();
    await log.append(started('r-1', 's-230117', '230117'));
    const text = readFileSync(file, 'utf8');
    expect(text).not.to.contain('230117');
    expect(JSON.parse(text.trim().split('\n')[1]!).details.sealed).to.have.keys('kid', 'fields', 'iv', 'data', 'tag');
    const events = await open().log.readAll(); // a fresh process: the key came from disk
    expect(events[1]!.details).to.deep.equal({ examId: 'gs-kb-2026-1', sittingId: 's-230117', candidateNumber: '230117' });
    expect(events[0]!.details, 'an old plain line reads as it was').to.deep.equal({ sittingId: 's-old', kioskId: 'k1', examId: 'gs-kb-2026-1' });
    expect(statSync(join(dir, 'keys')).mode & 0o777).to.equal(0o700);
    expect(statSync(join(dir, 'keys', 'audit-keys.jsonl')).mode & 0o777).to.equal(0o600);
  });

  it('after the sitting\'s key is destroyed, reads "[verwijderd]" for exactly that sitting, and the chain still verifies', async () => {
    const { log, keys } = open();
    await log.append(started('r-1', 's-230117', '230117'));
    await log.append(started('r-2', 's-230118', '230118'));
    await log.append(started('r-3', 's-230117', '230117')); // a second review of the same sitting: the same key
    expect(keys.scopes().sort()).to.deep.equal(['s-230117', 's-230118']);
    const before = readFileSync(file, 'utf8');
    expect(await keys.shred(['s-230117'])).to.equal(1);
    expect(readFileSync(file, 'utf8')).to.equal(before);
    expect(verifyAuditText(before)).to.deep.equal({ ok: true, count: 4 });
    const events = await open().log.readAll();
    expect(events.map((e) => e.details.candidateNumber)).to.deep.equal([undefined, SHREDDED, '230118', SHREDDED]);
    expect(events[1]!.details).to.deep.equal({ examId: 'gs-kb-2026-1', sittingId: SHREDDED, candidateNumber: SHREDDED });
    expect(readFileSync(join(dir, 'keys', 'audit-keys.jsonl'), 'utf8')).not.to.contain('s-230117');
  });

  it('the hash covers the ciphertext: changing it breaks the chain; moving it to another line does not decrypt', async () => {
    const { log } = open();
    await log.append(started('r-1', 's-230117', '230117'));
    await log.append(started('r-2', 's-230118', '230118'));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const sealed1 = JSON.parse(lines[1]!).details.sealed;
    const edited = lines.map((l, i) => (i === 2 ? l.replace(/"data":"[^"]+"/, `"data":"${sealed1.data}"`) : l));
    expect(verifyAuditText(edited.join('\n') + '\n').ok).to.equal(false);
    writeFileSync(file, edited.join('\n') + '\n');
    expect((await open().log.readAll())[2]!.details.candidateNumber).to.equal(SHREDDED);
  });
});
