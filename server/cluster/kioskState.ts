/**
 * Several server processes (docs/design.md: Several server processes): what a process knows of a kiosk and shows to
 * every console — its last health report, its open leave-the-page alert (kiosks/health.ts) and since when Safe Exam
 * Browser refuses it (kiosks/hub.ts) — shared through one row per kiosk (`cluster_kiosk_state`, migration 006).
 *
 * The process that learns something writes the row (one write at a time per process, with what it knows at the time
 * of the write, so a burst of reports costs at most one write behind another) and then tells the others over the
 * Socket.IO adapter (`serverSideEmit`, after the commit); they read the row back and apply it. A process that starts
 * later reads every row. An alert is kept without its candidate's name (the console's list of open alerts names them
 * from the review, app.ts), so nothing personal outlives a review in the table. A kiosk's health is owned by the process holding its socket: a process does not overwrite
 * its own view of a kiosk connected to it with another's (a late notice would be older than what it has).
 */
import type pg from 'pg';
import type { Namespace } from 'socket.io';
import type { KioskHealthBook, SharedHealth } from '../kiosks/health.ts';
import { SerialQueue } from '../store/pg/serialQueue.ts';

const EVENT = 'inzage:kiosk-state';

interface Row { kiosk_id: string; report: SharedHealth['report']; alert: SharedHealth['alert']; seb_refused_at: string | null }

export interface KioskStateParts {
  health: KioskHealthBook;
  seb: {
    shareSebWith(share: (kioskId: string, at: number | null) => void): void;
    sebRefusedSince(kioskId: string): number | null;
    applySebRefusal(kioskId: string, at: number | null): void;
  };
  /** this process's sockets of a kiosk */
  localSockets(kioskId: string): number;
}

export class SharedKioskState {
  private readonly queue = new SerialQueue();
  /** kiosks with a write queued and not yet begun: a burst of changes costs one write */
  private readonly pendingHealth = new Set<string>();
  private readonly pendingSeb = new Set<string>();
  private reloads: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ns: Namespace,
    private readonly parts: KioskStateParts,
    private readonly active: () => boolean,
    private readonly log: (line: string) => void,
  ) {}

  /** Read every kiosk's shared state, then share this process's changes and apply the others'. */
  async start(): Promise<void> {
    const { rows } = await this.pool.query<Row>('SELECT kiosk_id, report, alert, seb_refused_at FROM cluster_kiosk_state');
    for (const r of rows) this.apply(r);
    this.parts.health.shareWith({ changed: (id) => this.healthChanged(id), forgot: (id) => this.forgot(id) });
    this.parts.seb.shareSebWith((id) => this.sebChanged(id));
    this.ns.on(EVENT, (kioskId: unknown) => {
      if (typeof kioskId !== 'string' || this.stopped) return;
      this.reloads = this.reloads.then(() => this.reload(kioskId)).catch((e: unknown) => this.log(`inzage: could not read a kiosk's shared state: ${(e as Error).message}`));
    });
  }

  /** Resolves once this process's writes are done and the others' notices heard so far are applied (tests). */
  async idle(): Promise<void> {
    await this.queue.idle();
    await this.reloads;
  }

  /** Writes queued are done; no more from here on (at close, before the pool ends). */
  async stop(): Promise<void> {
    await this.queue.idle();
    this.stopped = true;
    await this.reloads.catch(() => undefined);
  }

  private healthChanged(kioskId: string): void {
    if (this.pendingHealth.has(kioskId)) return;
    this.pendingHealth.add(kioskId);
    this.write(kioskId, () => {
      this.pendingHealth.delete(kioskId);
      const s = this.parts.health.state(kioskId);
      return this.pool.query(
        `INSERT INTO cluster_kiosk_state (kiosk_id, report, alert) VALUES ($1, $2, $3)
         ON CONFLICT (kiosk_id) DO UPDATE SET report = excluded.report, alert = excluded.alert`,
        // the candidate's name is not kept in the table (it would outlive the review): each process has it from its review
        [kioskId, s.report && JSON.stringify(s.report), s.alert && JSON.stringify({ ...s.alert, latest: s.alert.latest && { ...s.alert.latest, candidateName: '' } })],
      );
    });
  }

  private sebChanged(kioskId: string): void {
    if (this.pendingSeb.has(kioskId)) return;
    this.pendingSeb.add(kioskId);
    this.write(kioskId, () => {
      this.pendingSeb.delete(kioskId);
      return this.pool.query(
        `INSERT INTO cluster_kiosk_state (kiosk_id, seb_refused_at) VALUES ($1, $2)
         ON CONFLICT (kiosk_id) DO UPDATE SET seb_refused_at = excluded.seb_refused_at`,
        [kioskId, this.parts.seb.sebRefusedSince(kioskId)],
      );
    });
  }

  private forgot(kioskId: string): void {
    this.write(kioskId, () => this.pool.query('DELETE FROM cluster_kiosk_state WHERE kiosk_id = $1', [kioskId]));
  }

  private write(kioskId: string, fn: () => Promise<unknown>): void {
    if (this.stopped || !this.active()) return;
    this.queue.run(async () => {
      await fn();
      this.ns.serverSideEmit(EVENT, kioskId);
    }).catch((e: unknown) => this.log(`inzage: could not share a kiosk's state: ${(e as Error).message}`));
  }

  private async reload(kioskId: string): Promise<void> {
    const { rows } = await this.pool.query<Row>('SELECT kiosk_id, report, alert, seb_refused_at FROM cluster_kiosk_state WHERE kiosk_id = $1', [kioskId]);
    this.apply(rows[0] ?? { kiosk_id: kioskId, report: null, alert: null, seb_refused_at: null });
  }

  private apply(r: Row): void {
    // the process holding the kiosk's socket knows its health best (its own notice may be on its way still)
    if (this.parts.localSockets(r.kiosk_id) === 0) this.parts.health.apply(r.kiosk_id, { report: r.report, alert: r.alert });
    this.parts.seb.applySebRefusal(r.kiosk_id, r.seb_refused_at === null ? null : Number(r.seb_refused_at));
  }
}
