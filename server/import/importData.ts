/**
 * `importData`: validate an import file against what is stored, then plan (dry run) or apply it. Invalid
 * input writes nothing. Idempotent by id: the content store rewrites only files whose content changed, and an
 * import that changes nothing is not audited either, so importing the same file twice changes no file.
 * Used by the CLI and by the console's upload route alike.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ExamChangeDto } from '../../shared/protocol.ts';
import type { ImportFile } from '../../shared/schema.ts';
import type { ChangeCounts, Store } from '../store/index.ts';
import { toContentChanges } from './changes.ts';
import { validationSteps, type ValidationResult } from './validate.ts';

/** `read`: QTI results files parsed (an import of several inputs, before it is checked) */
export type ImportPhase = 'read' | 'validate' | 'write' | 'done';
export interface ImportProgress { phase: ImportPhase; percent: number }

export interface ImportOptions {
  dryRun?: boolean;
  /** Who imports, for the audit log (default `cli`). */
  actor?: string;
  /** What was imported, for the audit log: a file name, or `upload` (the default). */
  source?: string;
  onProgress?: (p: ImportProgress) => void;
}

export type ImportResult =
  | { ok: true; dryRun: boolean; counts: ChangeCounts; exams: ExamChangeDto[]; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

export async function importData(store: Store, input: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
  const v = await validateYielding(input, store, opts.onProgress ?? (() => undefined));
  return v.ok ? applyImport(store, v, opts) : v;
}

/** Plans or applies an import that `validateImport` accepted (against this store's content, or an empty one). */
export async function applyImport(store: Store, valid: { data: ImportFile; warnings: string[] }, opts: ImportOptions = {}): Promise<ImportResult> {
  const report = opts.onProgress ?? (() => undefined);
  const changes = toContentChanges(valid.data, store.content);
  if (opts.dryRun) {
    const { counts, exams } = await store.content.planWithReport(changes);
    report({ phase: 'done', percent: 100 });
    return { ok: true, dryRun: true, counts, exams, warnings: valid.warnings };
  }
  report({ phase: 'write', percent: 0 });
  const { counts, exams } = await store.content.applyWithReport(changes);
  const newVersions = exams.filter((e) => e.newVersion).map((e) => e.examId);
  const reviewChanged = exams.filter((e) => e.review?.outcome === 'changed').map((e) => e.examId);
  if (hasChanges(counts) || reviewChanged.length) {
    await store.audit.append({
      actor: opts.actor ?? 'cli',
      action: 'import.applied',
      target: opts.source ?? 'upload',
      // numbers and exam ids only: never candidate data in the audit log
      details: { counts, ...(newVersions.length ? { newVersions } : {}), ...(reviewChanged.length ? { reviewChanged } : {}) },
    });
  }
  report({ phase: 'done', percent: 100 });
  return { ok: true, dryRun: false, counts, exams, warnings: valid.warnings };
}

async function validateYielding(input: unknown, store: Store, report: (p: ImportProgress) => void): Promise<ValidationResult> {
  const steps = validationSteps(input, store.content);
  report({ phase: 'validate', percent: 0 });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    report({ phase: 'validate', percent: step.value });
    await yieldToEventLoop();
  }
}

function hasChanges(counts: ChangeCounts): boolean {
  return Object.values(counts).some((c) => c.added + c.updated + ('removed' in c ? c.removed : 0) > 0);
}
