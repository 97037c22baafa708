/**
 * What the kiosk shows, as one immutable value owned by the connection controller. Every change replaces
 * the object (never mutates it), so Lit re-renders, and dropping a review drops every reference to it.
 */
import type { EndReason } from '../../../shared/domain.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import type { KioskIdentity, KioskRemark, ReviewPayload, TypedReveal } from '../../../shared/protocol.ts';

/** A key or marking scheme the candidate asked for, per question. */
export interface RevealEntry {
  /** shown or folded away again (the data stays cached for this review only) */
  open: boolean;
  pending: boolean;
  /** with its question's type, so that it is read by type (never by its shape) */
  data: TypedReveal | null;
  error: { code: ErrorCode | 'timeout'; message?: string } | null;
}

/** The candidate's remark on a question: as the server stored it, and a save under way or refused. */
export interface RemarkEntry {
  saved: KioskRemark | null;
  pending: boolean;
  /** the last save answered: 'saved' or 'removed' (for the status line) */
  done: 'saved' | 'removed' | null;
  error: { code: ErrorCode | 'timeout'; message?: string } | null;
}

export interface ReviewView {
  name: 'review';
  review: ReviewPayload;
  /** the id of the question on screen (the payload's `position` when the review came) */
  questionId: string;
  reveals: Readonly<Record<string, RevealEntry>>;
  /** per question id: the candidate's remark ('Opmerking') */
  remarks: Readonly<Record<string, RemarkEntry>>;
  /** set by `review:warning`, or by `kiosk:state` `warning` after a (re)connect: time is almost up */
  warningEndsAt: string | null;
  loggingOut: boolean;
}

export type Screen =
  | { name: 'connecting' }
  | { name: 'pairing'; code: string | null; expiresAt: string | null }
  | { name: 'idle' }
  | ReviewView
  /** `reviewId`: the review that ended (no candidate data: it only ties the candidate's display settings to it) */
  | { name: 'ended'; reason: EndReason; reviewId: string | null };

export type Connection = 'connecting' | 'online' | 'offline';

export interface KioskState {
  connection: Connection;
  /** why the server refused the last connection, when it said: its room requires Safe Exam Browser */
  refusal?: 'seb-required';
  kiosk: KioskIdentity | null;
  screen: Screen;
}

export const INITIAL_STATE: KioskState = { connection: 'connecting', kiosk: null, screen: { name: 'connecting' } };

/**
 * What a review shows of itself at once: keys and schemes the exam's policy sends up front ('always': open without a
 * click), and the remarks the candidate left before a reload.
 */
export function initialReveals(review: ReviewPayload): Record<string, RevealEntry> {
  const out: Record<string, RevealEntry> = {};
  for (const q of review.questions) {
    if (q.revealed) out[q.id] = { open: true, pending: false, data: { type: q.type, ...q.revealed } as TypedReveal, error: null };
  }
  return out;
}

export function initialRemarks(review: ReviewPayload): Record<string, RemarkEntry> {
  return Object.fromEntries(review.remarks.map((r) => [r.questionId, { saved: r, pending: false, done: null, error: null }]));
}

/** The id of the question to show: the payload's `position` if it exists, else the first. */
export function startQuestionId(review: ReviewPayload): string {
  return review.questions.some((q) => q.id === review.position) ? review.position : (review.questions[0]?.id ?? '');
}
