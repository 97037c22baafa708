/**
 * The one storage interface (docs/design.md: Storage). Everything the server keeps goes through `Store`; the lowdb
 * implementation splits it by rate of change so that hot writes never rewrite the large data:
 *
 *   reviews.json   active review sessions (and the last few ended ones)   tiny, written on every transition;
 *                  a kiosk's current question is a coalesced hot write
 *   state.json     staff users, kiosks and rooms            small, written when they change
 *   sessions.json  staff login sessions                     small, written on login/logout, touches coalesced
 *   remarks.json   candidates' remarks on questions         small, every write durable
 *   review-records.json  one record per review held           small, written durably when a review ends
 *   audit.jsonl    append-only, hash-chained, fsynced; sealed segments in audit/, the anchor in audit.head
 *   secret         signs session cookies, keys the audit anchor (unless INZAGE_SECRET is set)
 *   keys/audit-keys.json  a key per reviewed sitting, sealing the audit details that identify a candidate
 *   exams.json, candidates.json, index.json, results/      large, written at import (see content.ts)
 *   media/<sha256>.<ext>  pictures of exam content, content-addressed, written at import (server/media/)
 */
import { mkdirSync, openSync, closeSync, rmSync, constants } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ReviewSession } from '../../shared/domain.ts';
import { MediaStore } from '../media/store.ts';
import { AuditLog } from './audit.ts';
import { AuditKeys } from './auditKeys.ts';
import { ContentStore } from './content.ts';
import { Doc } from './doc.ts';
import { DocKioskRepo, DocLoginSessionRepo, DocReviewRepo, DocRoomRepo, DocStaffRepo, type ReviewsData, type SessionsData, type StateData } from './docRepos.ts';
import { DocRemarkRepo, type RemarksData } from './remarkRepo.ts';
import { DocReviewRecordRepo, type ReviewRecordsData } from './recordRepo.ts';
import type { ContentRepo, KioskRepo, LoginSessionRepo, RemarkRepo, ReviewRecordRepo, ReviewRepo, RoomRepo, StaffRepo } from './repositories.ts';
import { dataSecret, derivedKey } from './secret.ts';

export { CorruptDataError, removeLeftoverTemps } from './durableFile.ts';
export type { ContentChanges, ChangeCounts, SittingSummary } from './content.ts';
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
  readonly audit: AuditLog;
  readonly auditKeys: AuditKeys;
  /** pictures of exam content, `media/<sha256>.<ext>` (docs/design.md: Media) */
  readonly media: MediaStore;
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
  /** Lines per audit segment (tests make it small). */
  auditSegmentLines?: number;
}

export function openStore(dir: string, opts: OpenStoreOptions = {}): Store {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  assertWritable(root);
  const state = new Doc<StateData>(join(root, 'state.json'), { version: 1, users: [], kiosks: [] }, opts.hotWriteDelayMs);
  const reviews = new Doc<ReviewsData>(join(root, 'reviews.json'), { reviews: [] }, opts.hotWriteDelayMs);
  upgradeReviews(reviews.data);
  const remarks = new Doc<RemarksData>(join(root, 'remarks.json'), { remarks: [] }, opts.hotWriteDelayMs);
  const records = new Doc<ReviewRecordsData>(join(root, 'review-records.json'), { records: [] }, opts.hotWriteDelayMs);
  const sessions = new Doc<SessionsData>(join(root, 'sessions.json'), { sessions: {} }, opts.hotWriteDelayMs ?? 1000);
  const content = new ContentStore(root);
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
    reviews: new DocReviewRepo(reviews),
    remarks: new DocRemarkRepo(remarks),
    reviewRecords: new DocReviewRecordRepo(records),
    loginSessions: new DocLoginSessionRepo(sessions),
    content,
    audit,
    auditKeys,
    media: new MediaStore(root),
    async flush() {
      await Promise.all([state.flush(), reviews.flush(), remarks.flush(), records.flush(), sessions.flush(), audit.flush(), auditKeys.flush()]);
    },
  };
}

/**
 * Sessions stored by earlier builds kept the approving user's id as `approvedBy` (the wire's `ReviewDto.approvedBy` is a
 * username): read it as `approvedById`. The file is rewritten with the new name at its next write.
 */
function upgradeReviews(data: ReviewsData): void {
  for (const r of data.reviews as (ReviewSession & { approvedBy?: unknown })[]) {
    if (r.approvedById === undefined && typeof r.approvedBy === 'string') r.approvedById = r.approvedBy;
    delete r.approvedBy;
  }
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
