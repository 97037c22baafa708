/**
 * Events a busy desk cannot miss (docs/design.md: Events a busy desk cannot miss): a kiosk going offline during a
 * review, 'Bijna voorbij', and a review that ended. The live connection turns what the server pushes into these
 * events; the shell shows each as a toast and counts the unseen ones in the tab title. Pure functions over the
 * live lists: no timers, no DOM.
 */
import type { EndReason } from '../../../shared/domain.ts';
import type { ReviewDto } from '../../../shared/protocol.ts';

export type DeskEventKind = 'offline' | 'warning' | 'ended';

export interface DeskEvent {
  /** unique per event */
  readonly key: string;
  readonly kind: DeskEventKind;
  readonly reviewId: string;
  readonly candidateName: string;
  readonly kioskName: string;
  /** an ended review: why */
  readonly reason?: EndReason;
  /** seen at the desk (the window got the focus back, or the toast was closed): no longer counted in the tab title */
  readonly seen: boolean;
}

/** At most this many toasts at once: a new one pushes out the oldest. */
export const MAX_EVENTS = 6;

let seq = 0;

export function deskEvent(kind: DeskEventKind, r: Pick<ReviewDto, 'id' | 'candidateName' | 'kioskName'>, reason?: EndReason): DeskEvent {
  return { key: `${kind}:${r.id}:${++seq}`, kind, reviewId: r.id, candidateName: r.candidateName, kioskName: r.kioskName, ...(reason ? { reason } : {}), seen: false };
}

/** Adds an event; an event of a review replaces that review's earlier offline (and, when it ended, warning) event. */
export function addEvent(events: readonly DeskEvent[], e: DeskEvent): DeskEvent[] {
  const replaced = e.kind === 'ended' ? ['offline', 'warning'] : e.kind === 'offline' ? ['offline'] : ['warning'];
  const kept = events.filter((x) => !(x.reviewId === e.reviewId && replaced.includes(x.kind)));
  return [...kept, e].slice(-MAX_EVENTS);
}

/**
 * The events after a new list of running reviews: a review whose kiosk went offline (or that is offline when the
 * console first learns of it) gets an offline event; one whose kiosk is back loses it.
 */
export function reviewsEvents(events: readonly DeskEvent[], before: readonly ReviewDto[], after: readonly ReviewDto[]): readonly DeskEvent[] {
  const wasOffline = new Set(before.filter((r) => !r.kioskOnline).map((r) => r.id));
  const offlineNow = new Set(after.filter((r) => !r.kioskOnline).map((r) => r.id));
  let next: readonly DeskEvent[] = events.filter((e) => e.kind !== 'offline' || offlineNow.has(e.reviewId));
  for (const r of after) {
    if (offlineNow.has(r.id) && !wasOffline.has(r.id) && !next.some((e) => e.kind === 'offline' && e.reviewId === r.id)) {
      next = addEvent(next, deskEvent('offline', r));
    }
  }
  return next.length === events.length && next.every((e, i) => e === events[i]) ? events : next;
}

/** How many events the desk has not seen: the tab title shows the count. */
export function unseenCount(events: readonly DeskEvent[]): number {
  return events.filter((e) => !e.seen).length;
}

export function markSeen(events: readonly DeskEvent[]): readonly DeskEvent[] {
  return events.some((e) => !e.seen) ? events.map((e) => (e.seen ? e : { ...e, seen: true })) : events;
}
