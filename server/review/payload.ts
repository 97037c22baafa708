/**
 * Pure builders: what the kiosk renders and what consoles list. The exam's reveal policy (shared/reveal.ts) decides
 * what a payload carries: keys and schemes only where the policy says 'always' (else `review:reveal` asks), and
 * per-question scores only where it shows them.
 */
import type { Candidate, Exam, Question, Remark, ResponseValue, ReviewSession, Sitting } from '../../shared/domain.ts';
import type { KioskRemark, PayloadQuestion, RevealByType, RevealData, ReviewDto, ReviewPayload } from '../../shared/protocol.ts';
import { revealInScope, revealPolicy } from '../../shared/reveal.ts';
import type { RevealPolicy } from '../../shared/schema.ts';
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

/**
 * One question as the kiosk gets it. Written into one object, in the key order of the contract (the question's own
 * fields, then the type's): a start builds 40 of these, and the spreads this replaced made five or six objects per
 * question (the policy, a base, the optional parts, the copy) — garbage on the start path (docs/design.md: Start-up and
 * the start path's allocation).
 */
function payloadQuestion(q: Question, exam: Exam, policy: RevealPolicy, r: Sitting['responses'][number] | undefined): PayloadQuestion {
  const score = r?.score ?? 0;
  const inScope = revealInScope(policy, score, q.maxScore);
  const revealed = policy.key === 'always' || policy.scheme === 'always' ? revealOf(q, exam, score, 'always', policy) : null;
  const out: Record<string, unknown> = { id: q.id, number: q.number, stem: q.stem, maxScore: q.maxScore };
  if (policy.scores === 'shown') out.score = score;
  out.hasKey = inScope && policy.key !== 'never' && (q.type === 'item' ? itemHasKey(q) : q.type !== 'open');
  out.hasScheme = inScope && policy.scheme !== 'never' && (q.type === 'item' ? !!q.scheme : q.type === 'open');
  if (revealed) out.revealed = revealed;
  if (r?.flagged) out.flagged = true;
  out.type = q.type;
  const response = r?.response ?? null;
  switch (q.type) {
    case 'choice': out.options = q.options; out.multiple = q.multiple; out.response = idList(response); break;
    case 'order': out.items = q.items; out.response = idList(response); break;
    case 'match': out.left = q.left; out.right = q.right; out.response = pairList(response); break;
    case 'text': out.response = textOf(response); break;
    case 'numeric': out.response = numberOf(response); break;
    case 'open': out.response = textOf(response); break;
    case 'item':
      if (q.title) out.title = q.title;
      if (q.section) out.section = q.section;
      out.parts = q.parts.map(({ key: _k, mapping: _m, areaMapping: _a, ...shown }) => shown);
      out.response = recordOf(response);
      break;
  }
  return out as unknown as PayloadQuestion;
}

/** The questions in their order, sorted once per exam (version) object: read-only, shared by every caller. */
const sorted = new WeakMap<Exam, readonly Question[]>();

export function sortedQuestions(exam: Exam): readonly Question[] {
  let list = sorted.get(exam);
  if (!list) sorted.set(exam, (list = [...exam.questions].sort((a, b) => a.number - b.number)));
  return list;
}

/** What a kiosk holds of its remarks. */
export const kioskRemark = (r: Remark): KioskRemark => ({ questionId: r.questionId, kind: r.kind, text: r.text, updatedAt: r.updatedAt });

/** The candidate's score per question (0 where unanswered): what the policy's scope decides on. */
export function scoresOf(exam: Exam, sitting: Sitting): Map<string, number> {
  // filled in place, without the arrays of pairs and the second map a start made here before (issue 17: allocation)
  const scores = new Map<string, number>();
  for (const q of exam.questions) scores.set(q.id, 0);
  for (const r of sitting.responses) if (scores.has(r.questionId)) scores.set(r.questionId, r.score);
  return scores;
}

export function buildPayload(session: ReviewSession, exam: Exam, sitting: Sitting, candidate: Candidate | undefined): ReviewPayload {
  const responses = new Map<string, Sitting['responses'][number]>();
  for (const r of sitting.responses) responses.set(r.questionId, r);
  const policy = revealPolicy(exam.review);
  const acc = candidate?.accommodations;
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
    questions: sortedQuestions(exam).map((q) => payloadQuestion(q, exam, policy, responses.get(q.id))),
    accommodations: { extraTimePercent: acc?.extraTimePercent ?? 0, readAloud: acc?.readAloud ?? false },
    remarks: [],
  };
}

/**
 * The key or scheme of one question as the exam's policy allows it for a candidate with this score, or null when it
 * withholds both. `at`: 'always' gives only what is sent up front; 'request' what `review:reveal` may answer
 * (anything not 'never').
 */
export function revealOf(q: Question, exam: Exam, score: number, at: 'always' | 'request' = 'request', policy: RevealPolicy = revealPolicy(exam.review)): RevealData | null {
  if (!revealInScope(policy, score, q.maxScore)) return null;
  const allows = (when: typeof policy.key) => (at === 'always' ? when === 'always' : when !== 'never');
  const showKey = allows(policy.key);
  const showScheme = allows(policy.scheme);
  if (q.type === 'item') return itemReveal(q, showKey, showScheme);
  if (q.type === 'open') return showScheme ? ({ scheme: q.scheme } satisfies RevealByType['open']) : null;
  if (!showKey) return null;
  switch (q.type) {
    case 'choice': return { key: q.key } satisfies RevealByType['choice'];
    case 'order': return { key: q.key } satisfies RevealByType['order'];
    case 'match': return { key: q.key } satisfies RevealByType['match'];
    case 'text': return { key: q.key } satisfies RevealByType['text'];
    case 'numeric': return { key: { value: q.key, tolerance: q.tolerance ?? 0 } } satisfies RevealByType['numeric'];
  }
}

/** An item's keys and mappings per part (if keys are shown) and its scheme (if schemes are); null: neither. */
function itemReveal(q: ItemQuestion, showKey: boolean, showScheme: boolean): RevealByType['item'] | null {
  const keys = showKey && itemHasKey(q);
  const scheme = showScheme && q.scheme ? q.scheme : undefined;
  if (!keys && scheme === undefined) return null;
  const parts = keys ? q.parts.map(({ id, key, mapping, areaMapping }) => ({ id, ...(key ? { key } : {}), ...(mapping ? { mapping } : {}), ...(areaMapping ? { areaMapping } : {}) })) : [];
  return { parts, ...(scheme !== undefined ? { scheme } : {}) };
}

export interface DtoContext {
  kioskName: string;
  kioskOnline: boolean;
  /** while the kiosk is away: when its grace period ends (epoch ms) */
  graceEndsAt: number | null;
  candidateNumber: string;
  candidateName: string;
  /** the key the candidate sorts by (shared/names.ts `sortName`) */
  candidateSortName: string;
  examTitle: string;
  questionIds: string[];
  /** the approving staff user's username and display name ('' should the account no longer exist) */
  approverUsername: string;
  approverName: string;
  remarkCount: number;
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
    candidateSortName: c.candidateSortName,
    examTitle: c.examTitle,
    startedAt: s.startedAt,
    endsAt: s.endsAt,
    position: s.position,
    questionNumber: i + 1,
    questionCount: c.questionIds.length,
    approvedBy: c.approverUsername,
    approvedByName: c.approverName,
    kioskOnline: c.kioskOnline,
    offlineEndsAt: !c.kioskOnline && c.graceEndsAt !== null
      ? new Date(Math.min(c.graceEndsAt, Date.parse(s.endsAt))).toISOString()
      : null,
    remarkCount: c.remarkCount,
  };
}
