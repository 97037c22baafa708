/**
 * `inzage <command>` (README, Command line). Exit codes: 0 ok, 1 failed, 2 usage error. Errors are one line on stderr
 * without a stack trace (set INZAGE_DEBUG=1 for one).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError } from './cli/common.ts';
import { registerAudit } from './cli/auditCommands.ts';
import { registerExam } from './cli/examCommands.ts';
import { registerImport } from './cli/importCommand.ts';
import { registerKiosk } from './cli/kioskCommands.ts';
import { registerMigrate } from './cli/migrateCommand.ts';
import { registerPurge } from './cli/purgeCommand.ts';
import { registerServe } from './cli/serveCommand.ts';
import { registerUser } from './cli/userCommands.ts';
import { CorruptDataError } from './store/index.ts';

function buildProgram(): Command {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const program = new Command('inzage')
    .description('Inzage: a supervised review station for finished digital exams')
    .version(version)
    .exitOverride() // inherited by the commands below: usage errors come back as CommanderError
    .showHelpAfterError('(add --help for usage)');
  registerServe(program);
  registerImport(program);
  registerUser(program);
  registerExam(program);
  registerKiosk(program);
  registerAudit(program);
  registerPurge(program);
  registerMigrate(program);
  return program;
}

/** Runs the CLI; resolves to the exit code. */
async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2; // commander printed the message already
    if (e instanceof CliError) {
      process.stderr.write(`inzage: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof CorruptDataError) {
      process.stderr.write(`inzage: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`inzage: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.INZAGE_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

// `inzage audit export | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await runCli(process.argv);
