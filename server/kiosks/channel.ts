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
/** Between processes (server/cluster/): a kiosk unpaired on one, told and disconnected on each (`KioskChannel.unpaired`). */
export interface KioskServerSideEvents { 'inzage:kiosk-unpaired': (kioskId: string) => void }
export type KioskNamespace = Namespace<KioskClientToServer, KioskServerToClient, KioskServerSideEvents, KioskSocketData>;

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

  constructor(private readonly ns: KioskNamespace, private readonly clock: Clock, private readonly shared?: SharedKiosks) {
    if (shared) ns.on('inzage:kiosk-unpaired', (kioskId) => this.unpairedHere(kioskId));
  }

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

  /**
   * Tell every socket of an unpaired kiosk (`kiosk:unpaired`), then disconnect them and forget the kiosk. Each process
   * does both for its own sockets, in that order: through a cluster adapter an emit and a disconnect each wait for
   * their own publish to the other processes before they act locally, so the disconnect could overtake the event (a
   * kiosk dropped without being told; seen with the PostgreSQL adapter). The other processes are asked with
   * `serverSideEmit`.
   */
  unpaired(kioskId: string): void {
    this.unpairedHere(kioskId);
    if (this.shared) this.ns.serverSideEmit('inzage:kiosk-unpaired', kioskId);
  }

  private unpairedHere(kioskId: string): void {
    this.ns.local.to(kioskRoom(kioskId)).emit('kiosk:unpaired', {});
    this.ns.local.in(kioskRoom(kioskId)).disconnectSockets(true);
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
