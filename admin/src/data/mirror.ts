/**
 * 'Meekijken': the console's subscription to one review's mirror (docs/design.md: The supervisor's mirror) on the
 * shell's live socket. `mirror:open` brings the review, its questions as the kiosk got them and what the kiosk
 * shows now; `mirror:view` pushes (to this review's room only) follow it; after a reconnect it opens again. When the
 * review ends (`review:ended`, or `no-review` at the opening) the mirror closes and drops the candidate's data.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EndReason } from '../../../shared/domain.ts';
import type { ApiError } from '../../../shared/errors.ts';
import type { MirrorDto, MirrorView, ReviewEndedDto } from '../../../shared/protocol.ts';
import type { AdminSocket } from './live.ts';

const ACK_TIMEOUT_MS = 5_000;

export type MirrorState =
  | { status: 'loading' }
  | { status: 'open'; mirror: MirrorDto; view: MirrorView }
  /** `reason`: why, when the console heard the end (else it had ended before it was opened) */
  | { status: 'ended'; reason: EndReason | null }
  | { status: 'error'; error: ApiError | { code: 'timeout'; message?: string } };

export class MirrorController implements ReactiveController {
  state: MirrorState = { status: 'loading' };
  private socket: AdminSocket | null = null;
  private reviewId = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Follow review `reviewId` on `socket` (the shell's live socket); a change of either closes the previous mirror. */
  follow(socket: AdminSocket | null, reviewId: string): void {
    if (socket === this.socket && reviewId === this.reviewId) return;
    this.stop();
    this.socket = socket;
    this.reviewId = reviewId;
    this.set({ status: 'loading' });
    if (!socket) return;
    socket.on('connect', this.onConnect);
    socket.on('mirror:view', this.onView);
    socket.on('review:ended', this.onEnded);
    if (socket.connected) void this.open();
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
    this.socket = null;
    this.reviewId = '';
    this.state = { status: 'loading' };
  }

  private readonly onConnect = () => {
    if (this.state.status !== 'ended') void this.open(); // a new connection is in no room: open it again
  };

  private readonly onView = (view: MirrorView) => {
    const s = this.state;
    if (view.id === this.reviewId && s.status === 'open') this.set({ ...s, view });
  };

  private readonly onEnded = (p: ReviewEndedDto) => {
    if (p.id === this.reviewId) this.set({ status: 'ended', reason: p.reason });
  };

  private async open(): Promise<void> {
    const socket = this.socket;
    const id = this.reviewId;
    if (!socket) return;
    let next: MirrorState;
    try {
      const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('mirror:open', { reviewId: id });
      if (ack.ok && ack.data) next = { status: 'open', mirror: ack.data, view: ack.data.view };
      else if (!ack.ok && ack.error.code === 'no-review') next = { status: 'ended', reason: null };
      else next = { status: 'error', error: ack.ok ? { code: 'internal', message: '' } : ack.error };
    } catch {
      next = { status: 'error', error: { code: 'timeout' } };
    }
    // another review (or none) is followed by now, or this one ended meanwhile
    if (socket !== this.socket || id !== this.reviewId || this.state.status === 'ended') return;
    this.set(next);
  }

  /** Leaves the review's room (the server answers; nothing waits for it) and stops listening. */
  private stop(): void {
    const socket = this.socket;
    if (!socket) return;
    socket.off('connect', this.onConnect);
    socket.off('mirror:view', this.onView);
    socket.off('review:ended', this.onEnded);
    if (socket.connected && this.reviewId && this.state.status === 'open') {
      socket.timeout(ACK_TIMEOUT_MS).emitWithAck('mirror:close', { reviewId: this.reviewId }).catch(() => undefined);
    }
  }

  private set(state: MirrorState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
