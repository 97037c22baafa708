/** Pure builders: what the kiosk renders (no keys, no schemes) and what consoles list. */
import type { Candidate, Exam, Question, ResponseValue, ReviewSession, Sitting } from '../../shared/domain.ts';
import type { PayloadQuestion, RevealByType, RevealData, ReviewDto, ReviewPayload } from '../../shared/protocol.ts';
import type { ItemQuestion, ItemResponse } from '../../shared/schema.ts';
import { displayName } from '../../shared/rules.ts';

export function candidateName(c: Candidate | undefined, number: string): string {
  return c ? displayName(c) : number;
}

// A stored response has the shape of its question's type (the import checks it); read as that shape, and a
// value of another shape (hand-edited data) shows as unanswered.
const idList = (v: ResponseValue): string[] | null =>
  Array.isArray(v) && v.every((x): x is string => typeof x === 'string') ? v : null;
const pairList = (v: ResponseValue): [string, string][] | null =>
  Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')
    ? (v as [string, string][])
    : null;
const textOf = (v: ResponseValue): string | null => (typeof v === 'string' ? v : null);
const numberOf = (v: ResponseValue): number | null => (typeof v === 'number' ? v : null);
const recordOf = (v: ResponseValue): ItemResponse | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => Array.isArray(x) && x.every((s) => typeof s === 'string'))
    ? v
    : null;

/** An item has a key to show when a part has a key or a mapping; a scheme when it has a rubric for scorers. */
const itemHasKey = (q: ItemQuestion) => q.parts.some((p) => p.key?.length || p.mapping || p.areaMapping);

function payloadQuestion(q: Question, exam: Exam, r: Sitting['responses'][number] | undefined): PayloadQuestion {
  const base = {
    id: q.id,
    number: q.number,
    stem: q.stem,
    maxScore: q.maxScore,
    score: r?.score ?? 0,
    hasKey: exam.review.showKey && (q.type === 'item' ? itemHasKey(q) : q.type !== 'open'),
    hasScheme: exam.review.showScheme && (q.type === 'item' ? !!q.scheme : q.type === 'open'),
    ...(r?.flagged ? { flagged: true } : {}),
  };
  const response = r?.response ?? null;
  switch (q.type) {
    case 'choice': return { ...base, type: q.type, options: q.options, multiple: q.multiple, response: idList(response) };
    case 'order': return { ...base, type: q.type, items: q.items, response: idList(response) };
    case 'match': return { ...base, type: q.type, left: q.left, right: q.right, response: pairList(response) };
    case 'text': return { ...base, type: q.type, response: textOf(response) };
    case 'numeric': return { ...base, type: q.type, response: numberOf(response) };
    case 'open': return { ...base, type: q.type, response: textOf(response) };
    case 'item': return {
      ...base, type: q.type,
      ...(q.title ? { title: q.title } : {}), ...(q.section ? { section: q.section } : {}),
      parts: q.parts.map(({ key: _k, mapping: _m, areaMapping: _a, ...shown }) => shown),
      response: recordOf(response),
    };
  }
}

export function sortedQuestions(exam: Exam): Question[] {
  return [...exam.questions].sort((a, b) => a.number - b.number);
}

export function buildPayload(session: ReviewSession, exam: Exam, sitting: Sitting, candidate: Candidate | undefined): ReviewPayload {
  const responses = new Map(sitting.responses.map((r) => [r.questionId, r]));
  return {
    id: session.id,
    candidate: { number: sitting.candidateNumber, name: candidateName(candidate, sitting.candidateNumber) },
    exam: { title: exam.title, subject: exam.subject, level: exam.level, central: exam.central },
    totalScore: sitting.totalScore,
    maxScore: sitting.maxScore,
    grade: sitting.grade ?? null,
    startedAt: session.startedAt,
    endsAt: session.endsAt,
    position: session.position,
    questions: sortedQuestions(exam).map((q) => payloadQuestion(q, exam, responses.get(q.id))),
  };
}

/** The key or scheme of one question, or null when the exam withholds it. */
export function revealOf(q: Question, exam: Exam): RevealData | null {
  if (q.type === 'item') return itemReveal(q, exam);
  if (q.type === 'open') return exam.review.showScheme ? ({ scheme: q.scheme } satisfies RevealByType['open']) : null;
  if (!exam.review.showKey) return null;
  switch (q.type) {
    case 'choice': return { key: q.key } satisfies RevealByType['choice'];
    case 'order': return { key: q.key } satisfies RevealByType['order'];
    case 'match': return { key: q.key } satisfies RevealByType['match'];
    case 'text': return { key: q.key } satisfies RevealByType['text'];
    case 'numeric': return { key: { value: q.key, tolerance: q.tolerance ?? 0 } } satisfies RevealByType['numeric'];
  }
}

/** An item's keys and mappings per part (if the exam shows keys) and its scheme (if it shows schemes); null: neither. */
function itemReveal(q: ItemQuestion, exam: Exam): RevealByType['item'] | null {
  const keys = exam.review.showKey && itemHasKey(q);
  const scheme = exam.review.showScheme && q.scheme ? q.scheme : undefined;
  if (!keys && scheme === undefined) return null;
  const parts = keys ? q.parts.map(({ id, key, mapping, areaMapping }) => ({ id, ...(key ? { key } : {}), ...(mapping ? { mapping } : {}), ...(areaMapping ? { areaMapping } : {}) })) : [];
  return { parts, ...(scheme !== undefined ? { scheme } : {}) };
}

export interface DtoContext {
  kioskName: string;
  kioskOnline: boolean;
  candidateNumber: string;
  candidateName: string;
  examTitle: string;
  questionIds: string[];
  /** the approving staff user's username and display name ('' should the account no longer exist) */
  approverUsername: string;
  approverName: string;
}

export function reviewDto(s: ReviewSession, c: DtoContext): ReviewDto {
  const i = c.questionIds.indexOf(s.position);
  return {
    id: s.id,
    sittingId: s.sittingId,
    kioskId: s.kioskId,
    kioskName: c.kioskName,
    candidateNumber: c.candidateNumber,
    candidateName: c.candidateName,
    examTitle: c.examTitle,
    startedAt: s.startedAt,
    endsAt: s.endsAt,
    position: s.position,
    questionNumber: i + 1,
    questionCount: c.questionIds.length,
    approvedBy: c.approverUsername,
    approvedByName: c.approverName,
    kioskOnline: c.kioskOnline,
  };
}
