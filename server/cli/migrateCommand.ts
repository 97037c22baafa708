/**
 * `inzage migrate [--data DIR] [--to URL]`: copy a data directory into PostgreSQL (docs/design.md: PostgreSQL store;
 * README, Command line). Holds the data directory's lock while it copies; refuses a database that holds Inzage data
 * already; checks the counts in the database afterwards. The data directory is left as it was.
 */
import { Option, type Command } from 'commander';
import { openStore } from '../store/index.ts';
import { DATABASE_URL_VAR, checkDatabaseUrl, databaseUrl, openPgStoreOrStop, pgProblem, redactUrl, StoreOpenError } from '../store/open.ts';
import { CliError, dataDir, dataOption, requireStoreDir, say, usageError, withDataLock } from './common.ts';

const PART_NAMES = { content: 'exams, candidates and results', media: 'pictures and other media', audit: 'the audit log', auditKeys: 'the audit keys' } as const;
const REPO_NAMES = {
  staff: 'staff accounts', rooms: 'rooms', kiosks: 'kiosks', reviews: 'reviews', remarks: 'remarks', reviewRecords: 'review records', loginSessions: 'login sessions',
} as const;

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(`copy a data directory into PostgreSQL (an empty database; the data directory is left as it was)`)
    .addOption(new Option('--to <url>', `the PostgreSQL database to copy into (postgres://…; default ${DATABASE_URL_VAR})`))
    .addOption(dataOption())
    .action((opts: { to?: string; data: string }) => runMigrate(opts));
}

async function runMigrate(opts: { to?: string; data: string }): Promise<void> {
  const url = opts.to?.trim() || databaseUrl();
  if (!url) throw usageError(`migrate needs a database to copy into: give --to postgres://… or set ${DATABASE_URL_VAR}`);
  checkDatabaseUrl(url);
  const dir = dataDir(opts);
  requireStoreDir(dir);
  const shown = redactUrl(url);
  const { migrateInto, TargetNotEmptyError } = await import('../store/pg/copy.ts');
  const result = await withDataLock(dir, async () => {
    const source = openStore(dir);
    try {
      return await migrateInto(source, url, {
        steps: {
          // the target keeps what is not on PostgreSQL yet in this same directory (store/pg/index.ts, LOCAL_PARTS)
          openTarget: () => openPgStoreOrStop(url, { localDir: dir }),
          say: (line) => say(line),
        },
      });
    } catch (e) {
      if (e instanceof TargetNotEmptyError) {
        throw new CliError(`Not copied: the database at ${shown} already holds Inzage data (${Object.entries(e.rows).map(([t, n]) => `${t}: ${n}`).join(', ')}). migrate copies into an empty database only: give another database, or a schema of its own (?options=-c%20search_path%3Dname in the URL), or remove the data there first.`);
      }
      if (e instanceof StoreOpenError || e instanceof CliError) throw e;
      const why = pgProblem(e, url);
      throw new CliError(`Not copied into ${shown}: ${why}${/removing the partial copy failed/.test(why) ? '' : '. The database was left as empty as it was'}.`);
    } finally {
      await source.flush();
    }
  }, 'inzage migrate');
  say(`Copied ${dir} into ${shown} (schema ${result.schema}):`);
  for (const [repo, name] of Object.entries(REPO_NAMES) as [keyof typeof REPO_NAMES, string][]) {
    say(`  ${name.padEnd(16)} ${result.copied[repo]}${repo === 'reviews' && result.activeReviews ? ` (${result.activeReviews} active)` : ''}`);
  }
  for (const [part, n] of Object.entries(result.parts)) say(`  ${PART_NAMES[part as keyof typeof PART_NAMES].padEnd(16)} ${n}`);
  say(`  ${'data secret'.padEnd(16)} ${result.secretCopied ? 'copied' : process.env.INZAGE_SECRET ? 'INZAGE_SECRET is used' : 'made by the database (the directory had none)'}`);
  say('Checked: the counts in the database match the data directory.');
  if (result.local.length) {
    const parts = result.local.map((p) => (p === 'audit' ? `${PART_NAMES[p]} (${result.auditEvents} events)` : PART_NAMES[p]));
    say(`Not on PostgreSQL in this build, so they stay in ${dir}: ${parts.join('; ')}.`);
    say(`Run the server with ${DATABASE_URL_VAR} and --data ${dir}.`);
  }
}
