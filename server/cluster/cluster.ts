/**
 * Several server processes of one installation (docs/design.md: Several server processes; issue 18 items 2 and 3).
 * What one process kept in memory is shared through PostgreSQL (migration 005) or owned by one process at a time:
 *
 * - kiosk presence: a row per connected kiosk socket (`cluster_presence`) and since when a kiosk has none anywhere
 *   (`cluster_offline`, where its grace period counts from); each process mirrors both in memory, reloaded per kiosk on
 *   NOTIFY, so that `isOnline` stays synchronous;
 * - pairing codes (`cluster_pairing`): an admin on any process pairs a code shown on any other, single use by a
 *   DELETE … RETURNING;
 * - missed ends (`cluster_missed_ends`);
 * - the timers (time limits, warnings, grace periods): run by the one process that holds the installation's lease, a
 *   session advisory lock on a dedicated connection. PostgreSQL releases it when that connection ends (the process
 *   died, or closed), and a standby takes it within `leasePollMs` (at once after a clean close, which announces it),
 *   re-arms every timer from the stored times and so ends each review once, on time.
 *
 * Each process also holds an advisory lock on its own id for as long as it lives; the lease holder takes a dead
 * process's lock, and so knows it is dead, and removes its presence (its kiosks go offline, and their grace begins).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pgPackage } from '../lazyPackages.ts';
import { transaction } from '../store/pg/db.ts';
import { SerialQueue } from '../store/pg/serialQueue.ts';
import type { EndReason } from '../../shared/domain.ts';
import type { Clock } from '../clock.ts';
import type { ClusterSettings } from '../config.ts';
import { migrate } from '../store/pg/migrate.ts';
import { adapterKind, openAdapter, type AdapterKind, type ClusterAdapter } from './adapter.ts';
import { PgBackoffs } from './backoff.ts';

/**
 * TCP keepalive of the lease connection, on PostgreSQL's side (seconds: idle before the first probe, between probes,
 * probes unanswered): a process whose host vanished (a power cut, a network gone) loses its connection, and so its
 * locks, about 25 s later — not after the server's default of two hours — and another process takes over its kiosks
 * and the timers. Set per connection (`SET`): an operator need not change the database server.
 */
export const LEASE_KEEPALIVE = { idle: 10, interval: 5, count: 3 } as const;

/** Login back-off rows are forgotten this long after their last failure (server/auth/loginLimits.ts). */
const BACKOFF_FORGET_MS = 24 * 60 * 60_000;

export const CLUSTER_CHANNEL = 'inzage_cluster';

interface Notice { s: string; k: 'presence' | 'missed' | 'lease-free'; id: string }

export interface MissedEnd { id: string; reason: EndReason; at: number }

/** The review engine's missed ends, as a Map's get/set/delete (server/review/engine.ts). */
export type MissedEnds = Pick<Map<string, MissedEnd>, 'get' | 'set' | 'delete'>;

export interface ClusterHooks {
  /** this process took the lease: arm every timer */
  lead(): void;
  /** a kiosk came online or went offline anywhere (not the changes of this process's own sockets, told by its hub) */
  presence(kioskId: string, online: boolean): void;
}

export class Cluster {
  readonly nodeId = randomUUID();
  readonly kind: AdapterKind;
  readonly prefix: string;
  /** resolves once connected, migrated, loaded and the adapter made */
  readonly ready: Promise<void>;
  private readonly pool: pg.Pool;
  /** holds this process's advisory locks (its id; the lease) and LISTENs */
  private readonly lease: pg.Client;
  private adapter: ClusterAdapter | null = null;
  private schema = '';
  private leader = false;
  private closing = false;
  /** set as close() begins: no lease is taken any more */
  private leaving = false;
  private trying = false;
  /** the lease connection broke (see leaseLost) */
  private detached = false;
  private poller: NodeJS.Timeout | null = null;
  private readonly queue = new SerialQueue();
  private notices: Promise<unknown> = Promise.resolve();
  private hooks: ClusterHooks | null = null;
  /** kiosk id → its sockets on other processes */
  private readonly remote = new Map<string, number>();
  /** kiosk id → since when it has no socket anywhere (epoch ms) */
  private readonly offline = new Map<string, number>();
  private readonly missed = new Map<string, MissedEnd>();
  private readonly leaderListeners: ((leader: boolean) => void)[] = [];
  private readonly leftListeners: (() => void)[] = [];
  /** the login back-off of every process */
  readonly backoffs: PgBackoffs;
  private backoffSweptAt = 0;

  constructor(
    private readonly settings: ClusterSettings,
    private readonly clock: Clock,
    /** this process's own sockets of a kiosk (kiosks/channel.ts) */
    private readonly localSockets: (kioskId: string) => number,
    private readonly log: (line: string) => void,
  ) {
    if (settings.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(settings.schema)) throw new Error(`Not a schema name: ${settings.schema}`);
    this.kind = adapterKind(settings);
    this.prefix = settings.prefix ?? 'inzage';
    // named in pg_stat_activity, so that an operator sees which process a connection is of
    const config: pg.ClientConfig = { connectionString: settings.databaseUrl, application_name: `inzage-${this.nodeId}`, ...(settings.schema ? { options: `-c search_path=${settings.schema}` } : {}) };
    this.pool = new (pgPackage().Pool)({ ...config, max: 4 });
    this.pool.on('error', (e) => log(`inzage: PostgreSQL (cluster) connection error: ${e.message}`));
    this.backoffs = new PgBackoffs(this.pool, () => clock.now());
    // TCP keepalive on the lease connection, both ways: a holder whose network went silent is noticed by PostgreSQL
    // (LEASE_KEEPALIVE, set at connect), which drops it and frees the lease
    this.lease = new (pgPackage().Client)({ ...config, keepAlive: true, keepAliveInitialDelayMillis: LEASE_KEEPALIVE.idle * 1000 });
    this.lease.on('error', (e) => this.leaseLost(e));
    this.lease.on('notification', (msg) => {
      if (msg.channel === CLUSTER_CHANNEL && msg.payload) this.heard(msg.payload);
    });
    this.ready = this.start();
    this.ready.catch(() => undefined); // the caller awaits it; an unawaited failure is not unhandled
  }

  /** The adapter factory for `io.adapter(…)` (after `ready`). */
  get adapterFactory(): unknown {
    if (!this.adapter) throw new Error('The cluster is not ready');
    return this.adapter.factory;
  }

  /** The lease connection's keepalive as PostgreSQL uses it (0 on a Unix socket, where there is none). */
  async leaseKeepalive(): Promise<{ idle: number; interval: number; count: number }> {
    const show = async (name: string) => Number((await this.lease.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]);
    return { idle: await show('tcp_keepalives_idle'), interval: await show('tcp_keepalives_interval'), count: await show('tcp_keepalives_count') };
  }

  /** Whether this process holds the lease (runs the timers). */
  get leading(): boolean {
    return this.leader;
  }

  /** The shared state's connection pool, for the other shared parts (kioskState.ts, bursts.ts); after `ready`. */
  get db(): pg.Pool {
    return this.pool;
  }

  /** Whether this process still takes part (not closing, its lease connection not lost). */
  get active(): boolean {
    return !this.closing && !this.detached;
  }

  /**
   * Called once if this process leaves the cluster while it lives (its lease connection broke): to the others it is
   * dead from then on — its presence swept, its kiosks' grace periods counting — so it must let its sockets go to
   * another process and stop taking new ones (app.ts), and `inzage serve` then exits for its service manager to
   * start it again (main.ts).
   */
  onLeft(listener: () => void): void {
    this.leftListeners.push(listener);
  }

  onLeader(listener: (leader: boolean) => void): void {
    this.leaderListeners.push(listener);
  }

  private async start(): Promise<void> {
    await this.lease.connect();
    // over TCP only (a Unix socket ignores them); bounds how long a vanished process keeps its locks
    const k = LEASE_KEEPALIVE;
    await this.lease.query(`SET tcp_keepalives_idle = ${k.idle}; SET tcp_keepalives_interval = ${k.interval}; SET tcp_keepalives_count = ${k.count}`);
    if (this.settings.schema) await this.lease.query(`CREATE SCHEMA IF NOT EXISTS ${this.settings.schema}`).catch(() => undefined);
    this.schema = (await this.lease.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? '';
    if (!this.schema) throw new Error('PostgreSQL has no current schema (check search_path)');
    await migrate(this.lease);
    await this.lease.query(`LISTEN ${CLUSTER_CHANNEL}`);
    // alive from here on: whoever can take this lock knows this process is gone
    await this.lease.query('SELECT pg_advisory_lock($1)', [await this.key(`node:${this.nodeId}`)]);
    await this.pool.query('INSERT INTO cluster_nodes (node_id, started_at) VALUES ($1, $2)', [this.nodeId, this.clock.now()]);
    await this.loadAll();
    this.adapter = await openAdapter({ kind: this.kind, redisUrl: this.settings.redisUrl, prefix: this.prefix, log: this.log, closing: () => this.closing }, this.pool);
  }

  /** Start taking part: presence changes and the lease go to `hooks` (the engine and consoles are built by now). */
  run(hooks: ClusterHooks): void {
    this.hooks = hooks;
    void this.tryLead();
    this.poller = setInterval(() => {
      if (this.leader) void this.sweepDead();
      else void this.tryLead();
    }, this.settings.leasePollMs ?? 2_000);
    this.poller.unref?.();
  }

  // ---------- presence ----------

  /** Whether the kiosk has a socket on any process. */
  isOnline(kioskId: string): boolean {
    return this.localSockets(kioskId) > 0 || (this.remote.get(kioskId) ?? 0) > 0;
  }

  /** Since when the kiosk has had no socket anywhere (null: online, or not known to have been). */
  offlineSince(kioskId: string): number | null {
    return this.isOnline(kioskId) ? null : this.offline.get(kioskId) ?? null;
  }

  /** One of this process's sockets of a kiosk connected. */
  connected(kioskId: string, socketId: string): void {
    this.offline.delete(kioskId);
    if (this.closing || this.detached) return;
    this.kioskWrite(kioskId, async (c) => {
      await c.query('INSERT INTO cluster_presence (node_id, socket_id, kiosk_id, since) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [this.nodeId, socketId, kioskId, this.clock.now()]);
      await c.query('DELETE FROM cluster_offline WHERE kiosk_id = $1', [kioskId]);
    });
  }

  /** One of this process's sockets of a kiosk went away. */
  disconnected(kioskId: string, socketId: string): void {
    const now = this.clock.now();
    if (!this.isOnline(kioskId) && !this.offline.has(kioskId)) this.offline.set(kioskId, now);
    if (this.closing || this.detached) return;
    this.kioskWrite(kioskId, async (c) => {
      await c.query('DELETE FROM cluster_presence WHERE node_id = $1 AND socket_id = $2', [this.nodeId, socketId]);
      await this.markOffline(c, [kioskId], now);
    });
  }

  /** Kiosks left with no socket anywhere get their offline time (the first one stays). */
  private async markOffline(c: pg.ClientBase, kioskIds: string[], now: number): Promise<void> {
    await c.query(
      `INSERT INTO cluster_offline (kiosk_id, since)
       SELECT k, $2 FROM unnest($1::text[]) AS k WHERE NOT EXISTS (SELECT 1 FROM cluster_presence p WHERE p.kiosk_id = k)
       ON CONFLICT (kiosk_id) DO NOTHING`,
      [kioskIds, now],
    );
  }

  private kioskWrite(kioskId: string, fn: (c: pg.PoolClient) => Promise<void>): void {
    this.serial(() => this.tx(async (c) => {
      await this.lockKiosks(c, [kioskId]);
      await fn(c);
      await this.notify(c, 'presence', [kioskId]);
    })).catch((e: unknown) => this.log(`inzage: could not share a kiosk's presence: ${(e as Error).message}`));
  }

  /** A kiosk's presence changes one transaction at a time, whichever process writes it. */
  private async lockKiosks(c: pg.ClientBase, kioskIds: string[]): Promise<void> {
    for (const id of [...new Set(kioskIds)].sort()) await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('inzage-kiosk:' || current_schema() || ':' || $1, 0))`, [id]);
  }

  private async reloadPresence(kioskId: string): Promise<void> {
    const was = this.isOnline(kioskId);
    const { rows } = await this.pool.query<{ remote: number; since: string | null }>(
      `SELECT (SELECT count(*) FROM cluster_presence WHERE kiosk_id = $1 AND node_id <> $2)::int AS remote,
              (SELECT since FROM cluster_offline WHERE kiosk_id = $1) AS since`,
      [kioskId, this.nodeId],
    );
    const r = rows[0]!;
    if (r.remote > 0) this.remote.set(kioskId, r.remote);
    else this.remote.delete(kioskId);
    if (r.since !== null) this.offline.set(kioskId, Number(r.since));
    else if (this.isOnline(kioskId)) this.offline.delete(kioskId);
    const now = this.isOnline(kioskId);
    if (now !== was) this.hooks?.presence(kioskId, now);
  }

  // ---------- missed ends ----------

  /** The engine's missed ends, shared: a kiosk back on another process still learns how its review ended. */
  readonly missedEnds: MissedEnds = {
    get: (kioskId) => this.missed.get(kioskId),
    set: (kioskId, m) => {
      this.missed.set(kioskId, m);
      this.write('missed', kioskId, (c) => c.query(
        `INSERT INTO cluster_missed_ends (kiosk_id, review_id, reason, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kiosk_id) DO UPDATE SET review_id = excluded.review_id, reason = excluded.reason, at = excluded.at`,
        [kioskId, m.id, m.reason, m.at],
      ));
      return this.missedEnds as Map<string, MissedEnd>;
    },
    delete: (kioskId) => {
      const had = this.missed.delete(kioskId);
      if (had) this.write('missed', kioskId, (c) => c.query('DELETE FROM cluster_missed_ends WHERE kiosk_id = $1', [kioskId]));
      return had;
    },
  };

  private async reloadMissed(kioskId: string): Promise<void> {
    const { rows } = await this.pool.query<{ review_id: string; reason: EndReason; at: string }>('SELECT review_id, reason, at FROM cluster_missed_ends WHERE kiosk_id = $1', [kioskId]);
    const r = rows[0];
    if (r) this.missed.set(kioskId, { id: r.review_id, reason: r.reason, at: Number(r.at) });
    else this.missed.delete(kioskId);
  }

  // ---------- pairing codes ----------

  /** A code this process's unpaired socket shows (replacing its previous one). */
  async codeIssued(code: string, socketId: string, expiresAt: number, ip: string): Promise<void> {
    if (this.closing || this.detached) return;
    await this.serial(() => this.pool.query(
      `INSERT INTO cluster_pairing (code, node_id, socket_id, expires_at, ip) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (node_id, socket_id) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at`,
      [code, this.nodeId, socketId, expiresAt, ip],
    ));
  }

  /** Unpaired kiosk sockets of a client address on every process (each shows a code). */
  async unpairedAt(ip: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cluster_pairing WHERE ip = $1', [ip]);
    return rows[0]?.n ?? 0;
  }

  codeRevoked(socketId: string): void {
    if (this.closing || this.detached) return;
    this.serial(() => this.pool.query('DELETE FROM cluster_pairing WHERE node_id = $1 AND socket_id = $2', [this.nodeId, socketId]))
      .catch((e: unknown) => this.log(`inzage: could not withdraw a pairing code: ${(e as Error).message}`));
  }

  /** Where a live code is shown, or undefined. */
  async findCode(code: string): Promise<{ nodeId: string; socketId: string } | undefined> {
    await this.queue.idle(); // this process's own codes are written by now
    const { rows } = await this.pool.query<{ node_id: string; socket_id: string }>('SELECT node_id, socket_id FROM cluster_pairing WHERE code = $1 AND expires_at > $2', [code, this.clock.now()]);
    return rows[0] && { nodeId: rows[0].node_id, socketId: rows[0].socket_id };
  }

  /** Use a live code up, once in the whole installation: undefined when it is gone (or another admin took it). */
  async takeCode(code: string): Promise<{ nodeId: string; socketId: string } | undefined> {
    await this.queue.idle();
    const { rows } = await this.pool.query<{ node_id: string; socket_id: string }>('DELETE FROM cluster_pairing WHERE code = $1 AND expires_at > $2 RETURNING node_id, socket_id', [code, this.clock.now()]);
    return rows[0] && { nodeId: rows[0].node_id, socketId: rows[0].socket_id };
  }

  // ---------- the lease ----------

  private async tryLead(): Promise<void> {
    if (this.leader || this.leaving || !this.hooks || this.trying) return;
    // one try at a time: the advisory lock is re-entrant, a second grant would need a second unlock
    this.trying = true;
    try {
      const { rows } = await this.lease.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [await this.key('lease')]);
      if (!rows[0]?.ok) return;
      if (this.leaving) {
        await this.lease.query('SELECT pg_advisory_unlock($1)', [await this.key('lease')]);
        return;
      }
      await this.sweepDead();
      // presence as it is now, then the timers from the stored times; `leading` once they are armed
      for (const id of [...this.remote.keys(), ...this.offline.keys()]) await this.reloadPresence(id);
      this.hooks.lead();
      this.leader = true;
      this.log(`inzage: this process (${this.nodeId}) runs the timers`);
      for (const l of this.leaderListeners) l(true);
    } catch (e) {
      this.log(`inzage: could not take the lease: ${(e as Error).message}`);
    } finally {
      this.trying = false;
    }
  }

  /**
   * The lease connection broke: for the others this process is gone from here on (its id lock is free, so the lease
   * holder removes its presence), so it stops taking part — no timers, no shared writes — and says so. It cannot
   * rejoin under the same id: restart it.
   */
  private leaseLost(e: Error): void {
    if (this.detached || this.closing) return;
    this.detached = true;
    this.leaving = true;
    if (this.poller) clearInterval(this.poller);
    this.log(`inzage: PostgreSQL (cluster lease) connection lost (${e.message}): this process no longer takes part in the cluster`);
    if (this.leader) {
      this.leader = false;
      for (const l of this.leaderListeners) l(false);
    }
    for (const l of this.leftListeners) l();
  }

  /** The processes whose id lock can be taken are gone: their sockets, codes and row go with them. */
  private async sweepDead(): Promise<void> {
    if (this.closing || this.detached) return;
    try {
      // a process whose row is gone but whose rows are left (it wrote on after it was found gone) is gone too
      const orphans = await this.pool.query<{ node_id: string }>(
        `SELECT node_id FROM cluster_presence UNION SELECT node_id FROM cluster_pairing
         EXCEPT SELECT node_id FROM cluster_nodes`,
      );
      for (const { node_id } of orphans.rows) if (node_id !== this.nodeId) await this.serial(() => this.removeNode(node_id));
      const { rows } = await this.pool.query<{ node_id: string }>('SELECT node_id FROM cluster_nodes WHERE node_id <> $1', [this.nodeId]);
      for (const { node_id } of rows) {
        const key = await this.key(`node:${node_id}`);
        const got = (await this.lease.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])).rows[0]?.ok;
        if (!got) continue;
        try {
          this.log(`inzage: process ${node_id} is gone; its kiosks are offline from now`);
          await this.serial(() => this.removeNode(node_id));
        } finally {
          await this.lease.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      }
      if (Date.now() - this.backoffSweptAt > 60_000) {
        this.backoffSweptAt = Date.now();
        await this.backoffs.sweep(BACKOFF_FORGET_MS);
      }
    } catch (e) {
      this.log(`inzage: could not look for stopped processes: ${(e as Error).message}`);
    }
  }

  private removeNode(nodeId: string): Promise<void> {
    return this.tx(async (c) => {
      const kiosks = (await c.query<{ kiosk_id: string }>('SELECT DISTINCT kiosk_id FROM cluster_presence WHERE node_id = $1', [nodeId])).rows.map((r) => r.kiosk_id);
      await this.lockKiosks(c, kiosks);
      await c.query('DELETE FROM cluster_presence WHERE node_id = $1', [nodeId]);
      await this.markOffline(c, kiosks, this.clock.now());
      await c.query('DELETE FROM cluster_pairing WHERE node_id = $1', [nodeId]);
      await c.query('DELETE FROM cluster_nodes WHERE node_id = $1', [nodeId]);
      await this.notify(c, 'presence', kiosks);
    });
  }

  // ---------- notices ----------

  private heard(payload: string): void {
    let n: Notice;
    try {
      n = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if (n.s !== this.schema || this.closing) return;
    // one at a time, in the order committed: a lease freed after a presence change is handled after it
    this.notices = this.notices.then(async () => {
      if (this.closing) return;
      if (n.k === 'presence') await this.reloadPresence(n.id);
      else if (n.k === 'missed') await this.reloadMissed(n.id);
      else if (n.k === 'lease-free') await this.tryLead();
    }).catch((e: unknown) => this.log(`inzage: could not reload shared state: ${(e as Error).message}`));
  }

  /**
   * Resolves once every shared change committed before the call is in this process's memory: a round trip on the
   * LISTEN connection (PostgreSQL delivers a session's notifications before its next answer), then the reloads.
   */
  async sync(): Promise<void> {
    if (this.closing || this.detached || !this.schema) return;
    await this.lease.query('SELECT 1').catch(() => undefined);
    let seen: Promise<unknown> | undefined;
    while (seen !== this.notices) {
      seen = this.notices;
      await seen;
    }
  }

  private async notify(c: pg.ClientBase, kind: Notice['k'], ids: string[]): Promise<void> {
    if (!ids.length) return;
    const payloads = [...new Set(ids)].map((id) => JSON.stringify({ s: this.schema, k: kind, id } satisfies Notice));
    await c.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [CLUSTER_CHANNEL, payloads]);
  }

  private write(kind: Notice['k'], id: string, fn: (c: pg.PoolClient) => Promise<unknown>): void {
    if (this.closing || this.detached) return;
    this.serial(() => this.tx(async (c) => {
      await fn(c);
      await this.notify(c, kind, [id]);
    })).catch((e: unknown) => this.log(`inzage: could not write shared state: ${(e as Error).message}`));
  }

  // ---------- plumbing ----------

  private async loadAll(): Promise<void> {
    const [presence, offline, missed] = await Promise.all([
      this.pool.query<{ kiosk_id: string; n: number }>('SELECT kiosk_id, count(*)::int AS n FROM cluster_presence WHERE node_id <> $1 GROUP BY kiosk_id', [this.nodeId]),
      this.pool.query<{ kiosk_id: string; since: string }>('SELECT kiosk_id, since FROM cluster_offline'),
      this.pool.query<{ kiosk_id: string; review_id: string; reason: EndReason; at: string }>('SELECT kiosk_id, review_id, reason, at FROM cluster_missed_ends'),
    ]);
    for (const r of presence.rows) this.remote.set(r.kiosk_id, r.n);
    for (const r of offline.rows) this.offline.set(r.kiosk_id, Number(r.since));
    for (const r of missed.rows) this.missed.set(r.kiosk_id, { id: r.review_id, reason: r.reason, at: Number(r.at) });
  }

  private async key(name: string): Promise<string> {
    const { rows } = await this.pool.query<{ k: string }>(`SELECT hashtextextended('inzage-' || $1::text || ':' || $2::text, 0)::text AS k`, [this.schema, name]);
    return rows[0]!.k;
  }

  /** This process's shared-state writes run one at a time, in call order. */
  private serial<R>(fn: () => Promise<R>): Promise<R> {
    return this.queue.run(fn);
  }

  private tx<R>(fn: (c: pg.PoolClient) => Promise<R>): Promise<R> {
    return transaction(this.pool, fn);
  }

  /**
   * Leave the installation: this process's sockets, codes and row are removed (its kiosks go offline at once), the
   * lease is given up and announced, so that a standby re-arms the timers without waiting for its next poll.
   */
  async close(): Promise<void> {
    if (this.closing || this.leaving) return;
    this.leaving = true; // takes no lease from here on
    if (this.poller) clearInterval(this.poller);
    await this.ready.catch(() => undefined);
    await this.queue.idle();
    this.closing = true;
    try {
      if (this.schema) {
        await this.removeNode(this.nodeId);
        if (this.leader) {
          await this.lease.query('SELECT pg_advisory_unlock($1)', [await this.key('lease')]);
          this.leader = false;
          await this.pool.query('SELECT pg_notify($1, $2)', [CLUSTER_CHANNEL, JSON.stringify({ s: this.schema, k: 'lease-free', id: this.nodeId } satisfies Notice)]);
        }
      }
    } catch (e) {
      this.log(`inzage: could not leave the cluster cleanly: ${(e as Error).message}`);
    }
    await this.notices.catch(() => undefined);
    await this.adapter?.close();
    await Promise.allSettled([this.lease.end(), this.pool.end()]);
  }
}
