/**
 * Audit bursts of every process as one (docs/design.md: Several server processes; server/audit/bursts.ts for the
 * rules). The items of open bursts are rows of `cluster_audit_bursts` (migration 006): an occurrence is an upsert, and
 * only the one that inserts the item's row — the first anywhere in the burst — appends its line; a repeat on any
 * process counts in the row. A burst closes `windowMs` after it opened (a timer on each process that saw it, on the
 * clock) or when its review ends (on whichever process ends it): its rows are taken by one `DELETE … RETURNING`, so
 * exactly one process writes the one summary of all processes' repeats, and the review's end waits for it
 * (`closesLater`). A burst whose processes all went away is closed by the lease holder (`sweep`).
 */
import type pg from 'pg';
import type { AuditEvent } from '../../shared/domain.ts';
import type { Clock, Timer } from '../clock.ts';
import type { AuditInput, AuditStore } from '../store/audit.ts';
import { AuditBursts } from '../audit/bursts.ts';

interface Taken { details: Record<string, unknown>; summary: Omit<AuditInput, 'personal'>; repeats: number; opened: string; last_at: string | null }

export class SharedAuditBursts extends AuditBursts {
  override readonly closesLater = true;
  /** this process's window timers, per burst (group and when it opened) */
  private readonly timers = new Map<string, Timer>();
  private readonly writing = new Set<Promise<unknown>>();

  constructor(
    private readonly audit: AuditStore,
    private readonly time: Clock,
    private readonly window: number,
    /** the shared state's pool, once the cluster is ready */
    private readonly db: Promise<pg.Pool>,
  ) {
    super(audit, time, window);
  }

  override note(group: string, item: string, itemDetails: Record<string, unknown>, input: AuditInput, summary: Omit<AuditInput, 'personal'>): Promise<AuditEvent | null> {
    return this.track(this.noteShared(group, item, itemDetails, input, summary));
  }

  private async noteShared(group: string, item: string, itemDetails: Record<string, unknown>, input: AuditInput, summary: Omit<AuditInput, 'personal'>): Promise<AuditEvent | null> {
    const now = this.time.now();
    const pool = await this.db;
    const { rows } = await pool.query<{ inserted: boolean; opened: string }>(
      `INSERT INTO cluster_audit_bursts AS b (grp, item, details, summary, opened)
       VALUES ($1, $2, $3, $4, coalesce((SELECT min(opened) FROM cluster_audit_bursts WHERE grp = $1), $5))
       ON CONFLICT (grp, item) DO UPDATE SET repeats = b.repeats + 1, last_at = $5
       RETURNING (xmax = 0) AS inserted, opened`,
      [group, item, JSON.stringify(itemDetails), JSON.stringify(summary), now],
    );
    const r = rows[0]!;
    this.arm(group, Number(r.opened));
    if (!r.inserted) return null;
    try {
      return await this.audit.append(input);
    } catch (e) {
      // not written (a full disk): the next occurrence is a first one again, not a repeat of nothing
      await pool.query('DELETE FROM cluster_audit_bursts WHERE grp = $1 AND item = $2', [group, item]).catch(() => undefined);
      throw e;
    }
  }

  /** A timer for the burst's window on this process (one per burst). */
  private arm(group: string, opened: number): void {
    const key = `${opened}\n${group}`;
    if (this.timers.has(key)) return;
    this.timers.set(key, this.time.after(Math.max(0, opened + this.window - this.time.now()), () => {
      this.timers.delete(key);
      void this.track(this.closeShared(group, opened));
    }));
  }

  override close(group: string): Promise<void> {
    for (const [key, t] of this.timers) {
      if (key.slice(key.indexOf('\n') + 1) === group) {
        t.cancel();
        this.timers.delete(key);
      }
    }
    return this.track(this.closeShared(group, null));
  }

  /** Take the burst's rows (all of the group, or those of the burst opened at `opened`) and write their summary. */
  private async closeShared(group: string, opened: number | null): Promise<void> {
    try {
      const pool = await this.db;
      const { rows } = await pool.query<Taken>(
        `DELETE FROM cluster_audit_bursts WHERE grp = $1 AND ($2::bigint IS NULL OR opened = $2)
         RETURNING details, summary, repeats, opened, last_at`,
        [group, opened],
      );
      const repeated = rows.filter((r) => r.repeats > 0);
      if (!repeated.length) return;
      const first = Math.min(...rows.map((r) => Number(r.opened)));
      const last = Math.max(first, ...repeated.map((r) => Number(r.last_at ?? first)));
      const summary = repeated[0]!.summary;
      await this.audit.append({
        ...summary,
        details: { ...summary.details, repeats: repeated.map((r) => ({ ...r.details, count: r.repeats })), first: new Date(first).toISOString(), last: new Date(last).toISOString() },
      });
    } catch (e) {
      process.emitWarning(`audit summary not written: ${(e as Error).message}`);
    }
  }

  /** The lease holder: bursts whose window is over and whose timers went with their processes. */
  async sweep(): Promise<void> {
    const pool = await this.db;
    const { rows } = await pool.query<{ grp: string; opened: string }>('SELECT DISTINCT grp, opened FROM cluster_audit_bursts WHERE opened <= $1', [this.time.now() - this.window]);
    for (const r of rows) if (!this.timers.has(`${r.opened}\n${r.grp}`)) await this.track(this.closeShared(r.grp, Number(r.opened)));
  }

  /** This process's bursts closed now, and every write under way done (at shutdown, before the pool ends). */
  override async closeAll(): Promise<void> {
    const groups = new Set([...this.timers.keys()].map((k) => k.slice(k.indexOf('\n') + 1)));
    await Promise.all([...groups].map((g) => this.close(g)));
    while (this.writing.size) await Promise.allSettled([...this.writing]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.writing.add(p);
    void p.finally(() => this.writing.delete(p)).catch(() => undefined);
    return p;
  }
}
