/**
 * The audit log on PostgreSQL (docs/design.md: PostgreSQL store, "Audit log and keys"): the file log's lines and
 * chain (`../audit.ts`, `../auditChain.ts`) in table `audit_log (seq, line)`, one row per event, `line` the exact
 * JSON line the file log writes. A log copied from files (`importLines`) verifies unchanged, and the file log's
 * verdicts apply: the same `ChainChecker`, the same head record and `headProblem`.
 *
 * Appends: the events of one process that arrive together are written in one transaction (group commit, as the
 * file log shares one fsync), and an append resolves once that transaction is committed. Across processes the
 * transactions are serialised by `pg_advisory_xact_lock` (keyed by schema): each reads the last row under the lock,
 * numbers its events from it and links them to it, so `seq` is gapless and in commit order whichever process
 * writes. A failed transaction leaves nothing behind: the next one links to the last committed row.
 *
 * The anchor: `audit_head` (the file log's `audit.head`: the last event's number and its line's SHA-256 under an
 * HMAC keyed from the secret) is written in the same transaction as the rows it names. Each append transaction
 * compares it with the last row first, under the lock: a head that is missing or was never keyed makes it write
 * `audit.anchored` (count), one that disagrees with the rows (rows deleted from the end, a chain recomputed, a head
 * altered or made with another secret) `audit.chain-broken` naming the problem — once, by whichever process appends
 * first, as a file server's start does. `verify()` reports the same problem before that line is written.
 *
 * Verification is incremental as in the file log: a full check (in one REPEATABLE READ snapshot, in chunks) the
 * first time and again when older than `recheckMs`; otherwise the rows added since, each time with the head read in
 * the same snapshot. Rows a page or trail reads are checked against their own hash (and, unfiltered, the link to
 * the row after them). Reads select with SQL: a page reads backwards from `before` as far as it needs (by the
 * filter's fields where `auditMatcher` gives them), a trail by `target`, both by index.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import type { AuditAction, AuditEvent } from '../../../shared/domain.ts';
import { eventOf, openEvent, sealedKid, type AppendOptions, type AuditInput, type AuditLogOptions, type AuditMatch, type AuditStore, type AuditTrailLine } from '../audit.ts';
import {
  ChainChecker, ZERO, hashLine, headProblem, headRecord, lineOf, readHead, sha256,
  type AuditLine, type AuditProblem, type AuditVerdict, type ChainPoint,
} from '../auditChain.ts';
import type { AuditKeyStore } from '../auditKeys.ts';
import type { PgDb } from './db.ts';

const TABLE = 'audit_log';
/** serialises appends (and imports) across processes; transaction-level, so a crash cannot leave it held */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('inzage-audit:' || current_schema()))`;
/** rows per read of a check or a full read */
const CHUNK = 2000;
/** rows per insert statement of an import */
const IMPORT_CHUNK = 1000;

interface Pending { event: Omit<AuditEvent, 'seq'>; key: Promise<void>; resolve: (e: AuditEvent) => void; reject: (e: unknown) => void }
interface Row { seq: string; line: string }
interface HeadRow { seq: string; hash: string; mac: string | null }
type Note = Omit<AuditEvent, 'seq' | 'at'>;

/** `PgAuditLog.open`'s options: the file log's (`segmentLines` does not apply: a table has no segments). */
export type PgAuditLogOptions = Omit<AuditLogOptions, 'segmentLines'>;

export interface AuditImport {
  /** events copied */
  count: number;
  /** the copied chain's verdict (a broken log is copied as it is: its evidence stays) */
  verdict: AuditVerdict;
}

export class PgAuditLog implements AuditStore {
  private known = 0;
  private batch: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly keys: AuditKeyStore | undefined;
  private readonly anchorKey: ((create: boolean) => Buffer | undefined) | undefined;
  private readonly recheckMs: number;
  // verification
  private checked: ChainPoint | null = null;
  private checkedAnchors = 0;
  private count = 0;
  private problem: AuditProblem | undefined;
  private fullCheck: Promise<void> | null = null;
  private lastFullCheckAt = -Infinity;

  private constructor(private readonly db: PgDb, opts: PgAuditLogOptions) {
    this.now = opts.now ?? Date.now;
    this.keys = opts.keys;
    this.anchorKey = opts.anchorKey;
    this.recheckMs = opts.recheckMs ?? 10 * 60_000;
  }

  /** The log in `db`'s schema (migration 003); follows other processes' appends once the store's `db.listen()` runs. */
  static async open(db: PgDb, opts: PgAuditLogOptions = {}): Promise<PgAuditLog> {
    const log = new PgAuditLog(db, opts);
    // '*': the listener was lost and is back (server/store/pg/db.ts): read the last number again
    db.onChange(TABLE, (id) => {
      if (id !== '*') return log.heard(Number(id));
      log.lastStored().then((seq) => log.heard(seq), (e: unknown) => console.error('inzage: could not reload the audit log head:', e));
    });
    log.known = await log.lastStored();
    return log;
  }

  private async lastStored(): Promise<number> {
    const { rows } = await this.db.pool.query<{ seq: string | null }>(`SELECT max(seq) AS seq FROM ${TABLE}`);
    return Number(rows[0]?.seq ?? 0);
  }

  get lastSeq(): number {
    return this.known;
  }

  private heard(seq: number): void {
    if (Number.isSafeInteger(seq) && seq > this.known) this.known = seq;
  }

  // ---------- appending ----------

  /**
   * Append one event; resolves once committed. Its number and link are given in the transaction that writes it.
   * A key made for its sealed details is committed first (so no committed line names a key that was never stored).
   */
  /** (`anchorLater` is the file log's: here the head is written in the append's own transaction) */
  append(input: AuditInput, _opts?: AppendOptions): Promise<AuditEvent> {
    const { event, keyPersisted } = eventOf(input, this.now(), this.keys);
    return new Promise<AuditEvent>((resolve, reject) => {
      this.batch.push({ event, key: keyPersisted, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.batch.length) {
        const taken = this.batch;
        this.batch = [];
        const ready = await Promise.all(taken.map((b) => b.key.then(() => true, (e: unknown) => (b.reject(e), false))));
        const batch = taken.filter((_, i) => ready[i]);
        if (!batch.length) continue;
        try {
          const written = await this.writeBatch(batch.map((b) => b.event));
          batch.forEach((b, i) => b.resolve(written[i]!));
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** One transaction: the lock, the last row and the head, the anchor line if one is due, the rows, the head. */
  private async writeBatch(events: Omit<AuditEvent, 'seq'>[]): Promise<AuditEvent[]> {
    return this.locked(async (c) => {
      const { end, head } = await endAndHead(c);
      const key = this.anchorKey?.(true);
      const note = key ? await this.noteDue(c, key, end, head) : null;
      const all = note ? [{ ...note, at: events[0]!.at }, ...events] : events;
      let { seq, hash } = end;
      const seqs: number[] = [];
      const lines: string[] = [];
      const written: AuditEvent[] = [];
      for (const ev of all) {
        const e: AuditEvent = { seq: ++seq, ...ev };
        const line = lineOf(hash, e);
        hash = sha256(line);
        seqs.push(e.seq);
        lines.push(line);
        written.push(e);
      }
      await insertRows(c, seqs, lines, { at: { seq, hash }, key });
      await this.db.notify(c, TABLE, [String(seq)]);
      return { result: written.slice(note ? 1 : 0), last: seq };
    });
  }

  /** The anchor line an append must write first, if any (under the lock, so one process writes it). */
  private async noteDue(c: pg.ClientBase, key: Buffer, end: ChainPoint, head: HeadRow | undefined): Promise<Note | null> {
    if (!head || head.mac === null) {
      // a new log, one written without a key (or copied from before anchoring), or a removed head: a second
      // `audit.anchored` in a log says that
      return { actor: 'system', action: 'audit.anchored', target: 'audit', details: { count: end.seq } };
    }
    const problem = (await headIssue(c, head, key, end))?.reason;
    if (!problem) return null;
    process.emitWarning(`audit log (PostgreSQL schema ${this.db.schema}): ${problem} — recorded in the audit log (audit.chain-broken)`);
    return { actor: 'system', action: 'audit.chain-broken', target: 'audit', details: { problem, count: end.seq } };
  }

  /** `fn` in a transaction holding the append lock; `last` is the log's new last number. */
  private async locked<R>(fn: (c: pg.PoolClient) => Promise<{ result: R; last: number }>): Promise<R> {
    const c = await this.db.pool.connect();
    let broken: Error | undefined;
    try {
      await c.query(`BEGIN; ${LOCK}`);
      const { result, last } = await fn(c);
      await c.query('COMMIT');
      this.heard(last);
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch((r: unknown) => { broken = r as Error; });
      throw e;
    } finally {
      c.release(broken);
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Wait for the appends and the check under way (before the store closes its connections). */
  async close(): Promise<void> {
    await this.flush();
    await this.fullCheck?.catch(() => undefined);
  }

  // ---------- copying a log ----------

  /**
   * Copy the lines of an existing log (the file log's, oldest first: `auditFileLines`) into this one, which must be
   * empty: numbers, links and hashes unchanged, in one transaction (all or nothing), the head anchored at the last
   * one. A log that does not verify is copied as it is — its evidence stays — and its verdict returned;
   * `chainBroken` (say the file head's problem, which no line records yet) is recorded after the copied lines as
   * an `audit.chain-broken` line, as a file server's next start would have.
   */
  async importLines(lines: readonly string[], opts: { chainBroken?: string } = {}): Promise<AuditImport> {
    const checker = new ChainChecker();
    let previous = 0;
    const seqs = lines.map((raw, i) => {
      let seq: unknown;
      try {
        seq = (JSON.parse(raw) as { seq?: unknown }).seq;
      } catch {
        throw new Error(`audit line ${i + 1} does not parse: nothing was copied`);
      }
      if (!Number.isSafeInteger(seq) || (seq as number) <= previous) {
        throw new Error(`audit line ${i + 1} has sequence number ${String(seq)}, not one after ${previous}: nothing was copied`);
      }
      previous = seq as number;
      return previous;
    });
    for (const raw of lines) if (!checker.push(raw)) break;
    const verdict: AuditVerdict = checker.problem ? { ok: false, count: lines.length, problem: checker.problem } : { ok: true, count: lines.length };
    await this.flush();
    await this.locked(async (c) => {
      const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${TABLE}`);
      const there = Number(rows[0]!.n);
      if (there > 0) throw new Error(`The audit log in PostgreSQL (schema ${this.db.schema}) already holds ${there} event(s): a log is copied only into an empty one.`);
      for (let i = 0; i < lines.length; i += IMPORT_CHUNK) await insertRows(c, seqs.slice(i, i + IMPORT_CHUNK), lines.slice(i, i + IMPORT_CHUNK));
      let end: ChainPoint = lines.length ? { seq: seqs.at(-1)!, hash: sha256(lines.at(-1)!) } : { seq: 0, hash: ZERO };
      if (opts.chainBroken) {
        const e: AuditEvent = {
          seq: end.seq + 1, at: new Date(this.now()).toISOString(), actor: 'system', action: 'audit.chain-broken', target: 'audit',
          details: { problem: opts.chainBroken, count: end.seq },
        };
        const line = lineOf(end.hash, e);
        await insertRows(c, [e.seq], [line]);
        end = { seq: e.seq, hash: sha256(line) };
      }
      if (end.seq > 0) {
        await writeHead(c, end, this.anchorKey?.(true));
        await this.db.notify(c, TABLE, [String(end.seq)]);
      }
      return { result: undefined, last: end.seq };
    });
    this.checked = null; // the next verify checks everything
    return { count: lines.length, verdict };
  }

  // ---------- reading ----------

  async readAll(): Promise<AuditEvent[]> {
    await this.flush();
    const out: AuditEvent[] = [];
    for (let after = 0; ;) {
      const { rows } = await this.db.pool.query<Row>(`SELECT seq, line FROM ${TABLE} WHERE seq > $1 ORDER BY seq LIMIT ${CHUNK}`, [after]);
      out.push(...(await this.opened(rows.map((r) => JSON.parse(r.line) as AuditLine))));
      if (rows.length < CHUNK) break;
      after = Number(rows.at(-1)!.seq);
    }
    if (out.length) this.heard(out.at(-1)!.seq);
    return out;
  }

  async page(match: AuditMatch, limit: number, before?: number): Promise<{ events: AuditEvent[]; more: boolean }> {
    await this.flush();
    const where: string[] = [];
    const params: unknown[] = [];
    const f = match.fields ?? {};
    if (f.action) where.push(`(action = $${params.push(f.action)} OR action LIKE $${params.push(`${likeEscape(f.action)}.%`)})`);
    if (f.actor) where.push(`actor = $${params.push(f.actor)}`);
    const from = isoOrNull(f.from);
    const to = isoOrNull(f.to);
    if (from) where.push(`at COLLATE "C" >= $${params.push(from)}`);
    if (to) where.push(`at COLLATE "C" <= $${params.push(to)}`);
    const filtered = where.length > 0;
    const found: AuditEvent[] = [];
    let more = false;
    let newer: { line: AuditLine } | undefined;
    let bound = before ?? Number.MAX_SAFE_INTEGER;
    const chunk = Math.min(Math.max(limit + 1, 50), CHUNK);
    walk: for (;;) {
      const { rows } = await this.db.pool.query<Row>(
        `SELECT seq, line FROM ${TABLE} WHERE seq < $${params.length + 1}${where.map((w) => ` AND ${w}`).join('')} ORDER BY seq DESC LIMIT ${chunk}`,
        [...params, bound],
      );
      const lines = rows.map((r) => JSON.parse(r.line) as AuditLine);
      const events = await this.opened(lines);
      for (let i = 0; i < lines.length; i++) {
        this.checkShown(lines[i]!, rows[i]!.line, filtered ? undefined : newer?.line);
        newer = { line: lines[i]! };
        if (!match(events[i]!)) continue;
        if (found.length === limit) {
          more = true;
          break walk;
        }
        found.push(events[i]!);
      }
      if (rows.length < chunk) break;
      bound = Number(rows.at(-1)!.seq);
    }
    return { events: found.reverse(), more };
  }

  async trail(target: string, from: AuditAction, before?: number): Promise<AuditTrailLine[]> {
    await this.flush();
    const found: AuditTrailLine[] = [];
    let bound = before ?? Number.MAX_SAFE_INTEGER;
    for (;;) {
      const { rows } = await this.db.pool.query<Row>(`SELECT seq, line FROM ${TABLE} WHERE target = $1 AND seq < $2 ORDER BY seq DESC LIMIT 200`, [target, bound]);
      const lines = rows.map((r) => JSON.parse(r.line) as AuditLine);
      const events = await this.opened(lines);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        this.checkShown(line, rows[i]!.line, undefined);
        found.push({ ...events[i]!, prev: line.prev, hash: line.hash });
        if (line.action === from) return found.reverse();
      }
      if (rows.length < 200) return found.reverse();
      bound = Number(rows.at(-1)!.seq);
    }
  }

  async named(action: AuditAction, targets: readonly string[], _since: number): Promise<Set<string>> {
    await this.flush();
    if (!targets.length) return new Set();
    const { rows } = await this.db.pool.query<{ target: string }>(
      `SELECT DISTINCT target FROM ${TABLE} WHERE target = ANY($1::text[]) AND action = $2`, [[...targets], action],
    );
    return new Set(rows.map((r) => r.target));
  }

  /** Lines as readers see them, their sealed details opened with the keys as the database has them now. */
  private async opened(lines: AuditLine[]): Promise<AuditEvent[]> {
    const kids = lines.flatMap((l) => sealedKid(l) ?? []);
    if (kids.length) await this.keys?.refresh?.(kids);
    return lines.map((l) => openEvent(l, this.keys));
  }

  /** A row a read passed: its own hash, and (reading unfiltered) that the newer row read just before links to it. */
  private checkShown(line: AuditLine, raw: string, newer: AuditLine | undefined): void {
    const { prev: _p, hash, ...event } = line;
    if (hash !== hashLine(line.prev, event)) this.noteProblem({ seq: line.seq, line: line.seq, reason: 'its content does not match its hash (the line was edited)' });
    if (newer && (newer.seq !== line.seq + 1 || newer.prev !== sha256(raw))) {
      this.noteProblem({ seq: newer.seq, line: newer.seq, reason: 'does not link to the line before (a line was removed or edited)' });
    }
  }

  private noteProblem(p: AuditProblem | undefined): void {
    if (p && (!this.problem || p.seq < this.problem.seq)) this.problem = p;
  }

  // ---------- verification ----------

  async verify(): Promise<AuditVerdict> {
    await this.flush();
    if (!this.checked) await this.checkAll();
    else {
      if (this.now() - this.lastFullCheckAt > this.recheckMs) this.checkInBackground();
      await this.checkNew();
    }
    return this.problem ? { ok: false, count: this.count, problem: this.problem } : { ok: true, count: this.count };
  }

  checkInBackground(): void {
    void this.checkAll().catch((e: unknown) => process.emitWarning(`audit log check failed: ${(e as Error).message}`));
  }

  /** Every row from the first, and the head, in one snapshot. `found`: a problem the caller already knows of. */
  private checkAll(found?: AuditProblem): Promise<void> {
    this.fullCheck ??= (async () => {
      await this.flush();
      try {
        await this.snapshot(async (c) => {
          const checker = new ChainChecker();
          await this.push(c, checker, 0);
          await this.settleCheck(c, checker);
          this.problem = earliest(checker.problem, found);
          await this.checkHead(c, checker);
          this.lastFullCheckAt = this.now();
        });
      } finally {
        this.fullCheck = null;
      }
    })();
    return this.fullCheck;
  }

  /** The rows added since the last check (and the head); a full check when the checked rows changed meanwhile. */
  private async checkNew(): Promise<void> {
    const from = this.checked!;
    const changed = await this.snapshot(async (c) => {
      if (from.seq > 0) {
        const { rows } = await c.query<Row>(`SELECT seq, line FROM ${TABLE} WHERE seq = $1`, [from.seq]);
        if (!rows[0] || sha256(rows[0].line) !== from.hash) {
          return { seq: from.seq, line: from.seq, reason: 'the log no longer ends with the events checked before: lines were cut off or rewritten' };
        }
      }
      const checker = new ChainChecker(from, this.checkedAnchors);
      await this.push(c, checker, from.seq);
      await this.settleCheck(c, checker);
      this.noteProblem(checker.problem);
      await this.checkHead(c, checker);
      return undefined;
    });
    if (changed) await this.checkAll(changed);
  }

  /** Push the rows after `after` through `checker`, in chunks, until the end or a break. */
  private async push(c: pg.ClientBase, checker: ChainChecker, after: number): Promise<void> {
    for (;;) {
      const { rows } = await c.query<Row>(`SELECT seq, line FROM ${TABLE} WHERE seq > $1 ORDER BY seq LIMIT ${CHUNK}`, [after]);
      for (const r of rows) if (!checker.push(r.line)) return;
      if (rows.length < CHUNK) return;
      after = Number(rows.at(-1)!.seq);
      await nextTurn();
    }
  }

  /** Where a check stopped: the checked point (a broken chain: the end, so it is not read again) and the count. */
  private async settleCheck(c: pg.ClientBase, checker: ChainChecker): Promise<void> {
    const end = await lastRow(c);
    this.count = end.seq;
    this.heard(end.seq);
    this.checked = checker.broken ? end : checker.point;
    this.checkedAnchors = checker.anchors;
  }

  /** The head against the end of an unbroken chain (as `inzage audit verify` checks the file head). */
  private async checkHead(c: pg.ClientBase, checker: ChainChecker): Promise<void> {
    const key = this.anchorKey?.(false);
    if (!key || checker.broken) return;
    const head = await readHeadRow(c);
    if (!head || head.mac === null) {
      if (checker.anchors > 0) {
        this.noteProblem({ seq: checker.seq + 1, line: checker.seq + 1, reason: 'the head record (audit_head) is missing: rows may have been deleted from the end' });
      }
      return;
    }
    const issue = await headIssue(c, head, key, checker.point);
    if (issue) this.noteProblem({ seq: issue.seq, line: issue.seq, reason: issue.reason });
  }

  /** `fn` in a read-only REPEATABLE READ transaction: the rows and the head as of one moment. */
  private async snapshot<R>(fn: (c: pg.PoolClient) => Promise<R>): Promise<R> {
    const c = await this.db.pool.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const r = await fn(c);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch((r: unknown) => { broken = r as Error; });
      throw e;
    } finally {
      c.release(broken);
    }
  }
}

// ---------- rows and head ----------

async function lastRow(c: pg.ClientBase): Promise<ChainPoint> {
  const { rows } = await c.query<Row>(`SELECT seq, line FROM ${TABLE} ORDER BY seq DESC LIMIT 1`);
  return rows[0] ? { seq: Number(rows[0].seq), hash: sha256(rows[0].line) } : { seq: 0, hash: ZERO };
}

/** The last row's point and the head, in one round trip (an append's transaction reads both under its lock). */
async function endAndHead(c: pg.ClientBase): Promise<{ end: ChainPoint; head: HeadRow | undefined }> {
  const { rows } = await c.query<{ seq: string | null; line: string | null; head_seq: string | null; head_hash: string | null; head_mac: string | null }>(
    `SELECT l.seq, l.line, h.seq AS head_seq, h.hash AS head_hash, h.mac AS head_mac
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (SELECT seq, line FROM ${TABLE} ORDER BY seq DESC LIMIT 1) AS l ON true
       LEFT JOIN audit_head AS h ON true`,
  );
  const r = rows[0]!;
  return {
    end: r.line !== null ? { seq: Number(r.seq), hash: sha256(r.line) } : { seq: 0, hash: ZERO },
    head: r.head_seq !== null ? { seq: r.head_seq, hash: r.head_hash!, mac: r.head_mac } : undefined,
  };
}

/** Insert rows; with `head`, the head row is written by the same statement. */
async function insertRows(c: pg.ClientBase, seqs: readonly number[], lines: readonly string[], head?: { at: ChainPoint; key: Buffer | undefined }): Promise<void> {
  const insert = `INSERT INTO ${TABLE} (seq, line) SELECT * FROM unnest($1::bigint[], $2::text[])`;
  if (!head) {
    await c.query(insert, [seqs, lines]);
    return;
  }
  await c.query(`WITH ins AS (${insert}) ${headUpsert(3)}`, [seqs, lines, ...headValues(head.at, head.key)]);
}

/** The head row written, its values from parameter `$first` on. */
const headUpsert = (first: number) =>
  `INSERT INTO audit_head (id, seq, hash, mac) VALUES (true, $${first}, $${first + 1}, $${first + 2}) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac`;
const headValues = (at: ChainPoint, key: Buffer | undefined) => [at.seq, at.hash, key ? headRecord(key, at).mac : null];

async function readHeadRow(c: pg.ClientBase): Promise<HeadRow | undefined> {
  return (await c.query<HeadRow>('SELECT seq, hash, mac FROM audit_head')).rows[0];
}

async function writeHead(c: pg.ClientBase, at: ChainPoint, key: Buffer | undefined): Promise<void> {
  await c.query(headUpsert(1), headValues(at, key));
}

/**
 * Why the keyed head does not fit a log that ends at `end`, if it does not (the file head's checks), and from which
 * event the log is in doubt: the first one the head says is missing or not the one it names; for a head that
 * cannot be trusted at all, the next one (where the file server's start records it).
 */
async function headIssue(c: pg.ClientBase, head: HeadRow, key: Buffer, end: ChainPoint): Promise<{ reason: string; seq: number } | undefined> {
  const read = readHead(JSON.stringify({ v: 1, count: Number(head.seq), hash: head.hash, mac: head.mac }), key);
  if ('problem' in read) return { reason: read.problem, seq: end.seq + 1 };
  const at = read.point.seq;
  let hashAtHead: string | undefined;
  if (at > 0 && at < end.seq) {
    const { rows } = await c.query<Row>(`SELECT seq, line FROM ${TABLE} WHERE seq = $1`, [at]);
    hashAtHead = rows[0] ? sha256(rows[0].line) : undefined;
  }
  const reason = headProblem(read.point, end, (n) => (n === at ? hashAtHead : undefined));
  return reason ? { reason, seq: Math.min(at, end.seq + 1) } : undefined;
}

function earliest(a: AuditProblem | undefined, b: AuditProblem | undefined): AuditProblem | undefined {
  return !a ? b : !b ? a : b.seq < a.seq ? b : a;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * A bound as the stored `at` is written (ISO 8601 in UTC: as text, in "C" order, it sorts as time); none or out of
 * range: no bound in SQL (the match still tests every event).
 */
function isoOrNull(ms: number | undefined): string | null {
  if (ms === undefined || !Number.isFinite(ms)) return null;
  try {
    return new Date(ms).toISOString();
  } catch {
    return null;
  }
}
