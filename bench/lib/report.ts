/** The §10 table: target, measured, pass/fail per row; and the figures for `--json`. */
import type { ClusterResult } from '../phases/cluster.ts';
import type { ImportResult } from '../phases/import.ts';
import type { QtiResultsResult } from '../phases/qtiResults.ts';
import type { BundleResult, PaintResult } from '../phases/kioskPage.ts';
import type { NavigateResult } from '../phases/navigate.ts';
import type { RestartResult } from '../phases/restart.ts';
import type { ResultsResult } from '../phases/results.ts';
import type { RssResult } from '../phases/rss.ts';
import type { BaselineResult, StartAckResult } from '../phases/startAck.ts';
import { fmtLatency, markdownTable, round, textTable } from './stats.ts';

export interface Measured {
  starts?: StartAckResult;
  /** the same with sittings of a few groups only (their shards stay in the server's cache) */
  startsWarm?: StartAckResult;
  baseline?: BaselineResult;
  /** --noisy: the same starts and baseline beside a CPU-bound neighbour process */
  noisyStarts?: StartAckResult;
  noisyBaseline?: BaselineResult;
  navigate?: NavigateResult;
  rss?: RssResult;
  results?: ResultsResult;
  import?: ImportResult;
  qtiResults?: QtiResultsResult;
  bundle?: BundleResult;
  paint?: PaintResult;
  restart?: Omit<RestartResult, 'server'>;
  /** `--nodes N`: how many server processes (the run then measures only the cluster rows) */
  nodes?: number;
  cluster?: ClusterResult;
  errors: Record<string, string>;
}

/** Exactly the keys of the issue; `null` where a row could not be measured. */
export function figures(m: Measured) {
  const n = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? null : round(x, d));
  const ratio = m.starts && m.baseline ? m.starts.latency.p99 / m.baseline.latency.p99 : undefined;
  const noisyRatio = m.noisyStarts && m.noisyBaseline ? m.noisyStarts.latency.p99 / m.noisyBaseline.latency.p99 : undefined;
  const clusterRatio = m.cluster ? m.cluster.starts.latency.p99 / m.cluster.baseline.latency.p99 : undefined;
  return {
    startAckP50Ms: n(m.starts?.latency.p50),
    startAckP99Ms: n(m.starts?.latency.p99),
    baselineAckP99Ms: n(m.baseline?.latency.p99),
    startAckRatio: n(ratio, 2),
    noisyStartAckP99Ms: n(m.noisyStarts?.latency.p99),
    noisyBaselineAckP99Ms: n(m.noisyBaseline?.latency.p99),
    noisyStartAckRatio: n(noisyRatio, 2),
    navigateP99Ms: n(m.navigate?.latency.p99),
    rssPerKioskKb: n(m.rss?.perKioskKb),
    resultsOverviewMs: n(m.results?.latency.p99),
    importSeconds: n(m.import?.seconds, 2),
    qtiResultsImportSeconds: n(m.qtiResults?.seconds, 2),
    qtiResultsStoreSeconds: n(m.qtiResults?.stored?.seconds, 2),
    kioskJsGzipKb: n(m.bundle?.gzipKb),
    /** what the kiosk's page loads before its first screen (the review's renderers come after it) */
    kioskFirstScreenJsGzipKb: n(m.bundle?.firstScreenGzipKb),
    kioskIdlePaintMs: n(m.paint?.paint.p50),
    /** the same browser's first paint of a page with nothing to load, median (diagnostic: the browser's share) */
    browserBarePaintMs: n(m.paint?.browserFcp.p50),
    restartResumeSeconds: n(m.restart?.resumeSeconds, 2),
    /** the same from the moment the new server process was started */
    restartResumeFromStartSeconds: n(m.restart?.resumeFromStartSeconds, 2),
    /** the new server process's CPU time (user + system) when the last kiosk had its review back (diagnostic) */
    restartResumeCpuMs: n(m.restart?.resumeCpuMs, 0),
    /** `--nodes N` (issue 18): the number of server processes, startAck from a console on one for kiosks on the others */
    nodes: n(m.nodes, 0),
    clusterStartAckP50Ms: n(m.cluster?.starts.latency.p50),
    clusterStartAckP99Ms: n(m.cluster?.starts.latency.p99),
    clusterBaselineAckP99Ms: n(m.cluster?.baseline.latency.p99),
    clusterStartAckRatio: n(clusterRatio, 2),
    /** the same with console and kiosks on one process of the cluster (diagnostic) */
    clusterLocalStartAckP99Ms: n(m.cluster?.local?.latency.p99),
    /** the data set written into PostgreSQL before the processes start */
    clusterLoadSeconds: n(m.cluster?.loadSeconds, 2),
  };
}

type Figures = ReturnType<typeof figures>;

/** One row of the table: what it measures, its goal, the text of one run, whether that run meets the goal. */
interface RowDef {
  what: string;
  target: string;
  /** the figure that decides which run is the worst (the largest); none for diagnostic rows */
  key?: keyof Figures;
  text(m: Measured, f: Figures): string;
  ok?(m: Measured, f: Figures): boolean | null;
  /** a row of `--nodes N` (shown only in such a run, whose table has only these) */
  cluster?: boolean;
}

const pass = (x: number | null, limit: number) => (x === null ? null : x <= limit);
const err = (m: Measured, k: string) => (m.errors[k] ? `not measured: ${m.errors[k]}` : 'not measured');
const failed = (r: StartAckResult) => (r.failures.length ? `, ${r.failures.length} failed` : '');

// The goals of issue 17 (README, Benchmark); the first ones each the worst of three consecutive full runs.
const ROWS: RowDef[] = [
  { what: 'startAck', target: 'p99 ≤ 20 ms', key: 'startAckP99Ms',
    text: (m) => (m.starts ? `${fmtLatency(m.starts.latency)}${failed(m.starts)}` : err(m, 'starts')),
    ok: (m, f) => (m.starts ? m.starts.failures.length === 0 && !!pass(f.startAckP99Ms, 20) : null) },
  { what: 'startAck: POST → kiosk has review:started', target: '—', text: (m) => (m.starts ? fmtLatency(m.starts.toKiosk) : err(m, 'starts')) },
  { what: 'startAck: kiosk ack → 201 at the client', target: '—', text: (m) => (m.starts ? fmtLatency(m.starts.afterAck) : err(m, 'starts')) },
  { what: 'startAck, shards cached (diagnostic)', target: '—', text: (m) => (m.startsWarm ? fmtLatency(m.startsWarm.latency) : err(m, 'starts')) },
  { what: 'startAck, real kiosk in Chromium (diagnostic)', target: '—', text: (m) => (m.paint?.browserStarts ? `${fmtLatency(m.paint.browserStarts)}; acked after rendering` : err(m, 'paint')) },
  { what: 'baseline (bare emit+ack)', target: '—',
    text: (m) => (m.baseline ? `${fmtLatency(m.baseline.latency)}; in-process emit→ack p99 ${round(m.baseline.inProcess.p99)} ms; payload ${round(m.baseline.payloadBytes / 1024)} KB` : err(m, 'baseline')) },
  { what: 'startAck ÷ baseline (p99)', target: '≤ 2×', key: 'startAckRatio',
    text: (_m, f) => (f.startAckRatio === null ? 'not measured' : `${f.startAckRatio}×`), ok: (_m, f) => pass(f.startAckRatio, 2) },
  { what: 'startAck, CPU-bound neighbour (--noisy)', target: '—', key: 'noisyStartAckP99Ms',
    text: (m) => (m.noisyStarts ? `${fmtLatency(m.noisyStarts.latency)}${failed(m.noisyStarts)}; baseline ${m.noisyBaseline ? fmtLatency(m.noisyBaseline.latency) : '—'}` : err(m, 'noisy')),
    ok: (m) => (m.noisyStarts ? m.noisyStarts.failures.length === 0 : null) },
  { what: 'startAck ÷ baseline, noisy (p99)', target: '≤ 3×', key: 'noisyStartAckRatio',
    text: (_m, f) => (f.noisyStartAckRatio === null ? 'not measured (run with --noisy)' : `${f.noisyStartAckRatio}×`), ok: (_m, f) => pass(f.noisyStartAckRatio, 3) },
  { what: 'navigate', target: 'p99 ≤ 5 ms', key: 'navigateP99Ms',
    text: (m) => (m.navigate ? `${fmtLatency(m.navigate.latency)}; ack p99 ${round(m.navigate.ack.p99)} ms; ${m.navigate.missing} missing, ${m.navigate.refused} refused; server CPU ${round(m.navigate.serverCpuPercent)} %, disk writes ${round(m.navigate.diskMbPerSecond)} MB/s` : err(m, 'navigate')),
    ok: (m, f) => (m.navigate ? m.navigate.missing + m.navigate.refused === 0 && !!pass(f.navigateP99Ms, 5) : null) },
  { what: 'rssPerKiosk', target: '≤ 50 KB', key: 'rssPerKioskKb',
    text: (m, f) => (m.rss ? `${f.rssPerKioskKb} KB (${round(m.rss.beforeKb / 1024)} → ${round(m.rss.afterKb / 1024)} MB over ${m.rss.counted} kiosks)` : err(m, 'rss')),
    ok: (_m, f) => pass(f.rssPerKioskKb, 50) },
  { what: 'resultsOverview (client, loopback)', target: 'p99 ≤ 20 ms', key: 'resultsOverviewMs',
    text: (m) => (m.results ? `${fmtLatency(m.results.latency)}; ${m.results.rows} rows` : err(m, 'results')), ok: (_m, f) => pass(f.resultsOverviewMs, 20) },
  { what: 'import', target: '≤ 15 s', key: 'importSeconds',
    text: (m, f) => (m.import ? `${f.importSeconds} s (${m.import.sittings} sittings, ${m.import.responses} responses, ${round(m.import.fileMb)} MB)` : err(m, 'import')),
    ok: (_m, f) => pass(f.importSeconds, 15) },
  { what: 'import-results (read + parse + build, not stored)', target: '≤ 30 s', key: 'qtiResultsImportSeconds',
    text: (m, f) => (m.qtiResults ? `${f.qtiResultsImportSeconds} s, CPU ${round(m.qtiResults.cpuSeconds, 2)} s (${m.qtiResults.files} files of ${m.qtiResults.items} items, ${round(m.qtiResults.mb)} MB, ${m.qtiResults.groups} groups)` : err(m, 'import-results')),
    ok: (m, f) => (m.qtiResults && m.qtiResults.files >= 10_000 ? pass(f.qtiResultsImportSeconds, 30) : null) },
  { what: 'import-results, stored (read + parse + build + check + write)', target: '≤ 30 s', key: 'qtiResultsStoreSeconds',
    text: (m, f) => (m.qtiResults?.stored ? `${f.qtiResultsStoreSeconds} s, CPU ${round(m.qtiResults.stored.cpuSeconds, 2)} s (the same files, one import per group)` : err(m, 'import-results')),
    ok: (m, f) => (m.qtiResults?.stored && m.qtiResults.files >= 10_000 ? pass(f.qtiResultsStoreSeconds, 30) : null) },
  { what: 'kioskBundle', target: '≤ 60 KB gzip', key: 'kioskJsGzipKb',
    text: (m, f) => (m.bundle ? `${f.kioskJsGzipKb} KB gzip (${round(m.bundle.rawKb)} KB raw, ${m.bundle.files} files); the first screen loads ${f.kioskFirstScreenJsGzipKb} KB gzip of it${m.bundle.note ? `; ${m.bundle.note}` : ''}` : err(m, 'bundle')),
    ok: (_m, f) => pass(f.kioskJsGzipKb, 60) },
  { what: 'kioskIdlePaint', target: 'median ≤ 250 ms', key: 'kioskIdlePaintMs',
    text: (m) => (m.paint ? `median ${round(m.paint.paint.p50)} ms, max ${round(m.paint.paint.max)} ms (n=${m.paint.paint.n}); FCP median ${round(m.paint.fcp.p50)} ms; a page with nothing to load: FCP median ${round(m.paint.browserFcp.p50)} ms` : err(m, 'paint')),
    ok: (_m, f) => pass(f.kioskIdlePaintMs, 250) },
  // issue 17: "≤ 2 s after the process starts" — judged from the process's start, not from its "serving on"
  { what: 'restartResume', target: '≤ 2 s from process start', key: 'restartResumeFromStartSeconds',
    text: (m, f) => (m.restart ? `${f.restartResumeSeconds ?? '—'} s after up, ${round(m.restart.resumeFromStartSeconds, 2)} s after the process started (up ${round(m.restart.startToUpSeconds, 2)} s after it started; half back ${round(m.restart.resumeP50Seconds, 2)} s after up; kill → up ${round(m.restart.bootSeconds, 2)} s; server CPU until the last was back ${round(m.restart.resumeCpuMs, 0)} ms); ${m.restart.resumed}/${m.restart.sessions} back, ${m.restart.atPosition} at their question` : err(m, 'restart')),
    ok: (m, f) => (m.restart ? m.restart.atPosition === m.restart.sessions && !!pass(f.restartResumeFromStartSeconds, 2) : null) },
  // --nodes N (issue 18 sets no figure to meet: reported, failed only when a start failed)
  { what: 'startAck across processes', target: '—', key: 'clusterStartAckP99Ms', cluster: true,
    text: (m) => (m.cluster ? `${fmtLatency(m.cluster.starts.latency)}${failed(m.cluster.starts)}; console on process 1, kiosks on ${m.cluster.nodes === 2 ? 'process 2' : `processes 2–${m.cluster.nodes}`} (${m.cluster.nodes} processes, kiosks ${m.cluster.kiosksPerNode.join(' + ')})` : err(m, 'cluster')),
    ok: (m) => (m.cluster ? (m.cluster.starts.failures.length ? false : null) : null) },
  { what: 'startAck across processes: POST → kiosk has review:started', target: '—', cluster: true, text: (m) => (m.cluster ? fmtLatency(m.cluster.starts.toKiosk) : err(m, 'cluster')) },
  { what: 'baseline (bare emit+ack), same run', target: '—', key: 'clusterBaselineAckP99Ms', cluster: true,
    text: (m) => (m.cluster ? `${fmtLatency(m.cluster.baseline.latency)}; one bare process with as many kiosks` : err(m, 'cluster')) },
  { what: 'startAck across processes ÷ baseline (p99)', target: '—', key: 'clusterStartAckRatio', cluster: true,
    text: (_m, f) => (f.clusterStartAckRatio === null ? 'not measured' : `${f.clusterStartAckRatio}×`) },
  { what: 'startAck, console and kiosk on one process of the cluster (diagnostic)', target: '—', key: 'clusterLocalStartAckP99Ms', cluster: true,
    text: (m) => (m.cluster?.local ? `${fmtLatency(m.cluster.local.latency)}${failed(m.cluster.local)}` : err(m, 'cluster')),
    ok: (m) => (m.cluster?.local?.failures.length ? false : null) },
  { what: 'data set into PostgreSQL (before the processes start)', target: '—', key: 'clusterLoadSeconds', cluster: true,
    text: (m, f) => (m.cluster ? `${f.clusterLoadSeconds} s for ${m.cluster.sittings.toLocaleString('en')} sittings (generated and written through the store)` : err(m, 'cluster')) },
];

/** Of several runs, the one that is worst for this row: a failing one first, else the one with the largest figure. */
function worstRun(def: RowDef, runs: readonly Measured[], figs: readonly Figures[]): number {
  let worst = 0;
  const score = (i: number) => {
    const ok = def.ok?.(runs[i]!, figs[i]!);
    const x = def.key ? figs[i]![def.key] : null;
    return [ok === false ? 1 : 0, x ?? -Infinity] as const;
  };
  for (let i = 1; i < runs.length; i++) {
    const [a, b] = [score(i), score(worst)];
    if (a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])) worst = i;
  }
  return worst;
}

type Row = [what: string, target: string, measured: string, ok: boolean | null];

function rows(runs: readonly Measured[]): Row[] {
  const figs = runs.map(figures);
  const cluster = runs.some((m) => m.nodes !== undefined);
  return ROWS.filter((def) => !!def.cluster === cluster).map((def) => {
    const i = worstRun(def, runs, figs);
    const which = runs.length > 1 ? ` [run ${i + 1} of ${runs.length}]` : '';
    return [def.what, def.target, def.text(runs[i]!, figs[i]!) + which, def.ok?.(runs[i]!, figs[i]!) ?? null];
  });
}

/** `--json` of several runs: each key's worst (largest) figure; null only when no run measured it. */
export function worstFigures(runs: readonly Measured[]): Figures {
  const figs = runs.map(figures);
  const out = { ...figs[0]! };
  for (const key of Object.keys(out) as (keyof Figures)[]) {
    const xs = figs.map((f) => f[key]).filter((x): x is number => x !== null);
    out[key] = xs.length ? Math.max(...xs) : null;
  }
  return out;
}

const verdict = (ok: boolean | null) => (ok === null ? '' : ok ? 'pass' : 'FAIL');
const HEAD = ['row', 'target', 'measured', 'result'];

export const textReport = (runs: readonly Measured[]) => textTable(HEAD, rows(runs).map(([a, b, c, d]) => [a, b, c, verdict(d)]));
export const markdownReport = (runs: readonly Measured[]) => markdownTable(HEAD, rows(runs).map(([a, b, c, d]) => [`\`${a}\``, b, c, verdict(d)]));
