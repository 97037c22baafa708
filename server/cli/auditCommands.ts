/**
 * `inzage audit export|verify`: the audit log (docs/design.md: Security model; Storage). The file store's is read
 * straight from its files; with INZAGE_DATABASE_URL it is read through the PostgreSQL store (whose anchor is keyed by
 * the secret the database shares).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { AuditEvent } from '../../shared/domain.ts';
import { auditCsv, isTimeZone, type CsvDelimiter } from '../audit/csv.ts';
import { auditNames } from '../audit/names.ts';
import { AuditFilterError, filterAudit } from '../audit/filter.ts';
import { auditFileLines, openEvent, verifyAuditFiles, type AuditLine } from '../store/audit.ts';
import { AuditKeys } from '../store/auditKeys.ts';
import { dataSecret, derivedKey } from '../store/secret.ts';
import { openStore } from '../store/index.ts';
import { databaseUrl } from '../store/open.ts';
import { CliError, dataDir, dataOption, isStoreDir, say, usageError, withStore } from './common.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the audit log');

  audit
    .command('export')
    .description('write the audit events to stdout (a date without a time is a whole day, UTC; --from and --to are inclusive)')
    .option('--from <date>', 'first day or instant (ISO 8601)')
    .option('--to <date>', 'last day or instant (ISO 8601)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .addOption(new Option('--delimiter <char>', "CSV: the field separator (';' for a spreadsheet that uses the decimal comma, as Dutch Excel)").choices([',', ';']).default(','))
    // the machine's zone is looked up when an export runs, not as commander's default: the first default
    // Intl.DateTimeFormat loads the zone data (~15 ms), which every command — `serve` too — paid while its program was built
    .option('--time-zone <zone>', "CSV: write times in this IANA zone, with its offset (default: this machine's time zone)")
    .addOption(dataOption())
    .action(async (given: { from?: string; to?: string; format: 'csv' | 'jsonl'; delimiter: CsvDelimiter; timeZone?: string; data: string }) => {
      const opts = { ...given, timeZone: given.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone };
      if (!isTimeZone(opts.timeZone)) throw usageError(`--time-zone must be an IANA time zone such as Europe/Amsterdam, not "${opts.timeZone}"`);
      if (databaseUrl()) {
        await withStore(dataDir(opts), async (store) => {
          let events: AuditEvent[];
          try {
            events = filterAudit(await store.audit.readAll(), { from: opts.from, to: opts.to });
          } catch (e) {
            if (e instanceof AuditFilterError) throw usageError(`--${e.message}`);
            throw e;
          }
          writeEvents(events, opts, auditNames(store));
        });
        return;
      }
      let events: AuditEvent[];
      try {
        const keys = new AuditKeys(dataDir(opts), { create: false }); // read only: opens sealed details where their key exists
        events = filterAudit(readEvents(auditFile(opts), keys), { from: opts.from, to: opts.to });
      } catch (e) {
        if (e instanceof AuditFilterError) throw usageError(`--${e.message}`);
        throw e;
      }
      if (opts.format === 'jsonl') return writeEvents(events, opts, undefined);
      // names beside ids, from the data as it is now (read only: nothing is locked or written)
      writeEvents(events, opts, isStoreDir(dataDir(opts)) ? auditNames(openStore(dataDir(opts))) : undefined);
    });

  audit
    .command('verify')
    .description('check the hash chain of the audit log and its anchor (audit.head); exits 1 and says where when it is broken')
    .addOption(dataOption())
    .action(async (opts: { data: string }) => {
      if (databaseUrl()) {
        const verdict = await withStore(dataDir(opts), (store) => store.audit.verify());
        if (verdict.ok) return say(`The audit log is intact: ${verdict.count} events.`);
        const p = verdict.problem!;
        throw new CliError(`The audit log is broken at line ${p.line}: ${p.reason}.`);
      }
      const file = auditFile(opts);
      const secret = dataSecret(dataDir(opts), { create: false });
      const verdict = verifyAuditFiles(file, secret ? derivedKey(secret, 'audit-head') : undefined);
      for (const note of verdict.notes) say(`Note: ${note}.`);
      if (verdict.ok) return say(`The audit log is intact: ${verdict.count} events.`);
      const p = verdict.problem!;
      throw new CliError(`The audit log ${file} is broken at line ${p.line}: ${p.reason}.`);
    });
}

function writeEvents(events: AuditEvent[], opts: { format: 'csv' | 'jsonl'; delimiter: CsvDelimiter; timeZone: string }, names: ReturnType<typeof auditNames> | undefined): void {
  if (opts.format === 'jsonl') process.stdout.write(events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  else process.stdout.write(auditCsv(events, { delimiter: opts.delimiter, timeZone: opts.timeZone, names }));
}

function auditFile(opts: { data: string }): string {
  const file = join(dataDir(opts), 'audit.jsonl');
  if (!existsSync(file)) throw new CliError(`No audit log at ${file} (give --data DIR or set INZAGE_DATA).`);
  return file;
}

function readEvents(file: string, keys: AuditKeys): AuditEvent[] {
  return auditFileLines(file).map((line, i) => {
    try {
      return openEvent(JSON.parse(line) as AuditLine, keys);
    } catch {
      throw new CliError(`Event ${i + 1} of the audit log ${file} does not parse; run "inzage audit verify".`);
    }
  });
}
