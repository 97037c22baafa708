/**
 * The file store's repositories over its small JSON documents (state.json: kiosks and staff; sessions.json: logins)
 * and, for review sessions, over the review journal. Each change replaces the document's array (never mutates an
 * element), so a reader holding the old array is not surprised, then writes: durably, or coalesced where the
 * interface says so. (A kiosk's `touchSoon` replaces its element in the array itself: see there.)
 */
import type { Kiosk, ReviewSession, Room, StaffUser } from '../../shared/domain.ts';
import type { Doc } from './doc.ts';
import type { ReviewJournal } from './reviewJournal.ts';
import type { KioskRepo, LoginSessionRepo, ReviewRepo, RoomRepo, StaffRepo, StoredSession } from './repositories.ts';

/** `rooms` is absent in files of earlier builds (read as none). */
export interface StateData { version: 1; users: StaffUser[]; kiosks: Kiosk[]; rooms?: Room[] }
export interface SessionsData { sessions: Record<string, StoredSession> }

export class DocKioskRepo implements KioskRepo {
  /** each kiosk's place in the array it was counted in: a restart's reconnecting kiosks are each looked up and touched */
  private counted: readonly Kiosk[] | null = null;
  private places = new Map<string, number>();
  constructor(private readonly doc: Doc<StateData>) {}
  all(): readonly Kiosk[] { return this.doc.data.kiosks; }
  get(id: string): Kiosk | undefined {
    const i = this.place(id);
    return i === undefined ? undefined : this.doc.data.kiosks[i];
  }
  private place(id: string): number | undefined {
    const list = this.doc.data.kiosks;
    // every change replaces the array: another array, counted again
    if (list !== this.counted) {
      this.places = new Map();
      list.forEach((k, i) => { if (!this.places.has(k.id)) this.places.set(k.id, i); });
      this.counted = list;
    }
    return this.places.get(id);
  }
  add(kiosk: Kiosk): Promise<void> {
    this.doc.data.kiosks = [...this.doc.data.kiosks, kiosk];
    return this.doc.write();
  }
  async rename(id: string, name: string): Promise<Kiosk | undefined> {
    const kiosk = this.get(id);
    if (!kiosk) return undefined;
    const renamed = { ...kiosk, name };
    this.set(renamed);
    await this.doc.write();
    return renamed;
  }
  async remove(id: string): Promise<Kiosk | undefined> {
    const kiosk = this.get(id);
    if (!kiosk) return undefined;
    this.doc.data.kiosks = this.doc.data.kiosks.filter((k) => k.id !== id);
    await this.doc.write();
    return kiosk;
  }
  touchSoon(id: string, at: string): void {
    const i = this.place(id);
    if (i === undefined) return;
    // the one change made in place (a new kiosk object in its slot, the same array, so the same places): every kiosk
    // of a room reconnecting after a restart would otherwise copy the whole array once each; a reader holding the
    // array sees the same kiosk, seen later
    const list = this.doc.data.kiosks;
    list[i] = { ...list[i]!, lastSeenAt: at };
    this.doc.writeSoon();
  }
  async setRoom(ids: readonly string[], roomId: string | undefined): Promise<Kiosk[]> {
    const moving = new Set(ids);
    const moved: Kiosk[] = [];
    this.doc.data.kiosks = this.doc.data.kiosks.map((k) => {
      if (!moving.has(k.id) || k.roomId === roomId) return k;
      const { roomId: _old, ...rest } = k;
      const next: Kiosk = roomId === undefined ? rest : { ...rest, roomId };
      moved.push(next);
      return next;
    });
    if (moved.length) await this.doc.write();
    return moved;
  }
  private set(kiosk: Kiosk) {
    const i = this.place(kiosk.id);
    if (i === undefined) return;
    // a copy with the one kiosk replaced (as the rest of this file: never the array a reader may hold); same places
    const next = this.doc.data.kiosks.slice();
    next[i] = kiosk;
    this.doc.data.kiosks = next;
    this.counted = next;
  }
}

export class DocRoomRepo implements RoomRepo {
  constructor(private readonly doc: Doc<StateData>) {}
  all(): readonly Room[] { return this.doc.data.rooms ?? []; }
  get(id: string): Room | undefined { return this.all().find((r) => r.id === id); }
  add(room: Room): Promise<void> {
    this.doc.data.rooms = [...this.all(), room];
    return this.doc.write();
  }
  update(room: Room): Promise<void> {
    this.doc.data.rooms = this.all().map((r) => (r.id === room.id ? room : r));
    return this.doc.write();
  }
  remove(id: string): Promise<void> {
    this.doc.data.rooms = this.all().filter((r) => r.id !== id);
    return this.doc.write();
  }
}

export class DocStaffRepo implements StaffRepo {
  constructor(private readonly doc: Doc<StateData>) {}
  all(): readonly StaffUser[] { return this.doc.data.users; }
  byId(id: string): StaffUser | undefined { return this.doc.data.users.find((u) => u.id === id); }
  byUsername(username: string): StaffUser | undefined {
    const name = username.trim().toLowerCase();
    return this.doc.data.users.find((u) => u.username === name);
  }
  activeAdmins(): StaffUser[] { return this.doc.data.users.filter((u) => u.role === 'admin' && !u.disabled); }
  add(user: StaffUser): Promise<void> {
    this.doc.data.users = [...this.doc.data.users, user];
    return this.doc.write();
  }
  update(user: StaffUser): Promise<void> {
    this.doc.data.users = this.doc.data.users.map((u) => (u.id === user.id ? user : u));
    return this.doc.write();
  }
}

/** The file store's review sessions, kept in the review journal (`reviewJournal.ts`): one journal line per change. */
export class JournalReviewRepo implements ReviewRepo {
  constructor(private readonly journal: ReviewJournal) {}
  all(): readonly ReviewSession[] { return this.journal.state.allReviews(); }
  /** shared until the next change and frozen: callers read it, never change it */
  active(): ReviewSession[] { return this.journal.state.activeReviews(); }
  get(id: string): ReviewSession | undefined { return this.journal.state.reviews.get(id); }
  add(session: ReviewSession): Promise<void> {
    return this.journal.commit({ op: 'add', s: session }).catch((e: unknown) => {
      this.journal.forget(session.id); // refused as PostgreSQL's store refuses a start: taken back
      throw e;
    });
  }
  end(ended: ReviewSession, keepEnded: number): Promise<void> {
    return this.journal.commit({ op: 'end', s: ended, keep: keepEnded });
  }
  moveSoon(session: ReviewSession): void {
    this.journal.moveSoon(session);
  }
  /** The sessions removed are gone from every file once it resolves (a purge: the journal is compacted). */
  async removeWhere(pred: (s: ReviewSession) => boolean): Promise<ReviewSession[]> {
    const gone = this.all().filter(pred);
    if (!gone.length) return gone;
    await this.journal.commit({ op: 'del', ids: gone.map((r) => r.id) });
    await this.journal.compact();
    return gone;
  }
}

export class DocLoginSessionRepo implements LoginSessionRepo {
  constructor(private readonly doc: Doc<SessionsData>) {}
  get(key: string): StoredSession | undefined { return Object.hasOwn(this.doc.data.sessions, key) ? this.doc.data.sessions[key] : undefined; }
  entries(): [string, StoredSession][] { return Object.entries(this.doc.data.sessions); }
  put(key: string, session: StoredSession): Promise<void> {
    this.doc.data.sessions[key] = session;
    return this.doc.write();
  }
  putSoon(key: string, session: StoredSession): void {
    this.doc.data.sessions[key] = session;
    this.doc.writeSoon();
  }
  async remove(keys: readonly string[]): Promise<void> {
    for (const key of keys) delete this.doc.data.sessions[key];
    await this.doc.write();
  }
  removeSoon(keys: readonly string[]): void {
    if (!keys.length) return;
    for (const key of keys) delete this.doc.data.sessions[key];
    this.doc.writeSoon();
  }
  replaceAll(sessions: Record<string, StoredSession>): Promise<void> {
    this.doc.data.sessions = sessions;
    return this.doc.write();
  }
}
