/**
 * QTI results (`ParsedResult`s) to inzage sittings of one group: one sitting per file, with a stable id (from
 * the group, the candidate and the exam), so that importing the same results again changes nothing.
 *
 * Scores: an item's reported `SCORE` is what the candidate got and is kept as it is (within 0 and the item's
 * maximum). An item without one is scored from its key (`shared/itemScoring.ts`); a part that cannot be scored
 * that way (an open part) counts 0 and is reported with the warning 'niet beoordeeld'.
 */
import { createHash } from 'node:crypto';
import { scoreItem } from '../../../shared/itemScoring.ts';
import { setOwn } from '../../../shared/ownRecord.ts';
import { CandidateSchema, type Group, type ImportedSitting, type ItemQuestion, type ItemResponse, type Question } from '../../../shared/schema.ts';
import type { ParsedItemResult, ParsedResult } from './types.ts';
import { say } from '../issues.ts';

export type ExamQuestion = Question | ItemQuestion;

/** What the results are read against: the exam's questions (an item's id is its identifier in the test). */
export interface ResultsExam {
  id: string;
  questions: readonly ExamQuestion[];
}

export interface SittingOptions {
  groupId: string;
  /** the group's name when it is created; default: its id */
  groupName?: string;
  /** the exam of results that name none (no `testResult`); must agree with those that do */
  examId?: string;
  /** whether a candidate number is known (stored or in the same import); unknown ones are listed and warned */
  isKnownCandidate?: (number: string) => boolean;
}

/** A sitting's response to a QTI item: the candidate's values per part. */
export interface ItemSittingResponse {
  questionId: string;
  response: ItemResponse | null;
  score: number;
}

export type ResultSitting = Omit<ImportedSitting, 'responses'> & { responses: ItemSittingResponse[] };

export type SittingsBuild =
  | { ok: true; group: Group; sittings: ResultSitting[]; unknownCandidates: string[]; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

/** The sitting id: the same group, candidate and exam give the same id on every import. */
export function sittingId(groupId: string, candidateNumber: string, examId: string): string {
  const hash = createHash('sha256').update(`${groupId}\u0000${candidateNumber}\u0000${examId}`).digest('hex');
  return `qti-${hash.slice(0, 32)}`;
}

export function buildSittings(results: readonly ParsedResult[], examOf: (id: string) => ResultsExam | undefined, options: SittingOptions): SittingsBuild {
  const errors: string[] = [];
  const warnings: string[] = [];
  const examId = options.examId ?? results.find((r) => r.examId)?.examId;
  if (!examId) return { ok: false, errors: ['the results name no exam (no testResult); give the exam id'], warnings };
  const exam = examOf(examId);
  if (!exam) errors.push(options.examId ? say('results-unknown-exam', { id: examId }) : say('results-unknown-exam-of', { id: examId, file: results.find((r) => r.examId)!.file }));

  const resultOf = new Map<string, ParsedResult>();
  const sittings: ResultSitting[] = [];
  for (const r of results) {
    const before = errors.length;
    if (r.examId && r.examId !== examId) errors.push(`${r.at.root}: assessmentResult/testResult: ${say('results-other-exam', { exam: r.examId, group: examId })}`);
    const number = CandidateSchema.shape.number.safeParse(r.candidateId);
    if (!number.success) errors.push(`${r.at.context}: assessmentResult/context: ${say('results-not-a-number-id', { id: r.candidateId })}`);
    const other = resultOf.get(r.candidateId);
    if (other) errors.push(`${r.at.context}: assessmentResult/context: ${say('results-candidate-twice', { id: r.candidateId, file: other.file })}`);
    else resultOf.set(r.candidateId, r);
    if (!r.startedAt || !r.submittedAt) errors.push(`${r.at.root}: assessmentResult: ${say('results-no-datestamp', {})}`);
    const responses = exam ? scoreResponses(r, exam, errors, warnings) : [];
    if (errors.length > before || !r.startedAt || !r.submittedAt) continue;
    sittings.push({
      id: sittingId(options.groupId, r.candidateId, examId),
      groupId: options.groupId,
      candidateNumber: r.candidateId,
      startedAt: r.startedAt,
      submittedAt: r.submittedAt,
      responses,
    });
  }
  if (errors.length) return { ok: false, errors, warnings };
  const startsAt = sittings.map((s) => s.startedAt).sort()[0] ?? new Date(0).toISOString();
  const unknownCandidates = options.isKnownCandidate ? sittings.map((x) => x.candidateNumber).filter((c) => !options.isKnownCandidate!(c)) : [];
  for (const c of unknownCandidates) warnings.push(`${resultOf.get(c)!.at.context}: assessmentResult/context: ${say('results-unknown-candidate', { id: c })}`);
  const group: Group = { id: options.groupId, name: options.groupName ?? options.groupId, examId, startsAt, candidateNumbers: sittings.map((s) => s.candidateNumber) };
  return { ok: true, group, sittings, unknownCandidates, warnings };
}

function scoreResponses(r: ParsedResult, exam: ResultsExam, errors: string[], warnings: string[]): ItemSittingResponse[] {
  const order = new Map(exam.questions.map((q, i) => [q.id, i]));
  const out: { index: number; response: ItemSittingResponse }[] = [];
  for (const item of r.items) {
    const path = `${item.at}: assessmentResult/itemResult[${item.itemId}]`;
    const index = order.get(item.itemId);
    const q = index === undefined ? undefined : exam.questions[index];
    if (!q) {
      errors.push(`${path}: ${say('results-item-not-in-exam', { item: item.itemId, exam: exam.id })}`);
      continue;
    }
    if (q.type !== 'item') {
      errors.push(`${path}: ${say('results-question-not-item', { question: q.id, exam: exam.id, type: q.type })}`);
      continue;
    }
    out.push({ index: index!, response: itemResponse(item, q, path, warnings) });
  }
  return out.sort((a, b) => a.index - b.index).map((x) => x.response);
}

function itemResponse(item: ParsedItemResult, q: ItemQuestion, path: string, warnings: string[]): ItemSittingResponse {
  const parts = new Set(q.parts.map((p) => p.id));
  const response: ItemResponse = {};
  for (const [id, values] of Object.entries(item.responses)) {
    if (!parts.has(id)) warnings.push(`${item.responseAt[id] ?? item.at}: assessmentResult/itemResult[${item.itemId}]/responseVariable[${id}]: ${say('results-no-such-response', { item: q.id, id })}`);
    else setOwn(response, id, values);
  }
  let score = item.score;
  if (score === undefined) {
    const scored = scoreItem(q, response);
    score = scored.score;
    for (const id of scored.unscored) {
      if (response[id]?.length) warnings.push(`${item.responseAt[id] ?? item.at}: assessmentResult/itemResult[${item.itemId}]/responseVariable[${id}]: ${say('results-not-scored', {})}`);
    }
  }
  if (score < 0 || score > q.maxScore) {
    const kept = Math.min(Math.max(score, 0), q.maxScore);
    warnings.push(`${path}: ${say('results-score-outside', { score, max: q.maxScore, kept })}`);
    score = kept;
  }
  return { questionId: q.id, response: Object.keys(response).length ? response : null, score };
}
