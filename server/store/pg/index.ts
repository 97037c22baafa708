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
import type { Store, StoreChanges } from '../index.ts';
import type { StoredSession } from '../repositories.ts';
import { derivedKey } from '../secret.ts';
import { PgAuditKeys } from './auditKeys.ts';
import { PgAuditLog } from './auditLog.ts';
import { PgContentStore } from './contentStore.ts';
import { PgDb, type PgOptions } from './db.ts';
import { PgMediaStore } from './mediaStore.ts';
import { PgLoginSessionRepo } from './loginSessionRepo.ts';
import { PgReviewRecordRepo } from './recordRepo.ts';
import { PgRemarkRepo } from './remarkRepo.ts';
import { PgKioskRepo, PgRoomRepo, PgStaffRepo } from './repos.ts';
import { PgReviewRepo } from './reviewRepo.ts';
import { sharedSecret } from './settings.ts';
import { PgTable } from './table.ts';

export type { PgOptions } from './db.ts';
export { PgDb } from './db.ts';
export { PgContentStore } from './contentStore.ts';
export { PgMediaStore } from './mediaStore.ts';

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
  /** Other processes' changes, once applied in memory (`table` is the table's name, `id` the row's). */
  readonly changes: StoreChanges;
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
    changes: {
      on: (listener) => db.onApplied(listener),
      sync: async () => {
        await db.heardAll();
        await Promise.all(all.map((t) => t.settled()));
      },
    },
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

/**
 * The parts of a whole store that are not repositories of `openPgRepos`: content, media, the audit log and its keys.
 * All four are on PostgreSQL now; `LOCAL_PARTS` (what `inzage migrate` leaves in the data directory) is empty and
 * nothing of the local directory is one process's alone, so it is not locked (it holds only the media cache, which
 * is content-addressed).
 */
export type LocalPart = 'content' | 'media' | 'audit' | 'auditKeys';
export const LOCAL_PARTS: readonly LocalPart[] = [];
export const LOCAL_ONE_PROCESS = false;

export interface PgStoreOptions extends PgRepoOptions {
  /** the directory of what stays local to this process: the media cache (`media-cache/`) */
  localDir: string;
  now?: () => number;
}

/** A whole store on PostgreSQL. */
export interface PgStore extends Store {
  readonly schema: string;
  /** the connection (its listener's state: `listenerRestores`, `origin`) */
  readonly db: PgDb;
  /** the data secret (see PgRepoStore.secret) */
  readonly secret: string;
  settled(): Promise<void>;
  /** Flush everything, then close the connections. */
  close(): Promise<void>;
}

type Parts = Pick<Store, LocalPart> & { content: PgContentStore; media: PgMediaStore; audit: PgAuditLog; auditKeys: PgAuditKeys };

/** Content, media, the audit log and its keys on the repositories' connection; the audit anchor keyed by the shared secret. */
async function parts(repos: PgRepoStore, localDir: string, opts: PgStoreOptions): Promise<Parts> {
  const anchorKey = derivedKey(repos.secret, 'audit-head');
  const auditKeys = await PgAuditKeys.open(repos.db);
  return {
    content: await PgContentStore.open(repos.db, { now: opts.now }),
    media: await PgMediaStore.open(repos.db, join(localDir, 'media-cache')),
    auditKeys,
    audit: await PgAuditLog.open(repos.db, { now: opts.now, keys: auditKeys, anchorKey: () => anchorKey }),
  };
}

export async function openPgStore(url: string, opts: PgStoreOptions): Promise<PgStore> {
  const localDir = resolve(opts.localDir);
  const repos = await openPgRepos(url, opts);
  let more: Parts;
  try {
    mkdirSync(localDir, { recursive: true, mode: 0o700 });
    more = await parts(repos, localDir, opts);
  } catch (e) {
    await repos.close();
    throw e;
  }
  const flush = async () => {
    await Promise.all([repos.flush(), more.audit.flush(), more.auditKeys.flush()]);
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
    ...more,
    schema: repos.schema,
    db: repos.db,
    secret: repos.secret,
    changes: repos.changes,
    flush,
    settled: async () => {
      await Promise.all([repos.settled(), more.content.settled()]);
    },
    async close() {
      await flush();
      await more.audit.close();
      await Promise.all([more.content.close(), more.media.close()]);
      await repos.close();
    },
  };
}
