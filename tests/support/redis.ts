/**
 * Redis for tests (docs/design.md: Several server processes). The server is `INZAGE_TEST_REDIS_URL` (default
 * `redis://127.0.0.1:6379`); each test gets a key prefix of its own (its Socket.IO stream and channels), whose keys are
 * deleted afterwards, so tests never hear each other. When Redis cannot be reached the tests skip with a hint naming the
 * variable — unless `CI=true`, where they must run and so fail (as tests/support/pg.ts does for PostgreSQL).
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

export const TEST_REDIS_URL = process.env.INZAGE_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

let reachable: Promise<string | undefined> | undefined;

/** undefined when Redis answers, else why not */
function unreachable(): Promise<string | undefined> {
  return (reachable ??= (async () => {
    const c = createClient({ url: TEST_REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.ping();
      return undefined;
    } catch (e) {
      return (e as Error).message || String(e);
    } finally {
      await c.close().catch(() => undefined);
    }
  })());
}

/** In a `before` hook: skip the suite with a hint when Redis cannot be reached (fail instead when CI=true). */
export async function requireRedis(ctx: Mocha.Context): Promise<void> {
  const why = await unreachable();
  if (!why) return;
  const hint = `Redis at ${TEST_REDIS_URL} is unreachable (${why}): set INZAGE_TEST_REDIS_URL to a Redis these tests may write keys in`;
  if (process.env.CI === 'true') throw new Error(hint);
  console.warn(`      skipped: ${hint}`);
  ctx.skip();
}

/** A fresh prefix (lower-case letters and digits, as INZAGE_CLUSTER_PREFIX takes) for one test's keys and channels. */
export function redisPrefix(): string {
  return `t${process.pid}${randomBytes(5).toString('hex')}`;
}

/** Delete every key under `prefix` (after a test). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  if (await unreachable()) return;
  const c = createClient({ url: TEST_REDIS_URL });
  c.on('error', () => undefined);
  await c.connect();
  try {
    for await (const keys of c.scanIterator({ MATCH: `${prefix}:*`, COUNT: 100 })) {
      if (keys.length) await c.del(keys);
    }
  } finally {
    await c.close();
  }
}
