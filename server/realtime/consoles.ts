/**
 * The `/admin` namespace (docs/design.md: Transport): staff consoles, authenticated by the staff session (the same
 * express-session and passport middleware as HTTP). Consoles listen; commands go over HTTP,
 * except the few registered with {@link ConsoleHub.command} (the mirror's subscription, realtime/mirror.ts).
 * List changes are coalesced (25 ms); `review:progress` is batched per review (the first
 * move at once, then at most one push per {@link PROGRESS_WINDOW_MS}: the latest position); warnings and ends go out
 * at once (an end after the review's last progress).
 *
 * The kiosk and review lists (docs/design.md: Consoles: lists as deltas): every console gets them whole at connect
 * (`kiosks:updated`, `reviews:updated`). A console that says so at the handshake (`auth.lists: 'delta'`, as the
 * console app does) then gets `lists:version` and, per coalesced change, one `lists:delta` with only the rows that
 * changed and the ids removed, encoded once for all of them (the room {@link DELTA_ROOM}); `lists:sync` sends it the
 * full lists again. Any other console gets the full lists at every change, as the original contract has it (the room
 * {@link FULL_ROOM}). Who sees the lists is unchanged: every staff session the namespace admits, nobody else.
 *
 * With several processes (server/cluster/) the lists go to this process's own consoles only (`ns.local`): each
 * process computes them from its own copy of the store, which follows the others' changes, and pushes them when
 * anything in them changed anywhere. So a console gets each change once, as a delta of its own process's `epoch`.
 */
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Namespace, Socket } from 'socket.io';
import { DomainError, apiError, type Ack } from '../../shared/errors.ts';
import {
  ListsSyncPayload,
  type AdminClientToServer, type AdminServerToClient, type ContentKind, type KioskAlertDto, type KioskBackDto, type KioskDto, type ListsVersionDto, type ReviewDto,
  type ReviewEndedDto, type ReviewProgress,
} from '../../shared/protocol.ts';
import type { Auth } from '../auth/session.ts';
import type { Clock, Timer } from '../clock.ts';
import type { ConsoleLink } from '../review/links.ts';
import { refusalError } from '../../shared/refusals.ts';
import { LISTS_DELTA_AUTH } from '../../shared/listDelta.ts';
import { RowSnapshot } from './listDelta.ts';

interface ConsoleSocketData { userId: string; sid: string }

/**
 * `review:progress` per review: the first move goes out at once (leading edge: a candidate's click shows on the
 * consoles without delay), later moves within this window are folded into one push of the latest position at its
 * end. A kiosk flooding `review:navigate` thus costs each console at most ~10 pushes a second, not one per move.
 */
export const PROGRESS_WINDOW_MS = 100;

/** The room of the consoles that take the kiosk and review lists as deltas (`lists:delta`). */
export const DELTA_ROOM = 'lists:delta';
/** The room of the consoles that take them whole at every change (`kiosks:updated`, `reviews:updated`). */
export const FULL_ROOM = 'lists:full';

/** A review's open progress window: its timer and the latest move not yet sent (null: none since the window opened). */
interface ProgressWindow { timer: NodeJS.Timeout; latest: ReviewProgress | null }
export type ConsoleNamespace = Namespace<AdminClientToServer, AdminServerToClient, Record<string, never>, ConsoleSocketData>;
export type ConsoleSocket = Socket<AdminClientToServer, AdminServerToClient, Record<string, never>, ConsoleSocketData>;
/** A command a console may send: validates its payload itself and answers the ack (a thrown DomainError is acked with its code). */
export type ConsoleCommand = (socket: ConsoleSocket, payload: unknown) => Promise<Ack<unknown>>;

export class ConsoleHub implements ConsoleLink {
  /** what changed since the last flush: the kiosk list as a whole (true), or only the rows of these kiosks */
  private pending: { reviews: boolean; kiosks: boolean | Set<string> } = { reviews: false, kiosks: false };
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: Timer | null = null;
  private progressWindows = new Map<string, ProgressWindow>();
  private readonly commands = new Map<string, ConsoleCommand>();
  private readonly endListeners: ((p: ReviewEndedDto) => void)[] = [];
  /** this process's run of list versions: a console that holds another one's lists syncs */
  private readonly epoch = randomBytes(6).toString('base64url');
  private seq = 0;
  /** the lists as the delta consoles hold them (at `seq`); null while none is connected here */
  private shown: { kiosks: RowSnapshot<KioskDto>; reviews: RowSnapshot<ReviewDto> } | null = null;

  constructor(
    private readonly ns: ConsoleNamespace,
    private readonly auth: Auth,
    private readonly lists: { reviews: () => ReviewDto[]; kiosks: () => KioskDto[]; kiosk: (id: string) => KioskDto | undefined; alerts: () => KioskAlertDto[] },
    private readonly clock: Clock,
    private readonly absoluteTimeoutMs: number,
    private readonly coalesceMs = 25,
    private readonly progressMs = PROGRESS_WINDOW_MS,
  ) {
    type Req = Parameters<RequestHandler>[0];
    const wrap = (mw: RequestHandler) => (socket: { request: unknown }, next: (err?: Error) => void) =>
      mw(socket.request as Req, {} as never, (err?: unknown) => next(err as Error | undefined));
    ns.use(wrap(auth.sessionMiddleware));
    ns.use(wrap(auth.passport.initialize()));
    ns.use(wrap(auth.passport.session()));
    ns.use((socket, next) => {
      const req = socket.request as Req;
      const user = req.user;
      if (!user || auth.expired(req)) return next(new Error('unauthenticated'));
      if (user.mustChangePassword) return next(new Error('password-change-required'));
      socket.data.userId = user.id;
      socket.data.sid = req.sessionID;
      next();
    });
    ns.on('connection', (socket) => {
      socket.join([`user:${socket.data.userId}`, `sess:${socket.data.sid}`]);
      for (const [event, run] of this.commands) socket.on(event as keyof AdminClientToServer, (...args: unknown[]) => this.answer(socket, event, run, args));
      // anything else a console sends gets a coded refusal rather than silence
      socket.onAny((event: string, ...args: unknown[]) => {
        if (this.commands.has(event)) return;
        const ack = args.at(-1);
        if (typeof ack === 'function') ack({ ok: false, error: refusalError('invalid-input', 'unknown-request') });
      });
      if ((socket.handshake.auth as Record<string, unknown> | undefined)?.lists === LISTS_DELTA_AUTH.lists) this.syncLists(socket);
      else {
        void socket.join(FULL_ROOM);
        socket.emit('kiosks:updated', this.lists.kiosks());
        socket.emit('reviews:updated', this.lists.reviews());
      }
      // a kiosk that left the page before this console connected: its alert is still open
      for (const a of this.lists.alerts()) socket.emit('kiosk:alert', a);
    });
    // any console may ask for the full lists again (a gap in its deltas); it takes deltas from then on
    this.commands.set('lists:sync', async (socket, payload) => {
      if (!ListsSyncPayload.safeParse(payload).success) return { ok: false, error: apiError('invalid-input') };
      return { ok: true, data: this.syncLists(socket) };
    });
    this.scheduleSweep();
  }

  /** Registers a command consoles may send (before any console connects): every other event is refused. */
  command(event: keyof AdminClientToServer, run: ConsoleCommand): void {
    this.commands.set(event, run);
  }

  /** Called after each review's `review:ended` went out (the mirror closes its room). */
  onEnded(listener: (p: ReviewEndedDto) => void): void {
    this.endListeners.push(listener);
  }

  /** One payload and an ack callback, as a kiosk command: one without a callback is ignored, more arguments refused. */
  private answer(socket: ConsoleSocket, event: string, run: ConsoleCommand, args: unknown[]): void {
    const ack = args.pop();
    if (typeof ack !== 'function') return;
    if (args.length > 1) return void ack({ ok: false, error: apiError('invalid-input') });
    run(socket, args[0]).then(
      (a) => ack(a),
      (e: unknown) => {
        if (e instanceof DomainError) return ack({ ok: false, error: e.toApiError() });
        console.error(`inzage: console ${event} failed:`, e);
        ack({ ok: false, error: apiError('internal') });
      },
    );
  }

  /**
   * A console socket lives only as long as its login: once the session timed out (idle or absolute) or was
   * destroyed, the socket is disconnected, so an unattended console stops showing candidate data.
   */
  sweep(): void {
    this.auth.sessionStore.prune(); // logins that timed out and never came back
    for (const socket of this.ns.sockets.values()) {
      if (!this.auth.sessionStore.isLive(socket.data.sid, this.absoluteTimeoutMs)) socket.disconnect(true);
    }
  }

  private scheduleSweep() {
    this.sweepTimer = this.clock.after(60_000, () => {
      this.sweep();
      this.scheduleSweep();
    });
  }

  stop(): void {
    this.sweepTimer?.cancel();
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.progressWindows.values()) clearTimeout(w.timer);
    this.progressWindows.clear();
  }

  reviewsChanged(): void {
    this.pending.reviews = true;
    this.schedule();
  }

  /**
   * The kiosk list changed: the rows of `ids` only, or (no ids) anything in it. Rows by id are built and compared
   * alone for the delta consoles (a start changes one kiosk's row of 1,000); the full list is built only for a
   * change without ids, a new or removed kiosk, or a full-list console (docs/design.md: Consoles: lists as deltas).
   */
  kiosksChanged(ids?: readonly string[]): void {
    const pending = this.pending.kiosks;
    if (!ids || pending === true) this.pending.kiosks = true;
    else {
      const set = pending || new Set<string>();
      for (const id of ids) set.add(id);
      this.pending.kiosks = set;
    }
    this.schedule();
  }

  progress(p: ReviewProgress): void {
    const open = this.progressWindows.get(p.id);
    if (open) {
      open.latest = p; // the latest position wins; sent when the window ends
      return;
    }
    this.sendProgress(p);
    this.openProgressWindow(p.id);
  }

  /** Every console applies a move to its list itself: the delta consoles' snapshot follows, so no delta repeats it. */
  private sendProgress(p: ReviewProgress): void {
    this.ns.emit('review:progress', p);
    this.shown?.reviews.patch(p.id, (r) => ({ ...r, position: p.position, questionNumber: p.questionNumber, questionCount: p.questionCount }));
  }

  ended(p: ReviewEndedDto): void {
    this.flushProgress(p.id); // its last move first, then the end: nothing of the review comes after it
    this.ns.emit('review:ended', p);
    for (const listener of this.endListeners) listener(p);
  }

  warning(p: { id: string; endsAt: string }): void {
    this.ns.emit('review:warning', p);
  }

  alert(p: KioskAlertDto): void {
    this.ns.emit('kiosk:alert', p);
  }

  back(p: KioskBackDto): void {
    this.ns.emit('kiosk:back', p);
  }

  /** Stored data changed (import, purge, an exam's settings, staff): consoles reload what they show of it. */
  contentChanged(...kinds: ContentKind[]): void {
    this.ns.emit('content:updated', { kinds });
  }

  disconnectSession(sid: string): void {
    this.ns.in(`sess:${sid}`).disconnectSockets(true);
  }

  /** Disconnects every console socket of this user, except those of the login session `exceptSid`. */
  disconnectUser(userId: string, exceptSid?: string): void {
    const sockets = this.ns.in(`user:${userId}`);
    (exceptSid === undefined ? sockets : sockets.except(`sess:${exceptSid}`)).disconnectSockets(true);
  }

  /** The login session got a new id (a password change rotates it): its console sockets follow it. */
  moveSession(oldSid: string, newSid: string): void {
    for (const socket of this.ns.sockets.values()) {
      if (socket.data.sid !== oldSid) continue;
      socket.leave(`sess:${oldSid}`);
      socket.data.sid = newSid;
      socket.join(`sess:${newSid}`);
    }
  }

  /** Send what is pending now (tests and shutdown): the lists, and every review's held-back move. */
  flush(): void {
    this.flushLists();
    for (const id of [...this.progressWindows.keys()]) this.flushProgress(id);
  }

  private flushLists(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = { reviews: false, kiosks: false };
    const full = this.hasLocal(FULL_ROOM);
    const delta = this.hasLocal(DELTA_ROOM);
    if (!delta) this.shown = null; // nobody to keep in step: the next delta console starts from the full lists
    if (!full && !delta) return;
    const reviews = pending.reviews ? this.lists.reviews() : null;
    // a few kiosks' rows, for the delta consoles alone: built and compared without the other rows
    const some = pending.kiosks instanceof Set && !full && delta ? this.kioskRows(pending.kiosks) : undefined;
    const kiosks = pending.kiosks && !some ? this.lists.kiosks() : null;
    if (full && reviews) this.ns.local.to(FULL_ROOM).emit('reviews:updated', reviews);
    if (full && kiosks) this.ns.local.to(FULL_ROOM).emit('kiosks:updated', kiosks);
    if (delta) this.sendDelta(kiosks, reviews, some);
  }

  /** The rows of these kiosks, if each is still there and held by the delta consoles (else undefined: the full list). */
  private kioskRows(ids: Set<string>): KioskDto[] | undefined {
    if (!this.shown) return undefined;
    const rows: KioskDto[] = [];
    for (const id of ids) {
      const row = this.lists.kiosk(id);
      if (!row) return undefined;
      rows.push(row);
    }
    return rows;
  }

  /** Whether a console of this process is in the room (a broadcast to an empty room still encodes its packet). */
  private hasLocal(room: string): boolean {
    return (this.ns.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  /**
   * One `lists:delta` to every delta console: the rows of the given lists (null: not changed) that differ from
   * what they hold, and the ids gone. Encoded once (one broadcast), whatever the number of consoles.
   */
  private sendDelta(kiosks: KioskDto[] | null, reviews: ReviewDto[] | null, someKiosks?: KioskDto[]): void {
    if (!this.shown) {
      // no delta console yet: only syncLists starts the snapshot, with both lists, and sends nothing
      if (!kiosks || !reviews) return;
      this.shown = { kiosks: new RowSnapshot(), reviews: new RowSnapshot() };
      this.shown.kiosks.diff(kiosks);
      this.shown.reviews.diff(reviews);
      return;
    }
    let k = kiosks && this.shown.kiosks.diff(kiosks);
    if (someKiosks) {
      const d = this.shown.kiosks.diffSome(someKiosks);
      k = d === undefined ? this.shown.kiosks.diff(this.lists.kiosks()) : d;
    }
    const r = reviews && this.shown.reviews.diff(reviews);
    if (!k && !r) return;
    this.seq += 1;
    this.ns.local.to(DELTA_ROOM).emit('lists:delta', { epoch: this.epoch, seq: this.seq, ...(k ? { kiosks: k } : {}), ...(r ? { reviews: r } : {}) });
  }

  /**
   * A delta console at connect or `lists:sync`: the other delta consoles are brought to now first (their pending
   * delta), then this one gets the full lists (the same rows), the version they are at, and joins the delta room.
   * All in one turn of the event loop: no delta falls between its lists and its first delta.
   */
  private syncLists(socket: ConsoleSocket): ListsVersionDto {
    const kiosks = this.lists.kiosks();
    const reviews = this.lists.reviews();
    this.sendDelta(kiosks, reviews);
    socket.emit('kiosks:updated', kiosks);
    socket.emit('reviews:updated', reviews);
    const version = { epoch: this.epoch, seq: this.seq };
    socket.emit('lists:version', version);
    void socket.leave(FULL_ROOM);
    void socket.join(DELTA_ROOM);
    return version;
  }

  /** Sends a review's held-back move now, if any, and closes its window. */
  private flushProgress(id: string): void {
    const w = this.progressWindows.get(id);
    if (!w) return;
    clearTimeout(w.timer);
    this.progressWindows.delete(id);
    if (w.latest) this.sendProgress(w.latest);
  }

  private openProgressWindow(id: string): void {
    const timer = setTimeout(() => {
      const w = this.progressWindows.get(id);
      this.progressWindows.delete(id);
      if (!w?.latest) return; // quiet: the next move goes out at once again
      this.sendProgress(w.latest);
      this.openProgressWindow(id); // and the moves after it wait for the next window
    }, this.progressMs);
    timer.unref?.();
    this.progressWindows.set(id, { timer, latest: null });
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flushLists(), this.coalesceMs);
    this.timer.unref?.();
  }
}
