/**
 * The supervisor's mirror across processes (docs/design.md: The supervisor's mirror; Several server processes): a
 * console on one process follows a kiosk on another. Over the relay (relay.ts, the adapter's `serverSideEmit`):
 *
 * - `inzage:mirror-watch {reviewId, on}`: a process tells the others that a console of its follows the review (at
 *   every opening), or that none does any more (its room emptied: closed, left, disconnected, ended). Each process
 *   pushes the review's view changes to the room while any process watches it; the adapter delivers the push to
 *   the consoles wherever they are.
 * - `inzage:mirror-who {reviewId}`: a process that gets the first report of a review's kiosk asks whether a console
 *   elsewhere follows it (the kiosk may have come from another process, or this process started after the opening);
 *   each process with one answers with `inzage:mirror-watch`, and the view goes to the room.
 * - `inzage:mirror-view {reviewId, kioskId}`: the view now, answered only by the process holding the kiosk's socket
 *   (that process gets the kiosk's reports; the kiosk reports again at every reconnect, wherever it lands).
 *
 * Who may mirror and the audit are unchanged: the opening is checked and audited by the console's own process
 * (realtime/mirror.ts); what travels between processes is server to server.
 */
import type { Namespace } from 'socket.io';
import type { ReviewSession } from '../../shared/domain.ts';
import type { MirrorView } from '../../shared/protocol.ts';
import { mirrorRoom, type MirrorPeers, type ReviewMirror } from '../realtime/mirror.ts';
import type { Store } from '../store/index.ts';
import type { Relay } from './relay.ts';

/** How long a console's opening waits for the kiosk's process to say what it shows (else: the review's position). */
const VIEW_ASK_MS = 2_000;
const ROOM_PREFIX = 'mirror:';

interface Watch { reviewId: string; on: boolean }
interface ViewRequest { reviewId: string; kioskId: string }

export class MirrorRelay implements MirrorPeers {
  constructor(
    private readonly relay: Relay,
    consoleNs: Namespace,
    mirror: ReviewMirror,
    store: Store,
    /** this process's sockets of a kiosk */
    private readonly localSockets: (kioskId: string) => number,
    /** whether a kiosk has a socket on any process */
    private readonly isOnline: (kioskId: string) => boolean,
  ) {
    relay.heard<Watch>('inzage:mirror-watch', (from, p) => {
      if (from !== relay.nodeId && typeof p?.reviewId === 'string') mirror.watchedElsewhere(p.reviewId, from, p.on === true);
    });
    // a process that gets a review's kiosk asks who watches it (the kiosk may have come from another process)
    relay.heard<{ reviewId: string }>('inzage:mirror-who', (from, p) => {
      if (from !== relay.nodeId && typeof p?.reviewId === 'string' && consoleNs.adapter.rooms.has(mirrorRoom(p.reviewId))) this.tell(p.reviewId, true);
    });
    relay.answer<ViewRequest>('inzage:mirror-view', async (p) => (this.localSockets(p.kioskId) > 0 ? mirror.viewForPeer(p.reviewId) : null));
    // (the adapter of the cluster: made before this is)
    consoleNs.adapter.on('delete-room', (room: unknown) => {
      if (typeof room === 'string' && room.startsWith(ROOM_PREFIX)) this.tell(room.slice(ROOM_PREFIX.length), false);
    });
    // a review ended on another process: its view and watchers are forgotten here too
    store.changes?.on((table, id) => {
      if (table !== 'reviews') return;
      const s = store.reviews.get(id);
      if (!s || s.endedAt) mirror.forget(id);
    });
    mirror.usePeers(this);
  }

  watching(reviewId: string): void {
    this.tell(reviewId, true);
  }

  whoWatches(reviewId: string): void {
    this.relay.tell('inzage:mirror-who', { reviewId });
  }

  async viewElsewhere(s: ReviewSession): Promise<MirrorView | undefined> {
    if (this.localSockets(s.kioskId) > 0 || !this.isOnline(s.kioskId)) return undefined;
    const answer = await this.relay.ask('inzage:mirror-view', { reviewId: s.id, kioskId: s.kioskId } satisfies ViewRequest, VIEW_ASK_MS);
    return isView(answer, s.id) ? answer : undefined;
  }

  private tell(reviewId: string, on: boolean): void {
    this.relay.tell('inzage:mirror-watch', { reviewId, on } satisfies Watch);
  }
}

function isView(v: unknown, id: string): v is MirrorView {
  const o = v as Partial<MirrorView> | null;
  return !!o && typeof o === 'object' && o.id === id && typeof o.position === 'string' && typeof o.questionNumber === 'number' && typeof o.open === 'boolean';
}
