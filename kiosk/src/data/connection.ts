/**
 * The kiosk's one connection to the server: a ReactiveController that owns the socket.io socket to the
 * `/kiosk` namespace for as long as its host element is connected, turns server pushes into one immutable
 * {@link KioskState}, and offers the candidate's commands (navigate, reveal, logout) as typed methods.
 * Components never see the socket: they render `state` and call these methods through the host.
 *
 * Pairing (docs/design.md: Transport): without a token the server sends `pairing:code`; `kiosk:paired` brings the device
 * token, which is stored (the only thing the kiosk stores) before reconnecting with it. A refused token
 * (`connect_error` "kiosk-unknown"), `kiosk:unpaired`, or a pairing code sent despite a token all mean the
 * same: forget the token and pair again.
 *
 * The end of a review (docs/design.md: The review) always shows the end screen with the reason first: after `review:ended`;
 * after `kiosk:unpaired` (pairing follows the end screen); and after a `kiosk:state` whose `ended` names the
 * review this kiosk still showed, or hid behind the connection notice, when it lost the connection.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../../shared/errors.ts';
import type { EndReason } from '../../../shared/domain.ts';
import type { KioskClientToServer, KioskServerToClient, ReviewPayload, TypedReveal } from '../../../shared/protocol.ts';
import type { RemarkKind } from '../../../shared/domain.ts';
import { watchHealth } from './health.ts';
import { sebProof } from './seb.ts';
import { INITIAL_STATE, initialRemarks, initialReveals, startQuestionId, type KioskState, type RemarkEntry, type RevealEntry, type ReviewView, type Screen } from './state.ts';
import { forgetToken, readToken, saveToken } from './token.ts';
import { RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS } from './reconnect.ts';
import { RESUME_HINT, socketTransports } from '../../../shared/transport.ts';

type KioskSocket = Socket<KioskServerToClient, KioskClientToServer>;
type Host = ReactiveControllerHost & { readonly updateComplete: Promise<boolean> };

const ACK_TIMEOUT_MS = 5_000;
/** How long the end screen stays before the idle screen (docs/design.md: The review). */
export const ENDED_SCREEN_MS = 5_000;
/**
 * A review hidden behind the connection-loss overlay is dropped from memory after this long; if the
 * session is still active when the kiosk comes back, `kiosk:state` brings it again at its position.
 */
export const DROP_HIDDEN_REVIEW_MS = 60_000;
const RESTART_DELAY_MS = 1_000;

/** What a command sends: the input of its schema in shared/protocol.ts (`z.input<typeof NavigatePayload>`, …). */
type CommandPayload<E extends keyof KioskClientToServer> = Parameters<KioskClientToServer[E]>[0];
/** What the server's acknowledgement of a command carries: `Ack<T>` of the ack callback in the event map. */
type AckData<E extends keyof KioskClientToServer> = Parameters<KioskClientToServer[E]>[1] extends (ack: Ack<infer T>) => void ? T : never;
/** An acknowledgement, or none in time. */
type CommandResult<T> = Ack<T> | { ok: false; error: { code: 'timeout'; message?: string } };
const NO_ANSWER = { ok: false, error: { code: 'timeout' } } as const;

const NO_REVEAL: RevealEntry = { open: false, pending: false, data: null, error: null };

function kioskSocket(): KioskSocket {
  return io('/kiosk', {
    // a WebSocket first (one round trip fewer on the exam-room LAN; no sticky sessions needed behind a proxy),
    // long-polling where a proxy blocks it (shared/transport.ts)
    ...socketTransports(),
    // read at every (re)connect, so a new or forgotten token takes effect at once
    auth: (cb) => {
      // SEB's proof goes along unpaired too: pairing into a room that requires SEB checks it
      const token = readToken();
      const auth = token ? { token } : {};
      sebProof().then((seb) => cb(seb ? { ...auth, seb } : auth), () => cb(auth));
    },
    autoConnect: false,
    // back within about a second of the server (reconnect.ts)
    reconnectionDelay: RECONNECT_DELAY_MS,
    reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
  });
}

let early: KioskSocket | null = null;

/**
 * The idle screen of a paired kiosk's page (server/http/kioskPage.ts: `data-kiosk-*` on `ksk-app`), when this
 * kiosk still holds a token; otherwise the initial 'Verbinden…'.
 */
export function stateFromPage(doc: Document = document): KioskState {
  const app = doc.querySelector('ksk-app');
  const id = app?.getAttribute('data-kiosk-id');
  const name = app?.getAttribute('data-kiosk-name');
  if (!id || name === null || name === undefined || !readToken()) return INITIAL_STATE;
  return { connection: 'connecting', kiosk: { id, name }, screen: { name: 'idle' } };
}

/**
 * Opens the kiosk's socket as the page's script begins (main.ts; docs/design.md: The kiosk's first screen): its
 * handshake runs while the rest of the script is evaluated. The first {@link KioskConnection} takes it and adds
 * its listeners — in the same task as the script's evaluation, so no event can come before them.
 */
export function openEarly(): void {
  early ??= kioskSocket();
  if (!early.active) early.connect();
}

export class KioskConnection implements ReactiveController {
  /** Replaced on every change, never mutated. */
  state: KioskState = INITIAL_STATE;

  private readonly host: Host;
  private socket: KioskSocket | null = null;
  /** set while we drop the connection on purpose (to reconnect with or without a token) */
  private switching = false;
  private endedTimer: ReturnType<typeof setTimeout> | undefined;
  private dropTimer: ReturnType<typeof setTimeout> | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** the review dropped from memory while the connection was down (its id only: no candidate data) */
  private hiddenReviewId: string | null = null;
  /** what follows the end screen, when not the idle screen (pairing, after an unpair) */
  private afterEnded: Screen | null = null;
  /** stops the health reports of the current paired connection (they start with its `kiosk:state`) */
  private stopHealth: (() => void) | null = null;
  /** the last view told to the server (`review:view`): review, question, key or scheme open */
  private lastView: string | null = null;
  private viewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: Host) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    // the idle screen the server put in the page, kept until the socket says otherwise (no 'Verbinden…' between)
    if (this.state === INITIAL_STATE) this.state = stateFromPage();
    // the socket the page opened as its script began (openEarly), if no connection took it yet
    const socket = early ?? kioskSocket();
    early = null;
    this.socket = socket;
    this.listen(socket);
    if (!socket.active) socket.connect();
  }

  hostDisconnected(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.healthOff();
    for (const t of [this.endedTimer, this.dropTimer, this.restartTimer, this.viewTimer]) clearTimeout(t);
    this.viewTimer = undefined;
    this.state = INITIAL_STATE;
    this.hiddenReviewId = null;
    this.afterEnded = null;
    this.lastView = null;
  }

  /**
   * The review the screen belongs to: on screen, hidden behind the connection notice, or just ended (its end
   * screen). The candidate's display settings last as long as this stays the same.
   */
  get reviewId(): string | null {
    const s = this.state.screen;
    if (s.name === 'review') return s.review.id;
    if (s.name === 'ended') return s.reviewId;
    return this.hiddenReviewId;
  }

  // ---------- commands ----------

  /** Shows another question and tells the server, which records the position and informs the console. */
  navigate(questionId: string): void {
    const view = this.review;
    if (!view || view.questionId === questionId || !view.review.questions.some((q) => q.id === questionId)) return;
    this.setReview({ ...view, questionId });
    void this.command('review:navigate', { questionId });
  }

  /**
   * Shows or folds away the key or marking scheme. Every opening asks the server, which records each look
   * (docs/design.md: The audit log); what came before stays on screen meanwhile, folded away.
   */
  async toggleReveal(questionId: string): Promise<void> {
    const view = this.review;
    if (!view) return;
    const question = view.review.questions.find((q) => q.id === questionId);
    const entry = view.reveals[questionId] ?? NO_REVEAL;
    if (!question || entry.pending) return;
    if (entry.open) {
      this.setReveal(view.review.id, questionId, { ...entry, open: false });
      return;
    }
    this.setReveal(view.review.id, questionId, { ...entry, pending: true, error: null });
    const ack = await this.command('review:reveal', { questionId });
    // the server answers with the reveal of this question's type (server/review/payload.ts `revealOf`): tag it so
    const data = ack.ok && ack.data ? ({ type: question.type, ...ack.data } as TypedReveal) : null;
    if (data) this.setReveal(view.review.id, questionId, { open: true, pending: false, data, error: null });
    else this.setReveal(view.review.id, questionId, { open: false, pending: false, data: null, error: ack.ok ? { code: 'internal' } : ack.error });
  }

  /**
   * 'Opmerking opslaan': the server stores the remark (on disk before it answers) and answers with it as stored, or
   * with null when an empty text removed it. The form keeps what the candidate typed until the answer comes.
   */
  async saveRemark(questionId: string, kind: RemarkKind, text: string): Promise<void> {
    const view = this.review;
    if (!view) return;
    const entry: RemarkEntry = view.remarks[questionId] ?? { saved: null, pending: false, done: null, error: null };
    if (entry.pending) return;
    this.setRemark(view.review.id, questionId, { ...entry, pending: true, done: null, error: null });
    const ack = await this.command('review:remark', { questionId, kind, text });
    if (ack.ok) {
      const saved = ack.data ?? null;
      this.setRemark(view.review.id, questionId, { saved, pending: false, done: saved ? 'saved' : 'removed', error: null });
    } else {
      this.setRemark(view.review.id, questionId, { ...entry, pending: false, done: null, error: ack.error });
    }
  }

  /** 'Uitloggen': the server ends the session and answers with `review:ended`. */
  async logout(): Promise<void> {
    const view = this.review;
    if (!view || view.loggingOut) return;
    this.setReview({ ...view, loggingOut: true });
    const ack = await this.command('review:logout', {});
    const now = this.review;
    if (!ack.ok && now && now.review.id === view.review.id) this.setReview({ ...now, loggingOut: false });
  }

  // ---------- server pushes ----------

  private listen(socket: KioskSocket): void {
    socket.on('connect', () => {
      this.switching = false;
      clearTimeout(this.restartTimer);
      this.lastView = null; // a new connection: tell the server again what is on screen
      // a review stays hidden until `kiosk:state` says it is still on: it may have ended meanwhile
      this.set({ connection: this.review ? 'connecting' : 'online', refusal: undefined });
    });

    socket.on('disconnect', (reason) => {
      // the next handshakes say whether this kiosk had a review (on screen, or hidden behind the connection notice): a
      // restarted server serves those first (docs/design.md: Start-up); the token decides what it gets, as always
      socket.io.opts.query = this.review || this.hiddenReviewId ? { [RESUME_HINT.name]: RESUME_HINT.value } : {};
      this.healthOff();
      if (this.switching) return;
      this.set({ connection: 'offline' });
      this.scheduleDrop();
      // the server closed it (unpaired, revoked): socket.io does not retry that by itself
      if (reason === 'io server disconnect') this.restart();
    });

    socket.on('connect_error', (err) => {
      this.set({ refusal: err.message === 'seb-required' ? 'seb-required' : undefined });
      if (err.message === 'kiosk-unknown') {
        // unknown or revoked token: refused at the handshake, so pair again
        forgetToken();
        this.switching = false;
        this.toPairing();
        this.restart(0);
        return;
      }
      this.switching = false;
      this.set({ connection: 'offline' });
      this.scheduleDrop();
      if (!socket.active) this.restart(); // refused by a middleware: no automatic retry
    });

    socket.on('pairing:code', ({ code, expiresAt }) => {
      // a server that treats our token as unknown may also just send a code: it is no good any more
      if (readToken()) forgetToken();
      this.show({ name: 'pairing', code, expiresAt }, { kiosk: null });
    });

    // an admin chose a room that requires Safe Exam Browser, and this page is not in it: the code stays, with why
    socket.on('pairing:refused', () => this.set({ refusal: 'seb-required' }));

    socket.on('kiosk:paired', ({ token, kiosk }) => {
      saveToken(token);
      this.set({ kiosk, screen: { name: 'idle' }, refusal: undefined });
      this.reconnect();
    });

    socket.on('kiosk:state', ({ kiosk, review, ended, warning }) => {
      clearTimeout(this.dropTimer);
      this.healthOn();
      const shown = this.review?.review.id ?? this.hiddenReviewId;
      this.hiddenReviewId = null;
      if (review) {
        // `warning`: time was already almost up when we (re)connected; `review:warning` may have come while we were away
        this.showReview(review, kiosk, !!warning);
        return;
      }
      // the review on screen (or hidden) ended while we were away: say so, as `review:ended` would have
      if (ended && ended.id === shown) {
        this.set({ kiosk, connection: 'online' });
        this.showEnded(ended.reason, ended.id);
        return;
      }
      this.show({ name: 'idle' }, { kiosk, connection: 'online' });
    });

    socket.on('kiosk:renamed', ({ kiosk }) => this.set({ kiosk }));

    socket.on('review:started', async (payload, ack) => {
      this.showReview(payload, this.state.kiosk);
      // acknowledge once it is on screen: the server fails the start without this ack
      await this.host.updateComplete;
      ack({ ok: true });
    });

    socket.on('review:warning', () => {
      // the end does not move; `review.endsAt` is already on this kiosk's clock (see localTime)
      const view = this.review;
      if (view) this.setReview({ ...view, warningEndsAt: view.review.endsAt });
    });

    socket.on('review:ended', ({ reason }) => this.showEnded(reason, this.review?.review.id ?? this.hiddenReviewId));

    socket.on('kiosk:unpaired', () => {
      // the end screen of the review this ended (`review:ended` came first) stays up; pairing follows it
      forgetToken();
      this.toPairing();
      this.reconnect();
    });
  }

  // ---------- helpers ----------

  private get review(): ReviewView | null {
    return this.state.screen.name === 'review' ? this.state.screen : null;
  }

  /**
   * 'De inzage is beëindigd' with the reason, for a few seconds, then the idle screen (or pairing, after an
   * unpair). Drops every reference to the candidate's data at once: the review, its reveals, its position.
   */
  private showEnded(reason: EndReason, reviewId: string | null): void {
    clearTimeout(this.dropTimer);
    clearTimeout(this.endedTimer);
    const screen = this.state.screen;
    const id = reviewId ?? (screen.name === 'ended' ? screen.reviewId : null);
    this.hiddenReviewId = null;
    this.afterEnded = null;
    this.set({ screen: { name: 'ended', reason, reviewId: id } });
    this.endedTimer = setTimeout(() => {
      const next = this.afterEnded ?? { name: 'idle' };
      this.afterEnded = null;
      if (this.state.screen.name === 'ended') this.set({ screen: next });
    }, ENDED_SCREEN_MS);
  }

  /** Shows a screen without a review; while the end screen is up, it is what comes after it. */
  private show(screen: Exclude<Screen, ReviewView | { name: 'ended' }>, patch: Partial<KioskState> = {}): void {
    if (this.state.screen.name === 'ended') {
      if (screen.name !== 'idle') this.afterEnded = screen;
      this.set(patch);
      return;
    }
    this.set({ ...patch, screen });
  }

  /** `warned`: the server says the review's time-limit warning is due (`kiosk:state` `warning`). */
  private showReview(payload: ReviewPayload, kiosk: KioskState['kiosk'], warned = false): void {
    clearTimeout(this.endedTimer);
    this.afterEnded = null;
    this.hiddenReviewId = null;
    const review = localTime(payload);
    const same = this.review?.review.id === review.id ? this.review : null;
    // back after a lost connection in the same review: the question on screen stands. The server's position may lag
    // it — a move is written shortly after it is answered, and a server process killed meanwhile (failover to
    // another, docs/design.md: Several server processes) never wrote it — so the server is told again below.
    const kept = same && review.questions.some((q) => q.id === same.questionId) ? same.questionId : null;
    const view: ReviewView = {
      name: 'review',
      review,
      questionId: kept ?? startQuestionId(review),
      // what the policy sends up front is open at once; what the candidate opened or folded stays as it was
      reveals: { ...initialReveals(review), ...same?.reveals },
      remarks: same ? { ...initialRemarks(review), ...same.remarks } : initialRemarks(review),
      // the end does not move; `review.endsAt` is on this kiosk's clock (see localTime)
      warningEndsAt: warned ? review.endsAt : (same?.warningEndsAt ?? null),
      loggingOut: false,
    };
    this.set({ kiosk, connection: 'online', screen: view });
    if (kept && kept !== review.position) void this.command('review:navigate', { questionId: kept });
  }

  private toPairing(): void {
    this.hiddenReviewId = null;
    this.show({ name: 'pairing', code: null, expiresAt: null }, { kiosk: null });
  }

  private set(patch: Partial<KioskState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
    this.reportView();
  }

  /**
   * Tells the server what is on screen whenever it changes — the question, and whether its key or scheme is open
   * (folding it away asks nothing of the server otherwise) — for a supervisor's mirror. Nothing shows of it here.
   * Sent after the current task (one report for several changes at once; a review's start is acknowledged first).
   */
  private reportView(): void {
    this.viewTimer ??= setTimeout(() => {
      this.viewTimer = undefined;
      this.sendView();
    }, 0);
  }

  private sendView(): void {
    const view = this.review;
    if (!view || !this.socket?.connected) return;
    const open = view.reveals[view.questionId]?.open === true;
    const now = `${view.review.id}\n${view.questionId}\n${open}`;
    if (now === this.lastView) return;
    this.lastView = now;
    void this.command('review:view', { questionId: view.questionId, open });
  }

  private setReview(view: ReviewView): void {
    this.set({ screen: view });
  }

  private setReveal(reviewId: string, questionId: string, entry: RevealEntry): void {
    const view = this.review;
    if (!view || view.review.id !== reviewId) return; // the review ended meanwhile: keep nothing
    this.setReview({ ...view, reveals: { ...view.reveals, [questionId]: entry } });
  }

  private setRemark(reviewId: string, questionId: string, entry: RemarkEntry): void {
    const view = this.review;
    if (!view || view.review.id !== reviewId) return; // the review ended meanwhile: keep nothing
    this.setReview({ ...view, remarks: { ...view.remarks, [questionId]: entry } });
  }

  /** Drop the connection on purpose and open it again (new token, or none). */
  private reconnect(): void {
    const socket = this.socket;
    if (!socket) return;
    this.switching = true;
    socket.disconnect();
    socket.connect();
  }

  private restart(delay = RESTART_DELAY_MS): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.socket && !this.socket.connected && !this.socket.active) this.socket.connect();
    }, delay);
  }

  private scheduleDrop(): void {
    if (!this.review) return;
    clearTimeout(this.dropTimer);
    this.dropTimer = setTimeout(() => {
      const view = this.review;
      if (this.state.connection === 'online' || !view) return;
      // keep the id only, to recognise this review's end when the kiosk is back (`kiosk:state` `ended`)
      this.hiddenReviewId = view.review.id;
      this.set({ screen: { name: 'idle' } });
    }, DROP_HIDDEN_REVIEW_MS);
  }

  /** Report health now and on every change, for as long as this paired connection lasts (the server keeps the last). */
  private healthOn(): void {
    this.healthOff();
    this.stopHealth = watchHealth(window, (health) => void this.command('kiosk:health', health));
  }

  private healthOff(): void {
    this.stopHealth?.();
    this.stopHealth = null;
  }

  private async command<E extends keyof KioskClientToServer>(event: E, payload: CommandPayload<E>): Promise<CommandResult<AckData<E>>> {
    const socket = this.socket;
    if (!socket?.connected) return NO_ANSWER;
    try {
      // Socket.IO's types cannot follow a generic event name; the event map types the call sites and the server
      const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as { emitWithAck(event: E, payload: CommandPayload<E>): Promise<Ack<AckData<E>>> };
      return await timed.emitWithAck(event, payload);
    } catch {
      return NO_ANSWER; // no ack within the timeout
    }
  }
}

/**
 * The countdown runs on this PC's clock, which may be off: `serverNow` says what the server's clock read when
 * it sent the payload, so `endsAt` is moved onto the local clock by the difference.
 */
function localTime(review: ReviewPayload): ReviewPayload {
  if (!review.serverNow) return review;
  const skew = Date.now() - Date.parse(review.serverNow);
  if (!Number.isFinite(skew) || Math.abs(skew) < 1000) return review;
  return { ...review, endsAt: new Date(Date.parse(review.endsAt) + skew).toISOString() };
}
