/**
 * `npm run bench [-- --quick] [-- --json FILE] [-- --profile DIR] [-- --keep]`: the performance budget of
 * README, Benchmark, measured against the real server in its own process, on 127.0.0.1 only.
 *
 *   --quick        smaller counts, about a minute (figures are indicative only)
 *   --json FILE    write the figures (the keys of the issue) to FILE
 *   --profile DIR  run the server with --cpu-prof into DIR (the kill -9 row is skipped: a killed process
 *                  writes no profile)
 *   --keep         keep the temporary directory (data set, logs)
 *   --repeat N     N full runs one after another (each with a fresh data set and server); every row reports its
 *                  worst run, and --json holds the worst figure of each key
 *   --noisy        measure startAck (and its baseline) a second time with a CPU-bound neighbour process on the
 *                  machine (one busy core): the noisy rows of the table
 *   --only A,B     run only these rows: bundle, starts (with its baseline), results, navigate, paint, restart, import,
 *                  import-results, noisy (with --noisy)
 *                  (the data set, the server and the kiosk connections with their memory row are always there)
 *   --nodes N      instead of the rows above: startAck across N server processes (issue 18) on one PostgreSQL schema
 *                  and one Redis prefix of the run's own (the redis-streams adapter), with the same-run baseline
 *                  (phases/cluster.ts); PostgreSQL at INZAGE_BENCH_DATABASE_URL (default
 *                  postgres://postgres@127.0.0.1:5432/test), Redis at INZAGE_BENCH_REDIS_URL (default
 *                  redis://127.0.0.1:6379); either unreachable: a message naming it, exit 1
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeDataset } from './generate.ts';
import { FULL, QUICK, pickSittings, type Ctx } from './lib/context.ts';
import { supervisorName } from './lib/env.ts';
import { Fleet } from './lib/fleet.ts';
import { Neighbour } from './lib/neighbour.ts';
import { connectConsole, type ConsoleSocket, type SimKiosk } from './lib/kiosks.ts';
import { markdownReport, textReport, worstFigures, type Measured } from './lib/report.ts';
import { seedStaffAndKiosks } from './lib/seed.ts';
import { ServerProcess } from './lib/server.ts';
import { checkServices, servicesFrom, ServiceUnreachable, undoPending } from './lib/services.ts';
import { Staff } from './lib/staff.ts';
import { Baseline } from './phases/baseline.ts';
import { measureCluster } from './phases/cluster.ts';
import { measureImport } from './phases/import.ts';
import { measureQtiResults } from './phases/qtiResults.ts';
import { buildAndMeasureBundle, measureIdlePaint } from './phases/kioskPage.ts';
import { measureNavigate, startSessions } from './phases/navigate.ts';
import { measureRestart } from './phases/restart.ts';
import { measureResults } from './phases/results.ts';
import { measureRss } from './phases/rss.ts';
import { measureStarts, measureStartsAndBaseline, startPlan } from './phases/startAck.ts';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' }, json: { type: 'string' }, profile: { type: 'string' }, keep: { type: 'boolean' }, only: { type: 'string' }, repeat: { type: 'string' }, noisy: { type: 'boolean' }, nodes: { type: 'string' } } });
const repeat = Math.max(1, Number(opts.repeat ?? 1) | 0);
const only = opts.only ? new Set(opts.only.split(',')) : null;
const want = (key: string) => !only || only.has(key);
const sizes = opts.quick ? QUICK : FULL;
const nodes = opts.nodes === undefined ? undefined : Number(opts.nodes);
if (nodes !== undefined && !(Number.isInteger(nodes) && nodes >= 2 && nodes <= 16)) {
  process.stderr.write(`bench: --nodes takes a whole number from 2 to 16 (server processes), not "${opts.nodes}"\n`);
  process.exit(2);
}
const t0 = performance.now();
const loadBefore = loadavg()[0]!;
const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

// bounded: whatever happens, the run ends (children are killed on exit, see lib/server.ts)
const watchdog = setTimeout(async () => {
  log('watchdog: the run took too long; stopping');
  await undoPending();
  process.exit(2);
}, (opts.quick ? (nodes ? 8 : 4) : 15) * 60_000 * repeat); // --quick --nodes 3 took 3.6 min at a load average of 25
watchdog.unref();
// Ctrl-C: --nodes removes its schema and Redis keys before the runner goes (its children are killed on exit)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    log(`${signal}: stopping`);
    await undoPending();
    process.exit(130);
  });
}

/** Runs one row; a failure is recorded and the run goes on. */
async function row<T>(m: Measured, key: string, fn: () => Promise<T>): Promise<T | undefined> {
  if (!want(key) && key !== 'cluster') {
    m.errors[key] = 'not selected (--only)';
    return undefined;
  }
  try {
    return await fn();
  } catch (e) {
    m.errors[key] = (e as Error).message.split('\n')[0]!;
    log(`${key}: ${(e as Error).stack}`);
    return undefined;
  }
}

/** fewer groups than the server's shard cache holds (64) */
const WARM_GROUPS = 20;

interface Live { server?: ServerProcess; runner: SimKiosk[]; consoles: ConsoleSocket[] }

/** The rows that need the real server, in an order where each leaves the server as the next one needs it. */
async function serverRows(m: Measured, ctx: Ctx, live: Live): Promise<void> {
  const { data, dataDir } = ctx;
  let server = (live.server = await ServerProcess.start({ dataDir, cpuProfDir: opts.profile && resolve(opts.profile) }));
  log(`server up (pid ${server.pid}, port ${server.port}); connecting ${sizes.kiosks} kiosks …`);
  m.rss = await measureRss(ctx, server);
  const runner = m.rss.runner;
  live.runner.push(...runner);
  log(`kiosks connected in ${m.rss.connectSeconds.toFixed(1)} s; ${sizes.consoles} consoles …`);
  const staff: Staff[] = [];
  for (let i = 1; i <= sizes.consoles; i++) staff.push(await Staff.login(server.base, supervisorName(i)));
  // the consoles listen from the fleet process while starts are timed here (their lists of 1,000 kiosks
  // are not the runner's to parse), and from this process while navigation is timed
  await ctx.fleet.consoles('consoles', server.base, staff.map((s) => s.cookie));
  const sup = staff[0]!;

  const plan = startPlan(sizes.startSamples);
  const warmSamples = Math.min(200, sizes.startSamples / 2); // the cached diagnostic needs fewer
  if (want('starts')) {
    log(`startAck: ${sizes.startSamples} starts and as many bare Socket.IO emit+acks, in alternating blocks (${sizes.kiosks} kiosks on each server) …`);
    const both = await row(m, 'starts', async () => {
      const baseline = await Baseline.start(ctx);
      try {
        return await measureStartsAndBaseline(sup, runner, pickSittings(data, plan.sittings, 11), sizes.startSamples, baseline, plan.blocks);
      } finally {
        await baseline.stop();
      }
    });
    m.starts = both?.starts;
    m.baseline = both?.baseline;
    log(`startAck, diagnostic: ${warmSamples} starts of sittings from ${WARM_GROUPS} groups …`);
    m.startsWarm = await row(m, 'starts', () => measureStarts(sup, runner, pickSittings(data, 500, 13, WARM_GROUPS), warmSamples));
  }
  if (opts.noisy || only?.has('noisy')) {
    log(`startAck with a CPU-bound neighbour (--noisy): ${sizes.startSamples} starts and as many bare emit+acks …`);
    const noisy = await row(m, 'noisy', async () => {
      const neighbour = await Neighbour.start();
      const baseline = await Baseline.start(ctx).catch((e) => { neighbour.stop(); throw e; });
      try {
        return await measureStartsAndBaseline(sup, runner, pickSittings(data, plan.sittings, 17), sizes.startSamples, baseline, plan.blocks);
      } finally {
        neighbour.stop();
        await baseline.stop();
      }
    });
    m.noisyStarts = noisy?.starts;
    m.noisyBaseline = noisy?.baseline;
  }
  log(`resultsOverview: ${sizes.resultsSamples} requests …`);
  m.results = await row(m, 'results', () => measureResults(sup, data, sizes.resultsSamples));
  m.paint = await row(m, 'paint', () => {
    log(`kioskIdlePaint: ${sizes.paintRuns} loads in Chromium …`);
    return measureIdlePaint(server.base, ctx.browserKiosk, sizes.paintRuns, { staff: sup, sittings: pickSittings(data, 20, 31), n: opts.quick ? 5 : 20 });
  });
  if (!want('navigate') && !want('restart')) return;

  await ctx.fleet.close('consoles');
  for (const s of staff) live.consoles.push(await connectConsole(server.base, s.cookie));
  log(`navigate: starting ${sizes.navigateSessions} sessions …`);
  const sessions = await startSessions(sup, runner.slice(0, sizes.navigateSessions), pickSittings(data, sizes.navigateSessions, 23));
  log(`navigate: ${sizes.navigateSessions} sessions every 2 s for ${sizes.navigateSeconds} s, ${live.consoles.length} consoles …`);
  m.navigate = await row(m, 'navigate', () => measureNavigate(server, sessions, live.consoles, sizes.navigateSeconds));
  const keep = sessions.slice(0, sizes.restartSessions);
  for (const s of sessions.slice(sizes.restartSessions)) await sup.call('DELETE', `/api/reviews/${s.reviewId}`);

  if (opts.profile) {
    m.errors.restart = 'skipped under --profile (a killed process writes no profile)';
    return;
  }
  const r = await row(m, 'restart', () => {
    log(`restartResume: kill -9 with ${keep.length} active sessions …`);
    return measureRestart(server, dataDir, keep);
  });
  if (r) {
    const { server: next, ...rest } = r;
    server = live.server = next;
    m.restart = rest;
  }
}

const services = servicesFrom();
if (nodes !== undefined) {
  try {
    await checkServices(services);
  } catch (e) {
    if (!(e instanceof ServiceUnreachable)) throw e;
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<Measured> {
  const m: Measured = { errors: {} };
  const work = mkdtempSync(join(tmpdir(), 'inzage-bench-'));
  try {
    if (nodes !== undefined) await measureNodes(m, work, nodes);
    else await measureAll(m, work);
  } finally {
    if (opts.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return m;
}

/** `--nodes N`: only the cluster rows (phases/cluster.ts). */
async function measureNodes(m: Measured, work: string, n: number): Promise<void> {
  m.nodes = n;
  log(`${opts.quick ? 'quick' : 'full'} run with --nodes ${n} on ${cpus().length} cores, Node ${process.version}; work dir ${work}`);
  if (opts.noisy || only) log('--noisy and --only do not apply to --nodes (ignored)');
  m.cluster = await row(m, 'cluster', () => measureCluster({ nodes: n, sizes, services, work, build: true, cpuProfDir: opts.profile && resolve(opts.profile), log }));
}

async function measureAll(m: Measured, work: string): Promise<void> {
  const dataDir = join(work, 'data');
  log(`${opts.quick ? 'quick' : 'full'} run on ${cpus().length} cores, Node ${process.version}; work dir ${work}`);
  log(`generating ${sizes.sittings.toLocaleString('en')} sittings …`);
  const data = await writeDataset(dataDir, { sittings: sizes.sittings });
  const history = { sittingIds: pickSittings(data, 2_000, 99).map((x) => x.sittingId), count: sizes.endedHistory };
  const seeded = await seedStaffAndKiosks(dataDir, sizes.consoles, sizes.kiosks + 1, history);
  log(`${data.groups.length} groups, ${data.exams.length} exams; building the front ends …`);
  m.bundle = await row(m, 'bundle', async () => buildAndMeasureBundle());

  const fleet = new Fleet();
  const ctx: Ctx = {
    sizes, dataDir, data, fleet, log,
    runnerKiosks: seeded.slice(0, sizes.runnerKiosks),
    fleetKiosks: seeded.slice(sizes.runnerKiosks, sizes.kiosks),
    browserKiosk: seeded[sizes.kiosks]!,
  };
  const live: Live = { runner: [], consoles: [] };
  try {
    await serverRows(m, ctx, live);
  } finally {
    for (const c of live.consoles) c.close();
    for (const k of live.runner) k.close();
    await fleet.exit();
    await live.server?.stop();
  }
  m.import = await row(m, 'import', () => {
    log(`import: ${sizes.importSittings.toLocaleString('en')} sittings through the CLI …`);
    return measureImport(work, sizes.importSittings);
  });
  m.qtiResults = await row(m, 'import-results', () => {
    log(`import-results: ${sizes.qtiResultFiles.toLocaleString('en')} QTI results files read and built into sittings …`);
    return measureQtiResults(work, sizes.qtiResultFiles);
  });
}

// once, before the first run: before the next ones the load average is the previous run's own
if (loadBefore > 0.5) log(`the machine is busy (load average ${loadBefore.toFixed(2)}): latencies will be noisy`);
const runs: Measured[] = [];
for (let i = 1; i <= repeat; i++) {
  if (repeat > 1) log(`run ${i} of ${repeat}`);
  runs.push(await main());
}
const date = new Date().toISOString().slice(0, 10);
const load = `load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`;
const kind = `${opts.quick ? 'quick' : 'full'} run${repeat > 1 ? `s, the worst of ${repeat} per row` : ''}${nodes ? `, --nodes ${nodes}` : opts.noisy ? ', with --noisy' : ''}`;
process.stdout.write(`\nInzage benchmark (${kind}), ${date}, ${cpus().length} cores, Node ${process.version}; ${load}; KB = 1,024 bytes\n\n`);
process.stdout.write(`${textReport(runs)}\n\n${markdownReport(runs)}\n`);
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(worstFigures(runs), null, 2)}\n`);
log(`done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
// a row that could not be measured is a broken benchmark, not a slow product: say so in the exit code
const broken = runs.flatMap((m) => Object.values(m.errors)).filter((e) => !e.startsWith('not selected') && !e.startsWith('skipped'));
process.exit(broken.length ? 1 : 0);
