/** Runtime settings; defaults as docs/design.md describes them, overridable by the CLI, the environment and tests. */
export interface ServerConfig {
  /** Keep an active session alive this long while its kiosk is away. */
  graceMs: number;
  /** Push `review:warning` this long before the time limit. */
  warnBeforeMs: number;
  /** The kiosk must acknowledge `review:started` within this time. */
  startAckTimeoutMs: number;
  /** Staff login sessions: idle and absolute timeouts. */
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** Login failures before the back-off starts (server/auth/loginLimits.ts): per username and IP, per IP, per username. */
  loginFreeFailuresPerAccountIp: number;
  loginFreeFailuresPerIp: number;
  loginFreeFailuresPerAccount: number;
  /** Pairing-code entry: failed attempts per window per staff user. */
  pairingMaxFailures: number;
  /** Unpaired `/kiosk` sockets (each holds a pairing code) at once per client IP; more are refused `rate-limited`. */
  kioskMaxUnpairedPerIp: number;
  /** Socket.IO handshakes: origins accepted besides the server's own (`INZAGE_ORIGINS`). */
  origins: string[];
  /** Socket.IO handshakes: host names accepted besides IP literals, localhost and LAN-only names (`INZAGE_HOSTS`). */
  hosts: string[];
  /** Express `trust proxy` (`INZAGE_TRUST_PROXY`): which proxies' X-Forwarded-For to believe; false: none. */
  trustProxy: boolean | number | string;
  /** Session cookie `Secure` (when served over HTTPS). */
  secureCookies: boolean;
  /** Signs the session cookie. */
  secret: string;
  /** Where the built console and kiosk are (dist/web). */
  webRoot: string;
  /** Ended sessions kept in reviews.json (the audit log keeps all). */
  keepEndedReviews: number;
  /** Candidate data is kept this many days after an exam's review window ends, unless the exam says otherwise. */
  retentionDays: number;
  /** Purge exams whose retention ended, at start and once a day (`false` in tests that do not test it). */
  autoPurge: boolean;
  /** Repeats of a floodable audit event (a reveal, a failed login) within this window are summarised in one line. */
  auditBurstMs: number;
  /**
   * Several server processes (docs/design.md: Several server processes): the shared state's database and the Socket.IO
   * adapter. Unset (the default): one process, everything in its memory, as before.
   */
  cluster?: ClusterSettings;
}

/** How the processes of one installation share state and fan out events (server/cluster/). */
export interface ClusterSettings {
  /** PostgreSQL (`INZAGE_DATABASE_URL`): presence, pairing codes, missed ends, leases; the adapter when there is no Redis. */
  databaseUrl: string;
  /** The schema of the tables (that of the PostgreSQL store); default the connection's. */
  schema?: string;
  /** Redis (`INZAGE_REDIS_URL`): the Socket.IO adapter on a Redis stream. */
  redisUrl?: string;
  /** `redis` (the default when `redisUrl` is set) or `postgres` (`INZAGE_ADAPTER`). */
  adapter?: 'redis' | 'postgres';
  /** The Redis stream and channel prefix, or PostgreSQL NOTIFY channel prefix, of this installation (default `inzage`). */
  prefix?: string;
  /** How often a standby process tries to take over the timers, and the owner looks for dead processes (ms, default 2000). */
  leasePollMs?: number;
}

/**
 * `INZAGE_DATABASE_URL`, `INZAGE_REDIS_URL`, `INZAGE_ADAPTER` (`redis` | `postgres`), `INZAGE_CLUSTER_PREFIX`: the cluster
 * settings, or undefined for one process. Redis without a database is refused: the file store belongs to one process.
 */
export function clusterFrom(env: Record<string, string | undefined>): ClusterSettings | undefined {
  const databaseUrl = env.INZAGE_DATABASE_URL?.trim() || undefined;
  const redisUrl = env.INZAGE_REDIS_URL?.trim() || undefined;
  const adapter = env.INZAGE_ADAPTER?.trim() || undefined;
  const prefix = env.INZAGE_CLUSTER_PREFIX?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) throw new Error(`INZAGE_REDIS_URL must be a redis:// or rediss:// URL, not "${redisUrl}"`);
  if (adapter !== undefined && adapter !== 'redis' && adapter !== 'postgres') throw new Error(`INZAGE_ADAPTER must be "redis" or "postgres", not "${adapter}"`);
  if (adapter === 'redis' && !redisUrl) throw new Error('INZAGE_ADAPTER=redis needs INZAGE_REDIS_URL');
  if (prefix !== undefined && !/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`INZAGE_CLUSTER_PREFIX must be lower-case letters, digits and _ (at most 31), not "${prefix}"`);
  if (!databaseUrl) {
    if (redisUrl) throw new Error('INZAGE_REDIS_URL needs INZAGE_DATABASE_URL: several processes share their state in PostgreSQL (the file store belongs to one process)');
    return undefined;
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('INZAGE_DATABASE_URL must be a postgres:// URL');
  return { databaseUrl, ...(redisUrl ? { redisUrl } : {}), ...(adapter ? { adapter: adapter as 'redis' | 'postgres' } : {}), ...(prefix ? { prefix } : {}) };
}

export const DEFAULTS: Omit<ServerConfig, 'secret' | 'webRoot'> = {
  graceMs: 60_000,
  warnBeforeMs: 5 * 60_000,
  startAckTimeoutMs: 5_000,
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 60 * 60_000,
  loginFreeFailuresPerAccountIp: 5,
  loginFreeFailuresPerIp: 30,
  loginFreeFailuresPerAccount: 20,
  pairingMaxFailures: 10,
  kioskMaxUnpairedPerIp: 20,
  origins: [],
  hosts: [],
  trustProxy: false,
  secureCookies: false,
  keepEndedReviews: 200,
  retentionDays: 180,
  autoPurge: true,
  auditBurstMs: 60_000,
};

/** `INZAGE_RETENTION_DAYS`: a whole number of days, 0 to 3650; unset means the default. */
export function retentionDaysFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULTS.retentionDays;
  if (!/^\d{1,4}$/.test(value.trim()) || Number(value) > 3650) {
    throw new Error(`INZAGE_RETENTION_DAYS must be a whole number of days from 0 to 3650, not "${value}"`);
  }
  return Number(value);
}

/** `INZAGE_ORIGINS`: comma-separated origins (`https://inzage.school.nl`), each scheme, host and port only. */
export function originsFrom(value: string | undefined): string[] {
  return list(value).map((o) => {
    let url: URL | null = null;
    try {
      url = new URL(o);
    } catch { /* refused below */ }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== o.replace(/\/$/, '').toLowerCase()) {
      throw new Error(`INZAGE_ORIGINS must list origins such as https://inzage.school.nl (scheme, host, port; no path), not "${o}"`);
    }
    return url.origin;
  });
}

/** `INZAGE_HOSTS`: comma-separated host names (no port); a leading dot (`.school.nl`) takes every name under it. */
export function hostsFrom(value: string | undefined): string[] {
  return list(value).map((h) => {
    const name = h.toLowerCase();
    if (!/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(name)) throw new Error(`INZAGE_HOSTS must list host names such as inzage.school.nl (no scheme or port), not "${h}"`);
    return name;
  });
}

/**
 * `INZAGE_TRUST_PROXY`: unset or `false` trusts no proxy (X-Forwarded-For is ignored, so nobody can pick the IP
 * the login limits count); a number of hops; or addresses and subnets (`loopback`, `10.0.0.5`, `10.0.0.0/8`,
 * comma-separated) as Express's `trust proxy` takes them. `true` (trust anyone) is refused: it would let every
 * client choose its own IP.
 */
export function trustProxyFrom(value: string | undefined): boolean | number | string {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  if (v === 'true' || !/^[\w.:/, -]+$/.test(v)) {
    throw new Error(`INZAGE_TRUST_PROXY must be a number of proxies or the proxies' addresses (e.g. "loopback" or "10.0.0.5"), not "${value}"`);
  }
  return v;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');
}
