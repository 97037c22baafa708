/**
 * The `/admin` namespace (docs/design.md: Transport): staff consoles, authenticated by the staff session (the same
 * express-session and passport middleware as HTTP). Consoles listen; commands go over HTTP,
 * except the few registered with {@link ConsoleHub.command} (the mirror's subscription, realtime/mirror.ts).
 * Full lists (`kiosks:updated`, `reviews:updated`) are coalesced; `review:progress` is batched per review (the first
 * move at once, then at most one push per {@link PROGRESS_WINDOW_MS}: the latest position); warnings and ends go out
 * at once (an end after the review's last progress).
 */
import type { RequestHandler } from 'express';
import type { Namespace, Socket } from 'socket.io';
import { DomainError, apiError, type Ack } from '../../shared/errors.ts';
import type { AdminClientToServer, AdminServerToClient, ContentKind, KioskAlertDto, KioskBackDto, KioskDto, ReviewDto, ReviewEndedDto, ReviewProgress } from '../../shared/protocol.ts';
import type { Auth } from '../auth/session.ts';
import type { Clock, Timer } from '../clock.ts';
import type { ConsoleLink } from '../review/links.ts';
import { refusalError } from '../../shared/refusals.ts';

interface ConsoleSocketData { userId: string; sid: string }

/**
 * `review:progress` per review: the first move goes out at once (leading edge: a candidate's click shows on the
 * consoles without delay), later moves within this window are folded into one push of the latest position at its
 * end. A kiosk flooding `review:navigate` thus costs each console at most ~10 pushes a second, not one per move.
 */
export const PROGRESS_WINDOW_MS = 100;

/** A review's open progress window: its timer and the latest move not yet sent (null: none since the window opened). */
interface ProgressWindow { timer: NodeJS.Timeout; latest: ReviewProgress | null }
export type ConsoleNamespace = Namespace<AdminClientToServer, AdminServerToClient, Record<string, never>, ConsoleSocketData>;
export type ConsoleSocket = Socket<AdminClientToServer, AdminServerToClient, Record<string, never>, ConsoleSocketData>;
/** A command a console may send: validates its payload itself and answers the ack (a thrown DomainError is acked with its code). */
export type ConsoleCommand = (socket: ConsoleSocket, payload: unknown) => Promise<Ack<unknown>>;

export class ConsoleHub implements ConsoleLink {
  private pending = { reviews: false, kiosks: false };
  private timer: NodeJS.Timeout | null = null;
  private sweepTimer: Timer | null = null;
  private progressWindows = new Map<string, ProgressWindow>();
  private readonly commands = new Map<string, ConsoleCommand>();
  private readonly endListeners: ((p: ReviewEndedDto) => void)[] = [];

  constructor(
    private readonly ns: ConsoleNamespace,
    private readonly auth: Auth,
    private readonly lists: { reviews: () => ReviewDto[]; kiosks: () => KioskDto[]; alerts: () => KioskAlertDto[] },
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
      socket.emit('kiosks:updated', this.lists.kiosks());
      socket.emit('reviews:updated', this.lists.reviews());
      // a kiosk that left the page before this console connected: its alert is still open
      for (const a of this.lists.alerts()) socket.emit('kiosk:alert', a);
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

  kiosksChanged(): void {
    this.pending.kiosks = true;
    this.schedule();
  }

  progress(p: ReviewProgress): void {
    const open = this.progressWindows.get(p.id);
    if (open) {
      open.latest = p; // the latest position wins; sent when the window ends
      return;
    }
    this.ns.emit('review:progress', p);
    this.openProgressWindow(p.id);
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
    if (this.pending.reviews) this.ns.emit('reviews:updated', this.lists.reviews());
    if (this.pending.kiosks) this.ns.emit('kiosks:updated', this.lists.kiosks());
    this.pending = { reviews: false, kiosks: false };
  }

  /** Sends a review's held-back move now, if any, and closes its window. */
  private flushProgress(id: string): void {
    const w = this.progressWindows.get(id);
    if (!w) return;
    clearTimeout(w.timer);
    this.progressWindows.delete(id);
    if (w.latest) this.ns.emit('review:progress', w.latest);
  }

  private openProgressWindow(id: string): void {
    const timer = setTimeout(() => {
      const w = this.progressWindows.get(id);
      this.progressWindows.delete(id);
      if (!w?.latest) return; // quiet: the next move goes out at once again
      this.ns.emit('review:progress', w.latest);
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
