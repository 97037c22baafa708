/** `inzage audit export|verify`: the audit log, read straight from its file (docs/design.md: Security model; Storage). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { AuditEvent } from '../../shared/domain.ts';
import { auditCsv } from '../audit/csv.ts';
import { AuditFilterError, filterAudit } from '../audit/filter.ts';
import { auditFileLines, openEvent, verifyAuditFiles, type AuditLine } from '../store/audit.ts';
import { AuditKeys } from '../store/auditKeys.ts';
import { dataSecret, derivedKey } from '../store/secret.ts';
import { CliError, dataDir, dataOption, say, usageError } from './common.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the audit log');

  audit
    .command('export')
    .description('write the audit events to stdout (a date without a time is a whole day, UTC; --from and --to are inclusive)')
    .option('--from <date>', 'first day or instant (ISO 8601)')
    .option('--to <date>', 'last day or instant (ISO 8601)')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .addOption(dataOption())
    .action((opts: { from?: string; to?: string; format: 'csv' | 'jsonl'; data: string }) => {
      let events: AuditEvent[];
      try {
        const keys = new AuditKeys(dataDir(opts), { create: false }); // read only: opens sealed details where their key exists
        events = filterAudit(readEvents(auditFile(opts), keys), { from: opts.from, to: opts.to });
      } catch (e) {
        if (e instanceof AuditFilterError) throw usageError(`--${e.message}`);
        throw e;
      }
      process.stdout.write(opts.format === 'csv' ? auditCsv(events) : events.map((e) => `${JSON.stringify(e)}\n`).join(''));
    });

  audit
    .command('verify')
    .description('check the hash chain of the audit log and its anchor (audit.head); exits 1 and says where when it is broken')
    .addOption(dataOption())
    .action((opts: { data: string }) => {
      const file = auditFile(opts);
      const secret = dataSecret(dataDir(opts), { create: false });
      const verdict = verifyAuditFiles(file, secret ? derivedKey(secret, 'audit-head') : undefined);
      for (const note of verdict.notes) say(`Note: ${note}.`);
      if (verdict.ok) return say(`The audit log is intact: ${verdict.count} events.`);
      const p = verdict.problem!;
      throw new CliError(`The audit log ${file} is broken at line ${p.line}: ${p.reason}.`);
    });
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
