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
  /** Login rate limits: attempts per window per IP, failures per window per username. */
  loginWindowMs: number;
  loginMaxPerIp: number;
  loginMaxFailuresPerUser: number;
  /** Pairing-code entry: failed attempts per window per staff user. */
  pairingMaxFailures: number;
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
}

export const DEFAULTS: Omit<ServerConfig, 'secret' | 'webRoot'> = {
  graceMs: 60_000,
  warnBeforeMs: 5 * 60_000,
  startAckTimeoutMs: 5_000,
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 60 * 60_000,
  loginWindowMs: 15 * 60_000,
  loginMaxPerIp: 30,
  loginMaxFailuresPerUser: 5,
  pairingMaxFailures: 10,
  secureCookies: false,
  keepEndedReviews: 200,
  retentionDays: 180,
  autoPurge: true,
};

/** `INZAGE_RETENTION_DAYS`: a whole number of days, 0 to 3650; unset means the default. */
export function retentionDaysFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULTS.retentionDays;
  if (!/^\d{1,4}$/.test(value.trim()) || Number(value) > 3650) {
    throw new Error(`INZAGE_RETENTION_DAYS must be a whole number of days from 0 to 3650, not "${value}"`);
  }
  return Number(value);
}
