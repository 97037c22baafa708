/**
 * Exam rooms (docs/design.md: Rooms): admins create them, assign kiosks to them and may require Safe Exam Browser in
 * one; supervisors choose the rooms they supervise in the console. Each change is audited and told to consoles; a
 * change to who must prove SEB makes those kiosks reconnect so their handshake is checked again.
 */
import { randomUUID } from 'node:crypto';
import type { Kiosk, Room, RoomSeb, StaffUser } from '../../shared/domain.ts';
import type { RoomDto } from '../../shared/protocol.ts';
import { searchText } from '../../shared/rules.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/index.ts';
import { refusal } from '../../shared/refusals.ts';

export interface RoomLinks {
  /** kiosks whose SEB requirement changed: reconnect them to be checked again */
  recheck(kioskIds: readonly string[]): void;
  roomsChanged(): void;
  kiosksChanged(): void;
}

export interface RoomPatch { name?: string; seb?: RoomSeb | null }

export class RoomService {
  constructor(private readonly store: Store, private readonly clock: Clock, private readonly links: RoomLinks) {}

  list(): RoomDto[] {
    const counts = new Map<string, number>();
    for (const k of this.store.kiosks.all()) if (k.roomId) counts.set(k.roomId, (counts.get(k.roomId) ?? 0) + 1);
    return [...this.store.rooms.all()]
      .sort((a, b) => a.name.localeCompare(b.name, 'nl', { numeric: true }))
      .map((r) => ({ id: r.id, name: r.name, kioskCount: counts.get(r.id) ?? 0, sebRequired: !!r.seb, createdAt: r.createdAt }));
  }

  async create(name: string, actor: StaffUser): Promise<Room> {
    this.assertFreeName(name);
    const room: Room = { id: randomUUID(), name, createdAt: new Date(this.clock.now()).toISOString() };
    await Promise.all([
      this.store.rooms.add(room),
      this.store.audit.append({ actor: actor.username, action: 'room.created', target: room.id, details: { name } }),
    ]);
    this.links.roomsChanged();
    return room;
  }

  async patch(id: string, patch: RoomPatch, actor: StaffUser): Promise<Room> {
    const room = this.room(id);
    if (patch.name !== undefined && patch.name !== room.name) this.assertFreeName(patch.name, id);
    const { seb: _old, ...rest } = room;
    const seb = patch.seb === undefined ? room.seb : patch.seb ?? undefined;
    const next: Room = { ...rest, name: patch.name ?? room.name, ...(seb ? { seb } : {}) };
    if (JSON.stringify(next) === JSON.stringify(room)) return room; // nothing changes: no write, no audit
    // the keys are no secret, but they are no news either: the audit says whether SEB is required and by how many keys
    const summary = (r: Room) => ({ name: r.name, sebRequired: !!r.seb, sebKeys: r.seb ? r.seb.configKeys.length + r.seb.browserExamKeys.length : 0 });
    await Promise.all([
      this.store.rooms.update(next),
      this.store.audit.append({ actor: actor.username, action: 'room.changed', target: id, details: { from: summary(room), to: summary(next) } }),
    ]);
    if (JSON.stringify(room.seb) !== JSON.stringify(next.seb)) this.links.recheck(this.kiosksIn(id).map((k) => k.id));
    this.links.roomsChanged();
    return next;
  }

  /** The room goes; its kiosks stay, in no room. */
  async remove(id: string, actor: StaffUser): Promise<void> {
    const room = this.room(id);
    const kiosks = this.kiosksIn(id);
    await this.store.kiosks.setRoom(kiosks.map((k) => k.id), undefined);
    await Promise.all([
      this.store.rooms.remove(id),
      this.store.audit.append({ actor: actor.username, action: 'room.removed', target: id, details: { name: room.name, kiosks: kiosks.length } }),
    ]);
    if (room.seb) this.links.recheck(kiosks.map((k) => k.id));
    this.links.roomsChanged();
    this.links.kiosksChanged();
  }

  /** A kiosk into a room (or, with null, into none). */
  async moveKiosk(kioskId: string, roomId: string | null, actor: StaffUser): Promise<Kiosk> {
    const kiosk = this.store.kiosks.get(kioskId);
    if (!kiosk) throw refusal('not-found', 'no-such-kiosk');
    const to = roomId === null ? undefined : this.room(roomId);
    const [moved] = await this.store.kiosks.setRoom([kioskId], to?.id);
    if (!moved) return kiosk;
    const from = kiosk.roomId ? this.store.rooms.get(kiosk.roomId) : undefined;
    await this.store.audit.append({
      actor: actor.username, action: 'kiosk.moved', target: kioskId,
      details: { name: kiosk.name, from: from?.name ?? null, to: to?.name ?? null },
    });
    if (from?.seb || to?.seb) this.links.recheck([kioskId]);
    this.links.roomsChanged();
    this.links.kiosksChanged();
    return moved;
  }

  private room(id: string): Room {
    const room = this.store.rooms.get(id);
    if (!room) throw refusal('not-found', 'no-such-room');
    return room;
  }

  private kiosksIn(roomId: string): Kiosk[] {
    return this.store.kiosks.all().filter((k) => k.roomId === roomId);
  }

  private assertFreeName(name: string, except?: string) {
    const key = searchText(name);
    if (this.store.rooms.all().some((r) => r.id !== except && searchText(r.name) === key)) {
      throw refusal('conflict', 'room-name-taken', { name });
    }
  }
}
