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
import { mediaRefs } from '../media/refs.ts';
import { sweepMedia } from '../media/sweep.ts';
import { toContentChanges } from './changes.ts';
import { validationSteps, type ValidationResult } from './validate.ts';
import type { ImportIssue } from '../../shared/i18n/importIssues.ts';

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
  /**
   * The media files the import brings (a QTI package's pictures), by media name; content may show these and
   * those stored. Written to `DATA/media` with the content, all or nothing; a dry run writes none.
   */
  media?: ReadonlyMap<string, Uint8Array>;
}

const items = (v: { warningItems?: ImportIssue[] }) => (v.warningItems ? { warningItems: v.warningItems } : {});

export type ImportResult =
  | { ok: true; dryRun: boolean; counts: ChangeCounts; exams: ExamChangeDto[]; warnings: string[]; /** media files (would be) added */ mediaAdded: number; warningItems?: ImportIssue[] }
  | { ok: false; errors: string[]; warnings: string[]; errorItems?: ImportIssue[]; warningItems?: ImportIssue[] };

export async function importData(store: Store, input: unknown, opts: ImportOptions = {}): Promise<ImportResult> {
  const v = await validateYielding(input, store, opts);
  return v.ok ? applyImport(store, v, opts) : v;
}

/** Plans or applies an import that `validateImport` accepted (against this store's content, or an empty one). */
export async function applyImport(store: Store, valid: { data: ImportFile; warnings: string[]; warningItems?: ImportIssue[] }, opts: ImportOptions = {}): Promise<ImportResult> {
  const report = opts.onProgress ?? (() => undefined);
  const changes = toContentChanges(valid.data, store.content);
  const media = mediaToWrite(valid.data, opts.media);
  if (opts.dryRun) {
    const { counts, exams } = await store.content.planWithReport(changes);
    report({ phase: 'done', percent: 100 });
    const mediaAdded = [...media.keys()].filter((name) => !store.media.has(name)).length;
    return { ok: true, dryRun: true, counts, exams, warnings: valid.warnings, ...items(valid), mediaAdded };
  }
  report({ phase: 'write', percent: 0 });
  // the pictures first, durably, then the content that shows them; if the content cannot be written, the
  // pictures this import added go again (docs/design.md: Media)
  const { written, held } = await store.media.write(media, [...new Set([...mediaRefs(valid.data.exams)].map((r) => r.name))]);
  let applied: Awaited<ReturnType<typeof store.content.applyWithReport>>;
  try {
    applied = await store.content.applyWithReport(changes);
  } catch (e) {
    store.media.release(held);
    await store.media.remove(written);
    throw e;
  }
  store.media.release(held);
  await sweepMedia(store); // pictures of an exam version this import replaced
  const { counts, exams } = applied;
  const newVersions = exams.filter((e) => e.newVersion).map((e) => e.examId);
  const reviewChanged = exams.filter((e) => e.review?.outcome === 'changed').map((e) => e.examId);
  if (hasChanges(counts) || reviewChanged.length || written.length) {
    await store.audit.append({
      actor: opts.actor ?? 'cli',
      action: 'import.applied',
      target: opts.source ?? 'upload',
      // numbers and exam ids only: never candidate data in the audit log
      details: {
        counts, ...(newVersions.length ? { newVersions } : {}), ...(reviewChanged.length ? { reviewChanged } : {}),
        ...(written.length ? { mediaAdded: written.length } : {}),
      },
    });
  }
  report({ phase: 'done', percent: 100 });
  return { ok: true, dryRun: false, counts, exams, warnings: valid.warnings, ...items(valid), mediaAdded: written.length };
}

/** The media files the import brings that its content shows (a file it brings but does not show is not stored). */
function mediaToWrite(data: ImportFile, brought: ReadonlyMap<string, Uint8Array> | undefined): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!brought?.size) return out;
  for (const { name } of mediaRefs(data.exams)) {
    const bytes = brought.get(name);
    if (bytes) out.set(name, bytes);
  }
  return out;
}

async function validateYielding(input: unknown, store: Store, opts: ImportOptions): Promise<ValidationResult> {
  const report = opts.onProgress ?? (() => undefined);
  const steps = validationSteps(input, store.content, (name) => !!opts.media?.has(name) || store.media.has(name));
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
