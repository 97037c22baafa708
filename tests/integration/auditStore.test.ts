/**
 * The audit log and its keys, one suite run against both stores (issue 18): the file log (`AuditLog`, `AuditKeys`)
 * and PostgreSQL (`PgAuditLog`, `PgAuditKeys`; skipped with a hint when PostgreSQL is unreachable, failing under
 * CI=true: tests/support/pg.ts). Each `open()` is a process (or a restart) on the same stored log. Then what only
 * PostgreSQL has: several processes appending to one chain, keys seen across processes, copying a file log in.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHREDDED, type AuditEvent } from '../../shared/domain.ts';
import { auditMatcher } from '../../server/audit/filter.ts';
import { AuditLog, auditFileLines, type AuditInput, type AuditStore } from '../../server/store/audit.ts';
import { lineOf, sha256, verifyAuditText, ZERO, type AuditLine } from '../../server/store/auditChain.ts';
import { AuditKeys, type AuditKeyStore } from '../../server/store/auditKeys.ts';
import { PgAuditKeys } from '../../server/store/pg/auditKeys.ts';
import { PgAuditLog } from '../../server/store/pg/auditLog.ts';
import { PgDb } from '../../server/store/pg/db.ts';
import { derivedKey } from '../../server/store/secret.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { eventually } from '../support/eventually.ts';
import { dropSchema, requirePg, sql, TEST_DATABASE_URL } from '../support/pg.ts';

const KEY = derivedKey('a-test-secret', 'audit-head');

interface Opened { log: AuditStore; keys: AuditKeyStore }
interface OpenOptions { anchored?: boolean; key?: Buffer }

/** One stored log: `open()` is a process (or a start) on it; the rest reads or tampers with what is stored. */
interface Backend {
  open(opts?: OpenOptions): Promise<Opened>;
  /** the stored lines, oldest first */
  lines(): Promise<string[]>;
  /** replace the stored lines (tampering: as someone with access to the files or the tables could) */
  rewrite(lines: string[]): Promise<void>;
  cleanup(): Promise<void>;
}

const fileBackend = (): Backend => {
  const dir = tempDir('audit-store');
  const file = join(dir, 'audit.jsonl');
  return {
    async open({ anchored = true, key = KEY } = {}) {
      const keys = new AuditKeys(dir);
      return { keys, log: new AuditLog(file, { keys, ...(anchored ? { anchorKey: () => key } : {}) }) };
    },
    lines: async () => auditFileLines(file),
    rewrite: async (lines) => writeFileSync(file, lines.map((l) => `${l}\n`).join('')),
    cleanup: async () => removeDir(dir),
  };
};

/** A schema of its own; each open is a process (its own connections, LISTEN and memory). */
const pgBackend = (): Backend & { schema: string; openPg(opts?: OpenOptions): Promise<{ log: PgAuditLog; keys: PgAuditKeys; db: PgDb }> } => {
  const schema = `test_audit_${process.pid}_${randomBytes(5).toString('hex')}`;
  const opened: { log: PgAuditLog; keys: PgAuditKeys; db: PgDb }[] = [];
  const openPg = async ({ anchored = true, key = KEY }: OpenOptions = {}) => {
    const db = await PgDb.open(TEST_DATABASE_URL, { schema });
    const keys = await PgAuditKeys.open(db);
    const log = await PgAuditLog.open(db, { keys, ...(anchored ? { anchorKey: () => key } : {}) });
    db.listen();
    const p = { log, keys, db };
    opened.push(p);
    return p;
  };
  return {
    schema,
    openPg,
    open: openPg,
    lines: async () => (await sql<{ line: string }>(schema, 'SELECT line FROM audit_log ORDER BY seq')).map((r) => r.line),
    async rewrite(lines) {
      // the append-only trigger refuses this; an owner of the table can switch it off, and the chain must still tell
      await sql(schema, 'ALTER TABLE audit_log DISABLE TRIGGER USER');
      await sql(schema, 'DELETE FROM audit_log');
      await sql(schema, 'INSERT INTO audit_log (seq, line) SELECT (l::jsonb->>\'seq\')::bigint, l FROM unnest($1::text[]) AS l', [lines]);
      await sql(schema, 'ALTER TABLE audit_log ENABLE TRIGGER USER');
    },
    async cleanup() {
      for (const p of opened) {
        await p.log.close().catch(() => undefined);
        await p.keys.flush().catch(() => undefined);
        await p.db.close().catch(() => undefined);
      }
      await dropSchema(schema);
    },
  };
};

const paired = (i: number, actor = 'boss'): AuditInput => ({ actor, action: 'kiosk.paired', target: `k${i}`, details: { name: `Station ${i}` } });
const started = (review: string, sittingId: string, candidateNumber: string): AuditInput => ({
  actor: 'sup1', action: 'review.started', target: review, details: { examId: 'gs-kb-2026-1' },
  personal: { scope: sittingId, fields: { sittingId, candidateNumber } },
});
const seqs = (events: readonly AuditEvent[]) => events.map((e) => e.seq);
const parse = (l: string) => JSON.parse(l) as AuditLine;
/** The chain recomputed over edited events (what someone who edits and covers it up would do). */
const recomputed = (events: AuditLine[]) => {
  let prev = ZERO;
  return events.map(({ prev: _p, hash: _h, ...e }) => {
    const line = lineOf(prev, e);
    prev = sha256(line);
    return line;
  });
};

const BACKENDS: { name: string; pg: boolean; make: () => Backend }[] = [
  { name: 'files', pg: false, make: fileBackend },
  { name: 'PostgreSQL', pg: true, make: pgBackend },
];

for (const backend of BACKENDS) {
  describe(`audit log and keys on ${backend.name}`, () => {
    let b: Backend;
    if (backend.pg) before(async function () { await requirePg(this); });
    beforeEach(() => { b = backend.make(); });
    afterEach(async () => { await b?.cleanup(); });

    it('numbers concurrent appends one after another, reads them back whole, and a reopened log goes on from there', async () => {
      const { log } = await b.open({ anchored: false });
      const got = await Promise.all([1, 2, 3, 4, 5].map((i) => log.append(paired(i))));
      expect(seqs(got)).to.deep.equal([1, 2, 3, 4, 5]);
      expect(got[2]).to.deep.include({ actor: 'boss', action: 'kiosk.paired', target: 'k3', details: { name: 'Station 3' } });
      expect(log.lastSeq).to.equal(5);
      const all = await log.readAll();
      expect(all).to.deep.equal(got);
      const again = (await b.open({ anchored: false })).log;
      expect(await again.readAll()).to.deep.equal(got);
      expect((await again.append({ actor: 'cli', action: 'data.purged', target: 'x' })).seq).to.equal(6);
      expect(await again.verify()).to.deep.equal({ ok: true, count: 6 });
      const lines = await b.lines();
      expect(verifyAuditText(lines.join('\n') + '\n')).to.deep.equal({ ok: true, count: 6 });
      expect(parse(lines[5]!).prev).to.equal(sha256(lines[4]!));
    });

    it('pages from the end, walks back with `before`, filters (also by the fields of auditMatcher)', async () => {
      const { log } = await b.open({ anchored: false });
      for (let i = 1; i <= 10; i++) await log.append(paired(i, [2, 5, 9].includes(i) ? 'eve' : 'boss'));
      await log.append({ actor: 'sup1', action: 'review.started', target: 'r1', details: {} });
      await log.append({ actor: 'sup1', action: 'review.ended', target: 'r1', details: { reason: 'supervisor' } });
      const all = () => true;
      const page = await log.page(all, 3);
      expect(seqs(page.events)).to.deep.equal([10, 11, 12]);
      expect(page.more).to.equal(true);
      const seen: number[][] = [];
      let p = await log.page(all, 5);
      seen.push(seqs(p.events));
      while (p.more) {
        p = await log.page(all, 5, p.events[0]!.seq);
        seen.push(seqs(p.events));
      }
      expect(seen).to.deep.equal([[8, 9, 10, 11, 12], [3, 4, 5, 6, 7], [1, 2]]);
      expect(await log.page(all, 3, 1)).to.deep.equal({ events: [], more: false });
      expect((await log.page(all, 12)).more).to.equal(false);
      // a plain function and the console's matcher (whose fields a database uses) give the same pages
      expect(seqs((await log.page((e) => e.actor === 'eve', 2, 9)).events)).to.deep.equal([2, 5]);
      const eve = auditMatcher({ actor: 'eve' });
      expect(seqs((await log.page(eve, 2)).events)).to.deep.equal([5, 9]);
      expect((await log.page(eve, 2)).more).to.equal(true);
      expect(seqs((await log.page(eve, 5)).events)).to.deep.equal([2, 5, 9]);
      expect(seqs((await log.page(auditMatcher({ action: 'review' }), 5)).events)).to.deep.equal([11, 12]);
      expect(seqs((await log.page(auditMatcher({ action: 'review.ended' }), 5)).events)).to.deep.equal([12]);
      expect(seqs((await log.page(auditMatcher({ action: 'revie' }), 5)).events), 'a prefix only at a dot').to.deep.equal([]);
      const today = new Date().toISOString().slice(0, 10);
      expect(seqs((await log.page(auditMatcher({ from: today, to: today, actor: 'sup1' }), 5)).events)).to.deep.equal([11, 12]);
      expect((await log.page(auditMatcher({ to: '2000-01-01' }), 5)).events).to.deep.equal([]);
    });

    it('reads a page only as far back as it needs: the newest 50 of 3,000 events look at 51', async function () {
      this.timeout(60_000);
      const { log } = await b.open({ anchored: false });
      for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: 1000 }, (_, i) => log.append(paired(round * 1000 + i))));
      let looked = 0;
      const page = await log.page(() => (looked++, true), 50);
      expect(seqs(page.events)).to.deep.equal(Array.from({ length: 50 }, (_, i) => 2951 + i));
      expect(page.more).to.equal(true);
      expect(looked).to.equal(51);
    });

    it('reads a review\'s trail back to its start, with each line\'s place in the chain', async () => {
      const { log } = await b.open({ anchored: false });
      await log.append({ actor: 'sup1', action: 'review.started', target: 'r1', details: { n: 1 } });
      await log.append(paired(1));
      await log.append({ actor: 'kiosk:A', action: 'review.revealed', target: 'r1', details: { questionId: 'q1' } });
      const end = await log.append({ actor: 'sup1', action: 'review.ended', target: 'r1', details: { reason: 'supervisor' } });
      await log.append({ actor: 'sup1', action: 'review.started', target: 'r1', details: { n: 2 } }); // a later review, same id
      const lines = await b.lines();
      const trail = await log.trail('r1', 'review.started', end.seq + 1);
      expect(seqs(trail)).to.deep.equal([1, 3, 4]);
      expect(trail.map((t) => ({ prev: t.prev, hash: t.hash }))).to.deep.equal([0, 2, 3].map((i) => ({ prev: parse(lines[i]!).prev, hash: parse(lines[i]!).hash })));
      expect(seqs(await log.trail('r1', 'review.started'))).to.deep.equal([5]);
      expect(await log.trail('nothing', 'review.started')).to.deep.equal([]);
    });

    it('says which reviews have their start line (a restart\'s check of the reviews it gives back)', async () => {
      const { log } = await b.open({ anchored: false });
      const since = Date.now() - 1000;
      await log.append(started('r1', 's-1', '1001'));
      await log.append({ actor: 'sup1', action: 'review.ended', target: 'r3', details: { reason: 'supervisor' } });
      await log.append(paired(1));
      await log.append(started('r2', 's-2', '1002'));
      const named = await log.named('review.started', ['r1', 'r2', 'r3', 'r4'], since);
      expect([...named].sort(), 'r3 has an end line only, r4 none').to.deep.equal(['r1', 'r2']);
      expect([...await log.named('review.started', [], since)]).to.deep.equal([]);
      expect([...await log.named('review.ended', ['r1', 'r3'], since)]).to.deep.equal(['r3']);
    });

    if (!backend.pg) {
      it('reads back only to a little before `since` for it: a start line older than that is not looked for', async () => {
        let now = Date.parse('2026-12-01T09:00:00Z');
        const dir = tempDir('audit-named');
        try {
          const keys = new AuditKeys(dir);
          const log = new AuditLog(join(dir, 'audit.jsonl'), { keys, now: () => now });
          await log.append(started('old', 's-1', '1001'));
          now += 11 * 60_000; // the margin is ten minutes
          await log.append(started('r1', 's-2', '1002'));
          expect([...await log.named('review.started', ['old', 'r1'], now)], 'the walk stopped before it').to.deep.equal(['r1']);
          expect([...await log.named('review.started', ['old', 'r1'], now - 11 * 60_000)].sort()).to.deep.equal(['old', 'r1']);
          await log.flush();
          await keys.flush();
        } finally {
          removeDir(dir);
        }
      });
    }

    it('finds an edited line, an edited last line and a removed line', async () => {
      const { log } = await b.open({ anchored: false });
      for (let i = 1; i <= 5; i++) await log.append(paired(i));
      const lines = await b.lines();
      await b.rewrite(lines.map((l, i) => (i === 2 ? l.replace('Station 3', 'Station 9') : l)));
      let v = await (await b.open({ anchored: false })).log.verify();
      expect(v.ok).to.equal(false);
      expect(v.problem).to.include({ line: 3 });
      expect(v.problem?.reason).to.contain('edited');
      await b.rewrite(lines.map((l, i) => (i === 4 ? l.replace('"actor":"boss"', '"actor":"someone"') : l)));
      v = await (await b.open({ anchored: false })).log.verify();
      expect(v.problem).to.include({ line: 5 });
      await b.rewrite(lines.filter((_, i) => i !== 1));
      v = await (await b.open({ anchored: false })).log.verify();
      expect(v.problem).to.include({ line: 2 });
    });

    it('catches an edit of a line a page shows, after the full check', async () => {
      const { log } = await b.open();
      for (let i = 1; i <= 6; i++) await log.append(paired(i));
      expect(await log.verify()).to.deep.equal({ ok: true, count: 7 });
      await b.rewrite((await b.lines()).map((l, i) => (i === 4 ? l.replace('Station 4', 'Station 8') : l)));
      await log.page(() => true, 3);
      expect((await log.verify()).problem).to.deep.include({ seq: 5 });
    });

    it('anchors a new log, and its head finds lines cut off the end, which the next start records', async () => {
      const { log } = await b.open();
      for (let i = 1; i <= 6; i++) await log.append(paired(i));
      const lines = await b.lines();
      expect(parse(lines[0]!)).to.include({ seq: 1, action: 'audit.anchored' });
      expect(await log.verify()).to.deep.equal({ ok: true, count: 7 });
      await b.rewrite(lines.slice(0, 5));
      expect(verifyAuditText(lines.slice(0, 5).join('\n')).ok, 'the chain alone').to.equal(true);
      const next = (await b.open()).log; // a start on it
      const v = await next.verify();
      expect(v.ok).to.equal(false);
      expect(v.problem?.reason).to.contain('2 event(s) were cut off the end');
      expect((await next.append({ actor: 'boss', action: 'kiosk.unpaired', target: 'k1' })).seq).to.equal(7);
      const after = (await b.lines()).map(parse);
      expect(after.map((l) => l.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
      expect(after[5]).to.deep.include({ action: 'audit.chain-broken' });
      expect(String(after[5]!.details.problem)).to.contain('cut off the end');
      // the evidence stays, though the head now names the new end
      expect((await (await b.open()).log.verify()).problem).to.include({ seq: 6 });
      expect((await next.verify()).problem).to.include({ seq: 6 });
    });

    it('finds a chain recomputed after an edit', async () => {
      const { log } = await b.open();
      for (let i = 1; i <= 6; i++) await log.append(paired(i));
      const events = (await b.lines()).map(parse);
      events[3]!.details = { name: 'Station 99' };
      const forged = recomputed(events);
      expect(verifyAuditText(forged.join('\n')).ok, 'the chain alone').to.equal(true);
      await b.rewrite(forged);
      expect((await (await b.open()).log.verify()).problem?.reason).to.contain('rewritten');
    });

    it('finds a head made with another secret, and the next start records it', async () => {
      const { log } = await b.open();
      for (let i = 1; i <= 3; i++) await log.append(paired(i));
      const other = (await b.open({ key: derivedKey('another secret', 'audit-head') })).log;
      expect((await other.verify()).problem).to.deep.include({ seq: 5 });
      expect((await other.verify()).problem?.reason).to.contain('altered');
      expect((await other.append(paired(4))).seq).to.equal(6);
      expect(parse((await b.lines())[4]!)).to.deep.include({ seq: 5, action: 'audit.chain-broken' });
      expect((await (await b.open()).log.verify()).problem).to.include({ seq: 5 });
    });

    it('prepares a sitting\'s key before its first line (a review\'s start): durable once prepared, and the key that line seals with', async () => {
      const { log, keys } = await b.open();
      const prepared = keys.prepare('s-230117');
      // sealed while the prepared key may still be written: the same key, and it waits for that same write
      const meanwhile = keys.seal('s-230117', { candidateNumber: '230117' }, 'x');
      expect(meanwhile.persisted).to.equal(prepared);
      await prepared;
      expect(keys.scopes()).to.deep.equal(['s-230117']);
      expect((await b.open()).keys.scopes(), 'stored: another process (or a restart) has it').to.deep.equal(['s-230117']);
      await keys.prepare('s-230117'); // there already: nothing made
      expect(keys.scopes()).to.deep.equal(['s-230117']);
      await log.append(started('r-1', 's-230117', '230117'));
      const line = parse((await b.lines()).at(-1)!);
      expect((line.details.sealed as { kid: string }).kid, 'the line is sealed with the prepared key').to.equal(meanwhile.sealed.kid);
      expect((await (await b.open()).log.readAll()).at(-1)!.details.candidateNumber).to.equal('230117');
    });

    it('seals what identifies a candidate, opens it where the key exists, and reads "[verwijderd]" once it is shredded', async () => {
      const { log, keys } = await b.open();
      await log.append(started('r-1', 's-230117', '230117'));
      await log.append(started('r-2', 's-230118', '230118'));
      await log.append(started('r-3', 's-230117', '230117')); // a second review of the same sitting: the same key
      const stored = (await b.lines()).join('\n');
      expect(stored).not.to.contain('230117');
      expect(parse((await b.lines())[1]!).details.sealed).to.have.keys('kid', 'fields', 'iv', 'data', 'tag');
      expect(keys.scopes().sort()).to.deep.equal(['s-230117', 's-230118']);
      const fresh = await b.open(); // another process (or a restart): the keys come from storage
      expect((await fresh.log.readAll())[1]!.details).to.deep.equal({ examId: 'gs-kb-2026-1', sittingId: 's-230117', candidateNumber: '230117' });
      expect(await keys.shred(['s-230117'])).to.equal(1);
      expect(await keys.shred(['s-230117']), 'already gone').to.equal(0);
      expect((await b.lines()).join('\n'), 'the lines stay as they were').to.equal(stored);
      expect(await log.verify()).to.deep.equal({ ok: true, count: 4 });
      for (const reader of [log, (await b.open()).log]) {
        const events = await reader.readAll();
        expect(events.map((e) => e.details.candidateNumber)).to.deep.equal([undefined, SHREDDED, '230118', SHREDDED]);
        expect(events[1]!.details).to.deep.equal({ examId: 'gs-kb-2026-1', sittingId: SHREDDED, candidateNumber: SHREDDED });
        expect((await reader.trail('r-2', 'review.started'))[0]!.details.candidateNumber).to.equal('230118');
      }
    });
  });
}

describe('audit log on PostgreSQL: processes, keys across them, copying a file log in', () => {
  let b: ReturnType<typeof pgBackend>;
  before(async function () { await requirePg(this); });
  beforeEach(() => { b = pgBackend(); });
  afterEach(async () => { await b?.cleanup(); });

  it('two processes appending at once make one unbroken chain: no number twice, none missing', async function () {
    this.timeout(60_000);
    const [a, c] = [await b.openPg(), await b.openPg()];
    const burst = (p: { log: PgAuditLog }, who: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => p.log.append(paired(i, who))));
    const got: AuditEvent[] = [];
    for (let round = 0; round < 10; round++) {
      const [x, y] = await Promise.all([burst(a, 'a', 20), burst(c, 'c', 20)]);
      got.push(...x, ...y);
    }
    const lines = await b.lines();
    expect(lines).to.have.length(401); // with the one audit.anchored line: written once, by whichever came first
    expect(lines.map(parse).filter((l) => l.action === 'audit.anchored')).to.have.length(1);
    expect(lines.map((l) => parse(l).seq)).to.deep.equal(Array.from({ length: 401 }, (_, i) => i + 1));
    expect(verifyAuditText(lines.join('\n'))).to.deep.equal({ ok: true, count: 401 });
    expect(new Set(seqs(got)).size).to.equal(400);
    // each append resolved with the number it was stored under, and one process's appends keep their order
    for (const e of got) expect(parse(lines[e.seq - 1]!)).to.deep.include({ actor: e.actor, target: e.target });
    const ofA = got.filter((e) => e.actor === 'a').map((e) => e.seq);
    expect(ofA).to.deep.equal([...ofA].sort((x, y) => x - y));
    expect(await a.log.verify()).to.deep.equal({ ok: true, count: 401 });
    expect(await c.log.verify()).to.deep.equal({ ok: true, count: 401 });
    await eventually(() => a.log.lastSeq === 401 && c.log.lastSeq === 401, { what: 'both processes know the last number' });
  });

  it('writes the appends that arrive together in one transaction (group commit), each resolving when committed', async () => {
    const { log } = await b.openPg();
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(paired(i))));
    expect(seqs(got)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 2));
    // rows committed by one transaction share its id: the first append's, then the 49 that queued behind it
    const tx = await sql<{ n: string }>(b.schema, 'SELECT count(DISTINCT xmin::text) AS n FROM audit_log WHERE seq > 1');
    expect(Number(tx[0]!.n)).to.be.at.most(2);
  });

  it('refuses to change or remove a row (append-only), and the head finds rows deleted behind the trigger\'s back', async () => {
    const { log } = await b.openPg();
    for (let i = 1; i <= 4; i++) await log.append(paired(i));
    for (const change of ['UPDATE audit_log SET line = line WHERE seq = 2', 'DELETE FROM audit_log WHERE seq = 5', 'TRUNCATE audit_log']) {
      let refused: Error | undefined;
      await sql(b.schema, change).catch((e: Error) => { refused = e; });
      expect(refused?.message, change).to.contain('append-only');
    }
    await sql(b.schema, 'ALTER TABLE audit_log DISABLE TRIGGER USER');
    await sql(b.schema, 'DELETE FROM audit_log WHERE seq = 5');
    expect((await log.verify()).problem?.reason).to.contain('cut off');
  });

  it('a key made in one process opens in another at once, and one shredded there reads "[verwijderd]" here', async () => {
    const a = await b.openPg();
    const c = await b.openPg();
    await a.log.append(started('r-1', 's-1', '1001'));
    // no waiting for the announcement: the reader asks for the keys of the lines it opens
    expect((await c.log.readAll())[1]!.details.candidateNumber).to.equal('1001');
    expect((await c.log.page(() => true, 1)).events[0]!.details.candidateNumber).to.equal('1001');
    expect(await c.keys.shred(['s-1'])).to.equal(1);
    expect((await a.log.readAll())[1]!.details.candidateNumber).to.equal(SHREDDED);
    await eventually(() => a.keys.scopes().length === 0, { what: 'the shred announced to the other process' });
    // two processes making a key for the same new sitting at once: both kept, both shredded together
    await Promise.all([a.log.append(started('r-2', 's-2', '1002')), c.log.append(started('r-3', 's-2', '1002'))]);
    expect((await a.log.readAll()).slice(2).map((e) => e.details.candidateNumber)).to.deep.equal(['1002', '1002']);
    expect(await a.keys.shred(['s-2'])).to.equal(2);
    expect((await c.log.readAll()).slice(2).map((e) => e.details.candidateNumber)).to.deep.equal([SHREDDED, SHREDDED]);
    expect(await c.log.verify()).to.deep.equal({ ok: true, count: 4 });
  });

  it('selects a filtered page in SQL: the test runs only on the events of that actor or action', async () => {
    const { log } = await b.openPg({ anchored: false });
    await Promise.all(Array.from({ length: 300 }, (_, i) => log.append(paired(i, i % 100 === 7 ? 'eve' : 'boss'))));
    await log.append({ actor: 'sup1', action: 'review.started', target: 'r1', details: {} });
    const counted = (m: ReturnType<typeof auditMatcher>) => {
      const seen: number[] = [];
      return { seen, match: Object.assign((e: AuditEvent) => (seen.push(e.seq), m(e)), { fields: m.fields }) };
    };
    const eve = counted(auditMatcher({ actor: 'eve' }));
    expect(seqs((await log.page(eve.match, 10)).events)).to.deep.equal([8, 108, 208]);
    expect(eve.seen.sort((x, y) => x - y)).to.deep.equal([8, 108, 208]);
    const review = counted(auditMatcher({ action: 'review' }));
    expect(seqs((await log.page(review.match, 10)).events)).to.deep.equal([301]);
    expect(review.seen).to.deep.equal([301]);
  });

  it('a verified process notices rows cut off behind it, and goes on checking another process\'s appends', async () => {
    const a = await b.openPg();
    const c = await b.openPg();
    for (let i = 1; i <= 4; i++) await a.log.append(paired(i));
    expect(await a.log.verify()).to.deep.equal({ ok: true, count: 5 });
    for (let i = 5; i <= 7; i++) await c.log.append(paired(i));
    expect(await a.log.verify(), 'only the rows added since are read').to.deep.equal({ ok: true, count: 8 });
    const lines = await b.lines();
    await b.rewrite(lines.slice(0, 6));
    const v = await a.log.verify();
    expect(v.ok).to.equal(false);
    expect(v.problem?.reason).to.contain('2 event(s) were cut off the end');
    expect(v.problem).to.include({ seq: 7 });
  });

  it('copies the file store\'s keys in: sealed details of a copied log open, and a shred there reads "[verwijderd]"', async () => {
    const files = fileBackend();
    try {
      const { log: fileLog, keys: fileKeys } = await files.open();
      await fileLog.append(started('r-1', 's-1', '1001'));
      await fileLog.append(started('r-2', 's-2', '1002'));
      const { log, keys } = await b.openPg();
      expect(await log.importLines(await files.lines())).to.deep.include({ count: 3 });
      expect((await log.readAll()).map((e) => e.details.candidateNumber), 'no keys yet').to.deep.equal([undefined, SHREDDED, SHREDDED]);
      const stored = (fileKeys as AuditKeys).entries();
      expect(await keys.importKeys(stored)).to.equal(2);
      expect(await keys.importKeys(stored), 'again: no change').to.equal(0);
      let refused: Error | undefined;
      await keys.importKeys([{ ...stored[0]!, key: randomBytes(32).toString('base64') }]).catch((e: Error) => { refused = e; });
      expect(refused?.message).to.contain('already stored with another key');
      const other = await b.openPg();
      expect((await other.log.readAll()).map((e) => e.details.candidateNumber)).to.deep.equal([undefined, '1001', '1002']);
      expect(other.keys.scopes().sort()).to.deep.equal(['s-1', 's-2']);
      expect(await other.keys.shred(['s-1'])).to.equal(1);
      expect((await log.readAll()).map((e) => e.details.candidateNumber)).to.deep.equal([undefined, SHREDDED, '1002']);
      expect(await log.verify()).to.deep.equal({ ok: true, count: 3 });
    } finally {
      await files.cleanup();
    }
  });

  it('copies a file log in unchanged: numbers, hashes and verdict; the chain goes on from its last line', async () => {
    const files = fileBackend();
    try {
      const { log: fileLog } = await files.open();
      for (let i = 1; i <= 5; i++) await fileLog.append(paired(i));
      await fileLog.append({ actor: 'sup1', action: 'review.started', target: 'r1', details: {} });
      const fileLines = await files.lines();
      const { log } = await b.openPg();
      expect(await log.importLines(fileLines)).to.deep.equal({ count: 7, verdict: { ok: true, count: 7 } });
      expect(await b.lines(), 'byte for byte').to.deep.equal(fileLines);
      expect(await log.verify()).to.deep.equal({ ok: true, count: 7 });
      expect(await log.readAll()).to.deep.equal(await fileLog.readAll());
      expect(seqs(await log.trail('r1', 'review.started'))).to.deep.equal([7]);
      expect((await log.append(paired(9))).seq, 'no second audit.anchored: the head was anchored at the copy').to.equal(8);
      const lines = await b.lines();
      expect(verifyAuditText(lines.join('\n'))).to.deep.equal({ ok: true, count: 8 });
      expect((await (await b.openPg()).log.verify())).to.deep.equal({ ok: true, count: 8 });
      let refused: Error | undefined;
      await log.importLines(fileLines).catch((e: Error) => { refused = e; });
      expect(refused?.message).to.contain('only into an empty one');
      expect(await b.lines(), 'nothing changed').to.deep.equal(lines);
    } finally {
      await files.cleanup();
    }
  });

  it('copies a broken file log as it is, with the same verdict; refuses lines it cannot number, copying nothing', async () => {
    const files = fileBackend();
    try {
      const { log: fileLog } = await files.open();
      for (let i = 1; i <= 5; i++) await fileLog.append(paired(i));
      const edited = (await files.lines()).map((l, i) => (i === 2 ? l.replace('Station 2', 'Station 7') : l));
      const { log } = await b.openPg();
      for (const bad of [[...edited, 'not json'], [edited[0]!, edited[2]!, edited[1]!]]) {
        let refused: Error | undefined;
        await log.importLines(bad).catch((e: Error) => { refused = e; });
        expect(refused?.message).to.match(/audit line \d+ .*nothing was copied/);
        expect(await b.lines()).to.deep.equal([]);
      }
      await files.rewrite(edited);
      const fileVerdict = await (await files.open()).log.verify();
      const copied = await log.importLines(edited, { chainBroken: 'the head record names event 9: 3 event(s) were cut off the end' });
      expect(copied.verdict).to.deep.equal(fileVerdict);
      expect((await log.verify()).problem).to.deep.equal(fileVerdict.problem);
      const last = parse((await b.lines()).at(-1)!);
      expect(last).to.deep.include({ seq: 7, action: 'audit.chain-broken', details: { problem: 'the head record names event 9: 3 event(s) were cut off the end', count: 6 } });
    } finally {
      await files.cleanup();
    }
  });
});
