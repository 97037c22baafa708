/**
 * The login back-off of several processes (docs/design.md: Several server processes): the same rules as the in-memory
 * one (server/auth/backoff.ts, `backoffRules`), on rows of `cluster_backoff` (migration 005), so that a guesser spreading
 * attempts over the processes meets one count. Each attempt's rows are locked (in one order, so two attempts cannot
 * deadlock) for the check and the reservation, which are thus one step for the whole installation.
 */
import type pg from 'pg';
import { backoffRules, type BackoffEntry, type BackoffRule } from '../auth/backoff.ts';

export interface BackoffKey { name: string; rule: BackoffRule; key: string }
export type Outcome = 'fail' | 'release' | 'forgive';

/** What LoginLimits (server/auth/loginLimits.ts) needs of a shared back-off. */
export interface SharedBackoffs {
  /** The longest wait of `keys` (`exempt` ones not counted), or 0 after reserving an attempt on each. */
  begin(keys: (BackoffKey & { exempt?: boolean })[]): Promise<number>;
  /** Settle an attempt on each key. */
  settle(keys: (BackoffKey & { how: Outcome })[]): Promise<void>;
  /** Whether a `known` mark is there, and setting one. */
  isMarked(name: string, key: string): Promise<boolean>;
  mark(name: string, key: string): Promise<void>;
  /** A fixed-window counter (server/auth/rateLimit.ts): count one hit, or the hits in the current window. */
  hit(name: string, key: string, windowMs: number): Promise<void>;
  hits(name: string, key: string): Promise<number>;
}

interface Row { rule: string; key: string; failures: number; pending: number; until: string; last: string }

export class PgBackoffs implements SharedBackoffs {
  constructor(private readonly pool: pg.Pool, private readonly now: () => number) {}

  begin(keys: (BackoffKey & { exempt?: boolean })[]): Promise<number> {
    return this.locked(keys, (entries, now) => {
      let wait = 0;
      keys.forEach((k, i) => { if (!k.exempt) wait = Math.max(wait, backoffRules.wait(k.rule, entries[i], now)); });
      if (wait > 0) return { wait, write: false };
      for (const e of entries) e.pending++;
      return { wait: 0, write: true };
    });
  }

  async settle(keys: (BackoffKey & { how: Outcome })[]): Promise<void> {
    await this.locked(keys, (entries, now) => {
      keys.forEach((k, i) => {
        const e = entries[i]!;
        if (k.how === 'fail') backoffRules.fail(k.rule, e, now);
        else backoffRules.release(e, k.how === 'forgive');
      });
      return { wait: 0, write: true };
    });
  }

  async isMarked(name: string, key: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM cluster_backoff WHERE rule = $1 AND key = $2', [name, key]);
    return rows.length > 0;
  }

  async mark(name: string, key: string): Promise<void> {
    await this.pool.query('INSERT INTO cluster_backoff (rule, key, last) VALUES ($1, $2, $3) ON CONFLICT (rule, key) DO UPDATE SET last = excluded.last', [name, key, this.now()]);
  }

  async hit(name: string, key: string, windowMs: number): Promise<void> {
    const now = this.now();
    await this.pool.query(
      `INSERT INTO cluster_backoff AS b (rule, key, failures, until, last) VALUES ($1, $2, 1, $3, $4)
       ON CONFLICT (rule, key) DO UPDATE SET
         failures = CASE WHEN b.until <= $4 THEN 1 ELSE b.failures + 1 END,
         until = CASE WHEN b.until <= $4 THEN $3 ELSE b.until END,
         last = $4`,
      [name, key, now + windowMs, now],
    );
  }

  async hits(name: string, key: string): Promise<number> {
    const { rows } = await this.pool.query<{ failures: number }>('SELECT failures FROM cluster_backoff WHERE rule = $1 AND key = $2 AND until > $3', [name, key, this.now()]);
    return rows[0]?.failures ?? 0;
  }

  /** Rows forgotten by every rule (a day after their last failure, nothing under way), and old marks (the lease holder's sweep). */
  async sweep(forgetMs: number): Promise<void> {
    await this.pool.query('DELETE FROM cluster_backoff WHERE pending = 0 AND greatest(until, last) < $1', [this.now() - forgetMs]);
  }

  /** `fn` on the keys' entries (a forgotten one starts afresh), in one transaction holding their rows. */
  private async locked(keys: BackoffKey[], fn: (entries: BackoffEntry[], now: number) => { wait: number; write: boolean }): Promise<number> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const now = this.now();
      const order = [...keys].sort((a, b) => (a.name + '\n' + a.key < b.name + '\n' + b.key ? -1 : 1));
      for (const k of order) await c.query('INSERT INTO cluster_backoff (rule, key, last) VALUES ($1, $2, $3) ON CONFLICT (rule, key) DO NOTHING', [k.name, k.key, now]);
      const { rows } = await c.query<Row>(
        `SELECT b.* FROM cluster_backoff b JOIN unnest($1::text[], $2::text[]) AS k(rule, key) USING (rule, key) ORDER BY b.rule, b.key FOR UPDATE OF b`,
        [keys.map((k) => k.name), keys.map((k) => k.key)],
      );
      const byKey = new Map(rows.map((r) => [`${r.rule}\n${r.key}`, r]));
      const entries = keys.map((k): BackoffEntry => {
        const r = byKey.get(`${k.name}\n${k.key}`);
        const e = r ? { failures: r.failures, pending: r.pending, until: Number(r.until), last: Number(r.last) } : { failures: 0, pending: 0, until: 0, last: now };
        return backoffRules.forgotten(k.rule, e, now) ? { failures: 0, pending: 0, until: 0, last: now } : e;
      });
      const { wait, write } = fn(entries, now);
      if (write) {
        for (const [i, k] of keys.entries()) {
          const e = entries[i]!;
          if (e.pending === 0 && e.failures === 0) await c.query('DELETE FROM cluster_backoff WHERE rule = $1 AND key = $2', [k.name, k.key]);
          else await c.query('UPDATE cluster_backoff SET failures = $3, pending = $4, until = $5, last = $6 WHERE rule = $1 AND key = $2', [k.name, k.key, e.failures, e.pending, e.until, e.last]);
        }
      }
      await c.query('COMMIT');
      return wait;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }
}
