/**
 * express-session store over the `sessions.json` document: a server restart does not log everyone out
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
import type { Store as DataStore } from '../store/index.ts';

type Cb = (err?: unknown, value?: unknown) => void;

/** The key under which a session id is stored. */
export function sessionKey(sid: string): string {
  return createHash('sha256').update(sid, 'utf8').digest('hex');
}
const KEY_RE = /^[0-9a-f]{64}$/;

export class DocSessionStore extends session.Store {
  constructor(private readonly store: DataStore, private readonly now: () => number) {
    super();
    this.migrate();
    this.prune();
  }

  /** Raw session ids (express-session's are 32 base64url characters) become their hashes. */
  private migrate(): void {
    const raw = Object.keys(this.sessions).filter((k) => !KEY_RE.test(k));
    if (!raw.length) return;
    const migrated = Object.fromEntries(Object.entries(this.sessions).map(([k, v]) => [KEY_RE.test(k) ? k : sessionKey(k), v]));
    this.store.sessions.data.sessions = migrated;
    this.store.sessions.write().catch((e: unknown) => console.error('inzage: could not rewrite sessions.json with hashed ids:', e));
  }

  private get sessions() {
    return this.store.sessions.data.sessions;
  }

  /** The idle deadline on the server's clock: every request (rolling cookie) pushes it out again. */
  private expiresOf(sess: session.SessionData): number {
    const maxAge = sess.cookie?.originalMaxAge;
    return this.now() + (typeof maxAge === 'number' && maxAge > 0 ? maxAge : 24 * 3600_000);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    const key = sessionKey(sid);
    const s = this.sessions[key];
    if (!s) return cb(null, null);
    if (s.expires <= this.now()) {
      delete this.sessions[key];
      this.store.sessions.writeSoon();
      return cb(null, null);
    }
    cb(null, structuredClone(s.data) as unknown as session.SessionData);
  }

  override set(sid: string, sess: session.SessionData, cb?: Cb): void {
    const key = sessionKey(sid);
    const isNew = !this.sessions[key];
    this.sessions[key] = { data: JSON.parse(JSON.stringify(sess)) as Record<string, unknown>, expires: this.expiresOf(sess) };
    if (isNew) this.store.sessions.write().then(() => cb?.(), cb);
    else {
      this.store.sessions.writeSoon();
      cb?.();
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: Cb): void {
    const s = this.sessions[sessionKey(sid)];
    if (s) {
      s.expires = this.expiresOf(sess);
      this.store.sessions.writeSoon();
    }
    cb?.();
  }

  override destroy(sid: string, cb?: Cb): void {
    delete this.sessions[sessionKey(sid)];
    this.store.sessions.write().then(() => cb?.(), cb);
  }

  /** Whether a login session exists and has not timed out (idle or absolute). */
  isLive(sid: string, absoluteTimeoutMs: number): boolean {
    const s = this.sessions[sessionKey(sid)];
    if (!s || s.expires <= this.now()) return false;
    const createdAt = (s.data as { createdAt?: number }).createdAt;
    return !createdAt || this.now() - createdAt <= absoluteTimeoutMs;
  }

  /** The keys (hashed ids) of the sessions whose data says they belong to this user (passport keeps `passport.user`). */
  sessionsOfUser(userId: string): string[] {
    return Object.entries(this.sessions)
      .filter(([, s]) => (s.data as { passport?: { user?: string } }).passport?.user === userId)
      .map(([key]) => key);
  }

  /** Ends every session of this user, except the one with id `exceptSid`; returns the keys of those ended. */
  async destroyAllOfUser(userId: string, exceptSid?: string): Promise<string[]> {
    const keep = exceptSid === undefined ? null : sessionKey(exceptSid);
    const keys = this.sessionsOfUser(userId).filter((k) => k !== keep);
    for (const key of keys) delete this.sessions[key];
    if (keys.length) await this.store.sessions.write();
    return keys;
  }

  prune(): void {
    const now = this.now();
    let removed = 0;
    for (const [key, s] of Object.entries(this.sessions)) if (s.expires <= now) { delete this.sessions[key]; removed++; }
    if (removed) this.store.sessions.writeSoon();
  }
}
