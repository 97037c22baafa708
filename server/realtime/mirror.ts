/**
 * 'Meekijken' (docs/design.md: The supervisor's mirror): a staff console follows, read-only, what one review's kiosk
 * shows now — the question on screen and whether its key or marking scheme is open.
 *
 * - The kiosk reports its view (`review:view {questionId, open}`) whenever it changes. Kept in memory per review,
 *   validated against its own active review and the reveal policy (an open panel the policy withholds is refused
 *   `forbidden`); it stores nothing and is not audited. Pushes to mirrors are coalesced per review (leading edge,
 *   then at most one per {@link MIRROR_WINDOW_MS}), and cost nothing while nobody mirrors the review.
 * - A console sends `mirror:open {reviewId}`: it joins the review's room and gets the review with its questions as
 *   the kiosk got them (the reveal policy applied) and the view now; the opening is audited `review.mirror-opened`
 *   (repeats summarised, as reveals). `mirror:view` goes to that room only, never to every console. `mirror:close`
 *   leaves it; the review's end empties it (consoles hear `review:ended` as always).
 *
 * Who: the `/admin` namespace takes staff sessions only (supervisor, admin); a kiosk's socket has no such command.
 *
 * Several processes (server/cluster/mirrorPeers.ts): the console and the kiosk may be on different processes. The
 * opening is checked and audited where the console is; the view now comes from the process that holds the kiosk's
 * socket; every process learns that the review is watched elsewhere, so whichever process gets the kiosk's reports
 * pushes `mirror:view` to the room, which the adapter delivers to the console's process.
 */
import { apiError, type Ack } from '../../shared/errors.ts';
import { refusal, refusalError } from '../../shared/refusals.ts';
import { MirrorPayload, ViewPayload, type MirrorDto, type MirrorView } from '../../shared/protocol.ts';
import type { ReviewSession } from '../../shared/domain.ts';
import type { AuditBursts } from '../audit/bursts.ts';
import type { ReviewEngine } from '../review/engine.ts';
import { sortedQuestions } from '../review/payload.ts';
import type { Store } from '../store/index.ts';
import type { ConsoleHub, ConsoleNamespace, ConsoleSocket } from './consoles.ts';

/** The Socket.IO room of the consoles mirroring one review. */
export const mirrorRoom = (reviewId: string) => `mirror:${reviewId}`;
/** A kiosk flooding view changes costs each mirror at most ~10 pushes a second (as `review:progress`). */
export const MIRROR_WINDOW_MS = 100;


/** Several processes: what the mirror asks of the others (server/cluster/mirrorPeers.ts). */
export interface MirrorPeers {
  /** A console here follows the review: every process pushes its kiosk's view changes to the room from now on. */
  watching(reviewId: string): void;
  /** This process got the first report of the review's kiosk: the processes whose consoles follow it say so. */
  whoWatches(reviewId: string): void;
  /** The view as the process holding the kiosk's socket knows it; undefined when that is this process, or none is. */
  viewElsewhere(s: ReviewSession): Promise<MirrorView | undefined>;
}

/** `seq`: the report's place in the order the kiosk sent them (checks may finish out of order; the latest sent wins) */
interface KioskView { questionId: string; open: boolean; seq: number }

export class ReviewMirror {
  /** per active review: what its kiosk last reported showing */
  private readonly views = new Map<string, KioskView>();
  /** per active review: how many reports came (numbers them in the order sent) */
  private readonly received = new Map<string, number>();
  /** per review: an open push window, and whether a change waits for its end */
  private readonly windows = new Map<string, { timer: NodeJS.Timeout; dirty: boolean }>();
  /** per review: the other processes with a console following it (several processes only) */
  private readonly elsewhere = new Map<string, Set<string>>();
  private peers: MirrorPeers | null = null;

  constructor(
    private readonly ns: ConsoleNamespace,
    consoles: ConsoleHub,
    private readonly engine: ReviewEngine,
    private readonly store: Store,
    private readonly bursts: AuditBursts,
    private readonly windowMs = MIRROR_WINDOW_MS,
  ) {
    consoles.command('mirror:open', (socket, p) => this.open(socket, p));
    consoles.command('mirror:close', async (socket, p) => {
      const parsed = MirrorPayload.safeParse(p);
      if (!parsed.success) return { ok: false, error: apiError('invalid-input') };
      await socket.leave(mirrorRoom(parsed.data.reviewId));
      return { ok: true };
    });
    consoles.onEnded(({ id }) => this.ended(id));
  }

  /** Several processes: the others keep kiosks' views and consoles' rooms too (set once the adapter is up). */
  usePeers(peers: MirrorPeers): void {
    this.peers = peers;
  }

  /** Another process has a console following the review (`on`), or has none any more. */
  watchedElsewhere(reviewId: string, nodeId: string, on: boolean): void {
    const nodes = this.elsewhere.get(reviewId) ?? new Set<string>();
    if (on && !nodes.has(nodeId)) {
      this.elsewhere.set(reviewId, nodes.add(nodeId));
      // a watcher this process did not know of: what its kiosk shows here goes to the room
      if (this.views.has(reviewId)) this.changed(reviewId);
    } else if (!on && nodes.delete(nodeId) && !nodes.size) this.elsewhere.delete(reviewId);
  }

  /**
   * Another process's console opens the mirror of a review whose kiosk is on this process: the view now. The review's
   * window is marked changed, so the view goes to the room once more at its end — after that console has joined it
   * (a report between this answer and its joining is not lost).
   */
  async viewForPeer(reviewId: string): Promise<MirrorView | null> {
    const s = this.engine.get(reviewId);
    if (!s || s.endedAt) return null;
    const view = await this.viewOf(s);
    const w = this.windows.get(reviewId);
    if (w) w.dirty = true;
    else {
      this.openWindow(reviewId);
      this.windows.get(reviewId)!.dirty = true;
    }
    return view;
  }

  /** A review ended (here or elsewhere): forget its view, windows and watchers. */
  forget(id: string): void {
    this.views.delete(id);
    this.received.delete(id);
    const w = this.windows.get(id);
    if (w) clearTimeout(w.timer);
    this.windows.delete(id);
    this.elsewhere.delete(id);
  }

  // ---------- kiosk ----------

  /** `review:view` from a kiosk: on its own active review, a question of its exam, open only where the policy shows it. */
  async report(kioskId: string, raw: unknown): Promise<Ack> {
    const p = ViewPayload.safeParse(raw);
    if (!p.success) return { ok: false, error: apiError('invalid-input') };
    const s = this.engine.activeForKiosk(kioskId);
    if (!s) return { ok: false, error: apiError('no-review') };
    const { questionId, open } = p.data;
    const seq = (this.received.get(s.id) ?? 0) + 1;
    this.received.set(s.id, seq);
    if (!this.engine.examOf(s)?.questions.some((q) => q.id === questionId)) {
      return { ok: false, error: refusalError('not-found', 'question-not-in-review') };
    }
    if (open && !(await this.engine.revealFor(s, questionId))) return { ok: false, error: apiError('forbidden') };
    const now = this.engine.get(s.id);
    if (!now || now.endedAt) return { ok: false, error: apiError('no-review') }; // it ended while this was checked
    const before = this.views.get(s.id);
    if (before && before.seq > seq) return { ok: true }; // a later report counts already (this one's check awaited)
    this.views.set(s.id, { questionId, open, seq });
    if (!before) this.peers?.whoWatches(s.id); // the kiosk's first report here
    if (before?.questionId === questionId && before.open === open) return { ok: true };
    this.changed(s.id);
    return { ok: true };
  }

  // ---------- consoles ----------

  private async open(socket: ConsoleSocket, raw: unknown): Promise<Ack<MirrorDto>> {
    const p = MirrorPayload.safeParse(raw);
    if (!p.success) return { ok: false, error: apiError('invalid-input') };
    const s = this.engine.get(p.data.reviewId);
    if (!s || s.endedAt) throw refusal('no-review', 'review-not-running');
    const payload = await this.engine.kioskPayload(s);
    const user = this.store.staff.byId(socket.data.userId);
    if (!payload || !user) throw refusal('no-review', 'review-not-running');
    const event = { actor: user.username, action: 'review.mirror-opened', target: s.id } as const;
    // a console opening it again and again is one line and a count, not a line each
    await this.bursts.note(`mirror:${s.id}:${user.id}`, 'opened', {}, { ...event, details: { kioskId: s.kioskId } }, event);
    // with several processes: the others push to the room from now on; the kiosk's own process knows its view
    this.peers?.watching(s.id);
    const view = (await this.peers?.viewElsewhere(s)) ?? await this.viewOf(s);
    // it may have ended while the audit line was written: then there is nothing to follow
    const now = this.engine.get(s.id);
    if (!now || now.endedAt) throw refusal('no-review', 'review-not-running');
    await socket.join(mirrorRoom(s.id));
    return { ok: true, data: { review: this.engine.dto(s), questions: payload.questions, view } };
  }

  private ended(id: string): void {
    this.forget(id);
    this.ns.in(mirrorRoom(id)).socketsLeave(mirrorRoom(id));
  }

  stop(): void {
    for (const w of this.windows.values()) clearTimeout(w.timer);
    this.windows.clear();
  }

  // ---------- pushes ----------

  /** What the kiosk shows now: its reported question (else the review's position), the key or scheme if open. */
  private async viewOf(s: ReviewSession): Promise<MirrorView> {
    const v = this.views.get(s.id);
    const position = v?.questionId ?? s.position;
    const reveal = v?.open ? await this.engine.revealFor(s, position) : null;
    const exam = this.engine.examOf(s);
    // numbered as `review:progress` numbers it: the question's place in the exam
    const questionNumber = exam ? sortedQuestions(exam).findIndex((q) => q.id === position) + 1 : 0;
    return { id: s.id, position, questionNumber, open: reveal !== null, reveal };
  }

  private watched(id: string): boolean {
    return (this.ns.adapter.rooms.get(mirrorRoom(id))?.size ?? 0) > 0 || this.elsewhere.has(id);
  }

  /** A review's view changed: pushed at once, or at the end of its open window (the latest only). */
  private changed(id: string): void {
    const w = this.windows.get(id);
    if (w) {
      w.dirty = true;
      return;
    }
    if (!this.watched(id)) return;
    this.push(id);
    this.openWindow(id);
  }

  private openWindow(id: string): void {
    const timer = setTimeout(() => {
      const w = this.windows.get(id);
      this.windows.delete(id);
      if (!w?.dirty || !this.watched(id)) return;
      this.push(id);
      this.openWindow(id);
    }, this.windowMs);
    timer.unref?.();
    this.windows.set(id, { timer, dirty: false });
  }

  private push(id: string): void {
    const s = this.engine.get(id);
    if (!s || s.endedAt) return;
    this.viewOf(s).then(
      (view) => {
        const now = this.engine.get(id);
        if (now && !now.endedAt) this.ns.to(mirrorRoom(id)).emit('mirror:view', view); // nothing after its end
      },
      (e: unknown) => console.error('inzage: a mirror push failed:', e),
    );
  }
}
