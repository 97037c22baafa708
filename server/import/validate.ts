/**
 * `validateImport`: the structural checks of `shared/schema.ts`, element by element so that one broken
 * element does not hide the errors of the others, then the cross-reference checks of `importRules.ts`.
 * Every error carries its JSON path. On success the data comes back normalised: defaults filled in and
 * question HTML sanitised, with a warning for every removal from it (its field's path, the element's path);
 * an image on another server, which the kiosk's CSP blocks, is an error at its field's path.
 *
 * The work runs as a generator that yields its progress (0–100) now and then, so that `importData` can
 * report progress and let the event loop breathe during a large import; `validateImport` runs it straight.
 */
import * as z from 'zod';
import type { Candidate, Group } from '../../shared/domain.ts';
import type { ImportedExam, ImportedSitting, ImportFile } from '../../shared/schema.ts';
import { CandidateSchema, ExamSchema, GroupSchema, ImportFileSchema, ResponseSchema, SittingSchema } from '../../shared/schema.ts';
import { coded, type ImportIssue } from '../../shared/i18n/importIssues.ts';
import { Issues, type Path } from './issues.ts';
import { ImportRules, type Indexed, type KnownContent, type ParsedFile } from './importRules.ts';
import { checkMediaRefs, noMedia, type MediaAvailable } from './mediaRefs.ts';
import { sanitizeExam } from './sanitize.ts';
import { zodMessage } from '../../shared/zodIssues.ts';

export type ValidationResult =
  | { ok: true; data: ImportFile; warnings: string[]; warningItems: ImportIssue[] }
  | { ok: false; errors: string[]; warnings: string[]; errorItems: ImportIssue[]; warningItems: ImportIssue[] };

const list = z.array(z.unknown()).default([]);
const TopSchema = z.strictObject({
  format: ImportFileSchema.shape.format,
  exams: list,
  candidates: list,
  groups: list,
  sittings: list,
});

const RESPONSE_SHAPES = coded('response-shapes', {});

function reportZod(error: z.ZodError, at: Path, issues: Issues): void {
  for (const issue of error.issues) {
    const path = [...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const message = issue.code === 'invalid_union' && path.at(-1) === 'response' ? RESPONSE_SHAPES : zodMessage(issue);
    issues.error(path, message);
  }
}

/** How often (in elements) the generator yields. */
const CHUNK = 250;

export function validateImport(input: unknown, known?: KnownContent, media: MediaAvailable = noMedia): ValidationResult {
  const steps = validationSteps(input, known, media);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `media`: which media files the content may show (those the import brings, and those stored). */
export function* validationSteps(input: unknown, known?: KnownContent, media: MediaAvailable = noMedia): Generator<number, ValidationResult> {
  const issues = new Issues();
  const top = TopSchema.safeParse(input);
  if (!top.success) reportZod(top.error, [], issues);
  const raw = top.success ? top.data : looseLists(input);
  const total = raw.exams.length + raw.candidates.length + raw.groups.length + 2 * raw.sittings.length || 1;
  let done = 0;
  const progress = () => Math.floor((100 * done) / total);

  const file: ParsedFile = {
    exams: [], candidates: [], groups: [], sittings: [],
    broken: { exams: new Set(), candidates: new Set(), groups: new Set() },
  };
  const parse = function* <T>(name: 'exams' | 'candidates' | 'groups' | 'sittings', schema: z.ZodType<T>, into: Indexed<T>[], broken?: Set<string>, idKey = 'id') {
    for (let index = 0; index < raw[name].length; index++) {
      const element = raw[name][index];
      const r = schema.safeParse(element);
      if (r.success) into.push({ index, value: r.data });
      else {
        reportZod(r.error, [name, index], issues);
        const id = (element as Record<string, unknown> | null)?.[idKey];
        if (broken && typeof id === 'string') broken.add(id.trim());
      }
      if (++done % CHUNK === 0) yield progress();
    }
  };
  yield* parse<ImportedExam>('exams', ExamSchema, file.exams, file.broken.exams);
  yield* parse<Candidate>('candidates', CandidateSchema, file.candidates, file.broken.candidates, 'number');
  yield* parse<Group>('groups', GroupSchema, file.groups, file.broken.groups);
  yield* parse<ImportedSitting>('sittings', SittingSchema, file.sittings);
  const partial = partialSittings(raw.sittings, file.sittings);

  const rules = new ImportRules(file, issues, known);
  rules.checkContent();
  for (const s of file.sittings) {
    rules.checkSitting(s);
    if (++done % CHUNK === 0) yield progress();
  }
  // a sitting broken only in some responses: its other responses are still checked against their exam
  for (const s of partial) rules.checkSitting(s, s.responseIndex);
  done += raw.sittings.length - file.sittings.length;
  yield progress();

  // sanitised before the verdict: content the kiosk could not show (an image on another server) is an error too
  const exams = file.exams.map((e) => sanitizeExam(
    e.value, ['exams', e.index], (path, message) => issues.warn(path, message), (path, message) => issues.error(path, message),
  ));
  exams.forEach((exam, i) => checkMediaRefs(exam, ['exams', file.exams[i]!.index], media, issues));
  if (issues.errorCount) return { ok: false, errors: issues.errors, warnings: issues.warnings, errorItems: issues.errorItems, warningItems: issues.warningItems };
  const data: ImportFile = {
    format: 'inzage/v1',
    exams,
    candidates: file.candidates.map((c) => c.value),
    groups: file.groups.map((g) => g.value),
    sittings: file.sittings.map((s) => s.value),
  };
  return { ok: true, data, warnings: issues.warnings, warningItems: issues.warningItems };
}

const LooseSittingSchema = SittingSchema.extend({ responses: z.array(z.unknown()).max(500) });

/**
 * The sittings that failed their structural checks only in some responses (their errors are reported already),
 * with the responses that passed and each one's index in the file, so that one run names every error.
 */
function partialSittings(raw: readonly unknown[], parsed: readonly Indexed<ImportedSitting>[]): (Indexed<ImportedSitting> & { responseIndex: number[] })[] {
  const ok = new Set(parsed.map((s) => s.index));
  const out: (Indexed<ImportedSitting> & { responseIndex: number[] })[] = [];
  raw.forEach((element, index) => {
    if (ok.has(index)) return;
    const loose = LooseSittingSchema.safeParse(element);
    if (!loose.success) return;
    const responses: ImportedSitting['responses'] = [];
    const responseIndex: number[] = [];
    loose.data.responses.forEach((r, i) => {
      const one = ResponseSchema.safeParse(r);
      if (one.success) { responses.push(one.data); responseIndex.push(i); }
    });
    out.push({ index, value: { ...loose.data, responses }, responseIndex });
  });
  return out;
}

/** The lists of a file whose top level failed its checks, so that their elements are still checked. */
function looseLists(input: unknown): Record<'exams' | 'candidates' | 'groups' | 'sittings', unknown[]> {
  const o = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const arr = (v: unknown) => (Array.isArray(v) ? v : []);
  return { exams: arr(o.exams), candidates: arr(o.candidates), groups: arr(o.groups), sittings: arr(o.sittings) };
}
