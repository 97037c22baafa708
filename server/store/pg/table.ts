/**
 * One table's working set in memory, kept in step with PostgreSQL (docs/design.md: PostgreSQL store). Reads are
 * synchronous, from memory. A change applies in memory at once, then `write` commits it (with its announcement to
 * the other processes) and resolves when committed; `soon` coalesces hot updates into one transaction per delay.
 *
 * Another process's change is reloaded row by row — unless this process has a write of that row under way or made
 * a change to it since the reload began: then the reload waits until the write is committed and runs again, so a
 * reload never puts back an older state over a local change.
 */
import type pg from 'pg';
import type { PgDb } from './db.ts';

/** insert: a new row (a unique violation rejects); upsert; update: only a row still there; delete */
export type How = 'insert' | 'upsert' | 'update' | 'delete';
/**
 * `where`: a further condition of an update (SQL written in our code, never input); `required`: an update that finds
 * no row so (another process changed it first) fails the whole write with a {@link ConditionFailed}.
 */
export interface Op<T> { id: string; how: How; value?: T; fields?: readonly string[]; where?: string; required?: boolean }

/** A required conditional update found its row changed by another process: nothing of the write was committed. */
export class ConditionFailed extends Error {
  constructor(readonly table: string, readonly id: string) {
    super(`${table} ${id} was changed by another process`);
  }
}

interface Entry<T> { seq: number; value: T }
interface Row { id: string; seq: string; doc: unknown }

export interface TableOptions {
  /** an upsert moves the row to the end of `all()` (the file store's remarks: replaced = removed and appended) */
  upsertMovesToEnd?: boolean;
  /**
   * the fields a coalesced write changes (a kiosk's lastSeenAt, a review's position): merged into the stored row,
   * so that a hot write never undoes another process's change of the rest; unset: the whole row
   */
  soonFields?: readonly string[];
}

export class PgTable<T> {
  private rows = new Map<string, Entry<T>>();
  private list: readonly T[] | null = null;
  private maxSeq = 0;
  /** writes under way per row; a reload of such a row waits for them */
  private readonly pending = new Map<string, number>();
  /** local changes per row (a reload that began before one is stale) */
  private readonly changes = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private readonly soonIds = new Set<string>();
  private soonTimer: NodeJS.Timeout | null = null;
  private reloads: Promise<void> = Promise.resolve();

  constructor(private readonly db: PgDb, readonly name: string, private readonly opts: TableOptions = {}) {
    db.onChange(name, (id) => this.changed(id));
  }

  async load(): Promise<void> {
    const { rows } = await this.db.pool.query<Row>(`SELECT id, seq, doc FROM ${this.name} ORDER BY seq`);
    this.rows = new Map(rows.map((r) => [r.id, this.entry(r)]));
    this.list = null;
  }

  all(): readonly T[] {
    return (this.list ??= this.entries().map(([, v]) => v));
  }

  /** [id, row] in order */
  entries(): [string, T][] {
    return [...this.rows].sort(([, a], [, b]) => a.seq - b.seq).map(([id, e]) => [id, e.value]);
  }

  get(id: string): T | undefined {
    return this.rows.get(id)?.value;
  }

  /** A local change in memory (the next read sees it); `toEnd` orders it last. */
  set(id: string, value: T, toEnd = false): void {
    const old = this.rows.get(id);
    this.rows.set(id, { seq: old && !toEnd ? old.seq : ++this.maxSeq, value });
    this.local(id);
  }

  drop(id: string): void {
    if (this.rows.delete(id)) this.local(id);
  }

  /**
   * Commit these changes in one transaction (after this process's earlier writes), announced to the other processes.
   * `more` runs in the same transaction and names further rows it deleted. On a failure `undo` restores memory.
   */
  write(ops: readonly Op<T>[], more?: { run: (c: pg.PoolClient) => Promise<string[]> }, undo?: () => void): Promise<void> {
    if (!ops.length && !more) return Promise.resolve();
    const ids = ops.map((o) => o.id);
    this.hold(ids);
    const committed = this.db.serial(() =>
      this.db.tx(async (c) => {
        const seqs = new Map<string, number>();
        // rows locked in one order by every process, so two multi-row writes cannot deadlock (stable: a row's own
        // changes keep their order)
        for (const op of [...ops].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
          const seq = await this.apply(c, op);
          if (seq !== undefined) seqs.set(op.id, seq);
        }
        const deleted = more ? await more.run(c) : [];
        await this.db.notify(c, this.name, [...ids, ...deleted]);
        return { seqs, deleted };
      }),
    );
    return committed.then(
      ({ seqs, deleted }) => {
        for (const [id, seq] of seqs) this.settle(id, seq);
        for (const id of deleted) this.forget(id);
        this.release(ids);
      },
      (e: unknown) => {
        undo?.();
        this.release(ids);
        throw e;
      },
    );
  }

  /**
   * Coalesced: within the delay, update the row as it is in memory then (never inserting it: a row another process
   * deleted stays deleted), or delete it when it is gone from memory by then.
   */
  soon(id: string): void {
    if (!this.soonIds.has(id)) {
      this.soonIds.add(id);
      this.hold([id]);
    }
    if (this.soonTimer) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      this.writeSoon().catch((e: unknown) => console.error(`inzage: could not write ${this.name} to PostgreSQL:`, e));
    }, this.db.hotWriteDelayMs);
    this.soonTimer.unref?.();
  }

  /** Write the coalesced updates now (if any). */
  flushSoon(): Promise<void> {
    if (this.soonTimer) {
      clearTimeout(this.soonTimer);
      this.soonTimer = null;
    }
    return this.writeSoon();
  }

  /** Wait for the reloads begun so far. */
  async settled(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.reloads) {
      seen = this.reloads;
      await seen;
    }
  }

  private async writeSoon(): Promise<void> {
    const ids = [...this.soonIds];
    this.soonIds.clear();
    if (!ids.length) return;
    // a row dropped locally since is deleted; a row changed by another process meanwhile waited for this write (hold)
    const ops = ids.map((id): Op<T> => {
      const value = this.get(id);
      return value === undefined ? { id, how: 'delete' } : { id, how: 'update', value, fields: this.opts.soonFields };
    });
    try {
      await this.write(ops);
    } finally {
      this.release(ids);
    }
  }

  private async apply(c: pg.PoolClient, op: Op<T>): Promise<number | undefined> {
    const t = this.name;
    const picked = op.fields && op.value ? Object.fromEntries(op.fields.map((f) => [f, (op.value as Record<string, unknown>)[f] ?? null])) : undefined;
    const doc = JSON.stringify(picked ?? op.value);
    let sql: string;
    switch (op.how) {
      case 'delete':
        await c.query(`DELETE FROM ${t} WHERE id = $1`, [op.id]);
        return undefined;
      case 'insert':
        sql = `INSERT INTO ${t} (id, doc) VALUES ($1, $2) RETURNING seq`;
        break;
      case 'upsert':
        sql = `INSERT INTO ${t} (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${this.opts.upsertMovesToEnd ? `, seq = nextval('inzage_seq')` : ''} RETURNING seq`;
        break;
      case 'update':
        sql = `UPDATE ${t} SET doc = ${picked ? 'doc || $2::jsonb' : '$2'} WHERE id = $1${op.where ? ` AND (${op.where})` : ''} RETURNING seq`;
        break;
    }
    const { rows } = await c.query<{ seq: string }>(sql, [op.id, doc]);
    if (op.required && !rows[0]) throw new ConditionFailed(t, op.id);
    return rows[0] ? Number(rows[0].seq) : undefined;
  }

  // ---------- other processes' changes ----------

  private changed(id: string): void {
    this.reloads = this.reloads.then(() => this.reload(id)).catch((e: unknown) => console.error(`inzage: could not reload ${this.name}:`, e));
  }

  private async reload(id: string): Promise<void> {
    if (id === '*') {
      const before = new Map(this.changes);
      const { rows } = await this.db.pool.query<Row>(`SELECT id, seq, doc FROM ${this.name}`);
      const there = new Map(rows.map((r) => [r.id, r]));
      for (const known of [...this.rows.keys()]) if (!there.has(known)) this.reloaded(known, undefined, before.get(known) ?? 0);
      for (const r of rows) this.reloaded(r.id, r, before.get(r.id) ?? 0);
      return;
    }
    if (this.pending.has(id)) {
      this.dirty.add(id);
      return;
    }
    const before = this.changes.get(id) ?? 0;
    const { rows } = await this.db.pool.query<Row>(`SELECT id, seq, doc FROM ${this.name} WHERE id = $1`, [id]);
    this.reloaded(id, rows[0], before);
  }

  /** Apply a reloaded row, unless a local change came in between (then reload it again when that is committed). */
  private reloaded(id: string, row: Row | undefined, before: number): void {
    if (this.pending.has(id) || (this.changes.get(id) ?? 0) !== before) {
      this.dirty.add(id);
      if (!this.pending.has(id)) this.retry(id);
      return;
    }
    if (row) this.rows.set(id, this.entry(row));
    else this.rows.delete(id);
    this.list = null;
    this.db.applied(this.name, id);
  }

  private retry(id: string): void {
    if (!this.dirty.delete(id)) return;
    this.changed(id);
  }

  // ---------- bookkeeping ----------

  private entry(r: Row): Entry<T> {
    const seq = Number(r.seq);
    if (seq > this.maxSeq) this.maxSeq = seq;
    return { seq, value: r.doc as T };
  }

  private local(id: string): void {
    this.changes.set(id, (this.changes.get(id) ?? 0) + 1);
    this.list = null;
  }

  /** The committed order of a row written by this process. */
  private settle(id: string, seq: number): void {
    const e = this.rows.get(id);
    if (seq > this.maxSeq) this.maxSeq = seq;
    if (!e || e.seq === seq) return;
    this.rows.set(id, { seq, value: e.value });
    this.list = null;
  }

  /** A row the database removed in this process's write (not a local change: nothing to announce). */
  private forget(id: string): void {
    if (this.rows.delete(id)) this.list = null;
  }

  private hold(ids: readonly string[]): void {
    for (const id of ids) this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
  }

  private release(ids: readonly string[]): void {
    for (const id of ids) {
      const n = (this.pending.get(id) ?? 1) - 1;
      if (n > 0) this.pending.set(id, n);
      else {
        this.pending.delete(id);
        this.retry(id);
      }
    }
  }
}
