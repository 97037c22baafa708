/**
 * express-session store over the `sessions.json` document: a server restart does not log everyone out
 * (docs/design.md: Storage). Creating and destroying a session is written durably; touches are coalesced.
 */
import session from 'express-session';
import type { Store as DataStore } from '../store/index.ts';

type Cb = (err?: unknown, value?: unknown) => void;

export class DocSessionStore extends session.Store {
  constructor(private readonly store: DataStore, private readonly now: () => number) {
    super();
    this.prune();
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
    const s = this.sessions[sid];
    if (!s) return cb(null, null);
    if (s.expires <= this.now()) {
      delete this.sessions[sid];
      this.store.sessions.writeSoon();
      return cb(null, null);
    }
    cb(null, structuredClone(s.data) as unknown as session.SessionData);
  }

  override set(sid: string, sess: session.SessionData, cb?: Cb): void {
    const isNew = !this.sessions[sid];
    this.sessions[sid] = { data: JSON.parse(JSON.stringify(sess)) as Record<string, unknown>, expires: this.expiresOf(sess) };
    if (isNew) this.store.sessions.write().then(() => cb?.(), cb);
    else {
      this.store.sessions.writeSoon();
      cb?.();
    }
  }

  override touch(sid: string, sess: session.SessionData, cb?: Cb): void {
    const s = this.sessions[sid];
    if (s) {
      s.expires = this.expiresOf(sess);
      this.store.sessions.writeSoon();
    }
    cb?.();
  }

  override destroy(sid: string, cb?: Cb): void {
    delete this.sessions[sid];
    this.store.sessions.write().then(() => cb?.(), cb);
  }

  /** Whether a login session exists and has not timed out (idle or absolute). */
  isLive(sid: string, absoluteTimeoutMs: number): boolean {
    const s = this.sessions[sid];
    if (!s || s.expires <= this.now()) return false;
    const createdAt = (s.data as { createdAt?: number }).createdAt;
    return !createdAt || this.now() - createdAt <= absoluteTimeoutMs;
  }

  /** Session ids whose data says they belong to this user (passport keeps `passport.user`). */
  sessionsOfUser(userId: string): string[] {
    return Object.entries(this.sessions)
      .filter(([, s]) => (s.data as { passport?: { user?: string } }).passport?.user === userId)
      .map(([sid]) => sid);
  }

  async destroyAllOfUser(userId: string): Promise<string[]> {
    const sids = this.sessionsOfUser(userId);
    for (const sid of sids) delete this.sessions[sid];
    if (sids.length) await this.store.sessions.write();
    return sids;
  }

  prune(): void {
    const now = this.now();
    let removed = 0;
    for (const [sid, s] of Object.entries(this.sessions)) if (s.expires <= now) { delete this.sessions[sid]; removed++; }
    if (removed) this.store.sessions.writeSoon();
  }
}
