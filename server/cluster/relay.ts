/**
 * Asking the process that holds a kiosk's socket to act on it (docs/design.md: Several server processes), over the
 * Socket.IO adapter's `serverSideEmit` with acknowledgements. Only that process may push the two things whose timing
 * matters to the kiosk:
 *
 * - `review:started` (a review started from a console on another process): the kiosk's process first waits until its
 *   own copy of the store has the review (PostgreSQL NOTIFY and the adapter are different roads, either may be first),
 *   so that the kiosk's first `review:navigate` finds it;
 * - `kiosk:paired` (a code paired from another process): likewise after the new kiosk is in its store, so that the
 *   kiosk's reconnect with its token is known there; and the Safe Exam Browser check of the socket's handshake.
 *
 * A request goes to every process (`serverSideEmit`); only the one holding the socket answers, with a reply addressed to
 * the asker (the adapter's own acknowledgements wait for every process, at most 5 s: a kiosk may take as long to
 * acknowledge a start).
 */
import type { Namespace, Socket } from 'socket.io';
import type { Ack } from '../../shared/errors.ts';
import type { ReviewPayload } from '../../shared/protocol.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/index.ts';
import { provesSeb } from '../kiosks/sebCheck.ts';
import { kioskRoom } from '../kiosks/channel.ts';
import type { Room } from '../../shared/domain.ts';

type SebKeys = NonNullable<Room['seb']>;
interface Reply { to: string; id: string; answer: unknown }

interface StartRequest { kioskId: string; reviewId: string; payload: ReviewPayload; timeoutMs: number }
interface PairedRequest { nodeId: string; socketId: string; token: string; kiosk: { id: string; name: string } }
interface SebRequest { nodeId: string; socketId: string; seb: SebKeys }

export class Relay {
  private seq = 0;
  private readonly waiting = new Map<string, (answer: unknown) => void>();

  constructor(
    private readonly ns: Namespace,
    private readonly store: Store,
    private readonly clock: Clock,
    readonly nodeId: string,
    private readonly log: (line: string) => void,
  ) {
    ns.on('inzage:reply', (r: Reply) => {
      if (r.to === this.nodeId) this.waiting.get(r.id)?.(r.answer);
    });
    this.answer('inzage:start', (p: StartRequest) => this.deliverStart(p));
    this.answer('inzage:paired', (p: PairedRequest) => this.deliverPaired(p));
    this.answer('inzage:seb', (p: SebRequest) => this.checkSebHere(p));
    this.answer('inzage:ping', async () => true);
  }

  /** Answer `event` from other processes (null: not this process's to answer; another may). */
  answer<P>(event: string, handle: (p: P) => Promise<unknown>): void {
    this.ns.on(event, (req: { from: string; id: string; p: P }) => {
      handle(req.p).then(
        (answer) => {
          if (answer !== null) this.ns.serverSideEmit('inzage:reply', { to: req.from, id: req.id, answer } satisfies Reply);
        },
        (e: unknown) => this.log(`inzage: ${event} for another process failed: ${(e as Error).message}`),
      );
    });
  }

  /** Tell every other process (no answer). */
  tell(event: string, p: unknown): void {
    this.ns.serverSideEmit(event, { from: this.nodeId, p });
  }

  /** Hear what another process told (`tell`): its id and the payload. */
  heard<P>(event: string, handle: (from: string, p: P) => void): void {
    this.ns.on(event, (req: { from: string; p: P }) => handle(req.from, req.p));
  }

  // ---------- asking ----------

  /** Whether another process answers within `timeoutMs` (the adapter carries requests both ways). */
  async ping(timeoutMs = 1_000): Promise<boolean> {
    return (await this.ask('inzage:ping', null, timeoutMs)) === true;
  }

  /** Push `review:started` to a kiosk connected to another process; true when the kiosk acknowledged it. */
  async startReview(kioskId: string, reviewId: string, payload: ReviewPayload, timeoutMs: number): Promise<boolean> {
    return (await this.ask('inzage:start', { kioskId, reviewId, payload, timeoutMs } satisfies StartRequest, 2 * timeoutMs + 1_000)) === true;
  }

  /** Hand a kiosk its token through the process its socket is on; false when no process has that socket. */
  async paired(where: { nodeId: string; socketId: string }, token: string, kiosk: { id: string; name: string }): Promise<boolean> {
    const req: PairedRequest = { ...where, token, kiosk };
    if (where.nodeId === this.nodeId) return (await this.deliverPaired(req)) === true;
    return (await this.ask('inzage:paired', req, 12_000)) === true;
  }

  /** Whether the socket showing a code proves one of the room's Safe Exam Browser keys (null: no such socket any more). */
  async provesSeb(where: { nodeId: string; socketId: string }, seb: SebKeys): Promise<boolean | null> {
    const req: SebRequest = { ...where, seb };
    if (where.nodeId === this.nodeId) return this.checkSebHere(req);
    const answer = await this.ask('inzage:seb', req, 5_000);
    return typeof answer === 'boolean' ? answer : null;
  }

  /** The answer of the process that holds the socket, or null when none answers in time (real time). */
  ask(event: string, p: unknown, timeoutMs: number): Promise<unknown> {
    const id = `${this.nodeId}:${++this.seq}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), timeoutMs);
      timer.unref?.();
      const done = (answer: unknown) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(answer);
      };
      this.waiting.set(id, done);
      this.ns.serverSideEmit(event, { from: this.nodeId, id, p });
    });
  }

  // ---------- answering ----------

  private async deliverStart(p: StartRequest): Promise<boolean | null> {
    const socket = this.lastSocketOf(p.kioskId);
    if (!socket) return null;
    const known = await whenKnown(this.store, () => { const s = this.store.reviews.get(p.reviewId); return !!s && !s.endedAt; }, p.timeoutMs);
    if (!known || !socket.connected) return false;
    try {
      const sent = { ...p.payload, serverNow: new Date(this.clock.now()).toISOString() };
      const ack = (await socket.timeout(p.timeoutMs).emitWithAck('review:started', sent)) as Ack | undefined;
      return ack?.ok === true;
    } catch {
      return false;
    }
  }

  private async deliverPaired(p: PairedRequest): Promise<boolean | null> {
    if (p.nodeId !== this.nodeId) return null;
    const socket = this.ns.sockets.get(p.socketId);
    if (!socket) return null;
    const known = await whenKnown(this.store, () => !!this.store.kiosks.get(p.kiosk.id), 10_000);
    if (!known || !socket.connected) return false;
    socket.emit('kiosk:paired', { token: p.token, kiosk: p.kiosk });
    return true;
  }

  private async checkSebHere(p: SebRequest): Promise<boolean | null> {
    if (p.nodeId !== this.nodeId) return null;
    const socket = this.ns.sockets.get(p.socketId);
    if (!socket) return null;
    if (provesSeb(socket.request, socket.handshake.auth, p.seb)) return true;
    socket.emit('pairing:refused', { code: 'seb-required' });
    return false;
  }

  /** The newest of this process's sockets of a kiosk (as the single-process start picks), if any. */
  private lastSocketOf(kioskId: string): Socket | undefined {
    const ids = [...(this.ns.adapter.rooms.get(kioskRoom(kioskId)) ?? [])];
    for (let i = ids.length - 1; i >= 0; i--) {
      const s = this.ns.sockets.get(ids[i]!);
      if (s) return s;
    }
    return undefined;
  }
}

/**
 * Resolves true once `check` holds in this process's copy of the store (it follows other processes' changes), false
 * after `timeoutMs` (real time: it waits for the database's notice, not for exam time).
 */
export function whenKnown(store: Store, check: () => boolean, timeoutMs: number): Promise<boolean> {
  if (check()) return Promise.resolve(true);
  const changes = store.changes;
  if (!changes) return Promise.resolve(false);
  return new Promise((resolve) => {
    let done = false;
    let stop = () => {};
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref?.();
    function finish(ok: boolean) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop();
      resolve(ok);
    }
    stop = changes.on(() => {
      if (!done && check()) finish(true);
    });
    if (done) stop();
  });
}
