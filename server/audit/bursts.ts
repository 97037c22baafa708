/**
 * Repeats summarised (docs/design.md: The audit log). Some events can come in floods that a client controls — a
 * kiosk opening a key again and again, a script trying logins — and one line each would let anyone fill the log.
 * A burst groups them: the first time an item occurs in a burst it is appended at once (and the caller may wait
 * until it is on disk); repeats within the burst's window are only counted, and when the window closes one line
 * says how often each item came, from when to when. So a flood of any size costs one line per distinct item plus
 * one summary per window. A crash loses the count of a burst still open (never its first line).
 */
import type { AuditEvent } from '../../shared/domain.ts';
import type { Clock, Timer } from '../clock.ts';
import type { AuditInput, AuditStore } from '../store/audit.ts';

interface Burst {
  summary: Omit<AuditInput, 'personal'>;
  seen: Map<string, { details: Record<string, unknown>; repeats: number }>;
  first: number;
  last: number;
  timer: Timer;
}

export class AuditBursts {
  /**
   * Whether `close` appends its summary only later (the bursts of several processes, server/cluster/bursts.ts): then
   * whoever must write after the summary (a review's end) awaits it. Here the summary is appended at once.
   */
  readonly closesLater: boolean = false;
  private readonly open = new Map<string, Burst>();
  private readonly closing = new Set<Promise<unknown>>();

  constructor(private readonly log: AuditStore, private readonly clock: Clock, private readonly windowMs = 60_000) {}

  /**
   * One occurrence of `item` in burst `group`. The first in the burst is appended as `input` (resolves once on
   * disk); a repeat resolves at once and counts towards the summary, which is `summary` with
   * `details.repeats: [{...itemDetails, count}]`, `first` and `last`.
   */
  note(group: string, item: string, itemDetails: Record<string, unknown>, input: AuditInput, summary: Omit<AuditInput, 'personal'>): Promise<AuditEvent | null> {
    const now = this.clock.now();
    let burst = this.open.get(group);
    if (!burst) {
      burst = { summary, seen: new Map(), first: now, last: now, timer: this.clock.after(this.windowMs, () => void this.close(group)) };
      this.open.set(group, burst);
    }
    const seen = burst.seen.get(item);
    if (seen) {
      seen.repeats++;
      burst.last = now;
      return Promise.resolve(null);
    }
    burst.seen.set(item, { details: itemDetails, repeats: 0 });
    // not written (a full disk): the next occurrence is a first one again, not a repeat of nothing
    return this.log.append(input).catch((e: unknown) => {
      burst.seen.delete(item);
      throw e;
    });
  }

  /** Close a burst now (a review that ends closes its own, so its summary comes before its end). */
  close(group: string): Promise<void> {
    const burst = this.open.get(group);
    if (!burst) return Promise.resolve();
    this.open.delete(group);
    burst.timer.cancel();
    const repeats = [...burst.seen.values()].filter((s) => s.repeats > 0).map((s) => ({ ...s.details, count: s.repeats }));
    if (repeats.length === 0) return Promise.resolve();
    const written = this.log.append({
      ...burst.summary,
      details: { ...burst.summary.details, repeats, first: new Date(burst.first).toISOString(), last: new Date(burst.last).toISOString() },
    }).then(() => undefined, (e: unknown) => process.emitWarning(`audit summary not written: ${(e as Error).message}`));
    this.closing.add(written);
    void written.finally(() => this.closing.delete(written));
    return written;
  }

  /** Close every burst and wait for the summaries (at shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((g) => this.close(g)));
    await Promise.all([...this.closing]);
  }
}
