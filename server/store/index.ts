/**
 * The one storage interface (docs/design.md: Storage). Everything the server keeps goes through `Store`; the file
 * implementation (lowdb documents, and append-only files where writes are hot) splits it by rate of change so that
 * hot writes never rewrite the large data:
 *
 *   reviews-journal.N.jsonl, reviews-snapshot.json   the review journal (reviewJournal.ts): review sessions
 *                  (active and the last few ended) and the records of reviews held; one fsynced append per
 *                  transition (appends that meet share one fsync), a kiosk's current question coalesced,
 *                  compacted into the snapshot in the background (reviews.json and review-records.json of
 *                  earlier builds are read once and replaced by it)
 *   state.json     staff users, kiosks and rooms            small, written when they change
 *   sessions.json  staff login sessions                     small, written on login/logout, touches coalesced
 *   remarks.json   candidates' remarks on questions         small, every write durable
 *   audit.jsonl    append-only, hash-chained, fsynced; sealed segments in audit/, the anchor in audit.head
 *   secret         signs session cookies, keys the audit anchor (unless INZAGE_SECRET is set)
 *   keys/audit-keys.jsonl  a key per reviewed sitting (a line each, appended), sealing the audit details that identify a candidate
 *   exams.json, candidates.json, index.json, results/      large, written at import (see content.ts)
 *   media/<sha256>.<ext>  pictures of exam content, content-addressed, written at import (server/media/)
 */
import { mkdirSync, openSync, closeSync, rmSync, constants } from 'node:fs';
import { join, resolve } from 'node:path';
import { MediaStore, type MediaRepo } from '../media/store.ts';
import { AuditLog, type AuditStore } from './audit.ts';
import { AuditKeys, type AuditKeyStore } from './auditKeys.ts';
import { ContentStore, type ContentLoading } from './content.ts';
import { Doc } from './doc.ts';
import { DocKioskRepo, DocLoginSessionRepo, DocRoomRepo, DocStaffRepo, JournalReviewRepo, type SessionsData, type StateData } from './docRepos.ts';
import { DocRemarkRepo, type RemarksData } from './remarkRepo.ts';
import { JournalReviewRecordRepo } from './recordRepo.ts';
import { ReviewJournal } from './reviewJournal.ts';
import type { ContentRepo, KioskRepo, LoginSessionRepo, RemarkRepo, ReviewRecordRepo, ReviewRepo, RoomRepo, StaffRepo } from './repositories.ts';
import { dataSecret, derivedKey } from './secret.ts';

export { CorruptDataError, removeLeftoverTemps } from './durableFile.ts';
export { readStoredReviews } from './reviewJournal.ts';
export type { ContentChanges, ChangeCounts, ContentLoading, SittingSummary } from './content.ts';
export { ContentNotLoadedError } from './content.ts';
export type { ContentRepo, KioskRepo, LoginSessionRepo, RemarkRepo, ReviewRecordRepo, ReviewRepo, RoomRepo, StaffRepo, StoredSession } from './repositories.ts';

/** Everything the server keeps, as repositories (repositories.ts) plus the audit log and its keys. */
export interface Store {
  readonly dir: string;
  readonly kiosks: KioskRepo;
  readonly rooms: RoomRepo;
  readonly staff: StaffRepo;
  readonly reviews: ReviewRepo;
  readonly remarks: RemarkRepo;
  /** the records of reviews held, kept with their sittings (docs/design.md: The review record) */
  readonly reviewRecords: ReviewRecordRepo;
  readonly loginSessions: LoginSessionRepo;
  readonly content: ContentRepo;
  /** the hash-chained audit log (files: `AuditLog`; PostgreSQL: `PgAuditLog`) */
  readonly audit: AuditStore;
  /** the keys that seal candidate-identifying audit details (files: `AuditKeys`; PostgreSQL: `PgAuditKeys`) */
  readonly auditKeys: AuditKeyStore;
  /** pictures, sounds and films of exam content (files: `MediaStore`, `media/<sha256>.<ext>`; PostgreSQL: `PgMediaStore`) */
  readonly media: MediaRepo;
  /**
   * Other processes' changes once this process has them in memory (a store shared by several processes: the
   * PostgreSQL repositories); absent in the file store, which one process owns.
   */
  readonly changes?: StoreChanges;
  /** Write everything pending and wait for it. */
  flush(): Promise<void>;
}

/** Other processes' changes, once applied in this process's memory (server/cluster/). */
export interface StoreChanges {
  /** Call `listener` after each; the function returned stops it. */
  on(listener: (table: string, id: string) => void): () => void;
  /** Resolves once every change other processes committed before the call is in this process's memory. */
  sync(): Promise<void>;
}

export interface OpenStoreOptions {
  now?: () => number;
  hotWriteDelayMs?: number;
  /** Journal bytes beyond the snapshot's size that start a compaction of the review journal (tests make it small). */
  reviewCompactBytes?: number;
  /** Lines per audit segment (tests make it small). */
  auditSegmentLines?: number;
  /**
   * Read the exam content (exams, candidates, the sittings' index: the large files) in the background instead of
   * before returning (docs/design.md: Start-up); `{ until }` holds the reading back (tests).
   */
  lazyContent?: boolean | ContentLoading;
}

/** How long a kiosk's `lastSeenAt` may wait to be written (with whatever else changed by then): a crash loses no more. */
const KIOSK_SEEN_WRITE_MS = 1_000;

export function openStore(dir: string, opts: OpenStoreOptions = {}): Store {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  assertWritable(root);
  // its one coalesced change is a kiosk's lastSeenAt (every other change is written at once): a restart's 1,000
  // reconnecting kiosks rewrote the whole file every 100 ms, ~50 ms of the main thread while they came back
  const state = new Doc<StateData>(join(root, 'state.json'), { version: 1, users: [], kiosks: [] }, opts.hotWriteDelayMs ?? KIOSK_SEEN_WRITE_MS);
  const journal = new ReviewJournal(root, { delayMs: opts.hotWriteDelayMs, compactBytes: opts.reviewCompactBytes });
  const remarks = new Doc<RemarksData>(join(root, 'remarks.json'), { remarks: [] }, opts.hotWriteDelayMs);
  const sessions = new Doc<SessionsData>(join(root, 'sessions.json'), { sessions: {} }, opts.hotWriteDelayMs ?? 1000);
  const content = new ContentStore(root, undefined, opts.lazyContent === true ? {} : opts.lazyContent || undefined, opts.now);
  const auditKeys = new AuditKeys(root);
  // the secret is made when the first head is written, never by opening (a dry run leaves no trace)
  let anchorKey: Buffer | undefined;
  const audit = new AuditLog(join(root, 'audit.jsonl'), {
    now: opts.now, keys: auditKeys, segmentLines: opts.auditSegmentLines,
    anchorKey: (create) => {
      if (anchorKey) return anchorKey;
      const secret = dataSecret(root, { create });
      return (anchorKey = secret ? derivedKey(secret, 'audit-head') : undefined);
    },
  });
  return {
    dir: root,
    kiosks: new DocKioskRepo(state),
    rooms: new DocRoomRepo(state),
    staff: new DocStaffRepo(state),
    reviews: new JournalReviewRepo(journal),
    remarks: new DocRemarkRepo(remarks),
    reviewRecords: new JournalReviewRecordRepo(journal),
    loginSessions: new DocLoginSessionRepo(sessions),
    content,
    audit,
    auditKeys,
    media: new MediaStore(root),
    async flush() {
      await Promise.all([state.flush(), journal.flush(), remarks.flush(), sessions.flush(), audit.flush(), auditKeys.flush()]);
    },
  };
}

function assertWritable(dir: string) {
  const probe = join(dir, '.write-test');
  try {
    closeSync(openSync(probe, constants.O_CREAT | constants.O_WRONLY, 0o600));
  } catch (e) {
    throw new Error(`The data directory ${dir} is not writable: ${(e as Error).message}`);
  }
  rmSync(probe, { force: true });
}
