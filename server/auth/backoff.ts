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

interface Entry { failures: number; pending: number; until: number; last: number }

const MAX_KEYS = 10_000;

export class Backoff {
  private entries = new Map<string, Entry>();
  constructor(readonly rule: BackoffRule, private readonly now: () => number) {}

  /** How long `key` must wait before its next attempt (0: it may go now). */
  wait(key: string): number {
    const e = this.entry(key);
    if (!e || e.failures + e.pending < this.rule.free) return 0;
    if (e.pending > 0) return 1000; // one attempt at a time past the free ones; its outcome decides the next wait
    return Math.max(0, e.until - this.now());
  }

  /** Count an attempt as under way (before checking it). */
  reserve(key: string): void {
    const e = this.entry(key) ?? this.create(key);
    e.pending++;
  }

  /** The attempt failed: it stays counted, and past the free ones it (re)starts the back-off. */
  fail(key: string): void {
    const e = this.entry(key) ?? this.create(key);
    e.pending = Math.max(0, e.pending - 1);
    e.failures++;
    e.last = this.now();
    const over = e.failures - this.rule.free;
    if (over >= 0) e.until = this.now() + Math.min(this.rule.maxMs, this.rule.baseMs * 2 ** Math.min(over, 30));
  }

  /** The attempt does not count (it succeeded); `forgive` also clears the key's failures. */
  release(key: string, forgive = false): void {
    const e = this.entry(key);
    if (!e) return;
    e.pending = Math.max(0, e.pending - 1);
    if (forgive) {
      e.failures = 0;
      e.until = 0;
    }
    if (e.pending === 0 && e.failures === 0) this.entries.delete(key);
  }

  private entry(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.pending === 0 && this.now() >= Math.max(e.until, e.last) + this.rule.forgetMs) {
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
