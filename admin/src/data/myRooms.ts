/**
 * The rooms a staff member supervises (docs/design.md: Rooms): chosen in the console's header, kept in this
 * browser's localStorage per user (`inzage.rooms.<userId>`), not on the server. None chosen: all rooms.
 * `MyRoomsController` re-renders its host when the choice changes in this page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const key = (userId: string) => `inzage.rooms.${userId}`;
const listeners = new Set<() => void>();

export function myRooms(userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function setMyRooms(userId: string, roomIds: readonly string[]): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify([...new Set(roomIds)]));
  } catch {
    // storage unavailable (privacy mode): the choice holds for this page only
  }
  for (const fn of listeners) fn();
}

export class MyRoomsController implements ReactiveController {
  private readonly onChange = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected() {
    listeners.add(this.onChange);
  }
  hostDisconnected() {
    listeners.delete(this.onChange);
  }
}
