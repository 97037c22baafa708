/**
 * `--nodes N` (issue 18): startAck across server processes. N real server processes (`inzage serve`, as an operator
 * starts them) on one PostgreSQL schema and one Redis prefix (the redis-streams adapter), the run's own, removed
 * afterwards. The data set (the run's sittings, staff, kiosks, the ended history) is loaded into the schema once,
 * before the processes start. The kiosks are spread evenly over the processes; the consoles and the supervisor who
 * starts reviews are on process 1, the measured kiosks on the others — so every timed start crosses processes: the
 * POST on 1, `review:started` pushed by the kiosk's process, its ack back to 1, the 201. The same-run baseline (a
 * bare Socket.IO emit+ack with as many kiosks connected, lib/baselineServer.ts) runs in blocks alternating with
 * the starts, as in the single-process row. Diagnostic: starts on process 1 for kiosks on process 1.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeDataset, type Dataset } from '../generate.ts';
import { openPgStore } from '../../server/store/pg/index.ts';
import { pickSittings, type Ctx, type Sizes } from '../lib/context.ts';
import { BENCH_ENV, ROOT, supervisorName } from '../lib/env.ts';
import { Fleet } from '../lib/fleet.ts';
import { connectKiosks, type SimKiosk } from '../lib/kiosks.ts';
import { seedStaffAndKiosks, type SeededKiosk } from '../lib/seed.ts';
import { ServerProcess } from '../lib/server.ts';
import { removeRunData, runNames, urlWithSchema, withUndo, type Services } from '../lib/services.ts';
import { Staff } from '../lib/staff.ts';
import { sleep } from '../lib/stats.ts';
import { Baseline } from './baseline.ts';
import { measureStarts, measureStartsAndBaseline, startPlan, type BaselineResult, type StartAckResult } from './startAck.ts';

export interface ClusterResult {
  nodes: number;
  /** the run's schema and Redis prefix (both removed when the run ends) */
  schema: string;
  prefix: string;
  /** kiosks connected to each process (process 1 first: the consoles' and the supervisor's) */
  kiosksPerNode: number[];
  sittings: number;
  /** the data set written into PostgreSQL through the store (generation included), s */
  loadSeconds: number;
  /** console on process 1, kiosks on the others */
  starts: StartAckResult;
  baseline: BaselineResult;
  /** diagnostic: console and kiosks both on process 1 */
  local?: StartAckResult;
}

export interface ClusterOptions {
  nodes: number;
  sizes: Sizes;
  services: Services;
  /** the run's temporary directory (each process's local directory, the baseline's payload) */
  work: string;
  cpuProfDir?: string;
  /** run `npm run build` first (the runner does; a test has the build of its root hook) */
  build?: boolean;
  log(line: string): void;
}

/** Kiosks of process 1 that the runner times in the diagnostic row (starts that stay on one process): 50 of 1,000. */
const localRunner = (sizes: Sizes) => Math.max(1, Math.min(50, Math.floor(sizes.kiosks / 20)));

export async function measureCluster(o: ClusterOptions): Promise<ClusterResult> {
  if (!Number.isInteger(o.nodes) || o.nodes < 2) throw new Error(`--nodes takes a whole number of 2 or more, not ${o.nodes}`);
  const names = runNames();
  const servers: ServerProcess[] = [];
  // the schema and keys go also when the run is cut short (watchdog, Ctrl-C: bench/run.ts), the processes first
  const undo = async () => {
    for (const s of servers) s.child.kill('SIGKILL');
    await removeRunData(o.services, names).catch((e: Error) => o.log(`could not remove schema ${names.schema} / prefix ${names.prefix}: ${e.message}`));
  };
  return withUndo(undo, () => run(o, names, servers));
}

async function run(o: ClusterOptions, names: { schema: string; prefix: string }, servers: ServerProcess[]): Promise<ClusterResult> {
  const { sizes, log } = o;
  const url = urlWithSchema(o.services.databaseUrl, names.schema);
  const runner: SimKiosk[] = [];
  let fleet: Fleet | undefined;
  try {
    if (o.build) {
      log('building the server and the front ends (npm run build) …');
      const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`npm run build failed: ${(b.stderr || b.stdout).trim().split('\n').slice(-3).join(' ')}`);
    }
    log(`--nodes ${o.nodes}: schema ${names.schema}, Redis prefix ${names.prefix}; loading ${sizes.sittings.toLocaleString('en')} sittings into PostgreSQL …`);
    const { data, seeded, loadSeconds } = await load(url, o);
    log(`loaded in ${loadSeconds.toFixed(1)} s; starting ${o.nodes} server processes …`);
    for (let i = 1; i <= o.nodes; i++) {
      const env = { INZAGE_DATABASE_URL: url, INZAGE_REDIS_URL: o.services.redisUrl, INZAGE_CLUSTER_PREFIX: names.prefix };
      const s = await ServerProcess.start({ dataDir: join(o.work, `node${i}`), cpuProfDir: o.cpuProfDir, env });
      servers.push(s);
      log(`process ${i} up (pid ${s.pid}, port ${s.port})`);
    }

    // the measured kiosks on processes 2…N, a few on process 1 (the diagnostic), the idle ones evenly over all
    const remote = seeded.slice(0, sizes.runnerKiosks);
    const local = seeded.slice(sizes.runnerKiosks, sizes.runnerKiosks + localRunner(sizes));
    const idle = seeded.slice(sizes.runnerKiosks + local.length, sizes.kiosks);
    const placed = spread(o.nodes, remote, local, idle);
    fleet = new Fleet();
    log(`connecting ${sizes.kiosks} kiosks (${placed.counts.join(' + ')} over the processes) …`);
    for (let n = 0; n < o.nodes; n++) {
      const base = servers[n]!.base;
      runner.push(...(await connectKiosks(base, placed.runner[n]!)));
      if (placed.fleet[n]!.length) await fleet.connect(`node${n + 1}`, base, placed.fleet[n]!);
    }
    const first = servers[0]!;
    const staff: Staff[] = [];
    for (let i = 1; i <= sizes.consoles; i++) staff.push(await Staff.login(first.base, supervisorName(i)));
    await fleet.consoles('consoles', first.base, staff.map((s) => s.cookie));
    const sup = staff[0]!;
    await everyKioskOnline(sup, sizes.kiosks);

    const ctx: Ctx = {
      sizes, dataDir: join(o.work, 'data'), data, fleet, log,
      runnerKiosks: remote, fleetKiosks: [...local, ...idle], browserKiosk: seeded[sizes.kiosks]!,
    };
    const remoteSims = runner.filter((k) => remote.includes(k.kiosk));
    const localSims = runner.filter((k) => local.includes(k.kiosk));
    const plan = startPlan(sizes.startSamples);
    log(`startAck across processes: ${sizes.startSamples} starts from process 1 for kiosks on ${o.nodes === 2 ? 'process 2' : `processes 2–${o.nodes}`}, and as many bare Socket.IO emit+acks, in alternating blocks …`);
    const baseline = await Baseline.start(ctx);
    let both: { starts: StartAckResult; baseline: BaselineResult };
    try {
      both = await measureStartsAndBaseline(sup, remoteSims, pickSittings(data, plan.sittings, 11), sizes.startSamples, baseline, plan.blocks);
    } finally {
      await baseline.stop();
    }
    const localSamples = Math.min(200, sizes.startSamples / 2);
    log(`startAck on one process (diagnostic): ${localSamples} starts from process 1 for kiosks on process 1 …`);
    const localStarts = await measureStarts(sup, localSims, pickSittings(data, 500, 13), localSamples);
    return { nodes: o.nodes, ...names, kiosksPerNode: placed.counts, sittings: data.sittingCount, loadSeconds, starts: both.starts, baseline: both.baseline, local: localStarts };
  } finally {
    for (const k of runner) k.close();
    await fleet?.exit();
    await Promise.allSettled(servers.map((s) => s.stop()));
  }
}

/** The data set, the staff and the paired kiosks written into the run's schema through the PostgreSQL store. */
async function load(url: string, o: ClusterOptions): Promise<{ data: Dataset; seeded: SeededKiosk[]; loadSeconds: number }> {
  const { sizes } = o;
  const store = await openPgStore(url, { localDir: join(o.work, 'loader'), initialSecret: BENCH_ENV.INZAGE_SECRET });
  try {
    const t0 = performance.now();
    const data = await writeDataset(store, { sittings: sizes.sittings });
    const loadSeconds = (performance.now() - t0) / 1_000;
    const history = { sittingIds: pickSittings(data, 2_000, 99).map((x) => x.sittingId), count: sizes.endedHistory };
    const seeded = await seedStaffAndKiosks(store, sizes.consoles, sizes.kiosks + 1, history);
    return { data, seeded, loadSeconds };
  } finally {
    await store.close();
  }
}

/**
 * Where each kiosk connects: the measured ones round-robin over processes 2…N, the local ones on process 1, each
 * idle one on the process with the fewest so far. `runner[n]`: the runner's own sockets on process n+1; `fleet[n]`:
 * the fleet worker's.
 */
export function spread(nodes: number, remote: SeededKiosk[], local: SeededKiosk[], idle: SeededKiosk[]) {
  const runner: SeededKiosk[][] = Array.from({ length: nodes }, () => []);
  const fleet: SeededKiosk[][] = Array.from({ length: nodes }, () => []);
  remote.forEach((k, i) => runner[1 + (i % (nodes - 1))]!.push(k));
  runner[0]!.push(...local);
  const counts = runner.map((r) => r.length);
  for (const k of idle) {
    const n = counts.indexOf(Math.min(...counts));
    fleet[n]!.push(k);
    counts[n] = counts[n]! + 1;
  }
  return { runner, fleet, counts };
}

/** Process 1 sees every kiosk online (presence on the others reaches it through PostgreSQL). */
async function everyKioskOnline(staff: Staff, expected: number, ms = 60_000): Promise<void> {
  const until = performance.now() + ms;
  let online = 0;
  while (performance.now() < until) {
    const r = await staff.call('GET', '/api/kiosks');
    online = r.status === 200 ? (r.json as { online: boolean }[]).filter((k) => k.online).length : 0;
    if (online >= expected) return;
    await sleep(250);
  }
  throw new Error(`process 1 saw ${online} of ${expected} kiosks online after ${ms / 1_000} s`);
}
