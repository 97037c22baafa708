/**
 * The audit log's anchor, segments and incremental verification (issue 11, item 4): a recomputed chain, a cut
 * tail, a removed or forged head are found by `audit verify` and by the server at its next start; a page of the
 * newest events reads only the end of the log.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog, verifyAuditFiles, type AuditLine } from '../../server/store/audit.ts';
import { ZERO, headRecord, lineOf, sha256, verifyAuditText } from '../../server/store/auditChain.ts';
import { derivedKey } from '../../server/store/secret.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

const KEY = derivedKey('a-test-secret', 'audit-head');
const anchored = (file: string, segmentLines?: number) => new AuditLog(file, { anchorKey: () => KEY, segmentLines });

describe('audit log: anchor, segments, incremental verification', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = tempDir('audit-anchor');
    file = join(dir, 'audit.jsonl');
    const log = anchored(file);
    for (let i = 1; i <= 6; i++) await log.append({ actor: 'boss', action: 'kiosk.paired', target: `k${i}`, details: { name: `Station ${i}` } });
  });
  afterEach(() => removeDir(dir));

  const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const rewrite = (ls: string[]) => writeFileSync(file, ls.map((l) => `${l}\n`).join(''));
  const verify = () => verifyAuditFiles(file, KEY);

  it('starts a new log with the line that says where anchoring began, and keeps a head that names its last line', async () => {
    const ls = lines();
    expect(JSON.parse(ls[0]!)).to.include({ seq: 1, action: 'audit.anchored' });
    const head = JSON.parse(readFileSync(join(dir, 'audit.head'), 'utf8'));
    expect(head).to.deep.equal(headRecord(KEY, { seq: 7, hash: sha256(ls[6]!) }));
    expect(verify()).to.deep.equal({ ok: true, count: 7, notes: [] });
    expect(await anchored(file).verify()).to.deep.equal({ ok: true, count: 7 });
  });

  it('finds lines cut off the end, which the chain alone cannot see, and the next start records it', async () => {
    rewrite(lines().slice(0, 5));
    expect(verifyAuditText(readFileSync(file, 'utf8')).ok, 'the chain alone').to.equal(true);
    const v = verify();
    expect(v.ok).to.equal(false);
    expect(v.problem?.reason).to.contain('2 event(s) were cut off the end');

    const log = anchored(file); // a server start on it
    expect((await log.verify()).ok).to.equal(false);
    await log.append({ actor: 'boss', action: 'kiosk.unpaired', target: 'k1' });
    const broken = lines().map((l) => JSON.parse(l) as AuditLine).find((l) => l.action === 'audit.chain-broken');
    expect(broken?.details.problem).to.contain('cut off the end');
    // the evidence stays, though the head now names the new end
    expect(verify().ok).to.equal(false);
    expect(verify().problem).to.include({ seq: 6 });
    expect((await anchored(file).verify()).problem).to.include({ seq: 6 });
  });

  it('finds a chain recomputed after an edit', async () => {
    const events = lines().map((l) => JSON.parse(l) as AuditLine);
    events[3]!.details = { name: 'Station 99' };
    let prev = ZERO;
    rewrite(events.map(({ prev: _p, hash: _h, ...e }) => {
      const line = lineOf(prev, e);
      prev = sha256(line);
      return line;
    }));
    expect(verifyAuditText(readFileSync(file, 'utf8')).ok, 'the chain alone').to.equal(true);
    expect(verify().problem?.reason).to.contain('rewritten');
    expect((await anchored(file).verify()).problem?.reason).to.contain('rewritten');
  });

  it('finds a forged head and a head made with another secret', () => {
    const head = JSON.parse(readFileSync(join(dir, 'audit.head'), 'utf8'));
    writeFileSync(join(dir, 'audit.head'), JSON.stringify({ ...head, count: 5 }));
    expect(verify().problem?.reason).to.contain('altered');
    writeFileSync(join(dir, 'audit.head'), JSON.stringify(headRecord(derivedKey('another', 'audit-head'), { seq: 7, hash: head.hash })));
    expect(verify().problem?.reason).to.contain('altered');
  });

  it('finds a removed head, and a start after it leaves a second anchor line that says so', async () => {
    rmSync(join(dir, 'audit.head'));
    expect(verify().problem?.reason).to.contain('is missing');
    const log = anchored(file);
    await log.append({ actor: 'boss', action: 'kiosk.unpaired', target: 'k1' });
    expect(lines().map((l) => JSON.parse(l).action).filter((a) => a === 'audit.anchored')).to.have.length(2);
    expect(verify().problem).to.include({ seq: 8 });
    expect((await anchored(file).verify()).problem?.reason).to.contain('head record was missing');
  });

  it('anchors a log from before anchoring at its next start, with a note and no alarm', async () => {
    const old = tempDir('audit-old');
    try {
      const f = join(old, 'audit.jsonl');
      const plain = new AuditLog(f); // an earlier version: no head
      await plain.append({ actor: 'boss', action: 'kiosk.paired', target: 'k1', details: {} });
      expect(verifyAuditFiles(f, KEY)).to.deep.include({ ok: true, notes: ['the log is not anchored yet (written by an older version): the next server start anchors it'] });
      await anchored(f).append({ actor: 'boss', action: 'kiosk.paired', target: 'k2', details: {} });
      expect(verifyAuditFiles(f, KEY)).to.deep.equal({ ok: true, count: 3, notes: [] });
      expect(existsSync(join(old, 'audit.head'))).to.equal(true);
    } finally {
      removeDir(old);
    }
  });

  it('verifies across sealed segments, and finds a segment that went missing', async () => {
    const seg = tempDir('audit-seg');
    try {
      const f = join(seg, 'audit.jsonl');
      const log = anchored(f, 4);
      for (let i = 1; i <= 13; i++) await log.append({ actor: 'boss', action: 'kiosk.renamed', target: `k${i}`, details: {} });
      expect(readdirSync(join(seg, 'audit'))).to.have.length(3); // 14 lines with the anchor: 4 + 4 + 4 sealed, 2 in audit.jsonl
      expect(verifyAuditFiles(f, KEY)).to.deep.equal({ ok: true, count: 14, notes: [] });
      expect(await anchored(f, 4).verify()).to.deep.equal({ ok: true, count: 14 });
      rmSync(join(seg, 'audit', '000000000005.jsonl'));
      expect(verifyAuditFiles(f, KEY).ok).to.equal(false);
      expect((await anchored(f, 4).verify()).problem).to.include({ seq: 5 });
    } finally {
      removeDir(seg);
    }
  });

  it('reads a page and checks new lines without touching the older segments (the cost does not grow with the log)', async function () {
    this.timeout(60_000);
    const big = tempDir('audit-big');
    try {
      const f = join(big, 'audit.jsonl');
      const log = anchored(f, 5_000);
      // 40,000 events in eight segments, written in batches as a busy server would
      for (let b = 0; b < 40; b++) {
        await Promise.all(Array.from({ length: 1000 }, (_, i) => log.append({ actor: 'bulk', action: 'kiosk.renamed', target: `k${b * 1000 + i}`, details: { name: `Station ${i}` } })));
      }
      expect(await log.verify()).to.deep.equal({ ok: true, count: 40_001 }); // the first check reads everything once
      // the older sealed segments go away (the newest stays: the page may need it): whatever still works did not read them
      const sealed = readdirSync(join(big, 'audit')).sort();
      expect(sealed.length).to.be.at.least(7);
      mkdirSync(join(big, 'away'));
      for (const name of sealed.slice(0, -1)) renameSync(join(big, 'audit', name), join(big, 'away', name));
      await log.append({ actor: 'boss', action: 'kiosk.unpaired', target: 'k1' });
      const page = await log.page(() => true, 50);
      expect(page.events.map((e) => e.seq)).to.deep.equal(Array.from({ length: 50 }, (_, i) => 40_002 - 49 + i));
      expect(page.more).to.equal(true);
      expect(await log.verify()).to.deep.equal({ ok: true, count: 40_002 }); // only the new line was checked
      for (const name of sealed.slice(0, -1)) renameSync(join(big, 'away', name), join(big, 'audit', name));
      expect(verifyAuditFiles(f, KEY)).to.deep.equal({ ok: true, count: 40_002, notes: [] });
    } finally {
      removeDir(big);
    }
  });

  it('names each append in the head before it resolves, except one anchored later, which the head follows and never passes', async () => {
    const log = anchored(file);
    const headSeq = () => (JSON.parse(readFileSync(join(dir, 'audit.head'), 'utf8')) as { count: number }).count;
    const later = await log.append({ actor: 'boss', action: 'kiosk.renamed', target: 'k0', details: {} }, { anchorLater: true });
    expect(headSeq(), 'the append did not wait for the head').to.be.below(later.seq);
    const named = await log.append({ actor: 'boss', action: 'kiosk.renamed', target: 'k1', details: {} });
    expect(headSeq(), 'this one did').to.equal(named.seq);
    // appends anchored later that meet: as each resolves, the head is not ahead of what the file holds
    await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      const e = await log.append({ actor: 'boss', action: 'kiosk.renamed', target: `k${i + 2}`, details: {} }, { anchorLater: true });
      expect(lines().length).to.be.at.least(e.seq);
      expect(headSeq()).to.be.at.most(lines().length);
    }));
    await log.flush();
    expect(headSeq()).to.equal(49); // 7 before, 42 now
    expect(verify()).to.deep.equal({ ok: true, count: 49, notes: [] });
  });

  it('rewrites the head once for the starts and ends of a second, sooner when another append or a flush needs it', async () => {
    const headSeq = () => (JSON.parse(readFileSync(join(dir, 'audit.head'), 'utf8')) as { count: number }).count;
    const slow = new AuditLog(file, { anchorKey: () => KEY, headLaterMs: 3_600_000 });
    await slow.append({ actor: 'boss', action: 'kiosk.renamed', target: 'k0', details: {} });
    const before = headSeq();
    for (let i = 1; i <= 3; i++) await slow.append({ actor: 'boss', action: 'kiosk.renamed', target: `k${i}`, details: {} }, { anchorLater: true });
    expect(headSeq(), 'no rewrite per later append').to.equal(before);
    const named = await slow.append({ actor: 'boss', action: 'kiosk.renamed', target: 'k4', details: {} });
    expect(headSeq(), 'an append that waits for the head: it names every line before it too').to.equal(named.seq);
    const later = await slow.append({ actor: 'boss', action: 'kiosk.renamed', target: 'k5', details: {} }, { anchorLater: true });
    await slow.flush();
    expect(headSeq(), 'a flush (a clean stop) leaves the head naming the last line').to.equal(later.seq);
    expect(verify()).to.deep.equal({ ok: true, count: later.seq, notes: [] });

    // without anything else: the head follows on its own
    const soon = new AuditLog(file, { anchorKey: () => KEY, headLaterMs: 5 });
    const last = await soon.append({ actor: 'boss', action: 'kiosk.renamed', target: 'k6', details: {} }, { anchorLater: true });
    while (headSeq() < last.seq) await new Promise((r) => setTimeout(r, 5));
    expect(headSeq()).to.equal(last.seq);
    await soon.flush();
  });

  it('catches an edit of a line a page shows, after the full check', async () => {
    const log = anchored(file);
    expect((await log.verify()).ok).to.equal(true);
    const ls = lines();
    ls[4] = ls[4]!.replace('Station 4', 'Station 8');
    rewrite(ls);
    await log.page(() => true, 3);
    expect((await log.verify()).problem).to.deep.include({ seq: 5 });
  });
});
