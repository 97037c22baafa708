/**
 * The review journal (server/store/reviewJournal.ts; docs/design.md: The review journal): the file store's review
 * sessions and records as fsynced appends with group commit, compacted into a snapshot, loaded as snapshot + replay.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorruptDataError, openStore } from '../../server/store/index.ts';
import { ReviewJournal, readStoredReviews } from '../../server/store/reviewJournal.ts';
import type { ReviewSession } from '../../shared/domain.ts';
import type { ReviewRecord } from '../../shared/reviewRecord.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { ROOT } from '../support/processes.ts';

const session = (id: string, extra: Partial<ReviewSession> = {}): ReviewSession => ({
  id, sittingId: `s-${id}`, kioskId: `k-${id}`, candidateNumber: `c-${id}`, approvedById: 'u1',
  startedAt: '2026-06-01T08:00:00.000Z', endsAt: '2026-06-01T08:30:00.000Z', position: 'q1', viewed: ['q1'], ...extra,
});
const ended = (s: ReviewSession, at = '2026-06-01T08:10:00.000Z'): ReviewSession => ({ ...s, endedAt: at, endedBy: 'u1', endReason: 'ended-by-supervisor' });
const record = (id: string, sittingId = `s-${id}`) => ({ id, sittingId, candidateNumber: `c-${id}`, endReason: 'ended-by-supervisor' }) as unknown as ReviewRecord;
const segments = (dir: string) => readdirSync(dir).filter((f) => /^reviews-journal\.\d+\.jsonl$/.test(f)).sort();
const stored = (dir: string) => readStoredReviews(dir);

describe('review journal', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('journal'); });
  afterEach(() => removeDir(dir));

  it('reads back after a reopen what was written: starts, moves, ends that trim the history, records, removals', async () => {
    const store = openStore(dir, { hotWriteDelayMs: 5 });
    for (const id of ['a', 'b', 'c', 'd']) await store.reviews.add(session(id));
    store.reviews.moveSoon({ ...session('b'), position: 'q3', viewed: ['q1', 'q3'] });
    await store.reviews.end(ended(store.reviews.get('a')!), 2);
    await store.reviews.end(ended(store.reviews.get('c')!), 2);
    await store.reviews.end(ended(store.reviews.get('d')!), 2); // keeps the newest two ended: c and d, not a
    await store.reviewRecords.putAll([record('a'), record('c')]);
    await store.reviewRecords.put({ ...record('a'), kioskName: 'moved last' } as ReviewRecord);
    expect(await store.reviews.removeWhere((s) => s.id === 'c')).to.have.length(1);
    await store.flush();
    const before = { reviews: store.reviews.all(), records: store.reviewRecords.all() };
    expect(before.reviews.map((r) => r.id)).to.deep.equal(['b', 'd']);
    expect(before.records.map((r) => r.id)).to.deep.equal(['c', 'a']);
    const again = openStore(dir);
    expect(again.reviews.all()).to.deep.equal(before.reviews);
    expect(again.reviews.get('b')?.position).to.equal('q3');
    expect(again.reviews.active().map((r) => r.id)).to.deep.equal(['b']);
    expect(again.reviewRecords.all()).to.deep.equal(before.records);
  });

  it('shares one fsync among the writes that arrive while one is under way (group commit), each durable', async () => {
    const journal = new ReviewJournal(dir);
    const adds = Array.from({ length: 50 }, (_, i) => journal.commit({ op: 'add', s: session(`r${i}`) }));
    await Promise.all(adds);
    expect(journal.stats.lines).to.equal(50);
    expect(journal.stats.writes).to.be.at.least(1).and.below(50);
    // and again while a write is in flight
    const first = journal.commit({ op: 'add', s: session('x0') });
    const more = Array.from({ length: 20 }, (_, i) => journal.commit({ op: 'add', s: session(`x${i + 1}`) }));
    await Promise.all([first, ...more]);
    expect(journal.stats.writes).to.be.below(50 + 21);
    expect(stored(dir).reviews).to.have.length(71);
  });

  it('coalesces moves into one write, and a move never undoes an end or brings a removed session back', async () => {
    const journal = new ReviewJournal(dir, { delayMs: 10_000 });
    await journal.commit({ op: 'add', s: session('a') });
    await journal.commit({ op: 'add', s: session('b') });
    const writes = journal.stats.writes;
    for (const q of ['q2', 'q3', 'q4']) journal.moveSoon({ ...session('a'), position: q });
    journal.moveSoon({ ...session('b'), position: 'q9' });
    await journal.commit({ op: 'end', s: ended(journal.state.reviews.get('b')!), keep: 10 });
    journal.moveSoon({ ...session('a'), position: 'q5' });
    await journal.commit({ op: 'del', ids: ['a'] });
    await journal.flush();
    expect(journal.stats.writes - writes).to.equal(2); // the end and the removal; the moves went with them or not at all
    const { reviews } = stored(dir);
    expect(reviews.map((r) => [r.id, r.position, !!r.endedAt])).to.deep.equal([['b', 'q9', true]]);
  });

  it('compacts into a snapshot in the background; a reopen reads the same, and the old segments are gone', async () => {
    const store = openStore(dir, { reviewCompactBytes: 2048 });
    for (let i = 0; i < 40; i++) {
      await store.reviews.add(session(`r${i}`));
      if (i % 2) await Promise.all([store.reviews.end(ended(store.reviews.get(`r${i - 1}`)!), 5), store.reviewRecords.put(record(`r${i - 1}`))]);
    }
    await store.flush();
    expect(existsSync(join(dir, 'reviews-snapshot.json'))).to.equal(true);
    expect(segments(dir)).to.have.length.at.most(1); // the one written since the last compaction, if any
    const snapshot = JSON.parse(readFileSync(join(dir, 'reviews-snapshot.json'), 'utf8'));
    expect(snapshot.seq).to.be.above(0);
    const again = openStore(dir);
    expect(again.reviews.all()).to.deep.equal(store.reviews.all());
    expect(again.reviewRecords.all()).to.deep.equal(store.reviewRecords.all());
    expect(store.reviews.all().filter((r) => r.endedAt)).to.have.length(5);
  });

  it('a crash at any point of a compaction loses nothing and applies nothing twice (snapshot, then the segments it covers removed)', async () => {
    const journal = new ReviewJournal(dir, { compactBytes: 1 << 30 });
    for (let i = 0; i < 6; i++) await journal.commit({ op: 'add', s: session(`r${i}`) });
    await journal.commit({ op: 'end', s: ended(journal.state.reviews.get('r0')!), keep: 2 });
    await journal.commit({ op: 'end', s: ended(journal.state.reviews.get('r1')!), keep: 2 });
    await journal.commit({ op: 'rec', r: [record('r0'), record('r1')] });
    await journal.commit({ op: 'recdel', ids: ['r0'] });
    const oldSegments = segments(dir).map((f) => [f, readFileSync(join(dir, f))] as const);
    const compacting = journal.compact();
    // a write that arrives during the compaction goes to the next segment
    const during = journal.commit({ op: 'end', s: ended(journal.state.reviews.get('r2')!), keep: 2 });
    await Promise.all([compacting, during]);
    const expected = stored(dir);
    expect(expected.reviews.filter((r) => r.endedAt).map((r) => r.id)).to.deep.equal(['r1', 'r2']);
    expect(expected.records.map((r) => r.id)).to.deep.equal(['r1']);
    // the crash came after the snapshot was renamed into place, before the old segments were removed: put them back
    for (const [f, text] of oldSegments) writeFileSync(join(dir, f), text);
    expect(stored(dir)).to.deep.equal(expected); // r0's end is not applied again (which would trim r1), r0's record not resurrected
    // the crash came before the rename: the old snapshot (none) and every segment, plus the temp file of the write
    rmSync(join(dir, 'reviews-snapshot.json'));
    writeFileSync(join(dir, `reviews-snapshot.json.tmp-${process.pid}-999`), '{"version":1,"seq":');
    expect(stored(dir)).to.deep.equal(expected);
  });

  it('drops a torn last line at every byte offset of the last record, keeps everything before it, and writes on cleanly', async () => {
    const journal = new ReviewJournal(dir);
    await journal.commit({ op: 'add', s: session('a') });
    await journal.commit({ op: 'rec', r: [record('a')] });
    await journal.commit({ op: 'add', s: session('b', { position: 'q7' }) });
    const before = { reviews: [session('a')], records: [record('a')] };
    const after = { ...before, reviews: [session('a'), session('b', { position: 'q7' })] };
    const [seg] = segments(dir);
    const full = readFileSync(join(dir, seg!));
    const warnings: string[] = [];
    const emitWarning = process.emitWarning;
    process.emitWarning = ((w: string) => { warnings.push(String(w)); }) as typeof process.emitWarning;
    const lastStart = full.subarray(0, -1).lastIndexOf(10) + 1;
    try {
    for (let cut = lastStart; cut <= full.length; cut++) {
      const copy = tempDir('journal-cut');
      try {
        cpSync(dir, copy, { recursive: true });
        truncateSync(join(copy, seg!), cut);
        // a line cut before its end is dropped; one that lacks only its line end is whole and kept
        const want = cut >= full.length - 1 ? after : before;
        expect(stored(copy), `cut at ${cut}`).to.deep.equal(want);
        const reopened = new ReviewJournal(copy);
        await reopened.commit({ op: 'add', s: session('c') });
        const again = stored(copy);
        expect(again.reviews.map((r) => r.id), `cut at ${cut}`).to.deep.equal([...want.reviews.map((r) => r.id), 'c']);
        for (const line of readFileSync(join(copy, seg!), 'utf8').split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.to.throw();
        expect(existsSync(join(copy, `${seg}.torn`)), `cut at ${cut}`).to.equal(cut > lastStart && cut < full.length - 1);
      } finally {
        removeDir(copy);
      }
    }
    } finally {
      process.emitWarning = emitWarning;
    }
    // one warning per cut that left an unfinished line, naming the file and where the line was kept
    expect(warnings).to.have.length(full.length - 2 - lastStart);
    expect(warnings[0]).to.match(/reviews-journal\.000001\.jsonl: removed an unfinished last line left by a crash \(kept in .*\.torn\)/);
  });

  it('stops with a CorruptDataError naming the file and line when a line before the last does not parse', async () => {
    const journal = new ReviewJournal(dir);
    for (const id of ['a', 'b', 'c']) await journal.commit({ op: 'add', s: session(id) });
    const [seg] = segments(dir);
    const path = join(dir, seg!);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 20);
    writeFileSync(path, lines.join('\n'));
    let error: unknown;
    try {
      openStore(dir);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(CorruptDataError);
    expect((error as Error).message).to.contain(path).and.contain('line 2');
    // a line that parses but is not a change, or is out of order, is corruption too
    lines[1] = JSON.stringify({ n: 1, op: 'add', s: session('b') });
    writeFileSync(path, lines.join('\n'));
    expect(() => openStore(dir)).to.throw(CorruptDataError, /line 2 is change 1, not after change 1/);
    lines[1] = JSON.stringify({ n: 2, op: 'teleport' });
    writeFileSync(path, lines.join('\n'));
    expect(() => openStore(dir)).to.throw(CorruptDataError, /line 2 has an unknown change 'teleport'/);
    // and a snapshot that does not parse
    writeFileSync(join(dir, 'reviews-snapshot.json'), '{"version":1,"seq":3,"rev');
    expect(() => openStore(dir)).to.throw(CorruptDataError, /reviews-snapshot\.json/);
  });

  it('opens a data directory of an earlier build (reviews.json, review-records.json) and replaces them by the snapshot at the first write', async () => {
    const old = { ...session('a'), approvedBy: 'u7' } as Partial<ReviewSession> & { approvedBy: string };
    delete old.approvedById;
    writeFileSync(join(dir, 'reviews.json'), JSON.stringify({ reviews: [old, ended(session('b'))] }));
    copyFileSync(join(dir, 'reviews.json'), join(dir, 'reviews.json.bak'));
    writeFileSync(join(dir, 'review-records.json'), JSON.stringify({ records: [record('b')] }));
    const store = openStore(dir);
    expect(store.reviews.get('a')).to.include({ approvedById: 'u7' }).and.not.to.have.property('approvedBy');
    expect(store.reviewRecords.all().map((r) => r.id)).to.deep.equal(['b']);
    expect(existsSync(join(dir, 'reviews.json')), 'opening writes nothing').to.equal(true);
    expect(segments(dir)).to.deep.equal([]);
    await store.reviews.add(session('c'));
    await store.flush();
    for (const f of ['reviews.json', 'reviews.json.bak', 'review-records.json']) expect(existsSync(join(dir, f)), f).to.equal(false);
    const again = openStore(dir);
    expect(again.reviews.all().map((r) => r.id)).to.deep.equal(['a', 'b', 'c']);
    expect(again.reviews.get('a')?.approvedById).to.equal('u7');
    expect(again.reviewRecords.all().map((r) => r.id)).to.deep.equal(['b']);
  });

  it('leaves no copy of what a purge removed in any of its files', async () => {
    const store = openStore(dir);
    await store.reviews.add(session('gone'));
    await store.reviews.add(session('kept'));
    await store.reviewRecords.putAll([record('gone'), record('kept')]);
    await store.reviews.removeWhere((s) => s.id === 'gone');
    await store.reviewRecords.removeWhere((r) => r.id === 'gone');
    await store.flush();
    for (const f of readdirSync(dir).filter((f) => f.startsWith('reviews') && !f.endsWith('.bak'))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.to.contain('s-gone');
    }
    expect(stored(dir).reviews.map((r) => r.id)).to.deep.equal(['kept']);
  });

  it('loses nothing acknowledged when its process is killed while writing and compacting (kill -9, five times)', async function () {
    this.timeout(60_000);
    const acked = { add: new Set<string>(), end: new Set<string>(), del: new Set<string>() };
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, ['--import=tsx', join(ROOT, 'tests/support/journalWriter.ts'), dir, `w${round}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      // killed after a number of acknowledgements that differs per round (never a fixed time)
      const target = 40 + round * 37;
      let buf = '';
      let seen = 0;
      await new Promise<void>((resolve, reject) => {
        child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code ?? signal}`))));
        child.stdout!.on('data', (d: Buffer) => {
          buf += d.toString();
          const lines = buf.split('\n');
          buf = lines.pop()!;
          for (const l of lines) {
            const m = /^ack (add|end|del) (\S+)$/.exec(l);
            if (!m) continue;
            acked[m[1] as 'add' | 'end' | 'del'].add(m[2]!);
            if (++seen === target) child.kill('SIGKILL');
          }
        });
      });
      const { reviews, records } = stored(dir);
      const sessions = new Map(reviews.map((r) => [r.id, r]));
      const recordIds = new Set(records.map((r) => r.id));
      for (const id of acked.add) {
        // an acknowledged start is there, unless its end trimmed it from the history (its record then is)
        if (!sessions.has(id)) expect(acked.end.has(id) || recordIds.has(id), `round ${round}: start ${id}`).to.equal(true);
      }
      for (const id of acked.end) {
        expect(sessions.get(id)?.endedAt === undefined && sessions.has(id), `round ${round}: end ${id} undone`).to.equal(false);
        // the writer removes the record of every 7th review: unacknowledged, that removal may be durable or not
        if (!acked.del.has(id) && Number(id.split('-')[1]) % 7 !== 0) expect(recordIds.has(id), `round ${round}: record ${id}`).to.equal(true);
      }
      for (const id of acked.del) expect(recordIds.has(id), `round ${round}: removed record ${id} back`).to.equal(false);
      expect(reviews.filter((r) => r.endedAt).length, 'ended history').to.be.at.most(5);
    }
    expect(acked.end.size).to.be.above(50);
    expect(existsSync(join(dir, 'reviews-snapshot.json')), 'compactions ran').to.equal(true);
  });
});
