/** The §10 table: target, measured, pass/fail per row; and the figures for `--json`. */
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
  navigate?: NavigateResult;
  rss?: RssResult;
  results?: ResultsResult;
  import?: ImportResult;
  qtiResults?: QtiResultsResult;
  bundle?: BundleResult;
  paint?: PaintResult;
  restart?: Omit<RestartResult, 'server'>;
  errors: Record<string, string>;
}

/** Exactly the keys of the issue; `null` where a row could not be measured. */
export function figures(m: Measured) {
  const n = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? null : round(x, d));
  const ratio = m.starts && m.baseline ? m.starts.latency.p99 / m.baseline.latency.p99 : undefined;
  return {
    startAckP50Ms: n(m.starts?.latency.p50),
    startAckP99Ms: n(m.starts?.latency.p99),
    baselineAckP99Ms: n(m.baseline?.latency.p99),
    startAckRatio: n(ratio, 2),
    navigateP99Ms: n(m.navigate?.latency.p99),
    rssPerKioskKb: n(m.rss?.perKioskKb),
    resultsOverviewMs: n(m.results?.latency.p99),
    importSeconds: n(m.import?.seconds, 2),
    qtiResultsImportSeconds: n(m.qtiResults?.seconds, 2),
    qtiResultsStoreSeconds: n(m.qtiResults?.stored?.seconds, 2),
    kioskJsGzipKb: n(m.bundle?.gzipKb),
    kioskIdlePaintMs: n(m.paint?.paint.p50),
    restartResumeSeconds: n(m.restart?.resumeSeconds, 2),
  };
}

type Row = [what: string, target: string, measured: string, ok: boolean | null];

function rows(m: Measured): Row[] {
  const f = figures(m);
  const pass = (x: number | null, limit: number) => (x === null ? null : x <= limit);
  const err = (k: string) => (m.errors[k] ? `not measured: ${m.errors[k]}` : 'not measured');
  return [
    ['startAck', 'p99 ≤ 25 ms', m.starts ? `${fmtLatency(m.starts.latency)}${m.starts.failures.length ? `, ${m.starts.failures.length} failed` : ''}` : err('starts'),
      m.starts ? m.starts.failures.length === 0 && !!pass(f.startAckP99Ms, 25) : null],
    ['startAck: POST → kiosk has review:started', '—', m.starts ? fmtLatency(m.starts.toKiosk) : err('starts'), null],
    ['startAck: kiosk ack → 201 at the client', '—', m.starts ? fmtLatency(m.starts.afterAck) : err('starts'), null],
    ['startAck, shards cached (diagnostic)', '—', m.startsWarm ? fmtLatency(m.startsWarm.latency) : err('starts'), null],
    ['startAck, real kiosk in Chromium (diagnostic)', '—', m.paint?.browserStarts ? `${fmtLatency(m.paint.browserStarts)}; acked after rendering` : err('paint'), null],
    ['baseline (bare emit+ack)', '—', m.baseline ? `${fmtLatency(m.baseline.latency)}; in-process emit→ack p99 ${round(m.baseline.inProcess.p99)} ms; payload ${round(m.baseline.payloadBytes / 1024)} KB` : err('baseline'), null],
    ['startAck ÷ baseline (p99)', '≤ 3×', f.startAckRatio === null ? 'not measured' : `${f.startAckRatio}×`, pass(f.startAckRatio, 3)],
    ['navigate', 'p99 ≤ 10 ms', m.navigate ? `${fmtLatency(m.navigate.latency)}; ack p99 ${round(m.navigate.ack.p99)} ms; ${m.navigate.missing} missing, ${m.navigate.refused} refused; server CPU ${round(m.navigate.serverCpuPercent)} %, disk writes ${round(m.navigate.diskMbPerSecond)} MB/s` : err('navigate'),
      m.navigate ? m.navigate.missing + m.navigate.refused === 0 && !!pass(f.navigateP99Ms, 10) : null],
    ['rssPerKiosk', '≤ 50 KB', m.rss ? `${f.rssPerKioskKb} KB (${round(m.rss.beforeKb / 1024)} → ${round(m.rss.afterKb / 1024)} MB over ${m.rss.counted} kiosks)` : err('rss'), pass(f.rssPerKioskKb, 50)],
    ['resultsOverview (client, loopback)', '≤ 30 ms', m.results ? `${fmtLatency(m.results.latency)}; ${m.results.rows} rows` : err('results'), pass(f.resultsOverviewMs, 30)],
    ['import', '≤ 15 s', m.import ? `${f.importSeconds} s (${m.import.sittings} sittings, ${m.import.responses} responses, ${round(m.import.fileMb)} MB)` : err('import'), pass(f.importSeconds, 15)],
    ['import-results (read + parse + build, not stored)', '≤ 30 s', m.qtiResults ? `${f.qtiResultsImportSeconds} s, CPU ${round(m.qtiResults.cpuSeconds, 2)} s (${m.qtiResults.files} files of ${m.qtiResults.items} items, ${round(m.qtiResults.mb)} MB, ${m.qtiResults.groups} groups)` : err('import-results'),
      m.qtiResults && m.qtiResults.files >= 10_000 ? pass(f.qtiResultsImportSeconds, 30) : null],
    ['import-results, stored (read + parse + build + check + write)', '≤ 30 s', m.qtiResults?.stored ? `${f.qtiResultsStoreSeconds} s, CPU ${round(m.qtiResults.stored.cpuSeconds, 2)} s (the same files, one import per group)` : err('import-results'),
      m.qtiResults?.stored && m.qtiResults.files >= 10_000 ? pass(f.qtiResultsStoreSeconds, 30) : null],
    ['kioskBundle', '≤ 60 KB gzip', m.bundle ? `${f.kioskJsGzipKb} KB gzip (${round(m.bundle.rawKb)} KB raw)${m.bundle.note ? `; ${m.bundle.note}` : ''}` : err('bundle'), pass(f.kioskJsGzipKb, 60)],
    ['kioskIdlePaint', '≤ 500 ms', m.paint ? `median ${round(m.paint.paint.p50)} ms, max ${round(m.paint.paint.max)} ms (n=${m.paint.paint.n}); FCP median ${round(m.paint.fcp.p50)} ms` : err('paint'), pass(f.kioskIdlePaintMs, 500)],
    ['restartResume', '≤ 5 s', m.restart ? `${f.restartResumeSeconds ?? '—'} s after up (boot ${round(m.restart.bootSeconds, 2)} s); ${m.restart.resumed}/${m.restart.sessions} back, ${m.restart.atPosition} at their question` : err('restart'),
      m.restart ? m.restart.atPosition === m.restart.sessions && !!pass(f.restartResumeSeconds, 5) : null],
  ];
}

const verdict = (ok: boolean | null) => (ok === null ? '' : ok ? 'pass' : 'FAIL');
const HEAD = ['row', 'target', 'measured', 'result'];

export const textReport = (m: Measured) => textTable(HEAD, rows(m).map(([a, b, c, d]) => [a, b, c, verdict(d)]));
export const markdownReport = (m: Measured) => markdownTable(HEAD, rows(m).map(([a, b, c, d]) => [`\`${a}\``, b, c, verdict(d)]));
