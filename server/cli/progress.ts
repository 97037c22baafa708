/** A progress bar on stderr for large imports, only when stderr is a terminal. */
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../import/index.ts';

const LARGE_FILE = 2 * 1024 * 1024;

export interface ProgressBar { update(p: ImportProgress): void; stop(): void }

const quiet: ProgressBar = { update: () => undefined, stop: () => undefined };

/** Validation is the long part: 0–80 %; writing 80–100 %. With QTI results to parse first: 0–40 % that, then 40–80 % validation. */
function overall(p: ImportProgress, reads: boolean): number {
  if (p.phase === 'read') return Math.round(p.percent * 0.4);
  if (p.phase === 'validate') return reads ? 40 + Math.round(p.percent * 0.4) : Math.round(p.percent * 0.8);
  return p.phase === 'write' ? 80 : 100;
}

const LABEL: Record<ImportProgress['phase'], string> = { read: 'reading results', validate: 'checking', write: 'writing', done: 'done' };

/** `reads`: the import parses QTI results files first (the `read` phase). */
export function importProgressBar(fileSize: number, reads = false): ProgressBar {
  if (!process.stderr.isTTY || fileSize < LARGE_FILE) return quiet;
  const bar = new cliProgress.SingleBar(
    { format: 'Importing [{bar}] {percentage}% | {phase}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { phase: reads ? LABEL.read : LABEL.validate });
  return {
    update: (p) => bar.update(overall(p, reads), { phase: LABEL[p.phase] }),
    stop: () => bar.stop(),
  };
}
