/**
 * The PostgreSQL store (docs/design.md: PostgreSQL store; issue 18, in progress): the repositories of kiosks, rooms,
 * staff, review sessions, remarks and staff login sessions over one schema. Content, the audit log, its keys and
 * media are not on PostgreSQL yet, so this is not a whole `Store` and `openStore` does not use it.
 *
 * Opening connects, applies the migrations, listens for other processes' changes and loads every table into memory;
 * reads then stay synchronous as the repository interfaces say.
 */
import type { Kiosk, Remark, ReviewSession, Room, StaffUser } from '../../../shared/domain.ts';
import type { Store, StoreChanges } from '../index.ts';
import type { StoredSession } from '../repositories.ts';
import { PgDb, type PgOptions } from './db.ts';
import { PgLoginSessionRepo } from './loginSessionRepo.ts';
import { PgRemarkRepo } from './remarkRepo.ts';
import { PgKioskRepo, PgRoomRepo, PgStaffRepo } from './repos.ts';
import { PgReviewRepo } from './reviewRepo.ts';
import { PgTable } from './table.ts';

export type { PgOptions } from './db.ts';

/** The repositories on PostgreSQL so far. */
export type PgRepos = Pick<Store, 'kiosks' | 'rooms' | 'staff' | 'reviews' | 'remarks' | 'loginSessions'>;

export interface PgStore extends PgRepos {
  /** the schema the tables are in */
  readonly schema: string;
  /** Write everything pending (coalesced writes included) and wait for it. */
  flush(): Promise<void>;
  /** Wait until the other processes' changes announced so far are reloaded. */
  settled(): Promise<void>;
  /** Other processes' changes, once applied in memory (`table` is the table's name, `id` the row's). */
  readonly changes: StoreChanges;
  /** Flush, stop listening and close the connections. */
  close(): Promise<void>;
}

export async function openPgStore(url: string, opts: PgOptions = {}): Promise<PgStore> {
  const db = await PgDb.open(url, opts);
  const tables = {
    kiosks: new PgTable<Kiosk>(db, 'kiosks', { soonFields: ['lastSeenAt'] }),
    rooms: new PgTable<Room>(db, 'rooms'),
    staff: new PgTable<StaffUser>(db, 'staff'),
    reviews: new PgTable<ReviewSession>(db, 'reviews', { soonFields: ['position', 'viewed', 'opened'] }),
    remarks: new PgTable<Remark>(db, 'remarks', { upsertMovesToEnd: true }),
    loginSessions: new PgTable<StoredSession>(db, 'login_sessions'),
  };
  const all = Object.values(tables);
  try {
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
    loginSessions: new PgLoginSessionRepo(tables.loginSessions),
    schema: db.schema,
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
