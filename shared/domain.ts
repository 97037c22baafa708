/** Domain types (docs/design.md: Domain) that are not part of the import file (those are inferred in schema.ts). */
export type { Exam, Question, QuestionType, ClosedQuestion, Candidate, Group, Sitting, ResponseValue, ReviewSettings, RevealPolicy, Accommodations } from './schema.ts';

export type Role = 'supervisor' | 'admin';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

/** What the API shows of a staff user: never the hash. */
export type PublicUser = Omit<StaffUser, 'passwordHash'>;

export interface Kiosk {
  id: string;
  name: string;
  tokenHash: string;
  pairedAt: string;
  lastSeenAt: string | null;
  /** the exam room it stands in, if assigned */
  roomId?: string;
}

/**
 * Safe Exam Browser required in a room: a kiosk there connects only when SEB proves one of these keys (its Config
 * Key, or its Browser Exam Key) for the kiosk page (docs/design.md: Kiosk PCs).
 */
export interface RoomSeb { configKeys: string[]; browserExamKeys: string[] }

/** An exam room ('Lokaal B2.14') with its kiosks (docs/design.md: Rooms). */
export interface Room {
  id: string;
  name: string;
  createdAt: string;
  /** set: Safe Exam Browser is required for this room's kiosks */
  seb?: RoomSeb;
}

export const END_REASONS = [
  'ended-by-supervisor',
  'supervisor-logged-out',
  'candidate-logged-out',
  'time-limit',
  'kiosk-disconnected',
  'kiosk-unpaired',
  'user-disabled',
  'data-purged',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** The id of a question of an exam (`Question.id`); `position` fields hold one. */
export type QuestionId = string;

export interface ReviewSession {
  id: string;
  sittingId: string;
  kioskId: string;
  /** the sitting's candidate, so that a store can refuse a second active review of them (absent in files of earlier
   * builds; the PostgreSQL store's unique index on it makes the start check race-free) */
  candidateNumber?: string;
  /** the id of the staff user who approved (started) it; `approvedBy` in files of earlier builds (read as this) and, as
   * that user's username, in the wire's `ReviewDto.approvedBy` */
  approvedById: string;
  startedAt: string;
  endsAt: string;
  /** The id of the question the candidate is on (the original contract's name, also in reviews.json and on the wire). */
  position: QuestionId;
  endedAt?: string;
  endedBy?: string;
  endReason?: EndReason;
  /** the questions the candidate has seen, in the order first seen (for the review's record; absent in earlier files) */
  viewed?: QuestionId[];
  /** the keys and schemes the candidate opened, `questionId:key` or `questionId:scheme`, in the order first opened */
  opened?: string[];
}

/** What a candidate's remark on a question is about: the key is wrong, their own answer is also right, something else. */
export const REMARK_KINDS = ['key', 'equivalent', 'other'] as const;
export type RemarkKind = (typeof REMARK_KINDS)[number];
export const REMARK_STATUSES = ['open', 'handled'] as const;
export type RemarkStatus = (typeof REMARK_STATUSES)[number];
/** The longest remark a candidate may leave on a question. */
export const REMARK_MAX_CHARS = 1000;

/**
 * A candidate's remark ('Opmerking') on one question of their review: candidate data (purge and retention remove it
 * with the sitting). One per review and question: the candidate replaces it until the review ends. Staff mark it
 * handled with a note.
 */
export interface Remark {
  id: string;
  reviewId: string;
  sittingId: string;
  examId: string;
  groupId: string;
  candidateNumber: string;
  questionId: QuestionId;
  questionNumber: number;
  kind: RemarkKind;
  text: string;
  createdAt: string;
  updatedAt: string;
  status: RemarkStatus;
  /** the reply note of whoever handled it */
  note?: string;
  /** the username of who changed the status last, and when */
  handledBy?: string;
  handledAt?: string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  target: string;
  details: Record<string, unknown>;
}

/** The actor of a failed login whose name is no account: the typed name is not kept (it may be a password). */
export const UNKNOWN_ACCOUNT = '(onbekend)';

/** What audit readers see for a candidate's detail whose key a purge destroyed (crypto-shredding). */
export const SHREDDED = '[verwijderd]';

export const AUDIT_ACTIONS = [
  'auth.login', 'auth.login-failed', 'auth.logout', 'auth.password-changed',
  'kiosk.paired', 'kiosk.renamed', 'kiosk.unpaired', 'kiosk.moved', 'kiosk.seb-refused', 'kiosk.left-page',
  'room.created', 'room.changed', 'room.removed',
  'review.started', 'review.ended', 'review.revealed', 'review.remarked', 'remark.status-changed',
  'review.mirror-opened',
  'import.applied', 'exam.review-changed', 'exam.retention-changed',
  'user.created', 'user.disabled', 'user.enabled', 'user.password-reset',
  'data.purged',
  // the audit log's own anchor (docs/design.md: The audit log)
  'audit.anchored', 'audit.chain-broken',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type ReviewStatus = 'open' | 'not-allowed' | 'not-open' | 'expired';
