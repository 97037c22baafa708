/**
 * The console's live view of the server (docs/design.md: Transport, namespace `/admin`): kiosks, active reviews, and the
 * notices of reviews that just ended. The socket lives exactly as long as the host element is connected;
 * every event replaces the state (never mutates it) and asks the host to render.
 *
 * The kiosk and review lists come whole at connect and then as deltas (docs/design.md: Consoles: lists as deltas):
 * the console says so at the handshake, keeps the version it holds, applies each `lists:delta` that follows it and,
 * at a gap or another server run's delta, asks `lists:sync` for the full lists again. A reconnect brings them anyway.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type {
  AdminClientToServer, AdminServerToClient, ContentKind, KioskAlertDto, KioskDto, ListsDeltaDto, ListsVersionDto, ReviewDto, ReviewEndedDto, ReviewProgress,
} from '../../../shared/protocol.ts';
import { LISTS_DELTA_AUTH, applyListDelta } from '../../../shared/listDelta.ts';
import { socketTransports } from '../../../shared/transport.ts';
import { addEvent, deskEvent, markSeen, reviewsEvents, type DeskEvent } from './desk-events.ts';

export interface EndedNotice extends ReviewEndedDto {
  /** unique per notice, also when a review id comes back after a restart */
  key: string;
  /** the station it ran on, as the console knew it (a kiosk unpaired meanwhile is gone from the list) */
  kioskName?: string;
}

export interface LiveState {
  /** the socket is connected and the lists are current */
  readonly connected: boolean;
  /** the server has sent its full lists at least once */
  readonly synced: boolean;
  readonly kiosks: readonly KioskDto[];
  readonly reviews: readonly ReviewDto[];
  /** review ids that received the 5-minute warning */
  readonly warned: ReadonlySet<string>;
  readonly ended: readonly EndedNotice[];
  /** kiosks in review that left fullscreen, lost the focus or were hidden, until they are back (latest first) */
  readonly alerts: readonly KioskAlertDto[];
  /** events a busy desk cannot miss (offline during a review, 'Bijna voorbij', ended): the shell's toasts */
  readonly events: readonly DeskEvent[];
  /** counts the server's `content:updated` per kind: a screen reloads what it shows when its count moves */
  readonly versions: Readonly<Record<ContentKind, number>>;
}

const EMPTY: LiveState = {
  connected: false, synced: false, kiosks: [], reviews: [], warned: new Set(), ended: [], alerts: [], events: [], versions: { exams: 0, results: 0, users: 0, rooms: 0, remarks: 0 },
};
const NOTICE_MS = 30_000;

export interface LiveOptions {
  /** The server dropped the connection (logout elsewhere, session expired) or refused it at the handshake. */
  onRefused?: () => void;
}

export type AdminSocket = Socket<AdminServerToClient, AdminClientToServer>;

export class LiveController implements ReactiveController {
  state: LiveState = EMPTY;
  private socket: AdminSocket | null = null;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private seq = 0;
  /** the version of the lists this console holds; null until the server's `lists:version` (or while a sync runs) */
  private listsVersion: ListsVersionDto | null = null;
  private syncing = false;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: LiveOptions = {}) {
    host.addController(this);
  }

  hostConnected() {
    const socket: AdminSocket = io('/admin', {
      withCredentials: true, auth: { ...LISTS_DELTA_AUTH },
      // a WebSocket first, as the kiosk: behind a proxy in front of several server processes no sticky sessions are
      // needed for it; long-polling where a proxy refuses WebSockets (shared/transport.ts)
      ...socketTransports(),
    });
    this.socket = socket;
    socket.on('connect', () => this.set({ connected: true }));
    socket.on('disconnect', (reason) => {
      // a reconnect brings the full lists and their version again
      this.listsVersion = null;
      this.syncing = false;
      this.set({ connected: false });
      // The server only drops a console on purpose: the staff session ended. Socket.IO will not reconnect.
      if (reason === 'io server disconnect') this.options.onRefused?.();
    });
    socket.on('connect_error', () => {
      // Refused at the handshake (no valid session) or the server is unreachable: let the session decide.
      if (!socket.active) this.options.onRefused?.();
    });
    socket.on('kiosks:updated', (kiosks) => this.set({ kiosks, synced: true }));
    socket.on('reviews:updated', (reviews) => this.set({ ...this.reviewsPatch(reviews), synced: true }));
    socket.on('lists:version', (v) => {
      this.listsVersion = v;
      this.syncing = false;
    });
    socket.on('lists:delta', (d) => this.delta(d));
    socket.on('review:progress', (p: ReviewProgress) => {
      this.set({
        reviews: this.state.reviews.map((r) => (r.id === p.id
          ? { ...r, position: p.position, questionNumber: p.questionNumber, questionCount: p.questionCount }
          : r)),
      });
    });
    socket.on('review:warning', (p) => {
      const r = this.state.reviews.find((x) => x.id === p.id);
      this.set({
        ...(r ? { events: addEvent(this.state.events, deskEvent('warning', r)) } : {}),
        warned: new Set([...this.state.warned, p.id]),
        reviews: this.state.reviews.map((r) => (r.id === p.id ? { ...r, endsAt: p.endsAt } : r)),
      });
    });
    socket.on('review:ended', (p) => this.ended(p));
    // one alert per kiosk: its latest leaving; `kiosk:back` (or the review's end) clears it
    socket.on('kiosk:alert', (a) => this.set({ alerts: [a, ...this.state.alerts.filter((x) => x.kioskId !== a.kioskId)] }));
    socket.on('kiosk:back', (b) => this.set({ alerts: this.state.alerts.filter((x) => !(x.kioskId === b.kioskId && x.reviewId === b.reviewId)) }));
    socket.on('content:updated', ({ kinds }) => {
      const versions = { ...this.state.versions };
      for (const k of kinds) if (k in versions) versions[k] += 1;
      this.set({ versions });
    });
  }

  /** The live socket, for a screen with its own subscription on it (the mirror: data/mirror.ts); null while the shell is gone. */
  get channel(): AdminSocket | null {
    return this.socket;
  }

  hostDisconnected() {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.state = EMPTY;
  }

  /** The state that follows from a new review list: the desk's offline events, and warnings and alerts of reviews still there. */
  private reviewsPatch(reviews: readonly ReviewDto[]): Partial<LiveState> {
    const ids = new Set(reviews.map((r) => r.id));
    return {
      reviews,
      events: reviewsEvents(this.state.events, this.state.reviews, reviews),
      warned: new Set([...this.state.warned].filter((id) => ids.has(id))),
      alerts: this.state.alerts.filter((a) => ids.has(a.reviewId)),
    };
  }

  /** A `lists:delta`: applied when it follows the version held; one already held is ignored; a gap asks for the full lists. */
  private delta(d: ListsDeltaDto) {
    const held = this.listsVersion;
    if (this.syncing) return; // the full lists are on their way
    if (held && d.epoch === held.epoch && d.seq <= held.seq) return;
    if (!held || d.epoch !== held.epoch || d.seq !== held.seq + 1) return this.resync();
    this.listsVersion = { epoch: d.epoch, seq: d.seq };
    this.set({
      ...(d.kiosks ? { kiosks: applyListDelta(this.state.kiosks, d.kiosks) } : {}),
      ...(d.reviews ? this.reviewsPatch(applyListDelta(this.state.reviews, d.reviews)) : {}),
    });
  }

  /** Asks the server for the full lists again; deltas wait for them (`lists:version` ends the sync). */
  private resync() {
    const socket = this.socket;
    if (!socket?.connected) return;
    this.listsVersion = null;
    this.syncing = true;
    socket.emit('lists:sync', {}, (ack) => {
      if (!ack.ok) this.syncing = false; // the next delta asks again
    });
  }

  /** Removes an end notice (its close button, or after a while). */
  dismiss(key: string) {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.set({ ended: this.state.ended.filter((n) => n.key !== key) });
  }

  /** Closes a toast. */
  dismissEvent(key: string) {
    this.set({ events: this.state.events.filter((e) => e.key !== key) });
  }

  /** The desk has seen the toasts (the window got the focus back): the tab title no longer counts them. */
  seeEvents() {
    const events = markSeen(this.state.events);
    if (events !== this.state.events) this.set({ events });
  }

  private ended(p: ReviewEndedDto) {
    const key = `${p.id}:${++this.seq}`;
    const kioskName = this.state.reviews.find((r) => r.id === p.id)?.kioskName
      ?? this.state.kiosks.find((k) => k.id === p.kioskId)?.name;
    const warned = new Set(this.state.warned);
    warned.delete(p.id);
    this.set({
      reviews: this.state.reviews.filter((r) => r.id !== p.id),
      kiosks: this.state.kiosks.map((k) => (k.reviewId === p.id ? { ...k, reviewId: null } : k)),
      warned,
      alerts: this.state.alerts.filter((a) => a.reviewId !== p.id),
      ended: [...this.state.ended, { ...p, key, ...(kioskName ? { kioskName } : {}) }].slice(-5),
      events: addEvent(this.state.events, deskEvent('ended', { id: p.id, candidateName: p.candidateName, kioskName: kioskName ?? '' }, p.reason)),
    });
    this.timers.set(key, setTimeout(() => this.dismiss(key), NOTICE_MS));
  }

  private set(patch: Partial<LiveState>) {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }
}
