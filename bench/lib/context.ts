/** The sizes of a run (full or --quick) and what the phases share. */
import type { Dataset } from '../generate.ts';
import { sittingId } from '../generate.ts';
import type { Fleet } from './fleet.ts';
import type { SeededKiosk } from './seed.ts';

export interface Sizes {
  sittings: number;
  /** kiosks connected in all: `runnerKiosks` in the runner (the ones that are measured), the rest in the fleet */
  kiosks: number;
  runnerKiosks: number;
  consoles: number;
  startSamples: number;
  navigateSessions: number;
  navigateSeconds: number;
  resultsSamples: number;
  restartSessions: number;
  importSittings: number;
  /** QTI results files (40 items each) of the import-results row */
  qtiResultFiles: number;
  paintRuns: number;
  /** ended sessions already in reviews.json (the steady state keeps the last 200) */
  endedHistory: number;
}

export const FULL: Sizes = {
  sittings: 100_000, kiosks: 1_000, runnerKiosks: 200, consoles: 5, startSamples: 800, navigateSessions: 200,
  navigateSeconds: 30, resultsSamples: 200, restartSessions: 100, importSittings: 10_000, qtiResultFiles: 10_000, paintRuns: 7, endedHistory: 200,
};

export const QUICK: Sizes = {
  sittings: 10_000, kiosks: 500, runnerKiosks: 50, consoles: 3, startSamples: 60, navigateSessions: 50,
  navigateSeconds: 8, resultsSamples: 40, restartSessions: 25, importSittings: 10_000, qtiResultFiles: 2_000, paintRuns: 3, endedHistory: 200,
};

export interface Ctx {
  sizes: Sizes;
  dataDir: string;
  data: Dataset;
  runnerKiosks: SeededKiosk[];
  fleetKiosks: SeededKiosk[];
  browserKiosk: SeededKiosk;
  fleet: Fleet;
  log(line: string): void;
}

export interface SittingRef { sittingId: string; candidateNumber: string; groupId: string }

/** `n` sittings of distinct candidates, spread over every group or the first `groups` (deterministic for a seed). */
export function pickSittings(data: Dataset, n: number, seed = 1, groups = data.groups.length): SittingRef[] {
  const out: SittingRef[] = [];
  const used = new Set<string>();
  let x = seed;
  const rand = (k: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % k;
  };
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const g = data.groups[rand(Math.min(groups, data.groups.length))]!;
    const number = g.candidateNumbers[rand(g.candidateNumbers.length)]!;
    if (used.has(number)) continue;
    used.add(number);
    out.push({ sittingId: sittingId(g.examId, number), candidateNumber: number, groupId: g.id });
  }
  return out;
}
