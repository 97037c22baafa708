/**
 * Two (or more) server processes of one installation in one test process (docs/design.md: Several server processes):
 * each a real app on 127.0.0.1:0 with its own local directory, on the whole PostgreSQL store of one schema per test
 * (the content imported once by the first) and one Redis prefix per test (the Socket.IO adapter), a fake clock
 * shared by all. Call inside a `describe`: it registers the hooks (skipping without PostgreSQL or Redis, unless
 * `CI=true`). Used by tests/integration/cluster.test.ts and cluster-shared.test.ts.
 */
import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import type { ClusterSettings } from '../../server/config.ts';
import type { PgStore } from '../../server/store/pg/index.ts';
import { connectKiosk, kioskSocket, loggedIn, once, startTestServer, type KioskSocket, type TestServer } from '../helpers/server.ts';
import { tempDir } from './dataDir.ts';
import { eventually } from './eventually.ts';
import { TEST_DATABASE_URL, pgSchemaPerTest } from './pg.ts';
import { TEST_REDIS_URL, dropRedisPrefix, redisPrefix, requireRedis } from './redis.ts';

export const CLUSTER_T0 = Date.parse('2026-06-05T10:00:00Z');

export interface ClusterProcess extends TestServer {
  /** its whole store on PostgreSQL */
  pg: PgStore;
}

export function twoProcesses(adapter: 'redis' | 'postgres' = 'redis') {
  const clock = new FakeClock(CLUSTER_T0);
  let prefix = '';
  const servers: ClusterProcess[] = [];
  const sockets: { close(): void }[] = [];

  before(async function () {
    if (adapter === 'redis') await requireRedis(this);
  });
  beforeEach(() => {
    clock.set(CLUSTER_T0);
    prefix = redisPrefix();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await Promise.allSettled(servers.splice(0).map((s) => s.close()));
    if (adapter === 'redis') await dropRedisPrefix(prefix);
  });
  // after the hooks above: its own afterEach (dropping the schema) runs after the processes closed
  const schema = pgSchemaPerTest();

  /** A process: the next one waits until the ones before it answer it over the adapter. */
  async function start(config: Record<string, unknown> = {}): Promise<ClusterProcess> {
    const dataDir = tempDir('cluster');
    const pg = await schema.openStore(dataDir, { now: () => clock.now() });
    const cluster: ClusterSettings = { databaseUrl: TEST_DATABASE_URL, schema: schema.name, prefix, leasePollMs: 100, ...(adapter === 'redis' ? { redisUrl: TEST_REDIS_URL } : { adapter: 'postgres' }) };
    const ts = await startTestServer({ dataDir, clock, withStore: () => pg, config: { graceMs: 60_000, idleTimeoutMs: 24 * 60 * 60_000, ...config, cluster } });
    const p: ClusterProcess = Object.assign(ts, { pg });
    servers.push(p);
    if (servers.length === 1) await eventually(() => ts.app.cluster!.node.leading, { what: 'the first process runs the timers' });
    if (servers.length > 1) {
      await eventually(async () => (await ts.app.cluster!.relay.ping(500)) && (await servers[0]!.app.cluster!.relay.ping(500)), { what: 'the processes hear each other', timeout: 20_000 });
    }
    return p;
  }

  /** Pair a kiosk whose code is shown on `shownOn`, entered by an admin on `pairedOn`. */
  async function pairAcross(shownOn: TestServer, pairedOn: TestServer, name: string): Promise<{ id: string; token: string }> {
    const admin = await loggedIn(pairedOn.base, 'boss');
    const s = kioskSocket(shownOn.base);
    sockets.push(s);
    const code = await once<{ code: string }>(s, 'pairing:code');
    const paired = once<{ token: string; kiosk: { id: string } }>(s, 'kiosk:paired', 15_000);
    paired.catch(() => undefined);
    const r = await admin.call('POST', '/api/kiosks', { code: code.code, name });
    expect(r.status, r.text).to.equal(201);
    const p = await paired;
    s.close();
    return { id: p.kiosk.id, token: p.token };
  }

  async function onlineOn(ts: TestServer, token: string): Promise<{ socket: KioskSocket; state: any }> {
    const k = await connectKiosk(ts.base, token);
    sockets.push(k.socket);
    return k;
  }

  const kioskOnline = async (ts: TestServer, id: string, online = true) => {
    const boss = await loggedIn(ts.base, 'boss');
    await eventually(async () => ((await boss.call('GET', '/api/kiosks')).json as { id: string; online: boolean }[]).some((k) => k.id === id && k.online === online), { what: `kiosk ${online ? 'online' : 'offline'} on ${ts.base}` });
  };

  return { clock, start, pairAcross, onlineOn, kioskOnline, sockets, servers, schema };
}
