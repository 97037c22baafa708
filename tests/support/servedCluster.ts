/**
 * Real `inzage serve` processes of one installation behind a proxy (docs/design.md: Several server processes, the
 * failover tests): one PostgreSQL schema and one Redis prefix per test, the content and an admin account written once
 * by the CLI, each process on its own free port with its own local directory, and a TCP proxy
 * (tests/support/proxy.ts) in front. `servedCluster()`, called in a `describe`, registers the hooks: skip without
 * PostgreSQL or Redis (unless CI=true), and after each test every process killed, the proxy closed, the keys and the
 * schema dropped.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { FIXTURES, PASSWORD } from '../helpers/server.ts';
import { inzage, inzageBackground } from './cli.ts';
import { removeDir, tempDir } from './dataDir.ts';
import { pgSchemaPerTest, sql } from './pg.ts';
import { TcpProxy } from './proxy.ts';
import { TEST_REDIS_URL, dropRedisPrefix, redisPrefix, requireRedis } from './redis.ts';

export type Background = ReturnType<typeof inzageBackground>;

/** One `inzage serve` process. */
export interface Served {
  /** its name at the proxy */
  readonly name: string;
  readonly bg: Background;
  /** its own address (not through the proxy) */
  readonly base: string;
  readonly port: number;
  /** its id in the cluster (`cluster_nodes`) */
  readonly nodeId: string;
  /** whether it has said that it runs the timers (took the lease) */
  leads(): boolean;
  /** SIGKILL, as `kill -9`: nothing of it runs on (no close, no goodbye to the others) */
  kill(): Promise<void>;
}

export interface ServedCluster {
  readonly schema: string;
  /** The proxy in front (started by `serve`'s first call). */
  readonly proxy: TcpProxy;
  /** Import the sample content and add the admin `boss`, through the CLI, into the test's database. */
  seed(): void;
  /** Start `inzage serve`, named `name` at the proxy (a second one of the same name replaces it there). */
  serve(name: string): Promise<Served>;
  /** SQL on the test's schema. */
  sql<R = any>(text: string, values?: unknown[]): Promise<R[]>;
  /** How many lines of `action` the shared audit log has about `target`. */
  auditCount(action: string, target: string): Promise<number>;
  /** The processes (node ids) holding a socket of the kiosk. */
  presenceOf(kioskId: string): Promise<string[]>;
  /** A review as stored. */
  storedReview(id: string): Promise<{ position: string | null; endedAt: string | null; endReason: string | null }>;
}

export function servedCluster(opts: { graceSeconds: number }): ServedCluster {
  let dir = '';
  let prefix = '';
  let proxy: TcpProxy | null = null;
  const running: Background[] = [];

  before(async function () { await requireRedis(this); });
  beforeEach(() => {
    dir = tempDir('served');
    prefix = redisPrefix();
  });
  // registered before pgSchemaPerTest's hooks: the processes are gone before their schema is dropped
  afterEach(async () => {
    await proxy?.close();
    proxy = null;
    for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
    await dropRedisPrefix(prefix);
    removeDir(dir);
  });
  const schema = pgSchemaPerTest();

  const env = () => ({
    INZAGE_DATABASE_URL: schema.url, INZAGE_REDIS_URL: TEST_REDIS_URL, INZAGE_CLUSTER_PREFIX: prefix,
    INZAGE_GRACE_SECONDS: String(opts.graceSeconds),
  });
  const query = <R>(text: string, values: unknown[] = []) => sql(schema.name, text, values) as Promise<R[]>;

  return {
    get schema() { return schema.name; },
    get proxy() {
      if (!proxy) throw new Error('no process started yet');
      return proxy;
    },
    seed() {
      const data = join(dir, 'cli');
      const added = inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], `${PASSWORD('boss')}\n`, env());
      expect(added.code, added.stderr).to.equal(0);
      const imported = inzage(['import', join(FIXTURES, 'sample.json'), '--data', data], '', env());
      expect(imported.code, imported.stderr).to.equal(0);
    },
    async serve(name) {
      const nodes = async () => (await query<{ node_id: string }>('SELECT node_id FROM cluster_nodes').catch(() => [])).map((r) => r.node_id);
      const before = new Set(await nodes());
      const bg = inzageBackground(['serve', '--host', '127.0.0.1', '--port', '0', '--data', join(dir, `${name}-${running.length}`)], env());
      running.push(bg);
      const [, base, port] = await bg.waitFor(/serving on (http:\/\/127\.0\.0\.1:(\d+))/);
      const added = (await nodes()).filter((n) => !before.has(n));
      expect(added, bg.output()).to.have.length(1);
      const nodeId = added[0]!;
      proxy ??= await TcpProxy.start();
      proxy.set(name, Number(port));
      return {
        name, bg, base: base!, port: Number(port), nodeId,
        leads: () => bg.output().includes(`this process (${nodeId}) runs the timers`),
        async kill() {
          bg.child.kill('SIGKILL');
          await bg.exited;
          expect(bg.child.signalCode).to.equal('SIGKILL');
        },
      };
    },
    sql: query,
    async auditCount(action, target) {
      return (await query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND target = $2', [action, target]))[0]!.n;
    },
    async presenceOf(kioskId) {
      return (await query<{ node_id: string }>('SELECT node_id FROM cluster_presence WHERE kiosk_id = $1 ORDER BY node_id', [kioskId])).map((r) => r.node_id);
    },
    async storedReview(id) {
      const row = (await query<{ position: string; ended: string | null; reason: string | null }>("SELECT doc->>'position' AS position, doc->>'endedAt' AS ended, doc->>'endReason' AS reason FROM reviews WHERE id = $1", [id]))[0];
      return { position: row?.position ?? null, endedAt: row?.ended ?? null, endReason: row?.reason ?? null };
    },
  };
}
