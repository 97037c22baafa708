/**
 * Several server processes (docs/design.md: Several server processes): how createApp joins one process to the others.
 * The shared state and the lease are in cluster.ts, the requests to the process holding a socket in relay.ts, the
 * Socket.IO adapter in adapter.ts.
 */
import type { ConsoleLink } from '../review/links.ts';
import type { ReviewEngine } from '../review/engine.ts';
import type { Store } from '../store/index.ts';
import type { Cluster } from './cluster.ts';

export { Cluster } from './cluster.ts';
export { Relay } from './relay.ts';
export { adapterKind } from './adapter.ts';
export { SharedKioskState } from './kioskState.ts';
export { SharedAuditBursts } from './bursts.ts';
export { LeaderJobs } from './leaderJobs.ts';

/**
 * What a process does with the others' changes: the lease holder runs the timers of every review (armed on taking the
 * lease, from the stored times; a review started or ended elsewhere gets or loses its timers), a kiosk going offline
 * anywhere starts its grace period there, and each process refreshes its own consoles' lists from its own copy of the
 * store, which follows the database (the lists go to this process's consoles only: realtime/consoles.ts) (the one-off events — ends, warnings, alerts, progress — reach every console
 * through the adapter from the process where they happen).
 */
export function joinCluster(cluster: Cluster, store: Store, engine: ReviewEngine, consoles: Pick<ConsoleLink, 'reviewsChanged' | 'kiosksChanged'>): void {
  const active = new Set(engine.active().map((s) => s.id));
  cluster.onLeader((leader) => {
    if (!leader) engine.standby();
  });
  store.changes?.on((table, id) => {
    if (table === 'reviews') {
      engine.sessionChanged(id);
      const s = store.reviews.get(id);
      const running = !!s && !s.endedAt;
      // a position moved elsewhere reaches the consoles as `review:progress`; the lists change on a start or an end
      if (running && active.has(id)) return;
      if (running) active.add(id);
      else active.delete(id);
      consoles.reviewsChanged();
      consoles.kiosksChanged();
    } else if (table === 'kiosks' || table === 'rooms') {
      consoles.kiosksChanged();
    } else if (table === 'remarks' || table === 'content') {
      // (content: another process imported; the review list names candidates and exams)
      consoles.reviewsChanged();
    }
  });
  cluster.run({
    lead: () => engine.boot(),
    presence: (kioskId, online) => {
      if (online) engine.cancelGrace(kioskId);
      else engine.kioskDisconnected(kioskId);
      consoles.kiosksChanged();
      consoles.reviewsChanged();
    },
  });
}
