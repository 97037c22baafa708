/** Pure builders: what the kiosk renders (no keys, no schemes) and what consoles list. */
import type { Candidate, Exam, Question, ReviewSession, Sitting } from '../../shared/domain.ts';
import type { PayloadQuestion, RevealData, ReviewDto, ReviewPayload } from '../../shared/protocol.ts';
import { displayName } from '../../shared/rules.ts';

export function candidateName(c: Candidate | undefined, number: string): string {
  return c ? displayName(c) : number;
}

function payloadQuestion(q: Question, exam: Exam, r: Sitting['responses'][number] | undefined): PayloadQuestion {
  const base: PayloadQuestion = {
    id: q.id,
    number: q.number,
    type: q.type,
    stem: q.stem,
    maxScore: q.maxScore,
    score: r?.score ?? 0,
    response: r?.response ?? null,
    hasKey: q.type !== 'open' && exam.review.showKey,
    hasScheme: q.type === 'open' && exam.review.showScheme,
  };
  if (r?.flagged) base.flagged = true;
  switch (q.type) {
    case 'choice': return { ...base, options: q.options, multiple: q.multiple };
    case 'order': return { ...base, items: q.items };
    case 'match': return { ...base, left: q.left, right: q.right };
    default: return base;
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
  if (q.type === 'open') return exam.review.showScheme ? { scheme: q.scheme } : null;
  if (!exam.review.showKey) return null;
  if (q.type === 'numeric') return { key: { value: q.key, tolerance: q.tolerance ?? 0 } };
  if (q.type === 'text') return { key: q.key };
  return { key: q.key };
}

export interface DtoContext {
  kioskName: string;
  kioskOnline: boolean;
  candidateNumber: string;
  candidateName: string;
  examTitle: string;
  questionIds: string[];
  approvedBy: string;
  approvedByName: string;
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
    approvedBy: c.approvedBy,
    approvedByName: c.approvedByName,
    kioskOnline: c.kioskOnline,
  };
}
