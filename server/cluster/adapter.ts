/**
 * The Socket.IO adapter of several processes (docs/design.md: Several server processes): every `emit` to a namespace or
 * room, `disconnectSockets` and `serverSideEmit` reaches the sockets of every process.
 *
 * Redis streams (`@socket.io/redis-streams-adapter`) when a Redis URL is configured, and the default then; PostgreSQL
 * (`@socket.io/postgres-adapter`, over NOTIFY) when only the database is. Redis is the default because the console lists
 * are large and frequent: a `kiosks:updated` of 1,000 kiosks is ~200 KB, far over NOTIFY's 8,000 bytes, so the
 * PostgreSQL adapter writes each such push into a table for every other process to read back — write load on the
 * database that holds the reviews. A Redis stream takes it in memory, and survives a process's short disconnection.
 */
import type pg from 'pg';
import { pgAdapterPackage, redisAdapterPackage, redisPackage } from '../lazyPackages.ts';

export type AdapterKind = 'redis' | 'postgres';

export interface AdapterSettings {
  kind: AdapterKind;
  redisUrl?: string;
  /** stream / channel prefix of this installation */
  prefix: string;
  log: (line: string) => void;
  /** true once the process is closing (the adapter's last timers may still fire) */
  closing: () => boolean;
}

export interface ClusterAdapter {
  /** the factory for `io.adapter(…)` */
  readonly factory: unknown;
  close(): Promise<void>;
}

/** Which adapter the settings ask for: Redis when a Redis URL is there (unless `postgres` is asked for). */
export function adapterKind(s: { redisUrl?: string; adapter?: AdapterKind }): AdapterKind {
  if (s.adapter) return s.adapter;
  return s.redisUrl ? 'redis' : 'postgres';
}

/** Connect what the adapter needs and make its factory (the pool is the cluster's, closed by it). */
export async function openAdapter(s: AdapterSettings, pool: pg.Pool): Promise<ClusterAdapter> {
  if (s.kind === 'postgres') {
    // The adapter holds a client of the pool for its LISTEN and gives it no 'error' listener: a connection PostgreSQL
    // ends (a restart, pg_terminate_backend) would throw an unhandled 'error' and stop the process. Its own 'end'
    // handler listens again on a new client; here the error is only logged. (The adapter uses `query` and `connect`.)
    const guarded = {
      query: pool.query.bind(pool),
      connect: async () => {
        const client = await pool.connect();
        client.on('error', (e: Error) => { if (!s.closing()) s.log(`inzage: Socket.IO PostgreSQL adapter connection: ${e.message}`); });
        // an ended connection goes back to the pool (destroyed), which otherwise counts it out for good and waits for
        // it when it closes; released once, whoever is first (the adapter releases its current client at close)
        let released = false;
        const release = client.release.bind(client);
        client.release = (err?: Error | boolean) => { if (!released) { released = true; release(err); } };
        client.on('end', () => client.release(true));
        return client;
      },
    } as unknown as pg.Pool;
    const factory = pgAdapterPackage().createAdapter(guarded, {
      channelPrefix: s.prefix,
      tableName: 'socket_io_attachments', // migration 005, in the store's schema
      errorHandler: (e) => { if (!s.closing()) s.log(`inzage: Socket.IO PostgreSQL adapter: ${e.message}`); },
    });
    return { factory, close: async () => undefined };
  }
  if (!s.redisUrl) throw new Error('The Redis adapter needs a Redis URL');
  const client = redisPackage().createClient({ url: s.redisUrl });
  client.on('error', (e: Error) => s.log(`inzage: Redis: ${e.message}`));
  await client.connect();
  const factory = redisAdapterPackage().createAdapter(client, { streamName: `${s.prefix}:socket.io`, channelPrefix: `${s.prefix}:socket.io`, sessionKeyPrefix: `${s.prefix}:sio:session:`, blockTimeInMs: 2_000 });
  return {
    factory,
    async close() {
      await client.close().catch(() => undefined);
    },
  };
}
