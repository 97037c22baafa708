/** The login store's touches (server/auth/sessionStore.ts): the stored idle deadline moves in steps, never past the request's. */
import { expect } from 'chai';
import type session from 'express-session';
import { DocSessionStore, TOUCH_STEP_MS, sessionKey } from '../../server/auth/sessionStore.ts';
import type { LoginSessionRepo, StoredSession } from '../../server/store/repositories.ts';

/** A repository in memory that counts what a touch asks it to write. */
function memoryRepo() {
  const sessions = new Map<string, StoredSession>();
  const repo: LoginSessionRepo & { soon: number } = {
    soon: 0,
    get: (key) => sessions.get(key),
    entries: () => [...sessions],
    put: async (key, s) => void sessions.set(key, s),
    putSoon(key, s) {
      this.soon++;
      sessions.set(key, s);
    },
    remove: async (keys) => keys.forEach((k) => sessions.delete(k)),
    removeSoon: (keys) => keys.forEach((k) => sessions.delete(k)),
    replaceAll: async (all) => {
      sessions.clear();
      for (const [k, s] of Object.entries(all)) sessions.set(k, s);
    },
  };
  return repo;
}

describe('login sessions: touches', () => {
  const IDLE = 30 * 60_000;
  const sess = (maxAge: number) => ({ cookie: { originalMaxAge: maxAge } }) as unknown as session.SessionData;

  it('stores a new idle deadline only once it has moved on by a step, so a login never lasts longer than its idle timeout', async () => {
    let now = 1_000_000;
    const repo = memoryRepo();
    const store = new DocSessionStore(repo, () => now);
    await new Promise<void>((res, rej) => store.set('sid-1', sess(IDLE), (e) => (e ? rej(e) : res())));
    const key = sessionKey('sid-1');
    expect(repo.get(key)!.expires).to.equal(now + IDLE);

    const touch = () => store.touch('sid-1', sess(IDLE));
    for (let i = 0; i < 10; i++) {
      now += 5_000; // a request every 5 s: 50 s in all
      touch();
    }
    expect(repo.soon, 'no write for the touches of the first minute').to.equal(0);
    expect(repo.get(key)!.expires).to.equal(1_000_000 + IDLE);

    now = 1_000_000 + TOUCH_STEP_MS;
    touch();
    expect(repo.soon).to.equal(1);
    expect(repo.get(key)!.expires).to.equal(now + IDLE);
    // the deadline kept is never later than the last request's, and at most a step earlier
    now += TOUCH_STEP_MS - 1;
    touch();
    expect(repo.soon).to.equal(1);
    expect(now + IDLE - repo.get(key)!.expires).to.be.within(0, TOUCH_STEP_MS);
  });

  it('steps by a twentieth of a short idle timeout', async () => {
    let now = 0;
    const repo = memoryRepo();
    const store = new DocSessionStore(repo, () => now);
    await new Promise<void>((res) => store.set('sid-2', sess(20_000), () => res()));
    now = 999;
    store.touch('sid-2', sess(20_000));
    expect(repo.soon).to.equal(0);
    now = 1_000;
    store.touch('sid-2', sess(20_000));
    expect(repo.soon).to.equal(1);
    expect(repo.get(sessionKey('sid-2'))!.expires).to.equal(21_000);
  });
});
