/**
 * The world every fuzz property runs against: the real server on a fake clock (so that nothing moves on its own:
 * no session deadline, last-seen time or timer), an admin and a supervisor logged in, a paired kiosk in an active
 * review, and the data directory's hash to compare with after every input.
 */
import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import {
  connectKiosk, consoleSocket, loggedIn, once, pairKiosk, startTestServer, type KioskSocket, type PairedKiosk, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { storeHash } from '../support/dataDir.ts';
import { eventually } from '../support/eventually.ts';

export const T0 = Date.parse('2026-06-05T10:00:00Z');
export const SITTING = 's-bi-120001';

export interface World {
  ts: TestServer;
  clock: FakeClock;
  boss: StaffClient;
  sup: StaffClient;
  kiosk: PairedKiosk;
  /** the paired kiosk's socket, showing `reviewId` */
  socket: KioskSocket;
  reviewId: string;
  /** the data directory's hash with the world set up */
  hash: string;
  /** real ids, so that malformed input also reaches existing things */
  ids: { exams: string[]; users: string[]; kiosks: string[]; reviews: string[]; groups: string[]; candidates: string[]; sittings: string[] };
}

export async function startWorld(): Promise<World> {
  const clock = new FakeClock(T0);
  const ts = await startTestServer({ clock });
  const [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
  const kiosk = await pairKiosk(ts.base, boss, 'Fuzz');
  const { socket } = await connectKiosk(ts.base, kiosk.token);
  const started = once(socket, 'review:started');
  const r = await sup.call('POST', '/api/reviews', { sittingId: SITTING, kioskId: kiosk.id });
  expect(r.status, r.text).to.equal(201);
  await started;
  // the pairing socket has gone: wait until the server has seen it go, so that the hash is final
  await eventually(() => ts.app.io.of('/kiosk').sockets.size === 1, { what: 'only the paired kiosk connected' });
  const content = ts.store.content;
  const world: World = {
    ts, clock, boss, sup, kiosk, socket, reviewId: r.json.id, hash: '',
    ids: {
      exams: content.exams().map((e) => e.id),
      users: ts.store.staff.all().map((u) => u.id),
      kiosks: [kiosk.id],
      reviews: [r.json.id],
      groups: content.groups().map((g) => g.id),
      candidates: content.candidates().map((c) => c.number),
      sittings: [SITTING],
    },
  };
  world.hash = await storeHash(ts.store);
  return world;
}

/** The same world if nothing changed it, else a fresh one (after a failed property). */
export async function reviveWorld(w: World): Promise<World> {
  const intact = (await storeHash(w.ts.store)) === w.hash && w.socket.connected && (await w.boss.call('GET', '/api/auth/me')).status === 200
    && (await w.sup.call('GET', '/api/auth/me')).status === 200;
  if (intact) return w;
  w.socket.close();
  await w.ts.close();
  return startWorld();
}

/**
 * After an input: the data directory is as it was, the server answers `/healthz` and a valid request, both
 * logins still work, and the kiosk's review is still on.
 */
export async function expectUnharmed(w: World, what: string): Promise<void> {
  expect(await storeHash(w.ts.store), `${what} changed the data directory`).to.equal(w.hash);
  const health = await fetch(`${w.ts.base}/healthz`);
  expect(health.status, `${what}: /healthz`).to.equal(200);
  expect((await health.json()).reviews, `${what}: the review ended`).to.equal(1);
  const exams = await w.boss.call('GET', '/api/exams');
  expect(exams.status, `${what}: a valid request afterwards`).to.equal(200);
  expect((await w.sup.call('GET', '/api/reviews')).json.map((r: { id: string }) => r.id), `${what}: the active review`).to.deep.equal([w.reviewId]);
}

/** A console socket of the admin, connected. */
export async function adminConsole(w: World) {
  const s = consoleSocket(w.ts.base, w.boss);
  await once(s, 'reviews:updated');
  return s;
}
