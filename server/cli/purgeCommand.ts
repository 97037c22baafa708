/** `inzage purge (--exam ID | --before DATE) [--dry-run]` (DESIGN §6). */
import type { Command } from 'commander';
import { PurgeBody, formatPath } from '../../shared/protocol.ts';
import { purge } from '../purge.ts';
import { openStore } from '../store/index.ts';
import { CliError, assertNotServed, dataDir, dataOption, requireStoreDir, say, usageError, withDataLock } from './common.ts';

interface PurgeOpts { exam?: string; before?: string; dryRun?: boolean; data: string }

export function registerPurge(program: Command): void {
  program
    .command('purge')
    .description('remove candidate data (sittings, groups, candidates no longer referenced) of one exam or from before a date; exams stay')
    .option('--exam <id>', 'everything of this exam')
    .option('--before <date>', 'sittings submitted before this date (ISO 8601; a date alone means 00:00 UTC)')
    .option('--dry-run', 'only count what would go')
    .addOption(dataOption())
    .action((opts: PurgeOpts) => runPurge(opts));
}

async function runPurge(opts: PurgeOpts): Promise<void> {
  const body = PurgeBody.safeParse({ examId: opts.exam, before: opts.before, dryRun: !!opts.dryRun });
  if (!body.success) {
    const why = body.error.issues.map((i) => (i.path.length ? `${formatPath(i.path)}: ${i.message}` : i.message)).join('; ');
    throw usageError(`purge needs exactly one of --exam ID or --before DATE (${why})`);
  }
  const { examId, before, dryRun } = body.data;
  const dir = dataDir(opts);
  requireStoreDir(dir);
  if (!dryRun) await assertNotServed(dir);
  const run = async () => {
    const store = openStore(dir);
    if (examId && !store.content.exam(examId)) throw new CliError(`Unknown exam "${examId}".`);
    return purge(store, { examId, before, dryRun });
  };
  const counts = dryRun ? await run() : await withDataLock(dir, run, 'inzage purge');
  const what = examId ? `of exam "${examId}"` : `from before ${before}`;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  say(`${dryRun ? 'Dry run: would remove' : 'Removed'} ${n(counts.sittings, 'sitting')}, ${n(counts.groups, 'group')} and ${n(counts.candidates, 'candidate')} ${what}.`);
}
