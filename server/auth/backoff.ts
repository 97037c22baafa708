/**
 * Exponential back-off per key (docs/design.md: Security model, Limits), in memory (one process).
 *
 * An attempt is *reserved* before the expensive check (a password hash) and settled after it: it counts from the
 * moment it starts, so guesses sent in parallel each count. The first `free` failures cost nothing; after that
 * one attempt at a time is let through, each only once the back-off since the last failure has passed
 * (`baseMs`, doubling with each further failure, at most `maxMs`). A key is forgotten `forgetMs` after its last
 * failure (or back-off) with nothing under way.
 */
export interface BackoffRule {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetMs: number;
}

export interface BackoffEntry { failures: number; pending: number; until: number; last: number }
type Entry = BackoffEntry;

/**
 * The rules on one key's entry, shared by the in-memory back-off below and the one several processes keep in
 * PostgreSQL (server/cluster/backoff.ts).
 */
export const backoffRules = {
  /** Forgotten: nothing under way and `forgetMs` past its last failure or back-off. */
  forgotten: (rule: BackoffRule, e: Entry, now: number) => e.pending === 0 && now >= Math.max(e.until, e.last) + rule.forgetMs,
  wait(rule: BackoffRule, e: Entry | undefined, now: number): number {
    if (!e || e.failures + e.pending < rule.free) return 0;
    if (e.pending > 0) return 1000; // one attempt at a time past the free ones; its outcome decides the next wait
    return Math.max(0, e.until - now);
  },
  fail(rule: BackoffRule, e: Entry, now: number): void {
    e.pending = Math.max(0, e.pending - 1);
    e.failures++;
    e.last = now;
    const over = e.failures - rule.free;
    if (over >= 0) e.until = now + Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(over, 30));
  },
  release(e: Entry, forgive: boolean): void {
    e.pending = Math.max(0, e.pending - 1);
    if (forgive) {
      e.failures = 0;
      e.until = 0;
    }
  },
};
const MAX_KEYS = 10_000;

export class Backoff {
  private entries = new Map<string, Entry>();
  constructor(readonly rule: BackoffRule, private readonly now: () => number) {}

  /** How long `key` must wait before its next attempt (0: it may go now). */
  wait(key: string): number {
    return backoffRules.wait(this.rule, this.entry(key), this.now());
  }

  /** Count an attempt as under way (before checking it). */
  reserve(key: string): void {
    const e = this.entry(key) ?? this.create(key);
    e.pending++;
  }

  /** The attempt failed: it stays counted, and past the free ones it (re)starts the back-off. */
  fail(key: string): void {
    backoffRules.fail(this.rule, this.entry(key) ?? this.create(key), this.now());
  }

  /** The attempt does not count (it succeeded); `forgive` also clears the key's failures. */
  release(key: string, forgive = false): void {
    const e = this.entry(key);
    if (!e) return;
    backoffRules.release(e, forgive);
    if (e.pending === 0 && e.failures === 0) this.entries.delete(key);
  }

  private entry(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && backoffRules.forgotten(this.rule, e, this.now())) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  private create(key: string): Entry {
    if (this.entries.size >= MAX_KEYS) for (const k of [...this.entries.keys()]) this.entry(k); // drop forgotten ones
    const e = { failures: 0, pending: 0, until: 0, last: this.now() };
    this.entries.set(key, e);
    return e;
  }
}
