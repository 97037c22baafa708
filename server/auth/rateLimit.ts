/** A fixed-window counter keyed by IP or username (in memory; one process). */
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly max: number, private readonly windowMs: number, private readonly now: () => number) {}

  /** Whether `key` has used up its attempts (without counting one). */
  blocked(key: string): boolean {
    const h = this.hits.get(key);
    return !!h && h.resetAt > this.now() && h.count >= this.max;
  }

  /** Count one attempt. */
  hit(key: string): void {
    const now = this.now();
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
    else h.count++;
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }
}
