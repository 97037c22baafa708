/**
 * `inzage purge (--exam ID | --before DATE) [--dry-run] [--yes]` (docs/design.md: Privacy). On a terminal it shows what would
 * go and asks first, unless `--yes`. Without a terminal (a script, cron) it purges only with `--yes` and
 * otherwise refuses with exit 2 before touching anything: a script that forgot `--yes` must neither hang on a
 * question nobody sees nor purge without having said so. A dry run never asks.
 */
import type { Command } from 'commander';
import { PurgeBody } from '../../shared/protocol.ts';
import { purge, type PurgeCounts } from '../purge.ts';
import type { Store } from '../store/index.ts';
import { databaseUrl } from '../store/open.ts';
import { CliError, assertNotServed, confirm, dataDir, dataOption, requireStoreDir, say, usageError, withStore, writesLockDir } from './common.ts';

interface PurgeOpts { exam?: string; before?: string; dryRun?: boolean; yes?: boolean; data: string }

export function registerPurge(program: Command): void {
  program
    .command('purge')
    .description('remove candidate data (sittings, groups, candidates no longer referenced) of one exam or from before a date; exams stay')
    .option('--exam <id>', 'everything of this exam')
    .option('--before <date>', 'sittings submitted before this date (ISO 8601; a date alone means 00:00 UTC)')
    .option('--dry-run', 'only count what would go')
    .option('-y, --yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .addOption(dataOption())
    .action((opts: PurgeOpts) => runPurge(opts));
}

async function runPurge(opts: PurgeOpts): Promise<void> {
  const body = PurgeBody.safeParse({ examId: opts.exam, before: opts.before, dryRun: !!opts.dryRun });
  if (!body.success) {
    // in the words of the command line, not of the API's fields
    if (!!opts.exam === !!opts.before) throw usageError('purge needs exactly one of --exam ID or --before DATE');
    if (opts.before) throw usageError(`--before must be a date (2026-06-01) or a date and time with its offset (2026-06-01T08:00:00+02:00), not "${opts.before}"`);
    throw usageError(`--exam must be an exam id (see inzage exam list), not "${opts.exam}"`);
  }
  const { examId, before, dryRun } = body.data;
  const dir = dataDir(opts);
  if (!databaseUrl()) requireStoreDir(dir);
  if (!dryRun && (await writesLockDir())) await assertNotServed(dir);
  const askFirst = !dryRun && !opts.yes;
  if (askFirst && !process.stdin.isTTY) {
    throw usageError('purge removes candidate data for good and asks first, but stdin is not a terminal: add --yes to purge from a script (--dry-run shows what would go)');
  }
  const run = (store: Store, dry: boolean) => {
    if (examId && !store.content.exam(examId)) throw new CliError(`Unknown exam "${examId}".`);
    return purge(store, { examId, before, dryRun: dry });
  };
  const what = examId ? `of exam "${examId}"` : `from before ${before}`;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const summary = (c: PurgeCounts) => `${n(c.sittings, 'sitting')}, ${n(c.groups, 'group')} and ${n(c.candidates, 'candidate')} ${what}`;
  if (askFirst) {
    const planned = await withStore(dir, (store) => run(store, true));
    if (planned.sittings + planned.groups + planned.candidates > 0) {
      say(`This removes ${summary(planned)}, with their review history; it cannot be undone.`);
      if (!(await confirm('Remove them?'))) throw new CliError('Nothing removed.');
    }
  }
  const counts = await withStore(dir, (store) => run(store, dryRun), { write: !dryRun, role: 'inzage purge' });
  say(`${dryRun ? 'Dry run: would remove' : 'Removed'} ${summary(counts)}.`);
}
