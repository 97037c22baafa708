/**
 * Kiosks: device tokens, presence, pairing and unpairing, and the `/kiosk` namespace's handlers (docs/design.md: Transport).
 *
 * Who may do what: a socket without a token only receives a pairing code; a socket with a known token acts
 * for its own kiosk only (navigate, reveal, logout of its own session); an unknown or revoked token is
 * refused at the handshake with `kiosk-unknown`. Nothing a kiosk sends changes stored exam data; its candidate's
 * remarks on the questions of its own active review are the one thing it stores (review/remarks.ts).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import type { Kiosk, Room, StaffUser } from '../../shared/domain.ts';
import { DomainError, apiError, type Ack } from '../../shared/errors.ts';
import { KioskHealthPayload, LogoutPayload, type KioskClientToServer, type KioskDto, type KioskIdentity, type KioskServerToClient } from '../../shared/protocol.ts';
import type { Clock, Timer } from '../clock.ts';
import type { ReviewEngine } from '../review/engine.ts';
import type { RemarkService } from '../review/remarks.ts';
import type { ReviewMirror } from '../realtime/mirror.ts';
import type { ConsoleLink } from '../review/links.ts';
import type { AuditBursts } from '../audit/bursts.ts';
import type { Store } from '../store/index.ts';
import { kioskRoom as room, type KioskChannel, type KioskNamespace, type KioskServerSideEvents, type KioskSocketData } from './channel.ts';
import { provesSeb } from './sebCheck.ts';
import { KioskHealthBook } from './health.ts';
import { PairingCodes, type SharedCodes } from './pairing.ts';
import { normalizePairingCode } from '../../shared/rules.ts';
import { refusal, refusalError } from '../../shared/refusals.ts';

export type { KioskNamespace } from './channel.ts';

/** Several processes (server/cluster/): shared pairing codes, and the processes holding a code's socket asked to act on it. */
export interface SharedPairing extends SharedCodes {
  readonly nodeId: string;
  findCode(code: string): Promise<{ nodeId: string; socketId: string } | undefined>;
  /** unpaired sockets of a client address on every process */
  unpairedAt(ip: string): Promise<number>;
  takeCode(code: string): Promise<{ nodeId: string; socketId: string } | undefined>;
  relay: {
    provesSeb(where: { nodeId: string; socketId: string }, seb: NonNullable<Room['seb']>): Promise<boolean | null>;
    paired(where: { nodeId: string; socketId: string }, token: string, kiosk: { id: string; name: string }): Promise<boolean>;
  };
}

export interface KioskLimits {
  /** The client IP of a handshake (X-Forwarded-For only from trusted proxies). */
  ipOf(req: IncomingMessage): string;
  /** Unpaired sockets (each holding a pairing code) at once per IP; more are refused with `rate-limited`. */
  maxUnpairedPerIp: number;
}
type KioskSocket = Socket<KioskClientToServer, KioskServerToClient, KioskServerSideEvents, KioskSocketData>;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const KIOSK_EVENTS = new Set(['review:navigate', 'review:reveal', 'review:logout', 'review:remark', 'kiosk:health', 'review:view']);
/** the commands a candidate waits for (the others are reports the kiosk sends by itself) */
const CANDIDATE_ACTIONS = new Set(['review:navigate', 'review:reveal', 'review:logout', 'review:remark']);

export class KioskHub {
  private byTokenHash = new Map<string, string>();
  /** Unpaired sockets per client IP. */
  private unpaired = new Map<string, number>();
  /** kiosks refused for want of Safe Exam Browser, and when (until they connect with it) */
  private refusedAt = new Map<string, number>();
  /** several processes: a refusal time set (a time) or cleared (null) here, shared (server/cluster/kioskState.ts) */
  private sebShare: ((kioskId: string, at: number | null) => void) | null = null;
  readonly codes: PairingCodes;
  /** the kiosks' last health reports and leave-the-page alerts (memory only) */
  readonly health: KioskHealthBook;

  constructor(
    private readonly ns: KioskNamespace,
    readonly channel: KioskChannel,
    private readonly store: Store,
    private readonly engine: ReviewEngine,
    private readonly remarks: RemarkService,
    /** the supervisor's mirror: the kiosk's reports of what it shows (realtime/mirror.ts; memory only) */
    private readonly mirror: Pick<ReviewMirror, 'report'>,
    private readonly consoles: ConsoleLink,
    private readonly bursts: AuditBursts,
    private readonly clock: Clock,
    private readonly limits: KioskLimits = { ipOf: (req) => req.socket.remoteAddress ?? 'unknown', maxUnpairedPerIp: 20 },
    /** several processes: pairing across them (server/cluster/) */
    private readonly shared?: SharedPairing,
  ) {
    this.codes = new PairingCodes(() => clock.now(), undefined, shared);
    this.health = new KioskHealthBook(consoles, bursts, clock);
    for (const k of store.kiosks.all()) this.byTokenHash.set(k.tokenHash, k.id);
    ns.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (token === undefined || token === null || token === '') {
        // 2,000 anonymous sockets must not get 2,000 pairing codes: a room's kiosks each have their own IP
        const ip = this.limits.ipOf(socket.request);
        if ((this.unpaired.get(ip) ?? 0) >= this.limits.maxUnpairedPerIp) return next(new Error('rate-limited'));
        socket.data.kioskId = null;
        socket.data.ip = ip;
        // several processes: the limit counts this address's unpaired sockets on all of them
        if (this.shared) {
          return void this.shared.unpairedAt(ip).then(
            (n) => next(n >= this.limits.maxUnpairedPerIp ? new Error('rate-limited') : undefined),
            (e: unknown) => next(e instanceof Error ? e : new Error(String(e))),
          );
        }
        return next();
      }
      const id = typeof token === 'string' && token.length <= 200 ? this.tokenOwner(hashToken(token)) : undefined;
      if (!id) return next(new Error('kiosk-unknown'));
      // a kiosk in a room that requires Safe Exam Browser connects only when SEB proves one of the room's keys
      const seb = this.sebOf(id);
      if (seb && !provesSeb(socket.request, socket.handshake.auth, seb)) {
        this.sebRefused(id);
        return next(new Error('seb-required'));
      }
      if (this.refusedAt.delete(id)) this.sebShare?.(id, null);
      socket.data.kioskId = id;
      next();
    });
    ns.on('connection', (socket) => {
      if (socket.data.kioskId) this.onPaired(socket, socket.data.kioskId);
      else this.onUnpaired(socket);
    });
  }

  // ---------- reading ----------

  /**
   * The kiosk of a token, if it is still paired. With several processes a kiosk paired or unpaired on another process
   * reaches this one through the store: a token this process has not seen is looked up there.
   */
  private tokenOwner(tokenHash: string): string | undefined {
    let id = this.byTokenHash.get(tokenHash);
    if (this.shared) {
      if (id && !this.store.kiosks.get(id)) {
        this.byTokenHash.delete(tokenHash);
        id = undefined;
      }
      if (!id) {
        id = this.store.kiosks.all().find((k) => k.tokenHash === tokenHash)?.id;
        if (id) this.byTokenHash.set(tokenHash, id);
      }
    }
    return id;
  }

  kiosk(id: string): Kiosk | undefined {
    return this.store.kiosks.get(id);
  }

  /**
   * The idle screen a kiosk's page may carry (server/http/kioskPage.ts; docs/design.md: The kiosk's first screen):
   * the kiosk of a device token, when it is paired, its room does not require Safe Exam Browser (that is proven at
   * the socket, never assumed from a page request) and no review of it is running (a review only ever comes over
   * the socket). Anything else: null, and the page is the plain one.
   */
  idleScreenOf(token: string): KioskIdentity | null {
    if (token.length > 200) return null;
    const id = this.tokenOwner(hashToken(token));
    if (!id || this.sebOf(id) || this.engine.activeForKiosk(id)) return null;
    const kiosk = this.store.kiosks.get(id);
    return kiosk ? { id: kiosk.id, name: kiosk.name } : null;
  }

  isOnline(kioskId: string): boolean {
    return this.channel.isOnline(kioskId);
  }

  dtos(): KioskDto[] {
    // one pass over the sessions, not one per kiosk: with 1,000 kiosks and the 2,000 ended sessions that
    // state.json keeps, a lookup per kiosk made every console list cost ~7 ms of main-thread time
    const reviewByKiosk = new Map<string, string>();
    for (const s of this.engine.active()) if (!reviewByKiosk.has(s.kioskId)) reviewByKiosk.set(s.kioskId, s.id);
    return this.store.kiosks.all().map((k) => this.row(k, reviewByKiosk.get(k.id) ?? null));
  }

  /** One kiosk's row of {@link dtos} (the consoles' deltas of a few kiosks); undefined once it is unpaired. */
  dto(id: string): KioskDto | undefined {
    const k = this.store.kiosks.get(id);
    return k && this.row(k, this.engine.activeForKiosk(id)?.id ?? null);
  }

  private row(k: Kiosk, reviewId: string | null): KioskDto {
    return {
      id: k.id,
      name: k.name,
      online: this.isOnline(k.id),
      reviewId,
      pairedAt: k.pairedAt,
      lastSeenAt: k.lastSeenAt,
      roomId: k.roomId ?? null,
      sebRefusedAt: this.refusedAt.has(k.id) ? new Date(this.refusedAt.get(k.id)!).toISOString() : null,
      health: this.health.of(k.id),
    };
  }

  // ---------- Safe Exam Browser ----------

  /** The SEB keys a kiosk must prove: its room's, when its room requires SEB. */
  private sebOf(kioskId: string) {
    const roomId = this.store.kiosks.get(kioskId)?.roomId;
    return roomId ? this.store.rooms.get(roomId)?.seb : undefined;
  }

  /** Several processes: this process's refusal times go to `share`. */
  shareSebWith(share: (kioskId: string, at: number | null) => void): void {
    this.sebShare = share;
  }

  /** Since when a kiosk is refused (null: it is not), as this process knows it. */
  sebRefusedSince(kioskId: string): number | null {
    return this.refusedAt.get(kioskId) ?? null;
  }

  /** Another process refused a kiosk (a time) or let it in (null). */
  applySebRefusal(kioskId: string, at: number | null): void {
    if ((this.refusedAt.get(kioskId) ?? null) === at) return;
    if (at === null) this.refusedAt.delete(kioskId);
    else this.refusedAt.set(kioskId, at);
    this.consoles.kiosksChanged();
  }

  /** Audited (a kiosk retrying every few seconds costs one line and a count: audit bursts), and shown to consoles. */
  private sebRefused(kioskId: string) {
    const first = !this.refusedAt.has(kioskId);
    this.refusedAt.set(kioskId, this.clock.now());
    this.sebShare?.(kioskId, this.refusedAt.get(kioskId)!);
    const name = this.kiosk(kioskId)?.name ?? '';
    const event = { actor: `kiosk:${name}`, action: 'kiosk.seb-refused', target: kioskId } as const;
    this.bursts.note(`seb:${kioskId}`, kioskId, { kioskId }, { ...event, details: { name } }, event)
      .catch((e: unknown) => console.error('inzage: auditing a refused kiosk failed:', e));
    if (first) this.consoles.kiosksChanged([kioskId]);
  }

  /**
   * A room's SEB requirement changed, or kiosks moved rooms: their sockets reconnect, so that each is checked at its
   * handshake again (a review on them goes on: they are back within the grace period, or it ends as any drop does).
   */
  recheck(kioskIds: readonly string[]): void {
    for (const id of kioskIds) {
      if (this.refusedAt.delete(id)) this.sebShare?.(id, null);
      this.ns.in(room(id)).disconnectSockets(false);
    }
    this.consoles.kiosksChanged(kioskIds);
  }

  // ---------- staff commands (admin only; checked by the routes) ----------

  /**
   * Pair the unpaired kiosk showing `code`, in `roomId` when given. A room that requires Safe Exam Browser checks the
   * kiosk's handshake first, as it will at every connect: without SEB's proof of one of the room's keys the pairing
   * is refused (`seb-required`, the code stays live) and the kiosk says why (`pairing:refused`).
   */
  async pair(code: string, name: string, user: StaffUser, roomId: string | null = null): Promise<Kiosk> {
    if (this.shared) return this.pairShared(this.shared, code, name, user, roomId);
    const found = this.codes.find(code);
    const socket = found ? this.ns.sockets.get(found.socketId) : undefined;
    if (!found || !socket) throw new DomainError('pairing-code-unknown');
    const inRoom = roomId === null ? undefined : this.store.rooms.get(roomId);
    if (roomId !== null && !inRoom) throw refusal('not-found', 'room-gone');
    if (inRoom?.seb && !provesSeb(socket.request, socket.handshake.auth, inRoom.seb)) {
      socket.emit('pairing:refused', { code: 'seb-required' });
      throw refusal('seb-required', 'room-requires-seb', { room: inRoom.name });
    }
    this.codes.take(code);
    const { kiosk, token } = await this.addKiosk(name, user, inRoom);
    socket.emit('kiosk:paired', { token, kiosk: { id: kiosk.id, name } });
    this.consoles.kiosksChanged();
    return kiosk;
  }

  /** A new kiosk with a fresh token, stored and audited. */
  private async addKiosk(name: string, user: StaffUser, inRoom: Room | undefined): Promise<{ kiosk: Kiosk; token: string }> {
    const token = randomBytes(32).toString('base64url');
    const kiosk: Kiosk = {
      id: randomUUID(), name, tokenHash: hashToken(token), pairedAt: new Date(this.clock.now()).toISOString(), lastSeenAt: null,
      ...(inRoom ? { roomId: inRoom.id } : {}),
    };
    const added = this.store.kiosks.add(kiosk);
    this.byTokenHash.set(kiosk.tokenHash, kiosk.id);
    await Promise.all([
      added,
      this.store.audit.append({ actor: user.username, action: 'kiosk.paired', target: kiosk.id, details: inRoom ? { name, room: inRoom.name } : { name } }),
    ]);
    return { kiosk, token };
  }

  /**
   * `pair` with several processes: the code may be shown by a socket on any of them. The checks are the same; the code
   * is used up once in the whole installation (two admins typing it on two processes: one gets `pairing-code-unknown`),
   * and the socket's own process hands it the token once it has the new kiosk (server/cluster/relay.ts).
   */
  private async pairShared(shared: SharedPairing, code: string, name: string, user: StaffUser, roomId: string | null): Promise<Kiosk> {
    const typed = normalizePairingCode(code);
    const where = await shared.findCode(typed);
    if (!where) throw new DomainError('pairing-code-unknown');
    const inRoom = roomId === null ? undefined : this.store.rooms.get(roomId);
    if (roomId !== null && !inRoom) throw refusal('not-found', 'room-gone');
    if (inRoom?.seb) {
      const proves = await shared.relay.provesSeb(where, inRoom.seb);
      if (proves === null) throw new DomainError('pairing-code-unknown');
      if (!proves) throw refusal('seb-required', 'room-requires-seb', { room: inRoom.name });
    }
    const taken = await shared.takeCode(typed);
    if (!taken || taken.socketId !== where.socketId) throw new DomainError('pairing-code-unknown');
    if (where.nodeId === shared.nodeId) this.codes.revoke(where.socketId);
    const { kiosk, token } = await this.addKiosk(name, user, inRoom);
    if (!(await shared.relay.paired(where, token, { id: kiosk.id, name }))) console.error(`inzage: kiosk ${kiosk.id} was paired, but its socket was gone before it got its token`);
    this.consoles.kiosksChanged();
    return kiosk;
  }

  async rename(id: string, name: string, user: StaffUser): Promise<Kiosk> {
    const kiosk = this.kiosk(id);
    if (!kiosk) throw refusal('not-found', 'no-such-kiosk');
    const [renamed] = await Promise.all([
      this.store.kiosks.rename(id, name),
      this.store.audit.append({ actor: user.username, action: 'kiosk.renamed', target: id, details: { from: kiosk.name, to: name } }),
    ]);
    this.ns.to(room(id)).emit('kiosk:renamed', { kiosk: { id, name } });
    this.consoles.kiosksChanged([id]);
    this.consoles.reviewsChanged();
    return renamed!;
  }

  /** Revoke the token at once, end its session (`kiosk-unpaired`) and disconnect the kiosk. */
  async unpair(id: string, user: StaffUser): Promise<void> {
    const kiosk = this.kiosk(id);
    if (!kiosk) throw refusal('not-found', 'no-such-kiosk');
    this.byTokenHash.delete(kiosk.tokenHash); // refuse new handshakes from here on
    await this.engine.finishWhere((s) => s.kioskId === id, 'kiosk-unpaired', user.username);
    await Promise.all([
      this.store.kiosks.remove(id),
      this.store.audit.append({ actor: user.username, action: 'kiosk.unpaired', target: id, details: { name: kiosk.name } }),
    ]);
    this.channel.unpaired(id); // `kiosk:unpaired`, then the disconnect, on every process
    this.health.forget(id);
    this.consoles.kiosksChanged();
  }

  // ---------- sockets ----------

  private onUnpaired(socket: KioskSocket) {
    const ip = socket.data.ip;
    this.unpaired.set(ip, (this.unpaired.get(ip) ?? 0) + 1);
    let timer: Timer | null = null;
    const issue = () => {
      const pending = this.codes.issue(socket.id, ip);
      const show = () => socket.emit('pairing:code', { code: pending.code, expiresAt: new Date(pending.expiresAt).toISOString() });
      // several processes: shown once every process can find it (server/cluster/)
      if (pending.shared) pending.shared.then(() => { if (socket.connected) show(); }, (e: unknown) => console.error('inzage: could not share a pairing code:', e));
      else show();
      timer = this.clock.after(pending.expiresAt - this.clock.now(), issue);
    };
    issue();
    this.refuseCommands(socket, 'no-review');
    socket.on('disconnect', () => {
      timer?.cancel();
      this.codes.revoke(socket.id);
      const left = (this.unpaired.get(ip) ?? 1) - 1;
      if (left > 0) this.unpaired.set(ip, left);
      else this.unpaired.delete(ip);
    });
  }

  private onPaired(socket: KioskSocket, kioskId: string) {
    const kiosk = this.kiosk(kioskId)!;
    socket.join(room(kioskId));
    this.channel.connected(kioskId, socket.id);
    this.touch(kioskId);

    const name = () => this.kiosk(kioskId)?.name ?? kiosk.name;
    const handle = (event: keyof KioskClientToServer, run: (payload: unknown) => Promise<Ack<unknown>>) => {
      socket.on(event, (...args: unknown[]) => {
        // every command is acknowledged; one without a callback is ignored
        const ack = args.pop();
        if (typeof ack !== 'function') return;
        // one payload at most: more arguments are not a command of the contract
        if (args.length > 1) return ack({ ok: false, error: apiError('invalid-input') });
        // a restarted server may still be reading the content: every command needs it (docs/design.md: Start-up)
        // a candidate's own action waits for it: the content's reading is no longer deferred for the other kiosks'
        // resumes (a report — health, the view for a mirror — waits without hurrying it)
        const content = this.store.content;
        if (!content.isReady && CANDIDATE_ACTIONS.has(event)) content.summariesNow?.();
        (content.isReady ? run(args[0]) : content.ready().then(() => run(args[0]))).then(
          (a) => ack(a),
          (e) => {
            if (e instanceof DomainError) return ack({ ok: false, error: e.toApiError() });
            console.error(`inzage: kiosk ${event} failed:`, e);
            ack({ ok: false, error: apiError('internal') });
          },
        );
      });
    };
    handle('review:navigate', (p) => this.engine.navigate(kioskId, p));
    handle('review:reveal', (p) => this.engine.reveal(kioskId, p, name()));
    // the one command that stores something: the candidate's remark, on their own active review (review/remarks.ts)
    handle('review:remark', (p) => this.remarks.fromKiosk(kioskId, p, name()));
    handle('review:logout', async (p) => {
      if (!LogoutPayload.safeParse(p).success) return { ok: false, error: apiError('invalid-input') };
      return this.engine.logoutFromKiosk(kioskId, name());
    });
    // health: kept in memory; during a review, leaving the page alerts the consoles (kiosks/health.ts)
    handle('kiosk:health', async (p) => {
      const parsed = KioskHealthPayload.safeParse(p);
      if (!parsed.success) return { ok: false, error: apiError('invalid-input') };
      const session = this.engine.activeForKiosk(kioskId);
      const review = session && { session, candidateName: this.engine.dto(session).candidateName };
      await this.health.report(kioskId, parsed.data, { kioskName: name(), review });
      return { ok: true };
    });
    // what is on screen now, for a supervisor's mirror: kept in memory, stores nothing
    handle('review:view', (p) => this.mirror.report(kioskId, p));
    this.refuseUnknown(socket);

    socket.on('disconnect', () => {
      if (this.channel.disconnected(kioskId, socket.id)) {
        if (this.kiosk(kioskId)) {
          this.touch(kioskId);
          this.engine.kioskDisconnected(kioskId);
        }
      }
      this.consoles.kiosksChanged([kioskId]);
    });

    this.engine.kioskConnected(kioskId).then(
      (review) => {
        const sent = review && { ...review, serverNow: new Date(this.clock.now()).toISOString() };
        // no review: perhaps one ended while the kiosk was away, and it never heard why
        const ended = sent ? null : this.engine.missedEnd(kioskId);
        // a review whose warning is due: the kiosk may have missed `review:warning` (away, or reloaded since)
        const session = sent ? this.engine.get(sent.id) : undefined;
        const warning = session ? this.engine.warningOf(session) : null;
        if (socket.connected) {
          socket.emit('kiosk:state', { kiosk: { id: kioskId, name: name() }, review: sent, ...(ended ? { ended } : {}), ...(warning ? { warning } : {}) });
        }
      },
      (e) => console.error('inzage: restoring a kiosk failed:', e),
    );
    this.consoles.kiosksChanged([kioskId]);
  }

  /** Unpaired sockets may not send commands. */
  private refuseCommands(socket: KioskSocket, code: 'no-review') {
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error: apiError(KIOSK_EVENTS.has(event) ? code : 'invalid-input') });
    });
  }

  /** An event outside the contract gets a coded refusal, not silence. */
  private refuseUnknown(socket: KioskSocket) {
    socket.onAny((event: string, ...args: unknown[]) => {
      if (KIOSK_EVENTS.has(event)) return;
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error: refusalError('invalid-input', 'unknown-request') });
    });
  }

  private touch(kioskId: string) {
    this.store.kiosks.touchSoon(kioskId, new Date(this.clock.now()).toISOString());
  }
}
