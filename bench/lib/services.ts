/**
 * PostgreSQL and Redis for `--nodes N` (bench/phases/cluster.ts): where they are, a check that both answer (else a
 * message naming the variable to set), and a schema and a Redis prefix of the run's own, removed afterwards.
 *
 *   INZAGE_BENCH_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/test (a database the run may create a schema in)
 *   INZAGE_BENCH_REDIS_URL     default redis://127.0.0.1:6379 (a Redis the run may write keys under its prefix in)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { redactUrl } from '../../server/store/open.ts';

export const BENCH_DATABASE_URL_VAR = 'INZAGE_BENCH_DATABASE_URL';
export const BENCH_REDIS_URL_VAR = 'INZAGE_BENCH_REDIS_URL';

export interface Services { databaseUrl: string; redisUrl: string }

export function servicesFrom(env: NodeJS.ProcessEnv = process.env): Services {
  return {
    databaseUrl: env[BENCH_DATABASE_URL_VAR]?.trim() || 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: env[BENCH_REDIS_URL_VAR]?.trim() || 'redis://127.0.0.1:6379',
  };
}

/** A service the run needs that does not answer; the message says which, where, why, and what to set. */
export class ServiceUnreachable extends Error {}

const why = (e: unknown) => (e as Error)?.message || (e as { code?: string })?.code || String(e);

/** Both services answer, or a ServiceUnreachable naming every one that does not. */
export async function checkServices(s: Services): Promise<void> {
  const problems: string[] = [];
  const c = new pg.Client({ connectionString: s.databaseUrl, connectionTimeoutMillis: 3_000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
  } catch (e) {
    problems.push(`PostgreSQL at ${redactUrl(s.databaseUrl)} is unreachable (${why(e)}): start it, or set ${BENCH_DATABASE_URL_VAR} to a database the benchmark may create a schema in`);
  } finally {
    await c.end().catch(() => undefined);
  }
  const r = createClient({ url: s.redisUrl, socket: { connectTimeout: 3_000, reconnectStrategy: false } });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    problems.push(`Redis at ${redactUrl(s.redisUrl)} is unreachable (${why(e)}): start it, or set ${BENCH_REDIS_URL_VAR} to a Redis the benchmark may write keys in`);
  } finally {
    await r.close().catch(() => undefined);
  }
  if (problems.length) throw new ServiceUnreachable(`--nodes needs PostgreSQL and Redis. ${problems.join('; ')}.`);
}

/** A fresh schema name and Redis prefix for one run (lower-case letters, digits and _, as the server takes them). */
export function runNames(): { schema: string; prefix: string } {
  const id = randomBytes(5).toString('hex');
  return { schema: `bench_${process.pid}_${id}`, prefix: `bench${id}` };
}

/** The database URL whose connections use `schema` (the server makes it at open if missing). */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** Drop the run's schema and delete its Redis keys (what is gone already is fine). */
export async function removeRunData(s: Services, names: { schema: string; prefix: string }): Promise<void> {
  const c = new pg.Client({ connectionString: s.databaseUrl, connectionTimeoutMillis: 3_000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${names.schema} CASCADE`);
  } finally {
    await c.end().catch(() => undefined);
  }
  const r = createClient({ url: s.redisUrl, socket: { connectTimeout: 3_000, reconnectStrategy: false } });
  r.on('error', () => undefined);
  try {
    await r.connect();
    for await (const keys of r.scanIterator({ MATCH: `${names.prefix}*`, COUNT: 100 })) {
      if (keys.length) await r.del(keys);
    }
  } finally {
    await r.close().catch(() => undefined);
  }
}

/** What a run must undo however it ends (its schema and keys), while it is under way. */
const pending = new Set<() => Promise<void>>();

/** Run `fn` with `undo` registered for `undoPending` (the watchdog, Ctrl-C); `undo` runs once when `fn` ends. */
export async function withUndo<T>(undo: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  let done: Promise<void> | undefined;
  const once = () => (done ??= undo());
  pending.add(once);
  try {
    return await fn();
  } finally {
    pending.delete(once);
    await once();
  }
}

/** Undo what runs under way registered, waiting at most `ms` (the run is ending anyway). */
export async function undoPending(ms = 10_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.allSettled([...pending].map((f) => f())), late]);
  clearTimeout(timer);
}
