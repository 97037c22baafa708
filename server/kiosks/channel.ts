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

/**
 * Several processes (server/cluster/): presence shared by all of them, and the process holding a kiosk's socket asked
 * to push a review started here. Absent with one process.
 */
export interface SharedKiosks {
  presence: {
    isOnline(kioskId: string): boolean;
    offlineSince(kioskId: string): number | null;
    connected(kioskId: string, socketId: string): void;
    disconnected(kioskId: string, socketId: string): void;
  };
  relay: { startReview(kioskId: string, reviewId: string, payload: ReviewPayload, timeoutMs: number): Promise<boolean> };
}

export class KioskChannel implements KioskLink {
  /** kiosk id → ids of its connected sockets (on this process) */
  private online = new Map<string, Set<string>>();

  constructor(private readonly ns: KioskNamespace, private readonly clock: Clock, private readonly shared?: SharedKiosks) {}

  /** Connected to this process, or (several processes) to any. */
  isOnline(kioskId: string): boolean {
    return this.localCount(kioskId) > 0 || (this.shared?.presence.isOnline(kioskId) ?? false);
  }

  /** The kiosk's sockets on this process. */
  localCount(kioskId: string): number {
    return this.online.get(kioskId)?.size ?? 0;
  }

  /** Since when the kiosk has had no socket on any process (several processes only; null: online or unknown). */
  offlineSince(kioskId: string): number | null {
    return this.shared?.presence.offlineSince(kioskId) ?? null;
  }

  /** A paired kiosk's socket connected. */
  connected(kioskId: string, socketId: string): void {
    const sockets = this.online.get(kioskId) ?? new Set<string>();
    sockets.add(socketId);
    this.online.set(kioskId, sockets);
    this.shared?.presence.connected(kioskId, socketId);
  }

  /** A paired kiosk's socket went away; true when it was the kiosk's last (on this process). */
  disconnected(kioskId: string, socketId: string): boolean {
    const set = this.online.get(kioskId);
    set?.delete(socketId);
    if (set) this.shared?.presence.disconnected(kioskId, socketId);
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
    // a kiosk on another process: that process pushes it (server/cluster/relay.ts)
    if (!socket) return this.shared ? this.shared.relay.startReview(kioskId, payload.id, payload, timeoutMs) : false;
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
