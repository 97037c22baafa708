/**
 * The PostgreSQL connection of one process (docs/design.md: PostgreSQL store): a pool for writes and reloads, one
 * client that LISTENs for other processes' changes, and the write queue. Writes of one process run one at a time in
 * call order (as the file store's documents are written), so that a later write of a row never overtakes an
 * earlier one; processes race only in the database, where the constraints decide.
 *
 * A change is announced with NOTIFY on one channel, inside the writing transaction (so it is delivered only when
 * committed): `{ s: schema, t: table, id: row id or '*' for the whole table, o: the writing process }`. Each other
 * process with the same schema reloads that row.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pgPackage } from '../../lazyPackages.ts';
import { migrate } from './migrate.ts';
import { SerialQueue } from './serialQueue.ts';

export const CHANNEL = 'inzage_changes';
/** More rows changed at once than this are announced as the whole table ('*'). */
const MAX_NOTICES = 50;

export interface PgOptions {
  /** the schema to keep the tables in (created if missing); default: the connection's (normally `public`) */
  schema?: string;
  /** the delay of coalesced (`…Soon`) writes, ms */
  hotWriteDelayMs?: number;
  /** pool size (default 4) */
  poolSize?: number;
  /** how long to wait for a connection before giving up, ms (default 10 s; an unreachable host must not hang a start) */
  connectTimeoutMs?: number;
}

interface Notice { s: string; t: string; id: string; o: string }

export class PgDb {
  readonly origin = randomUUID();
  private readonly queue = new SerialQueue();
  private readonly handlers = new Map<string, (id: string) => void>();
  private readonly appliedListeners: ((table: string, id: string) => void)[] = [];
  private listening = false;
  private readonly early: Notice[] = [];
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly listener: pg.Client,
    readonly schema: string,
    readonly hotWriteDelayMs: number,
  ) {
    listener.on('notification', (msg) => {
      if (msg.channel === CHANNEL) this.heard(msg.payload);
    });
  }

  /** Connect, migrate and listen (the tables load after this, then `listen()` starts reloading). */
  static async open(url: string, opts: PgOptions = {}): Promise<PgDb> {
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) throw new Error(`Not a schema name: ${opts.schema}`);
    const config: pg.ClientConfig = {
      connectionString: url,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    };
    const pool = new (pgPackage().Pool)({ ...config, max: opts.poolSize ?? 4 });
    pool.on('error', (e) => console.error('inzage: PostgreSQL connection error:', e.message));
    const listener = new (pgPackage().Client)(config);
    listener.on('error', (e) => console.error('inzage: PostgreSQL listener error:', e.message));
    try {
      await listener.connect();
      if (opts.schema) await createSchema(listener, opts.schema);
      let schema = await currentSchema(listener);
      // a URL that names a schema of its own (`?options=-c%20search_path%3Dschool1`) gets it made, as `schema` does
      const named = schema ? undefined : firstOnPath((await listener.query<{ search_path: string }>('SHOW search_path')).rows[0]?.search_path);
      if (named) {
        await createSchema(listener, named);
        schema = await currentSchema(listener);
      }
      if (!schema) throw new Error('PostgreSQL has no current schema (check search_path)');
      await migrate(listener);
      const db = new PgDb(pool, listener, schema, opts.hotWriteDelayMs ?? 100);
      // before the tables load, so that no change committed after a table's load goes unheard
      await listener.query(`LISTEN ${CHANNEL}`);
      return db;
    } catch (e) {
      await Promise.allSettled([listener.end(), pool.end()]);
      throw e;
    }
  }

  /** Reload on other processes' changes from now on, beginning with those announced while the tables loaded. */
  listen(): void {
    if (this.listening) return;
    this.listening = true;
    for (const n of this.early.splice(0)) this.handlers.get(n.t)?.(n.id);
  }

  private heard(payload: string | undefined): void {
    if (!payload || this.closed) return;
    let n: Notice;
    try {
      n = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (n.s !== this.schema || n.o === this.origin) return;
    if (!this.listening) this.early.push(n);
    else this.handlers.get(n.t)?.(n.id);
  }

  onChange(table: string, handler: (id: string) => void): void {
    this.handlers.set(table, handler);
  }

  /** Listen to other processes' changes once they are applied in memory (server/cluster/: consoles, waits). */
  onApplied(listener: (table: string, id: string) => void): () => void {
    this.appliedListeners.push(listener);
    return () => {
      const i = this.appliedListeners.indexOf(listener);
      if (i >= 0) this.appliedListeners.splice(i, 1);
    };
  }

  /** A table applied another process's change of row `id` in memory. */
  applied(table: string, id: string): void {
    for (const l of [...this.appliedListeners]) {
      try {
        l(table, id);
      } catch (e) {
        console.error('inzage: a change listener failed:', e);
      }
    }
  }

  /**
   * A round trip on the listening connection: PostgreSQL delivers a session's notifications before the answer to its
   * next query, so once this resolves every change committed before it was called has been heard.
   */
  async heardAll(): Promise<void> {
    if (!this.closed) await this.listener.query('SELECT 1');
  }

  /** Run `fn` after every write queued before it (this process's writes are applied in call order). */
  serial<R>(fn: () => Promise<R>): Promise<R> {
    return this.queue.run(fn);
  }

  /** `fn` in one transaction: all of it is committed, or none of it. */
  tx<R>(fn: (c: pg.PoolClient) => Promise<R>): Promise<R> {
    return transaction(this.pool, fn);
  }

  /** Announce changed rows to the other processes, delivered when `c`'s transaction commits. */
  async notify(c: pg.ClientBase, table: string, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    const rows = ids.length > MAX_NOTICES ? ['*'] : [...new Set(ids)];
    const payloads = rows.map((id) => JSON.stringify({ s: this.schema, t: table, id, o: this.origin } satisfies Notice));
    await c.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [CHANNEL, payloads]);
  }

  /** Wait for every queued write. */
  drain(): Promise<void> {
    return this.queue.idle();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.drain();
    this.closed = true;
    await Promise.allSettled([this.listener.end(), this.pool.end()]);
  }
}

async function currentSchema(c: pg.Client): Promise<string | null | undefined> {
  return (await c.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0]?.s;
}

/** The first schema of a search_path when it is a plain name (not `"$user"`, not quoted), else undefined. */
function firstOnPath(path: string | undefined): string | undefined {
  const first = path?.split(',')[0]?.trim();
  return first && /^[a-z_][a-z0-9_]{0,62}$/.test(first) ? first : undefined;
}

/** `CREATE SCHEMA IF NOT EXISTS` is not safe against a concurrent one (a unique violation in the catalogue): serialised. */
async function createSchema(c: pg.Client, schema: string): Promise<void> {
  await c.query(`SELECT pg_advisory_lock(hashtext('inzage-schema:' || $1::text))`, [schema]);
  try {
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await c.query(`SELECT pg_advisory_unlock(hashtext('inzage-schema:' || $1::text))`, [schema]);
  }
}

/** `fn` in one transaction on a connection of `pool`: all of it is committed, or none of it. */
export async function transaction<R>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<R>): Promise<R> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
