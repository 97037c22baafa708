/**
 * The review record (docs/design.md: The review record): what the engine keeps of each review held, built when it
 * ends from the session (which carries the questions seen and the keys and schemes opened, written with the
 * candidate's position, coalesced) and what the session's DTO names (kiosk, approver, as they are then).
 */
import type { ReviewSession } from '../../shared/domain.ts';
import type { ReviewDto } from '../../shared/protocol.ts';
import type { OpenedWhat, ReviewRecord } from '../../shared/reviewRecord.ts';
import type { SittingSummary } from '../store/index.ts';

/** The session as it is after the candidate saw `questionId` (the same object when it was seen before). */
export function withViewed(s: ReviewSession, questionId: string): ReviewSession {
  return s.viewed?.includes(questionId) ? s : { ...s, viewed: [...(s.viewed ?? []), questionId] };
}

/** The session as it is after the candidate opened the key or scheme of `questionId`; undefined when it was already. */
export function withOpened(s: ReviewSession, questionId: string, what: OpenedWhat): ReviewSession | undefined {
  const key = `${questionId}:${what}`;
  return s.opened?.includes(key) ? undefined : { ...s, opened: [...(s.opened ?? []), key] };
}

/** `questionId:what` → its parts (a question id may itself contain ':'). */
export function openedOf(s: Pick<ReviewSession, 'opened'>): ReviewRecord['opened'] {
  return (s.opened ?? []).map((k) => {
    const at = k.lastIndexOf(':');
    return { questionId: k.slice(0, at), what: k.slice(at + 1) === 'scheme' ? 'scheme' : 'key' };
  });
}

/**
 * The record of an ended session. `summary` is its sitting's, `dto` its DTO; a session of a sitting that is gone
 * gets none. Sessions stored before records existed have no `viewed` (read as none).
 */
export function recordOf(s: ReviewSession, summary: SittingSummary, dto: ReviewDto, endSeq?: number): ReviewRecord {
  return {
    id: s.id, sittingId: s.sittingId, groupId: summary.groupId, examId: summary.examId, candidateNumber: summary.candidateNumber,
    kioskId: s.kioskId, kioskName: dto.kioskName, approvedById: s.approvedById, approvedBy: dto.approvedBy, approvedByName: dto.approvedByName,
    startedAt: s.startedAt, endsAt: s.endsAt, endedAt: s.endedAt ?? '', endReason: s.endReason ?? 'ended-by-supervisor', endedBy: s.endedBy ?? '',
    viewed: s.viewed ?? [], opened: openedOf(s), remarkCount: dto.remarkCount,
    ...(endSeq !== undefined ? { endSeq } : {}),
  };
}
