/**
 * `npm run bench -- --nodes N` (bench/phases/cluster.ts; issue 18) at a tiny scale: two real server processes on
 * one PostgreSQL schema and one Redis prefix, the starts issued on process 1 for kiosks on process 2, the baseline
 * beside them; the run's schema and keys are gone afterwards. Nothing here is timed (the figures are the
 * benchmark's, on an idle machine).
 */
import { expect } from 'chai';
import { figures } from '../../bench/lib/report.ts';
import type { SeededKiosk } from '../../bench/lib/seed.ts';
import { measureCluster, spread } from '../../bench/phases/cluster.ts';
import type { Sizes } from '../../bench/lib/context.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { requirePg, sql, TEST_DATABASE_URL } from '../support/pg.ts';
import { requireRedis, TEST_REDIS_URL } from '../support/redis.ts';
import { createClient } from 'redis';

const TINY: Sizes = {
  sittings: 600, kiosks: 12, runnerKiosks: 4, consoles: 2, startSamples: 8, navigateSessions: 0, navigateSeconds: 0,
  resultsSamples: 0, restartSessions: 0, importSittings: 0, qtiResultFiles: 0, paintRuns: 0, endedHistory: 20,
};

const kiosks = (n: number, from = 0): SeededKiosk[] => Array.from({ length: n }, (_, i) => ({ id: `k${from + i}`, name: `K${from + i}`, token: 't' }));

async function redisKeys(prefix: string): Promise<string[]> {
  const c = createClient({ url: TEST_REDIS_URL });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const out: string[] = [];
    for await (const keys of c.scanIterator({ MATCH: `${prefix}*`, COUNT: 100 })) out.push(...keys);
    return out;
  } finally {
    await c.close();
  }
}

describe('bench --nodes: where the kiosks connect', () => {
  it('puts the measured kiosks on processes 2…N only, the local ones on process 1, the idle ones evenly', () => {
    const p = spread(3, kiosks(6), kiosks(2, 6), kiosks(22, 8));
    expect(p.runner[0]!.map((k) => k.id)).to.deep.equal(['k6', 'k7']);
    expect(p.runner[1]!.map((k) => k.id)).to.deep.equal(['k0', 'k2', 'k4']);
    expect(p.runner[2]!.map((k) => k.id)).to.deep.equal(['k1', 'k3', 'k5']);
    expect(p.counts).to.deep.equal([10, 10, 10]);
    expect(p.counts.reduce((a, b) => a + b)).to.equal(30);
    expect(p.fleet.flat().concat(p.runner.flat()).map((k) => k.id).sort()).to.deep.equal(kiosks(30).map((k) => k.id).sort());
  });
});

describe('bench --nodes 2 at a tiny scale (real processes, PostgreSQL, Redis)', function () {
  this.timeout(300_000);
  let work = '';
  before(async function () {
    await requirePg(this);
    await requireRedis(this);
  });
  beforeEach(() => (work = tempDir('bench-nodes')));
  afterEach(() => removeDir(work));

  it('times starts from a console on process 1 for kiosks on process 2, with the baseline, and leaves no schema or keys behind', async () => {
    const r = await measureCluster({ nodes: 2, sizes: TINY, services: { databaseUrl: TEST_DATABASE_URL, redisUrl: TEST_REDIS_URL }, work, log: () => undefined });
    expect(r.starts.failures).to.deep.equal([]);
    expect(r.starts.latency.n).to.equal(TINY.startSamples);
    expect(r.baseline.latency.n).to.equal(TINY.startSamples);
    expect(r.local?.failures).to.deep.equal([]);
    expect(r.local?.latency.n).to.equal(TINY.startSamples / 2);
    expect(r.kiosksPerNode).to.deep.equal([6, 6]);
    expect(r.sittings).to.equal(600);
    const f = figures({ errors: {}, nodes: 2, cluster: r });
    expect(f.nodes).to.equal(2);
    for (const key of ['clusterStartAckP50Ms', 'clusterStartAckP99Ms', 'clusterBaselineAckP99Ms', 'clusterStartAckRatio', 'clusterLocalStartAckP99Ms'] as const) {
      expect(f[key], key).to.be.a('number').and.to.be.greaterThan(0);
    }
    // the single-process keys stay, unmeasured
    expect(f.startAckP99Ms).to.equal(null);
    expect(await sql('public', 'SELECT 1 FROM pg_namespace WHERE nspname = $1', [r.schema])).to.deep.equal([]);
    expect(await redisKeys(r.prefix)).to.deep.equal([]);
  });
});
