/** Kiosks, rooms and staff on PostgreSQL: the file store's semantics (docRepos.ts), each write its own transaction. */
import type { Kiosk, Room, StaffUser } from '../../../shared/domain.ts';
import { refusal } from '../../../shared/refusals.ts';
import type { KioskRepo, RoomRepo, StaffRepo } from '../repositories.ts';
import type { PgTable } from './table.ts';

export class PgKioskRepo implements KioskRepo {
  constructor(private readonly t: PgTable<Kiosk>) {}
  all(): readonly Kiosk[] { return this.t.all(); }
  get(id: string): Kiosk | undefined { return this.t.get(id); }
  add(kiosk: Kiosk): Promise<void> {
    this.t.set(kiosk.id, kiosk);
    return this.t.write([{ id: kiosk.id, how: 'insert', value: kiosk }]);
  }
  async rename(id: string, name: string): Promise<Kiosk | undefined> {
    const kiosk = this.get(id);
    if (!kiosk) return undefined;
    const renamed = { ...kiosk, name };
    this.t.set(id, renamed);
    await this.t.write([{ id, how: 'update', value: renamed }]);
    return renamed;
  }
  async remove(id: string): Promise<Kiosk | undefined> {
    const kiosk = this.get(id);
    if (!kiosk) return undefined;
    this.t.drop(id);
    await this.t.write([{ id, how: 'delete' }]);
    return kiosk;
  }
  touchSoon(id: string, at: string): void {
    const kiosk = this.get(id);
    if (!kiosk) return;
    this.t.set(id, { ...kiosk, lastSeenAt: at });
    this.t.soon(id);
  }
  async setRoom(ids: readonly string[], roomId: string | undefined): Promise<Kiosk[]> {
    const moved: Kiosk[] = [];
    for (const id of new Set(ids)) {
      const k = this.get(id);
      if (!k || k.roomId === roomId) continue;
      const { roomId: _old, ...rest } = k;
      const next: Kiosk = roomId === undefined ? rest : { ...rest, roomId };
      this.t.set(id, next);
      moved.push(next);
    }
    // all of them or none: one transaction
    await this.t.write(moved.map((k) => ({ id: k.id, how: 'update', value: k })));
    return moved;
  }
}

export class PgRoomRepo implements RoomRepo {
  constructor(private readonly t: PgTable<Room>) {}
  all(): readonly Room[] { return this.t.all(); }
  get(id: string): Room | undefined { return this.t.get(id); }
  add(room: Room): Promise<void> {
    this.t.set(room.id, room);
    return this.t.write([{ id: room.id, how: 'insert', value: room }]);
  }
  update(room: Room): Promise<void> {
    if (!this.get(room.id)) return Promise.resolve();
    this.t.set(room.id, room);
    return this.t.write([{ id: room.id, how: 'update', value: room }]);
  }
  remove(id: string): Promise<void> {
    this.t.drop(id);
    return this.t.write([{ id, how: 'delete' }]);
  }
}

export class PgStaffRepo implements StaffRepo {
  constructor(private readonly t: PgTable<StaffUser>) {}
  all(): readonly StaffUser[] { return this.t.all(); }
  byId(id: string): StaffUser | undefined { return this.t.get(id); }
  byUsername(username: string): StaffUser | undefined {
    const name = username.trim().toLowerCase();
    return this.all().find((u) => u.username === name);
  }
  activeAdmins(): StaffUser[] { return this.all().filter((u) => u.role === 'admin' && !u.disabled); }
  /** durable; a username another process took meanwhile is refused (`username-taken`) and leaves nothing in memory */
  async add(user: StaffUser): Promise<void> {
    this.t.set(user.id, user);
    try {
      await this.t.write([{ id: user.id, how: 'insert', value: user }], undefined, () => this.t.drop(user.id));
    } catch (e) {
      const err = e as { code?: string; constraint?: string };
      if (err.code === '23505' && err.constraint === 'staff_username') throw refusal('conflict', 'username-taken', { username: user.username });
      throw e;
    }
  }
  update(user: StaffUser): Promise<void> {
    if (!this.byId(user.id)) return Promise.resolve();
    this.t.set(user.id, user);
    return this.t.write([{ id: user.id, how: 'update', value: user }]);
  }
}
