/**
 * express-session store over the login-session repository (`sessions.json` in the file store): a server restart does not log everyone out
 * (docs/design.md: Storage). Creating and destroying a session is written durably; touches are coalesced.
 *
 * The file keys each session by the SHA-256 of its id, never by the id itself: the id is the bearer secret in
 * the cookie, and whoever reads `sessions.json` (a backup, a copied data directory) must not be able to log in
 * with it. Every method takes the raw id (as express-session hands it) and hashes it; `sessionsOfUser` and
 * `destroyAllOfUser` deal in keys. A file from before this (raw ids as keys) is migrated when the server starts:
 * each raw id is replaced by its hash and the file rewritten, so nobody has to log in again.
 */
import { createHash } from 'node:crypto';
import session from 'express-session';
import type { LoginSessionRepo } from '../store/repositories.ts';

type Cb = (err?: unknown, value?: unknown) => void;

/**
 * A touch moves a login's stored idle deadline only once it has moved on by this much (or by a twentieth of the idle
 * timeout, if that is less): every staff request touches its session (rolling cookie), and each stored touch was a
 * rewrite of `sessions.json` within a second, beside the starts it served (issue 17). The deadline kept is at most
 * this much earlier than the last request's: a login may end that much sooner, never later.
 */
export const TOUCH_STEP_MS = 60_000;

/** The key under which a session id is stored. */
export function sessionKey(sid: string): string {
  return createHash('sha256').update(sid, 'utf8').digest('hex');
}
const KEY_RE = /^[0-9a-f]{64}$/;

export class DocSessionStore extends session.Store {
  constructor(private readonly repo: LoginSessionRepo, private readonly now: () => number) {
    super();
    this.migrate();
    this.prune();
  }

  /** Raw session ids (express-session's are 32 base64url characters) become their hashes. */
  private migrate(): void {
    const entries = this.repo.entries();
    if (entries.every(([k]) => KEY_RE.test(k))) return;
    const migrated = Object.fromEntries(entries.map(([k, v]) => [KEY_RE.test(k) ? k : sessionKey(k), v]));
    this.repo.replaceAll(migrated).catch((e: unknown) => console.error('inzage: could not rewrite sessions.json with hashed ids:', e));
  }

  /** The idle deadline on the server's clock: every request (rolling cookie) pushes it out again. */
  private expiresOf(sess: session.SessionData): number {
    return this.now() + this.idleOf(sess);
  }

  private idleOf(sess: session.SessionData): number {
    const maxAge = sess.cookie?.originalMaxAge;
    return typeof maxAge === 'number' && maxAge > 0 ? maxAge : 24 * 3600_000;
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    const key = sessionKey(sid);
    const s = this.repo.get(key);
    if (!s) return cb(null, null);
    if (s.expires <= this.now()) {
      this.repo.removeSoon([key]);
      return cb(null, null);
    }
    cb(null, structuredClone(s.data) as unknown as session.SessionData);
  }

  override set(sid: string, sess: session.SessionData, cb?: Cb): void {
    const key = sessionKey(sid);
    const stored = { data: JSON.parse(JSON.stringify(sess)) as Record<string, unknown>, expires: this.expiresOf(sess) };
    if (!this.repo.get(key)) this.repo.put(key, stored).then(() => cb?.(), cb);
    else {
      this.repo.putSoon(key, stored);
      cb?.();
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: Cb): void {
    const key = sessionKey(sid);
    const s = this.repo.get(key);
    const expires = this.expiresOf(sess);
    if (s && expires - s.expires >= Math.min(TOUCH_STEP_MS, this.idleOf(sess) / 20)) this.repo.putSoon(key, { ...s, expires });
    cb?.();
  }

  override destroy(sid: string, cb?: Cb): void {
    this.repo.remove([sessionKey(sid)]).then(() => cb?.(), cb);
  }

  /** Whether a login session exists and has not timed out (idle or absolute). */
  isLive(sid: string, absoluteTimeoutMs: number): boolean {
    const s = this.repo.get(sessionKey(sid));
    if (!s || s.expires <= this.now()) return false;
    const createdAt = (s.data as { createdAt?: number }).createdAt;
    return !createdAt || this.now() - createdAt <= absoluteTimeoutMs;
  }

  /** The keys (hashed ids) of the sessions whose data says they belong to this user (passport keeps `passport.user`). */
  sessionsOfUser(userId: string): string[] {
    return this.repo.entries()
      .filter(([, s]) => (s.data as { passport?: { user?: string } }).passport?.user === userId)
      .map(([key]) => key);
  }

  /** Ends every session of this user, except the one with id `exceptSid`; returns the keys of those ended. */
  async destroyAllOfUser(userId: string, exceptSid?: string): Promise<string[]> {
    const keep = exceptSid === undefined ? null : sessionKey(exceptSid);
    const keys = this.sessionsOfUser(userId).filter((k) => k !== keep);
    if (keys.length) await this.repo.remove(keys);
    return keys;
  }

  prune(): void {
    const now = this.now();
    this.repo.removeSoon(this.repo.entries().filter(([, s]) => s.expires <= now).map(([key]) => key));
  }
}
