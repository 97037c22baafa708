/**
 * The kiosks' side of the wire as the review engine sees it (`KioskLink`): which kiosks are connected, and pushes
 * to one kiosk's sockets. Built before the engine and handed to it, while `KioskHub` (pairing and the handlers of
 * kiosk commands, which call the engine) is built after it: no link is patched in after construction.
 */
import type { Namespace } from 'socket.io';
import type { EndReason } from '../../shared/domain.ts';
import type { Ack } from '../../shared/errors.ts';
import type { KioskClientToServer, KioskServerToClient, ReviewPayload } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { KioskLink } from '../review/links.ts';

export interface KioskSocketData { kioskId: string | null; ip: string }
export type KioskNamespace = Namespace<KioskClientToServer, KioskServerToClient, Record<string, never>, KioskSocketData>;

/** The Socket.IO room of one kiosk's sockets. */
export const kioskRoom = (kioskId: string) => `kiosk:${kioskId}`;

export class KioskChannel implements KioskLink {
  /** kiosk id → ids of its connected sockets */
  private online = new Map<string, Set<string>>();

  constructor(private readonly ns: KioskNamespace, private readonly clock: Clock) {}

  isOnline(kioskId: string): boolean {
    return (this.online.get(kioskId)?.size ?? 0) > 0;
  }

  /** A paired kiosk's socket connected. */
  connected(kioskId: string, socketId: string): void {
    const sockets = this.online.get(kioskId) ?? new Set<string>();
    sockets.add(socketId);
    this.online.set(kioskId, sockets);
  }

  /** A paired kiosk's socket went away; true when it was the kiosk's last. */
  disconnected(kioskId: string, socketId: string): boolean {
    const set = this.online.get(kioskId);
    set?.delete(socketId);
    if (!set || set.size > 0) return false;
    this.online.delete(kioskId);
    return true;
  }

  /** Disconnect every socket of a kiosk (unpaired) and forget it. */
  drop(kioskId: string): void {
    this.ns.in(kioskRoom(kioskId)).disconnectSockets(true);
    this.online.delete(kioskId);
  }

  async startReview(kioskId: string, payload: ReviewPayload, timeoutMs: number): Promise<boolean> {
    const ids = [...(this.online.get(kioskId) ?? [])];
    const socket = ids.length ? this.ns.sockets.get(ids[ids.length - 1]!) : undefined;
    if (!socket) return false;
    try {
      const sent = { ...payload, serverNow: new Date(this.clock.now()).toISOString() };
      const ack = (await socket.timeout(timeoutMs).emitWithAck('review:started', sent)) as Ack | undefined;
      return ack?.ok === true;
    } catch {
      return false;
    }
  }

  warn(kioskId: string, endsAt: string): void {
    this.ns.to(kioskRoom(kioskId)).emit('review:warning', { endsAt });
  }

  ended(kioskId: string, reason: EndReason): void {
    this.ns.to(kioskRoom(kioskId)).emit('review:ended', { reason });
  }
}
