/**
 * The inputs of one import run (JSON files, QTI packages, candidate lists, QTI results) combined into one
 * `inzage/v1` import file, which then goes through the import's checks and is written all or nothing
 * (`importData`). Every problem of every input is collected; any one refuses the whole run.
 *
 * Results are read against the exams of the run's packages and JSON files first, then the stored ones; their
 * candidates against the run's candidate lists, then the stored candidates. A candidate no list brought in is
 * added with the number only (`CandidateSchema`), with a warning. The results' group is `group` (required when
 * results are among the inputs), merged with a stored group of that id (`mergeResultsGroup`).
 */
import type { Candidate, Group, ImportedSitting } from '../../../shared/schema.ts';
import { parseCandidateList } from '../candidates/index.ts';
import type { ImportProgress } from '../importData.ts';
import type { KnownContent } from '../importRules.ts';
import { DEFAULT_EXAM_FIELDS, readQtiPackage, type ExamFields } from '../qti/index.ts';
import { buildSittings, parseResultFiles, type ParsedResult, type ResultsExam } from '../results/index.ts';
import { Origins, type ListName } from './labels.ts';
import { mergeResultsGroup } from './resultsGroup.ts';
import type { ImportInput, InputKind } from './types.ts';
import { say } from '../issues.ts';

export interface CombineOptions {
  /** the group of the results among the inputs: its id, and its name when it is created or renamed */
  group?: { id: string; name?: string };
  /** the exam fields a QTI test does not carry */
  fields?: ExamFields;
  /** progress through the results files, as they are parsed (`read`, 0–100) */
  onProgress?: (p: ImportProgress) => void;
}

/** Results files are parsed this many at a time between progress reports. */
const CHUNK = 250;

/** What one input brought, for the report: `klas.csv: candidate list, 28 candidates`. */
export interface InputSummary { name: string; kind: InputKind; count: number }

export type Combined =
  /** `media`: the pictures the packages' items show, by media name, for the import to store */
  | { ok: true; value: unknown; warnings: string[]; origins: Origins; inputs: InputSummary[]; media: ReadonlyMap<string, Uint8Array> }
  | { ok: false; errors: string[]; warnings: string[] };

const LISTS: readonly ListName[] = ['exams', 'candidates', 'groups', 'sittings'];
const TOP_KEYS = new Set(['format', ...LISTS]);

interface Lists { exams: unknown[]; candidates: unknown[]; groups: unknown[]; sittings: unknown[] }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function combineInputs(inputs: readonly ImportInput[], known: KnownContent, options: CombineOptions = {}): Combined {
  const origins = new Origins();
  for (const input of inputs) origins.input(input.kind);
  if (inputs.length === 1 && inputs[0]!.kind === 'json') {
    const only = inputs[0]!;
    const lists = isRecord(only.value) ? LISTS.reduce((n, l) => n + (Array.isArray((only.value as Record<string, unknown>)[l]) ? ((only.value as Record<string, unknown[]>)[l]!).length : 0), 0) : 0;
    return { ok: true, value: only.value, warnings: [], origins, inputs: [{ name: only.name, kind: 'json', count: lists }], media: new Map() };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const out: Lists = { exams: [], candidates: [], groups: [], sittings: [] };
  const summaries: InputSummary[] = [];
  const media = new Map<string, Uint8Array>();
  const results: ParsedResult[] = [];
  const resultFiles = inputs.reduce((n, i) => n + (i.kind === 'results' ? i.files.length : 0), 0);
  let parsed = 0;
  const prefix = (name: string, messages: readonly string[]) => (inputs.length > 1 ? messages.map((m) => `${name}: ${m}`) : [...messages]);

  for (const input of inputs) {
    switch (input.kind) {
      case 'json': {
        const lists = jsonLists(input.name, input.value, errors);
        for (const list of LISTS) {
          lists[list].forEach((element, local) => {
            origins.add(list, { label: input.name, local });
            out[list].push(element);
          });
        }
        summaries.push({ name: input.name, kind: 'json', count: LISTS.reduce((n, l) => n + lists[l].length, 0) });
        break;
      }
      case 'package': {
        const r = readQtiPackage(input.pkg, options.fields ?? DEFAULT_EXAM_FIELDS);
        warnings.push(...prefix(input.name, r.warnings));
        if (!r.ok) {
          errors.push(...prefix(input.name, r.errors));
          break;
        }
        for (const [name, bytes] of r.media) media.set(name, bytes);
        origins.addItems(r.origins, out.exams.length);
        r.file.exams.forEach((exam, local) => {
          origins.add('exams', { label: input.name, local });
          out.exams.push(exam);
        });
        summaries.push({ name: input.name, kind: 'package', count: r.file.exams.length });
        break;
      }
      case 'candidates': {
        const r = parseCandidateList(input.bytes, input.name);
        warnings.push(...r.warnings);
        if (!r.ok) {
          errors.push(...r.errors);
          break;
        }
        r.candidates.forEach((c, local) => {
          origins.add('candidates', { label: input.name, local });
          out.candidates.push(c);
        });
        summaries.push({ name: input.name, kind: 'candidates', count: r.candidates.length });
        break;
      }
      case 'results': {
        for (let i = 0; i < input.files.length; i += CHUNK) {
          const r = parseResultFiles(input.files.slice(i, i + CHUNK));
          warnings.push(...r.warnings);
          if (!r.ok) errors.push(...r.errors);
          else results.push(...r.results);
          parsed += Math.min(CHUNK, input.files.length - i);
          options.onProgress?.({ phase: 'read', percent: Math.floor((100 * parsed) / resultFiles) });
        }
        summaries.push({ name: input.name, kind: 'results', count: input.files.length });
        break;
      }
    }
  }

  if (summaries.some((s) => s.kind === 'results')) {
    if (!options.group) errors.push(say('results-need-group', {}));
    else if (!errors.length) addResults(results, options.group, out, known, origins, errors, warnings);
  }
  if (errors.length) return { ok: false, errors, warnings };
  return { ok: true, value: { format: 'inzage/v1', ...out }, warnings, origins, inputs: summaries, media };
}

/** The lists of an inzage/v1 JSON file among other inputs; its top level checked here, its elements later. */
function jsonLists(name: string, value: unknown, errors: string[]): Lists {
  const lists: Lists = { exams: [], candidates: [], groups: [], sittings: [] };
  if (!isRecord(value)) {
    errors.push(`${name}: ${say('json-not-object', {})}`);
    return lists;
  }
  if (value.format !== 'inzage/v1') errors.push(`${name}: format: ${say('format-not-inzage', {})}`);
  for (const key of Object.keys(value)) if (!TOP_KEYS.has(key)) errors.push(`${name}: ${key}: ${say('unknown-field', {})}`);
  for (const list of LISTS) {
    const v = value[list];
    if (v === undefined) continue;
    if (Array.isArray(v)) lists[list] = v;
    else errors.push(`${name}: ${list}: ${say('must-be-list', {})}`);
  }
  return lists;
}

/** An exam of the run (from a package or a JSON file) as results read it, if it looks like one. */
function runExam(exam: unknown): ResultsExam | undefined {
  return isRecord(exam) && typeof exam.id === 'string' && Array.isArray(exam.questions) ? (exam as unknown as ResultsExam) : undefined;
}

function addResults(results: readonly ParsedResult[], group: { id: string; name?: string }, out: Lists, known: KnownContent, origins: Origins, errors: string[], warnings: string[]): void {
  const runExams = new Map<string, ResultsExam>();
  for (const e of out.exams) {
    const exam = runExam(e);
    if (exam) runExams.set(exam.id.trim(), exam);
  }
  const runCandidates = new Set(out.candidates.map((c) => (isRecord(c) && typeof c.number === 'string' ? c.number.trim() : '')));
  const built = buildSittings(results, (id) => runExams.get(id) ?? known.exam(id), {
    groupId: group.id,
    ...(group.name ? { groupName: group.name } : {}),
    isKnownCandidate: (n) => runCandidates.has(n) || known.candidate(n) !== undefined,
  });
  warnings.push(...built.warnings);
  if (!built.ok) {
    errors.push(...built.errors);
    return;
  }
  const merged = mergeResultsGroup(built.group, known.group(group.id), group.name);
  if (!merged.ok) {
    errors.push(merged.error);
    return;
  }
  const fileOf = new Map(results.map((r) => [r.candidateId, r.file]));
  for (const number of built.unknownCandidates) {
    origins.add('candidates', { label: fileOf.get(number)!, local: 0 });
    out.candidates.push({ number } satisfies Candidate);
  }
  origins.add('groups', { label: `group ${group.id}`, local: 0 });
  out.groups.push(merged.group satisfies Group);
  for (const s of built.sittings) {
    origins.add('sittings', { label: fileOf.get(s.candidateNumber)!, local: 0, element: 'assessmentResult', responses: s.responses.map((r) => r.questionId) });
    out.sittings.push(s satisfies ImportedSitting);
  }
}
