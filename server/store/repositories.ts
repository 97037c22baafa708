/**
 * The repositories (docs/design.md: Storage): what services read and write, each owning its read-modify-write and its
 * write policy. Services (the review engine, the kiosk hub, staff accounts, purge) hold these and never the
 * documents behind them, so that a second storage engine can stand behind the same interfaces.
 *
 * Reads are synchronous (the working set is in memory). A write applies at once in memory — the next read sees
 * it — and returns a promise that resolves when it is durable; `…Soon` writes are coalesced (persisted within a
 * short delay, a crash may lose the last one) and are used only where that is acceptable, as each says.
 */
import type { Candidate, Exam, Group, Kiosk, Remark, ReviewSession, ReviewSettings, Room, Sitting, StaffUser } from '../../shared/domain.ts';
import type { ChangeCounts, ContentChanges, ContentReport, SittingSummary } from './content.ts';
import type { StoredExam } from './examCatalog.ts';
import type { ReviewRecord } from '../../shared/reviewRecord.ts';

export interface KioskRepo {
  all(): readonly Kiosk[];
  get(id: string): Kiosk | undefined;
  /** durable */
  add(kiosk: Kiosk): Promise<void>;
  /** durable; the kiosk as renamed, undefined when there is none */
  rename(id: string, name: string): Promise<Kiosk | undefined>;
  /** durable; the kiosk removed, undefined when there was none */
  remove(id: string): Promise<Kiosk | undefined>;
  /** coalesced: when a kiosk was last seen is worth no fsync, and a crash losing the last one harms nothing */
  touchSoon(id: string, at: string): void;
  /** durable; the kiosks moved: `ids` into `roomId` (undefined: into no room) */
  setRoom(ids: readonly string[], roomId: string | undefined): Promise<Kiosk[]>;
}

export interface RoomRepo {
  all(): readonly Room[];
  get(id: string): Room | undefined;
  /** durable */
  add(room: Room): Promise<void>;
  /** durable; replaces the room with the same id */
  update(room: Room): Promise<void>;
  /** durable */
  remove(id: string): Promise<void>;
}

export interface StaffRepo {
  all(): readonly StaffUser[];
  byId(id: string): StaffUser | undefined;
  /** by username, ignoring case and surrounding spaces */
  byUsername(username: string): StaffUser | undefined;
  /** enabled accounts with the admin role */
  activeAdmins(): StaffUser[];
  /** durable */
  add(user: StaffUser): Promise<void>;
  /** durable; replaces the stored account with the same id */
  update(user: StaffUser): Promise<void>;
}

export interface ReviewRepo {
  /** active sessions and the recent ended ones, oldest first */
  all(): readonly ReviewSession[];
  active(): ReviewSession[];
  get(id: string): ReviewSession | undefined;
  /** durable; a refused or failed add (another process's start, a full disk) is taken back out of memory */
  add(session: ReviewSession): Promise<void>;
  /** durable; replaces the session with the same id, then keeps only the newest `keepEnded` ended ones */
  end(ended: ReviewSession, keepEnded: number): Promise<void>;
  /** coalesced: the question a candidate is on (hot; after a crash a kiosk resumes at most one move behind) */
  moveSoon(session: ReviewSession): void;
  /** durable; the sessions removed */
  removeWhere(pred: (s: ReviewSession) => boolean): Promise<ReviewSession[]>;
}

/**
 * Candidates' remarks on questions (candidate data). Every write is durable: a remark is acknowledged to the kiosk
 * only once it is on disk, and a staff member's handling only once it is.
 */
export interface RemarkRepo {
  all(): readonly Remark[];
  get(id: string): Remark | undefined;
  ofReview(reviewId: string): Remark[];
  /** the remark of a review on a question (one at most) */
  find(reviewId: string, questionId: string): Remark | undefined;
  /** durable; adds it, or replaces the stored one with the same id */
  put(remark: Remark): Promise<void>;
  /** durable; the remark removed, undefined when there was none */
  remove(id: string): Promise<Remark | undefined>;
  /** durable; the remarks removed (purge and retention) */
  removeWhere(pred: (r: Remark) => boolean): Promise<Remark[]>;
}

/** A stored staff login session (express-session's data) and its idle deadline. */
export interface StoredSession { data: Record<string, unknown>; expires: number }

/** Staff login sessions by key (the SHA-256 of the session id: the id itself is never stored). */
export interface LoginSessionRepo {
  get(key: string): StoredSession | undefined;
  entries(): [string, StoredSession][];
  /** durable (a new login, so that a restart keeps it) */
  put(key: string, session: StoredSession): Promise<void>;
  /** coalesced (a touch or a change to an existing login: a crash costs at most its last idle extension) */
  putSoon(key: string, session: StoredSession): void;
  /** durable (a logout is a logout) */
  remove(keys: readonly string[]): Promise<void>;
  /** coalesced (sessions that timed out anyway) */
  removeSoon(keys: readonly string[]): void;
  /** durable: every session at once (migrating the keys of an older file) */
  replaceAll(sessions: Record<string, StoredSession>): Promise<void>;
}

/** Exams, candidates, groups and sittings: large, written at import, in the console's exam settings and by purge. */
export interface ContentRepo {
  /**
   * Whether the content is read. A store opened with `lazyContent` (the server) reads it in the background; before
   * that every synchronous read throws rather than answer as if there were nothing, and the asynchronous ones wait.
   */
  readonly isReady: boolean;
  /** Resolves once the content is read (starting to read it if that has not begun); rejects if it is damaged. */
  ready(): Promise<void>;
  exams(): StoredExam[];
  exam(id: string): StoredExam | undefined;
  /** the exam as the sitting was taken: the questions of its version */
  examOfSitting(s: Pick<Sitting, 'examId' | 'examVersion'>): Exam | undefined;
  groups(): Group[];
  group(id: string): Group | undefined;
  candidate(number: string): Candidate | undefined;
  candidates(): Candidate[];
  sittingSummary(id: string): SittingSummary | undefined;
  sittingSummaries(): SittingSummary[];
  sittingsOfGroup(groupId: string): SittingSummary[];
  sittingsOfCandidate(number: string): SittingSummary[];
  sittingCounts(): Map<string, number>;
  counts(): { exams: number; candidates: number; groups: number; sittings: number };
  sitting(id: string): Promise<Sitting | undefined>;
  /**
   * A running review's sitting with its exam and candidate while the content is still being read (the file store:
   * a restarted server gives kiosks their reviews back before every summary is read); `undefined` when the content
   * is read, or when the sitting is not found this way: then the ordinary reads, which wait for the content.
   */
  forResume?(sittingId: string): Promise<{ sitting: Sitting; exam: Exam; candidate: Candidate | undefined } | undefined>;
  /** a store still reading: the bulk of the content is parsed once `until` settles (the kiosks' resumes first) */
  deferSummaries?(until: Promise<unknown>): void;
  /** someone waits for the whole content: what {@link deferSummaries} holds back is parsed now */
  summariesNow?(): void;
  sittingsWithResponses(groupId: string): Promise<Sitting[]>;
  /** what a change would do, writing nothing */
  plan(changes: ContentChanges): Promise<ChangeCounts>;
  planWithReport(changes: ContentChanges): Promise<ContentReport>;
  /** durable: all of the change or, on a failure, none of it */
  apply(changes: ContentChanges): Promise<ChangeCounts>;
  applyWithReport(changes: ContentChanges): Promise<ContentReport>;
  /** durable */
  setExamRetention(examId: string, retainUntil: string | undefined): Promise<Exam>;
  /** durable */
  setExamReview(examId: string, review: ReviewSettings): Promise<Exam>;
  /**
   * Moves on with every change of the content (any apply): what is derived from it may be kept while it stays
   * the same (the results overview per group: http/resultsCache.ts). A store without it gets nothing cached.
   */
  readonly generation?: number;
}

/**
 * The records of reviews held (docs/design.md: The review record), one per ended review, kept as long as its sitting
 * (purge and retention remove them with it), unlike the ended sessions of `ReviewRepo`, of which only the newest
 * are kept. Every write durable: a record is written once, when its review ends.
 */
export interface ReviewRecordRepo {
  all(): readonly ReviewRecord[];
  get(id: string): ReviewRecord | undefined;
  ofSittings(sittingIds: ReadonlySet<string>): ReviewRecord[];
  /** durable; adds it, or replaces the stored one with the same id */
  put(record: ReviewRecord): Promise<void>;
  /** durable, in one write; `put` of each */
  putAll(records: readonly ReviewRecord[]): Promise<void>;
  /** durable; the records removed (purge and retention) */
  removeWhere(pred: (r: ReviewRecord) => boolean): Promise<ReviewRecord[]>;
}
