/**
 * Issue 11, the review's timing on the wire: the time-limit warning survives a kiosk's reconnect (`kiosk:state`
 * carries it), a review shorter than the warning period is still warned (halfway), and a kiosk flooding
 * `review:navigate` gives each console a handful of `review:progress` pushes, the last with the final position.
 * Real server, real socket clients; time limits on the injected fake clock.
 */
import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import { PROGRESS_WINDOW_MS } from '../../server/realtime/consoles.ts';
import {
  connectKiosk, consoleSocket, heardDuring, loggedIn, once, pairKiosk, startTestServer, type KioskSocket, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

const MINUTE = 60_000;

describe('review timing: the warning after a reconnect, short reviews, batched progress', function () {
  this.timeout(120_000);
  const t0 = Date.parse('2026-06-05T10:00:00Z');
  let clock: FakeClock;
  let ts: TestServer;
  let sup: StaffClient, boss: StaffClient;
  const sockets: { close(): void }[] = [];
  const track = <T extends { close(): void }>(s: T) => (sockets.push(s), s);

  before(async () => {
    clock = new FakeClock(t0);
    ts = await startTestServer({ clock });
  });
  beforeEach(async () => {
    clock.set(t0);
    [sup, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const r of ts.app.ctx.engine.active()) await ts.app.ctx.engine.finish(r.id, 'ended-by-supervisor', 'test');
  });
  after(() => ts.close());

  /** A paired kiosk, connected, showing a review of `sittingId`. */
  async function kioskInReview(name: string, sittingId: string) {
    const k = await pairKiosk(ts.base, boss, name);
    const { socket } = await connectKiosk(ts.base, k.token);
    track(socket);
    const started = once(socket, 'review:started');
    const r = await sup.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
    expect(r.status, r.text).to.equal(201);
    return { k, socket, reviewId: r.json.id as string, payload: await started };
  }

  /** Drop the kiosk's socket and wait until the server has seen it go. */
  async function away(kioskId: string, socket: KioskSocket) {
    socket.close();
    await eventually(() => !ts.app.ctx.kiosks.isOnline(kioskId), { what: 'the server saw the kiosk go' });
  }

  it('gives a kiosk that reconnects after the warning the warning again in kiosk:state', async () => {
    const { k, socket, payload } = await kioskInReview('Herverbinden', 's-bi-120001'); // 30 minutes
    // before the warning is due, a reconnect brings none
    clock.advance(24 * MINUTE);
    await away(k.id, socket);
    let again = await connectKiosk(ts.base, k.token);
    track(again.socket);
    expect(again.state.review?.id).to.equal(payload.id);
    expect(again.state).not.to.have.property('warning');

    const warned = once(again.socket, 'review:warning');
    clock.advance(MINUTE); // 5 minutes before the end
    expect(await warned).to.deep.equal({ endsAt: payload.endsAt });
    // the kiosk reloads (or loses its connection) after the warning: kiosk:state says time is almost up
    await away(k.id, again.socket);
    clock.advance(30_000);
    again = await connectKiosk(ts.base, k.token);
    track(again.socket);
    expect(again.state.review?.id).to.equal(payload.id);
    expect(again.state.warning).to.deep.equal({ at: new Date(t0 + 25 * MINUTE).toISOString(), endsAt: payload.endsAt });
  });

  it('warns a review not longer than the 5-minute warning period halfway through it; a longer one 5 minutes before its end', async () => {
    const watcher = track(consoleSocket(ts.base, boss));
    await once(watcher, 'reviews:updated');
    // 5 minutes is the shortest review an exam may have: it used to get no warning at all
    for (const [minutes, warnAfter, sittingId] of [[5, 2.5 * MINUTE, 's-wi-120001'], [6, MINUTE, 's-wi-120002']] as const) {
      clock.set(t0);
      const patch = await boss.call('PATCH', '/api/exams/wi-kb-2026/review', { maxMinutes: minutes });
      expect(patch.status, patch.text).to.equal(200);
      const { socket, reviewId, payload } = await kioskInReview(`Kort ${minutes}`, sittingId);
      expect(Date.parse(payload.endsAt) - Date.parse(payload.startedAt)).to.equal(minutes * MINUTE);
      // the fake clock runs due timers inside advance(): a warning would be on its way before the round trip
      expect(await heardDuring(socket, 'review:warning', async () => clock.advance(warnAfter - 1)), `${minutes} min`).to.deep.equal([]);
      const warned = once(socket, 'review:warning');
      const consoleWarned = once(watcher, 'review:warning');
      clock.advance(1);
      expect(await warned).to.deep.equal({ endsAt: payload.endsAt });
      expect(await consoleWarned).to.deep.equal({ id: reviewId, endsAt: payload.endsAt });
      const ended = once(socket, 'review:ended');
      clock.advance(minutes * MINUTE - warnAfter);
      expect(await ended).to.deep.equal({ reason: 'time-limit' });
    }
    await boss.call('PATCH', '/api/exams/wi-kb-2026/review', { maxMinutes: 20 });
  });

  it('warns halfway when the server\'s warning period is longer than the review (a 6-minute review, a 10-minute warning)', async () => {
    const c = new FakeClock(t0);
    const other = await startTestServer({ clock: c, config: { warnBeforeMs: 10 * MINUTE } });
    try {
      const admin = await loggedIn(other.base, 'boss');
      expect((await admin.call('PATCH', '/api/exams/wi-kb-2026/review', { maxMinutes: 6 })).status).to.equal(200);
      const k = await pairKiosk(other.base, admin, 'Lange waarschuwing');
      const { socket } = await connectKiosk(other.base, k.token);
      track(socket);
      const started = once(socket, 'review:started');
      const r = await (await loggedIn(other.base, 'sup1')).call('POST', '/api/reviews', { sittingId: 's-wi-120001', kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      const payload = await started;
      expect(await heardDuring(socket, 'review:warning', async () => c.advance(3 * MINUTE - 1))).to.deep.equal([]);
      const warned = once(socket, 'review:warning');
      c.advance(1);
      expect(await warned).to.deep.equal({ endsAt: payload.endsAt });
    } finally {
      await other.close();
    }
  });

  /** Send `positions` as review:navigate, as fast as the socket takes them; resolves when every one is acknowledged. */
  function flood(socket: KioskSocket, positions: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      let left = positions.length;
      for (const questionId of positions) {
        socket.emit('review:navigate', { questionId }, (ack: { ok: boolean }) => {
          if (!ack.ok) reject(new Error(`navigate refused: ${JSON.stringify(ack)}`));
          else if (--left === 0) resolve();
        });
      }
    });
  }

  it('batches review:progress per review: a flood of 25,000 moves gives each console a few pushes, the last one the final position', async () => {
    const consoles = [track(consoleSocket(ts.base, boss)), track(consoleSocket(ts.base, sup))];
    await Promise.all(consoles.map((c) => once(c, 'reviews:updated')));
    const { socket, reviewId, payload } = await kioskInReview('Vloed', 's-bi-120002');
    const ids: string[] = payload.questions.map((q: { id: string }) => q.id);
    const heard = consoles.map(() => [] as { position: string; questionNumber: number }[]);
    consoles.forEach((c, i) => c.on('review:progress', (p: any) => { if (p.id === reviewId) heard[i]!.push(p); }));

    const FLOOD = 25_000;
    // every move changes the position (old code pushed each to every console); the last one is question 3
    const positions = Array.from({ length: FLOOD }, (_, n) => ids[(n + 1) % 2 === 0 ? 0 : 1]!);
    positions[FLOOD - 1] = ids[2]!;
    const began = Date.now();
    await flood(socket, positions);
    // the final position arrives at the end of its window, without another move
    await eventually(() => heard.every((h) => h.at(-1)?.position === ids[2]), { timeout: 30_000, what: 'the final position on every console' });
    const elapsed = Date.now() - began;
    for (const h of heard) {
      expect(h.at(-1)!.questionNumber).to.equal(3);
      // one push at the first move, then at most one per window: far fewer than the moves
      expect(h.length).to.be.at.most(2 + Math.ceil(elapsed / PROGRESS_WINDOW_MS));
      expect(h.length).to.be.below(FLOOD / 10);
    }
    expect(ts.app.ctx.engine.get(reviewId)!.position).to.equal(ids[2]);
  });

  it('sends a review\'s held-back move before its review:ended', async () => {
    const watcher = track(consoleSocket(ts.base, boss));
    await once(watcher, 'reviews:updated');
    const { socket, reviewId, payload } = await kioskInReview('Laatste zet', 's-bi-120003');
    const ids: string[] = payload.questions.map((q: { id: string }) => q.id);
    const events: [string, any][] = [];
    watcher.on('review:progress', (p: any) => { if (p.id === reviewId) events.push(['progress', p]); });
    watcher.on('review:ended', (p: any) => { if (p.id === reviewId) events.push(['ended', p]); });
    const positions = Array.from({ length: 2_000 }, (_, n) => ids[n % 2 === 0 ? 1 : 0]!);
    positions.push(ids[3]!);
    await flood(socket, positions);
    // ended at once after the last acknowledged move, most likely inside its window
    expect((await sup.call('DELETE', `/api/reviews/${reviewId}`)).status).to.equal(204);
    await eventually(() => events.some(([kind]) => kind === 'ended'), { what: 'review:ended on the console' });
    const end = events.findIndex(([kind]) => kind === 'ended');
    expect(end).to.equal(events.length - 1);
    expect(events[end - 1]![1].position, 'the last progress before the end').to.equal(ids[3]);
  });
});
