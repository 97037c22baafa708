/**
 * What `inzage import` runs (registered in importCommand.ts, which loads this module only when the command runs: the
 * import pipeline and its packages stay out of every other command and of `serve`, docs/design.md: Start-up).
 * `inzage import PATH… [--group ID] [--group-name NAME] [--dry-run]` (docs/import-format.md, README, Command
 * line). Each PATH is told by its content: an inzage/v1 JSON file, a QTI content package (a zip, or a folder with
 * imsmanifest.xml), QTI results (one assessmentResult file, a folder or a zip of them) or a candidate list (CSV,
 * EDEXML). All paths of one run are one import: checked together, written all or nothing.
 */
import { basename } from 'node:path';
import type { ExamChangeDto } from '../../shared/protocol.ts';
import type { ImportFile } from '../../shared/schema.ts';
import { applyImport, validationSteps, type ImportResult, type ValidationResult } from '../import/index.ts';
import { combineInputs, EMPTY_CONTENT, importInputs, readPath, withInputs, type ImportInput, type InputsImportResult } from '../import/inputs/index.ts';
import type { ExamFields } from '../import/qti/index.ts';
import { DEFAULT_EXAM_FIELDS } from '../import/qti/defaults.ts';
import { openStore, type ChangeCounts } from '../store/index.ts';
import { databaseUrl } from '../store/open.ts';
import { assertNotServed, CliError, fileProblem, dataDir, isStoreDir, say, withDataLock, withStore, writesLockDir } from './common.ts';
import { inputLine } from './importInputLines.ts';
import { examChangeLines } from './importReport.ts';
import { importProgressBar, type ProgressBar } from './progress.ts';

export interface ImportOpts {
  data: string; dryRun?: boolean; subject?: string; level?: string; central?: boolean; group?: string; groupName?: string;
}

async function readInputs(paths: readonly string[]): Promise<{ inputs: ImportInput[]; errors: string[] }> {
  const inputs: ImportInput[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    let r;
    try {
      r = await readPath(path);
    } catch (e) {
      throw new CliError(`Cannot read ${path}: ${fileProblem(e)}.`);
    }
    if (r.ok) inputs.push(r.input);
    else errors.push(...r.errors);
  }
  return { inputs, errors };
}

export async function runImport(paths: string[], opts: ImportOpts): Promise<void> {
  const dir = dataDir(opts);
  const name = paths.join(', ');
  const read = await readInputs(paths);
  if (read.errors.length) {
    report(name, { ok: false, errors: read.errors, warnings: [] }, '');
    return;
  }
  if (!opts.dryRun && (await writesLockDir())) await assertNotServed(dir);

  const fields: ExamFields = {
    subject: opts.subject ?? DEFAULT_EXAM_FIELDS.subject,
    level: opts.level ?? DEFAULT_EXAM_FIELDS.level,
    central: opts.central ?? DEFAULT_EXAM_FIELDS.central,
  };
  const group = opts.group === undefined ? undefined : { id: opts.group, ...(opts.groupName === undefined ? {} : { name: opts.groupName }) };
  const bar = importProgressBar(read.inputs.reduce((n, i) => n + i.size, 0), read.inputs.some((i) => i.kind === 'results'));
  const options = { dryRun: !!opts.dryRun, source: paths.map((p) => basename(p)).join(', '), actor: 'cli', onProgress: bar.update, fields, ...(group ? { group } : {}) };
  let result: InputsImportResult;
  try {
    if (databaseUrl()) {
      // PostgreSQL (INZAGE_DATABASE_URL): the database is the store, whether it holds anything yet or not
      result = await withStore(dir, (store) => importInputs(store, read.inputs, options), { write: !opts.dryRun, role: 'inzage import' });
    } else if (isStoreDir(dir)) {
      const run = () => importInputs(openStore(dir), read.inputs, options);
      result = opts.dryRun ? await run() : await withDataLock(dir, run, 'inzage import');
    } else {
      // Nothing stored yet: check before creating the data directory, so that a bad import leaves no trace.
      const combined = combineInputs(read.inputs, EMPTY_CONTENT, options);
      if (!combined.ok) result = combined;
      else {
        const media = combined.media;
        const v = validateWithBar(combined.value, bar, media);
        let r: ImportResult;
        if (!v.ok) r = v;
        else if (opts.dryRun) r = { ok: true, dryRun: true, counts: allAdded(v.data), exams: examsAdded(v.data), warnings: v.warnings, mediaAdded: media.size };
        else r = await withDataLock(dir, () => applyImport(openStore(dir), v, { ...options, media }), 'inzage import');
        result = withInputs(r, combined);
      }
    }
  } finally {
    bar.stop();
  }
  const scored = read.inputs.some((i) => i.kind === 'json' || i.kind === 'results');
  report(name, result, scored ? ' (imported scores are kept as they are)' : '');
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

/** `note`: said after the number of warnings (of JSON files and results: that imported scores stand). */
function report(name: string, result: InputsImportResult, note: string): void {
  if (!result.ok) {
    const n = result.errors.length;
    process.stderr.write(`inzage: ${name} is not a valid import (${n} error${n === 1 ? '' : 's'}); nothing was imported.\n`);
    for (const e of result.errors) process.stderr.write(`  ${e}\n`);
    process.exitCode = 1;
    return;
  }
  say(result.dryRun ? `Dry run of ${name}: nothing was written. It would change:` : `Imported ${name}:`);
  if (result.inputs && (result.inputs.length > 1 || result.inputs[0]?.kind !== 'json')) for (const i of result.inputs) say(`  ${inputLine(i)}`);
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
