/**
 * `inzage import FILE [--dry-run]` (docs/import-format.md, README, Command line). FILE is an inzage/v1 JSON file
 * or a QTI content package (a zip, or a folder with imsmanifest.xml: docs/import-format.md, QTI packages).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { ExamChangeDto } from '../../shared/protocol.ts';
import type { ImportFile } from '../../shared/schema.ts';
import { applyImport, importData, parseJsonText, validationSteps, type ImportResult, type ValidationResult } from '../import/index.ts';
import { DEFAULT_EXAM_FIELDS, isQtiPackagePath, openQtiPackage, PackageError, readQtiPackage, withOrigins, type ExamFields } from '../import/qti/index.ts';
import { openStore, type ChangeCounts } from '../store/index.ts';
import { CliError, assertNotServed, dataDir, dataOption, fileProblem, isStoreDir, readFileOrStop, say, withDataLock } from './common.ts';
import { examChangeLines } from './importReport.ts';
import { importProgressBar, type ProgressBar } from './progress.ts';

interface ImportOpts { data: string; dryRun?: boolean; subject?: string; level?: string; central?: boolean }

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import exams, candidates, groups and sittings from an inzage/v1 JSON file, or the tests of a QTI package as exams (idempotent by id)')
    .argument('<file>', 'the import file (JSON, format "inzage/v1"), or a QTI content package (.zip, or a folder with imsmanifest.xml)')
    .option('--dry-run', 'check the file and show what would change, without writing anything')
    .option('--subject <name>', `QTI package: the exams' subject (default "${DEFAULT_EXAM_FIELDS.subject}")`)
    .option('--level <name>', `QTI package: the exams' level (default "${DEFAULT_EXAM_FIELDS.level}")`)
    .option('--central', 'QTI package: the exams are central exams')
    .addOption(dataOption())
    .action((file: string, opts: ImportOpts) => runImport(file, opts));
}

/** What an import file holds, ready for validation; for a QTI package, what its own reading found too. */
type Input =
  | { ok: true; value: unknown; size: number; qti?: { warnings: string[]; origins: ReadonlyMap<string, string>; media: ReadonlyMap<string, Uint8Array> } }
  | { ok: false; errors: string[]; warnings: string[] };

function readInput(file: string, opts: ImportOpts): Input {
  if (isQtiPackagePath(file)) {
    const fields: ExamFields = {
      subject: opts.subject ?? DEFAULT_EXAM_FIELDS.subject,
      level: opts.level ?? DEFAULT_EXAM_FIELDS.level,
      central: opts.central ?? DEFAULT_EXAM_FIELDS.central,
    };
    try {
      const { pkg, size } = openQtiPackage(file);
      const r = readQtiPackage(pkg, fields);
      return r.ok ? { ok: true, value: r.file, size, qti: { warnings: r.warnings, origins: r.origins, media: r.media } } : r;
    } catch (e) {
      if (e instanceof PackageError) return { ok: false, errors: [e.message], warnings: [] };
      throw new CliError(`Cannot read ${file}: ${fileProblem(e)}.`);
    }
  }
  const text = readFileOrStop(file, (f) => readFileSync(f, 'utf8'));
  const json = parseJsonText(text);
  if (!json.ok) throw new CliError(`${file} is not valid JSON: ${json.message}. Nothing was imported.`);
  return { ok: true, value: json.value, size: Buffer.byteLength(text) };
}

/** A QTI package's own warnings first; later messages about an item name its file. */
function withQti(result: ImportResult, qti: { warnings: string[]; origins: ReadonlyMap<string, string> } | undefined): ImportResult {
  if (!qti) return result;
  const warnings = [...qti.warnings, ...withOrigins(result.warnings, qti.origins)];
  return result.ok ? { ...result, warnings } : { ...result, errors: withOrigins(result.errors, qti.origins), warnings };
}

async function runImport(file: string, opts: ImportOpts): Promise<void> {
  const dir = dataDir(opts);
  const input = readInput(file, opts);
  if (!input.ok) {
    report(file, input, '');
    return;
  }
  if (!opts.dryRun) await assertNotServed(dir);

  const bar = importProgressBar(input.size);
  const media = input.qti?.media;
  const options = { dryRun: !!opts.dryRun, source: basename(file), actor: 'cli', onProgress: bar.update, media };
  let result: ImportResult;
  try {
    if (isStoreDir(dir)) {
      const run = () => importData(openStore(dir), input.value, options);
      result = opts.dryRun ? await run() : await withDataLock(dir, run, 'inzage import');
    } else {
      // Nothing stored yet: validate before creating the data directory, so that a bad file leaves no trace.
      const v = validateWithBar(input.value, bar, media);
      if (!v.ok) result = v;
      else if (opts.dryRun) result = { ok: true, dryRun: true, counts: allAdded(v.data), exams: examsAdded(v.data), warnings: v.warnings, mediaAdded: media?.size ?? 0 };
      else result = await withDataLock(dir, () => applyImport(openStore(dir), v, options), 'inzage import');
    }
  } finally {
    bar.stop();
  }
  report(file, withQti(result, input.qti), input.qti ? '' : ' (imported scores are kept as they are)');
}

function validateWithBar(input: unknown, bar: ProgressBar, media: ReadonlyMap<string, Uint8Array> | undefined): ValidationResult {
  const steps = validationSteps(input, undefined, (name) => !!media?.has(name));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    bar.update({ phase: 'validate', percent: step.value });
  }
}

function allAdded(data: ImportFile): ChangeCounts {
  const added = (n: number) => ({ added: n, updated: 0, unchanged: 0, removed: 0 });
  const { removed: _r, ...exams } = added(data.exams.length);
  return { exams, candidates: added(data.candidates.length), groups: added(data.groups.length), sittings: added(data.sittings.length) };
}

function examsAdded(data: ImportFile): ExamChangeDto[] {
  const groups = new Map(data.groups.map((g) => [g.id, g.examId]));
  return data.exams.map((e) => ({
    examId: e.id, title: e.title, change: 'added', newVersion: false, questions: { added: [], changed: [], removed: [] }, maxScore: null,
    sittingsOnOldVersion: 0, sittingsInFile: data.sittings.filter((s) => groups.get(s.groupId) === e.id).length, review: null,
  }));
}

/** `note`: said after the number of warnings (of a JSON file: that imported scores stand). */
function report(file: string, result: ImportResult, note: string): void {
  if (!result.ok) {
    const n = result.errors.length;
    process.stderr.write(`inzage: ${file} is not a valid import (${n} error${n === 1 ? '' : 's'}); nothing was imported.\n`);
    for (const e of result.errors) process.stderr.write(`  ${e}\n`);
    process.exitCode = 1;
    return;
  }
  say(result.dryRun ? `Dry run of ${file}: nothing was written. It would change:` : `Imported ${file}:`);
  for (const [kind, c] of Object.entries(result.counts)) {
    const removed = 'removed' in c && c.removed ? `, ${c.removed} removed` : '';
    say(`  ${kind.padEnd(11)} ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged${removed}`);
  }
  if (result.mediaAdded) say(`  ${'pictures'.padEnd(11)} ${result.mediaAdded} added`);
  for (const e of result.exams) for (const line of examChangeLines(e)) say(`  ${line}`);
  if (result.warnings.length) {
    say(`${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}${note}:`);
    for (const w of result.warnings) say(`  ${w}`);
  }
}
