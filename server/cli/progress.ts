/** A progress bar on stderr for large imports, only when stderr is a terminal. */
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../import/index.ts';

const LARGE_FILE = 2 * 1024 * 1024;

export interface ProgressBar { update(p: ImportProgress): void; stop(): void }

const quiet: ProgressBar = { update: () => undefined, stop: () => undefined };

/** Validation is the long part: 0–80 %; writing 80–100 %. */
const overall = (p: ImportProgress) => (p.phase === 'validate' ? Math.round(p.percent * 0.8) : p.phase === 'write' ? 80 : 100);

export function importProgressBar(fileSize: number): ProgressBar {
  if (!process.stderr.isTTY || fileSize < LARGE_FILE) return quiet;
  const bar = new cliProgress.SingleBar(
    { format: 'Importing [{bar}] {percentage}% | {phase}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { phase: 'checking' });
  return {
    update: (p) => bar.update(overall(p), { phase: p.phase === 'validate' ? 'checking' : p.phase === 'write' ? 'writing' : 'done' }),
    stop: () => bar.stop(),
  };
}
