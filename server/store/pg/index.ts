/**
 * The PostgreSQL store (docs/design.md: PostgreSQL store; issue 18, in progress), selected by `INZAGE_DATABASE_URL`
 * (server/store/open.ts).
 *
 * `openPgRepos`: the repositories on PostgreSQL — kiosks, rooms, staff, review sessions, remarks, review records and
 * staff login sessions — over one schema, and the data secret shared through the `settings` table.
 * `openPgStore`: a whole `Store`: those repositories plus content, media, the audit log and its keys, which are
 * composed in ONE place below (`// PLUG`) and for now come from the file store in a local directory.
 *
 * Opening connects, applies the migrations, listens for other processes' changes and loads every table into memory;
 * reads then stay synchronous as the repository interfaces say.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Kiosk, Remark, ReviewSession, Room, StaffUser } from '../../../shared/domain.ts';
import type { ReviewRecord } from '../../../shared/reviewRecord.ts';
import { MediaStore } from '../../media/store.ts';
import { AuditLog } from '../audit.ts';
import { AuditKeys } from '../auditKeys.ts';
import { ContentStore } from '../content.ts';
import type { Store } from '../index.ts';
import type { StoredSession } from '../repositories.ts';
import { derivedKey } from '../secret.ts';
import { PgDb, type PgOptions } from './db.ts';
import { PgLoginSessionRepo } from './loginSessionRepo.ts';
import { PgReviewRecordRepo } from './recordRepo.ts';
import { PgRemarkRepo } from './remarkRepo.ts';
import { PgKioskRepo, PgRoomRepo, PgStaffRepo } from './repos.ts';
import { PgReviewRepo } from './reviewRepo.ts';
import { sharedSecret } from './settings.ts';
import { PgTable } from './table.ts';

export type { PgOptions } from './db.ts';

/** The repositories on PostgreSQL. */
export type PgRepos = Pick<Store, 'kiosks' | 'rooms' | 'staff' | 'reviews' | 'remarks' | 'reviewRecords' | 'loginSessions'>;

export interface PgRepoOptions extends PgOptions {
  /** the secret to store when the database has none yet (migrate brings the data directory's); default random */
  initialSecret?: string;
}

export interface PgRepoStore extends PgRepos {
  /** the connection (for the PostgreSQL classes of the other parts) */
  readonly db: PgDb;
  /** the schema the tables are in */
  readonly schema: string;
  /** the data secret: INZAGE_SECRET, else the one stored in `settings` (made at the first open) */
  readonly secret: string;
  /** Write everything pending (coalesced writes included) and wait for it. */
  flush(): Promise<void>;
  /** Wait until the other processes' changes announced so far are reloaded. */
  settled(): Promise<void>;
  /** Flush, stop listening and close the connections. */
  close(): Promise<void>;
}

export async function openPgRepos(url: string, opts: PgRepoOptions = {}): Promise<PgRepoStore> {
  const db = await PgDb.open(url, opts);
  const tables = {
    kiosks: new PgTable<Kiosk>(db, 'kiosks', { soonFields: ['lastSeenAt'] }),
    rooms: new PgTable<Room>(db, 'rooms'),
    staff: new PgTable<StaffUser>(db, 'staff'),
    reviews: new PgTable<ReviewSession>(db, 'reviews', { soonFields: ['position', 'viewed', 'opened'] }),
    remarks: new PgTable<Remark>(db, 'remarks', { upsertMovesToEnd: true }),
    reviewRecords: new PgTable<ReviewRecord>(db, 'review_records', { upsertMovesToEnd: true }),
    loginSessions: new PgTable<StoredSession>(db, 'login_sessions'),
  };
  const all = Object.values(tables);
  let secret: string;
  try {
    secret = await sharedSecret(db.pool, opts.initialSecret);
    await Promise.all(all.map((t) => t.load()));
  } catch (e) {
    await db.close();
    throw e;
  }
  db.listen();
  const flush = async () => {
    await Promise.all(all.map((t) => t.flushSoon()));
    await db.drain();
  };
  return {
    kiosks: new PgKioskRepo(tables.kiosks),
    rooms: new PgRoomRepo(tables.rooms),
    staff: new PgStaffRepo(tables.staff),
    reviews: new PgReviewRepo(tables.reviews),
    remarks: new PgRemarkRepo(tables.remarks),
    reviewRecords: new PgReviewRecordRepo(tables.reviewRecords),
    loginSessions: new PgLoginSessionRepo(tables.loginSessions),
    db,
    schema: db.schema,
    secret,
    flush,
    settled: async () => {
      await Promise.all(all.map((t) => t.settled()));
    },
    async close() {
      await flush();
      await db.close();
    },
  };
}

/** The parts of a whole store that are not on PostgreSQL yet: they are files in the local directory (PLUG below). */
export type LocalPart = 'content' | 'media' | 'audit' | 'auditKeys';

// PLUG (1 of 2): what is still the file store's. `inzage migrate` leaves these parts in the data directory (which the
// server must then use as its --data) and copies the rest; while any of them is a one-process file store
// (content, audit log, keys), the local directory is locked as the file store's data directory is, so a second
// process on it is refused rather than overwrite it. Change these with the composition below: with PgContentStore,
// PgMediaStore, PgAuditLog and PgAuditKeys plugged in, LOCAL_PARTS becomes [] and LOCAL_ONE_PROCESS false (the
// media cache PgMediaStore keeps there is content-addressed and safe to share).
export const LOCAL_PARTS: readonly LocalPart[] = ['content', 'media', 'audit', 'auditKeys'];
export const LOCAL_ONE_PROCESS = true;

export interface PgStoreOptions extends PgRepoOptions {
  /** the directory of what stays local to this process (see PLUG): for now content, media, audit log and keys */
  localDir: string;
  now?: () => number;
  /** lines per audit segment (tests make it small) */
  auditSegmentLines?: number;
}

/** A whole store on PostgreSQL (as far as the PLUG below puts it there). */
export interface PgStore extends Store {
  readonly schema: string;
  /** the data secret (see PgRepoStore.secret) */
  readonly secret: string;
  settled(): Promise<void>;
  /** Flush everything, then close the connections. */
  close(): Promise<void>;
}

type LocalParts = Pick<Store, LocalPart>;

/**
 * PLUG (2 of 2): content, media, the audit log and its keys. Until their PostgreSQL classes merge they come from
 * the file store in `localDir`; then this body becomes:
 *
 *   const auditKeys = await PgAuditKeys.open(repos.db);
 *   return {
 *     content: await PgContentStore.open(repos.db),
 *     media: await PgMediaStore.open(repos.db, localDir),
 *     auditKeys,
 *     audit: await PgAuditLog.open(repos.db, { now: opts.now, keys: auditKeys, anchorKey: () => anchorKey }),
 *   };
 *
 * The audit anchor is keyed by the shared secret either way (never by a file of the local directory).
 */
async function localParts(repos: PgRepoStore, localDir: string, opts: PgStoreOptions): Promise<LocalParts> {
  const anchorKey = derivedKey(repos.secret, 'audit-head');
  const auditKeys = new AuditKeys(localDir);
  return {
    content: new ContentStore(localDir),
    media: new MediaStore(localDir),
    auditKeys,
    audit: new AuditLog(join(localDir, 'audit.jsonl'), { now: opts.now, keys: auditKeys, segmentLines: opts.auditSegmentLines, anchorKey: () => anchorKey }),
  };
}

export async function openPgStore(url: string, opts: PgStoreOptions): Promise<PgStore> {
  const localDir = resolve(opts.localDir);
  const repos = await openPgRepos(url, opts);
  let parts: LocalParts;
  try {
    mkdirSync(localDir, { recursive: true, mode: 0o700 });
    parts = await localParts(repos, localDir, opts);
  } catch (e) {
    await repos.close();
    throw e;
  }
  const flush = async () => {
    await Promise.all([repos.flush(), parts.audit.flush(), parts.auditKeys.flush()]);
  };
  return {
    dir: localDir,
    kiosks: repos.kiosks,
    rooms: repos.rooms,
    staff: repos.staff,
    reviews: repos.reviews,
    remarks: repos.remarks,
    reviewRecords: repos.reviewRecords,
    loginSessions: repos.loginSessions,
    ...parts,
    schema: repos.schema,
    secret: repos.secret,
    flush,
    settled: () => repos.settled(),
    async close() {
      await flush();
      await repos.close();
    },
  };
}
