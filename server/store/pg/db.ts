/**
 * The PostgreSQL connection of one process (docs/design.md: PostgreSQL store): a pool for writes and reloads, one
 * client that LISTENs for other processes' changes, and the write queue. Writes of one process run one at a time in
 * call order (as the file store's documents are written), so that a later write of a row never overtakes an
 * earlier one; processes race only in the database, where the constraints decide.
 *
 * A change is announced with NOTIFY on one channel, inside the writing transaction (so it is delivered only when
 * committed): `{ s: schema, t: table, id: row id or '*' for the whole table, o: the writing process }`. Each other
 * process with the same schema reloads that row.
 *
 * The listening connection may be lost (PostgreSQL restarted, the connection killed): it is re-established with a
 * back-off ({@link LISTEN_RETRY_MS} doubling up to {@link LISTEN_RETRY_MAX_MS}), and once it LISTENs again every table
 * is reloaded whole (`'*'` to each handler), so whatever was committed while nobody listened is caught up.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pgPackage } from '../../lazyPackages.ts';
import { migrate } from './migrate.ts';
import { SerialQueue } from './serialQueue.ts';

export const CHANNEL = 'inzage_changes';
/** More rows changed at once than this are announced as the whole table ('*'). */
const MAX_NOTICES = 50;
/** The first wait before the listening connection is made again; it doubles per failed try, up to the maximum. */
export const LISTEN_RETRY_MS = 100;
export const LISTEN_RETRY_MAX_MS = 10_000;
/** How long `heardAll` waits for a lost listening connection to come back before it answers anyway. */
const HEARD_ALL_WAIT_MS = 5_000;

export interface PgOptions {
  /** the schema to keep the tables in (created if missing); default: the connection's (normally `public`) */
  schema?: string;
  /** the delay of coalesced (`…Soon`) writes, ms */
  hotWriteDelayMs?: number;
  /** pool size (default 4) */
  poolSize?: number;
  /** how long to wait for a connection before giving up, ms (default 10 s; an unreachable host must not hang a start) */
  connectTimeoutMs?: number;
  /** lines for the operator (a lost and restored listening connection); default standard error */
  log?: (line: string) => void;
}

interface Notice { s: string; t: string; id: string; o: string }

export class PgDb {
  private readonly queue = new SerialQueue();
  private readonly handlers = new Map<string, (id: string) => void>();
  private readonly appliedListeners: ((table: string, id: string) => void)[] = [];
  private listening = false;
  private readonly early: Notice[] = [];
  private closed = false;
  /** the listening connection is being made again (resolves once it LISTENs and the catch-up is queued) */
  private restoring: Promise<void> | null = null;
  private restores = 0;
  /** ends the back-off's wait at once (close) */
  private wake: (() => void) | null = null;

  private constructor(
    readonly origin: string,
    readonly pool: pg.Pool,
    private listener: pg.Client,
    private readonly config: pg.ClientConfig,
    readonly schema: string,
    readonly hotWriteDelayMs: number,
    private readonly log: (line: string) => void,
  ) {
    this.attach(listener);
  }

  /** How many times the listening connection was lost and made again (the operator's log says each). */
  get listenerRestores(): number {
    return this.restores;
  }

  /** The listening connection's `application_name` (`pg_stat_activity` shows whose it is). */
  static listenerName(origin: string): string {
    return `inzage-listen-${origin}`;
  }

  private attach(listener: pg.Client): void {
    listener.on('notification', (msg) => {
      if (msg.channel === CHANNEL) this.heard(msg.payload);
    });
    const lost = (why: string) => {
      if (listener !== this.listener || this.closed || this.restoring) return;
      this.log(`inzage: PostgreSQL listener lost (${why}); other processes' changes are caught up once it is back`);
      this.restoring = this.restore().finally(() => { this.restoring = null; });
    };
    listener.on('error', (e) => lost(e.message));
    listener.on('end', () => lost('connection ended'));
  }

  /**
   * Make the listening connection again, with a back-off, LISTEN on it, then reload every table whole: changes
   * committed while nobody listened were not announced to this process.
   */
  private async restore(): Promise<void> {
    let wait = LISTEN_RETRY_MS;
    for (let tries = 1; !this.closed; tries++) {
      const c = new (pgPackage().Client)(this.config);
      c.on('error', () => undefined); // until attached: a failed try is retried below
      try {
        await c.connect();
        await c.query(`LISTEN ${CHANNEL}`);
        if (this.closed) {
          await c.end().catch(() => undefined);
          return;
        }
        this.listener.removeAllListeners();
        this.listener.on('error', () => undefined);
        this.listener = c;
        this.attach(c);
        this.restores += 1;
        this.log(`inzage: PostgreSQL listener back after ${tries} ${tries === 1 ? 'try' : 'tries'}; reloading what other processes changed meanwhile`);
        // (still loading: after the tables' load, as the notices heard meanwhile are)
        for (const [t, handler] of this.handlers) {
          if (this.listening) handler('*');
          else this.early.push({ s: this.schema, t, id: '*', o: '' });
        }
        return;
      } catch (e) {
        await c.end().catch(() => undefined);
        if (tries === 1 || tries % 10 === 0) this.log(`inzage: PostgreSQL listener not back yet (${(e as Error).message}); trying again`);
        await new Promise<void>((r) => {
          const timer = setTimeout(r, wait);
          this.wake = () => { clearTimeout(timer); r(); };
        });
        this.wake = null;
        wait = Math.min(wait * 2, LISTEN_RETRY_MAX_MS);
      }
    }
  }

  /** Connect, migrate and listen (the tables load after this, then `listen()` starts reloading). */
  static async open(url: string, opts: PgOptions = {}): Promise<PgDb> {
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) throw new Error(`Not a schema name: ${opts.schema}`);
    const origin = randomUUID();
    const config: pg.ClientConfig = {
      connectionString: url,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    };
    const pool = new (pgPackage().Pool)({ ...config, max: opts.poolSize ?? 4 });
    pool.on('error', (e) => console.error('inzage: PostgreSQL connection error:', e.message));
    // named, so that an operator (or a test) sees it in pg_stat_activity
    const listenConfig: pg.ClientConfig = { ...config, application_name: PgDb.listenerName(origin) };
    const listener = new (pgPackage().Client)(listenConfig);
    const early = (e: Error) => console.error('inzage: PostgreSQL listener error:', e.message);
    listener.on('error', early);
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
      // before the tables load, so that no change committed after a table's load goes unheard (one announced before
      // their load, and so before the PgDb below listens, is in what they load)
      await listener.query(`LISTEN ${CHANNEL}`);
      listener.off('error', early);
      return new PgDb(origin, pool, listener, listenConfig, schema, opts.hotWriteDelayMs ?? 100, opts.log ?? ((line) => console.error(line)));
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
    if (this.closed) return;
    if (this.restoring) {
      // a lost listener: its catch-up (every table reloaded) stands in for the round trip, once it is back
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((r) => { timer = setTimeout(() => r(false), HEARD_ALL_WAIT_MS); });
      const back = await Promise.race([this.restoring.then(() => true), late]);
      clearTimeout(timer);
      if (!back) return; // not back yet: what is in memory now is all there is
    }
    await this.listener.query('SELECT 1').catch(() => undefined);
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
    this.wake?.();
    await this.restoring;
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
