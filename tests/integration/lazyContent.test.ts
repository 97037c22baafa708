/**
 * Start-up with the content read in the background (docs/design.md: Start-up): a restarted server listens and takes
 * kiosks back before it has read the exam content; nothing that needs the content is served before it is read —
 * a kiosk's review, any API request, a console — and each is served, correctly, once it is. A review whose time ran
 * out while the server was down ends (time-limit) once the content is read.
 */
import { expect } from 'chai';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp, type App } from '../../server/app.ts';
import { ContentNotLoadedError, CorruptDataError, openStore, type Store } from '../../server/store/index.ts';
import type { ReviewDto } from '../../shared/protocol.ts';
import { connectKiosk, consoleSocket, kioskSocket, loggedIn, once, onlineKiosk, pairKiosk, roundTrip, startReviewOn, startTestServer } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { describeFileStore } from '../support/stored.ts';

/** Records when a promise settled, so that a test can say it has not yet. */
function watch<T>(p: Promise<T>): { settled: boolean; value: Promise<T> } {
  const w = { settled: false, value: p };
  p.then(() => { w.settled = true; }, () => { w.settled = true; });
  return w;
}

describeFileStore('start-up: the content read in the background', 'the file store reads its content files after the server listens; the PostgreSQL store has read the sittings\' summaries before', function () {
  this.timeout(60_000);
  let dataDir: string;
  let app: App | undefined;
  let store: Store;
  let earlySup: Awaited<ReturnType<typeof loggedIn>>;
  const ids = { resumed: '', expired: '', kioskResumed: '', tokenResumed: '', tokenIdle: '' };

  before(async () => {
    // a server with two running reviews (one moved on to question bi4) and an idle kiosk, stopped
    const first = await startTestServer();
    dataDir = first.dataDir;
    const boss = await loggedIn(first.base, 'boss');
    const sup = await loggedIn(first.base, 'sup1');
    const k1 = await onlineKiosk(first.base, boss, 'Hervat');
    const k2 = await onlineKiosk(first.base, boss, 'Verlopen');
    const k3 = await pairKiosk(first.base, boss, 'Leeg');
    const r1 = await startReviewOn(first.base, sup, k1, 's-bi-120001');
    const r2 = await startReviewOn(first.base, sup, k2, 's-bi-120002');
    expect(await k1.socket.timeout(5000).emitWithAck('review:navigate', { questionId: 'bi4' })).to.deep.equal({ ok: true });
    k1.socket.close();
    k2.socket.close();
    earlySup = sup;
    await first.close({ keepData: true });
    Object.assign(ids, { resumed: r1.review.id, expired: r2.review.id, kioskResumed: k1.id, tokenResumed: k1.token, tokenIdle: k3.token });
    // the second review's time ran out while the server was down
    // (through the file store's review journal, as the server would have stored it)
    const files = openStore(dataDir);
    const [expired] = await files.reviews.removeWhere((r) => r.id === ids.expired);
    await files.reviews.add({ ...expired!, startedAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() - 60_000).toISOString() });
    await files.flush();
  });
  after(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes kiosks back before the content is read, and serves nothing that needs it until it is', async () => {
    let open!: () => void;
    const until = new Promise<void>((res) => { open = res; });
    store = openStore(dataDir, { lazyContent: { until } });
    app = createApp({ store, config: { secret: 'test-secret', autoPurge: false } });
    await new Promise<void>((res) => app!.server.listen(0, '127.0.0.1', () => res()));
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // a synchronous read of content before it is read throws: it never answers as if there were none
    expect(store.content.isReady).to.equal(false);
    expect(() => store.content.sittingSummary('s-bi-120001')).to.throw(ContentNotLoadedError);
    expect(() => store.content.exams()).to.throw(ContentNotLoadedError);

    // asked for before the content is read: a kiosk's review, the health check, an API request, a console
    const resumedSocket = kioskSocket(base, ids.tokenResumed);
    const resumed = watch(once<any>(resumedSocket, 'kiosk:state', 30_000));
    const health = watch(fetch(`${base}/healthz`));
    const login = watch(fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: '{}' }));
    // a console with a login from before the restart (the login sessions are not content)
    const early = consoleSocket(base, earlySup);
    const earlyList = watch(once<ReviewDto[]>(early, 'reviews:updated', 30_000));

    // an idle kiosk is taken back before the content is read: its state needs none (its handshake held meanwhile
    // while the kiosk with a review was away: RESUME_FIRST_MS here, that review waiting for the content)
    const idle = await connectKiosk(base, ids.tokenIdle);
    expect(idle.state.review).to.equal(null);
    expect(idle.state.kiosk.name).to.equal('Leeg');
    await roundTrip(idle.socket);
    await roundTrip(resumedSocket);
    expect(resumed.settled, 'the review sent before the content was read').to.equal(false);
    expect(health.settled, '/healthz answered before the content was read').to.equal(false);
    expect(login.settled, 'an API request answered before the content was read').to.equal(false);
    expect(earlyList.settled, 'a console served before the content was read').to.equal(false);
    // the review whose time ran out waits for the content to end (its record needs the sitting)
    expect(store.reviews.get(ids.expired)?.endedAt).to.equal(undefined);
    // a kiosk's command waits too, and is answered once the content is read
    const command = watch(resumedSocket.timeout(30_000).emitWithAck('review:navigate', { questionId: 'bi2' }));
    await roundTrip(resumedSocket);
    expect(command.settled).to.equal(false);

    open();
    const state = await resumed.value;
    expect(state.review.id).to.equal(ids.resumed);
    expect(state.review.position).to.equal('bi4');
    expect(state.review.candidate.name).to.equal('Sanne de Vries');
    expect(state.kiosk.id).to.equal(ids.kioskResumed);
    expect((await health.value).status).to.equal(200);
    expect((await login.value).status).to.equal(400); // an empty login is refused as ever: it was served, late
    expect(await command.value).to.deep.equal({ ok: true });
    expect((await earlyList.value).map((r) => r.id)).to.include(ids.resumed);
    early.close();
    await eventually(() => store.reviews.get(ids.resumed)?.position === 'bi2', { what: 'the navigation applied' });

    // the review that ran out while the server was down ended with its time, once the content was read
    await eventually(() => store.reviews.get(ids.expired)?.endReason === 'time-limit', { what: 'the expired review ended' });
    const sup = await loggedIn(base, 'sup1');
    const active = await sup.call<ReviewDto[]>('GET', '/api/reviews');
    expect(active.json.map((r) => r.id)).to.deep.equal([ids.resumed]);
    expect(active.json[0]!.candidateName).to.equal('Sanne de Vries');
    // a console connecting now gets the list as it is
    const console1 = consoleSocket(base, sup);
    const list = await once<ReviewDto[]>(console1, 'reviews:updated');
    expect(list.map((r) => r.id)).to.deep.equal([ids.resumed]);
    console1.close();
    idle.socket.close();
    resumedSocket.close();
  });

  it('gives a kiosk its review back before the sittings\' summaries are read; a candidate\'s command waits for them', async () => {
    // a server with a running review, moved on to question bi3, stopped
    const seed = await startTestServer();
    const boss = await loggedIn(seed.base, 'boss');
    const sup = await loggedIn(seed.base, 'sup1');
    const k = await onlineKiosk(seed.base, boss, 'Vroeg');
    const r = await startReviewOn(seed.base, sup, k, 's-bi-120003');
    expect(await k.socket.timeout(5000).emitWithAck('review:navigate', { questionId: 'bi3' })).to.deep.equal({ ok: true });
    k.socket.close();
    await seed.close({ keepData: true });
    const dir = seed.dataDir;
    let early: App | undefined;
    try {
      // the summaries held back: exams, candidates and the index's bytes are read, its summaries not parsed
      let open!: () => void;
      const summariesUntil = new Promise<void>((res) => { open = res; });
      const lazy = openStore(dir, { lazyContent: { summariesUntil } });
      early = createApp({ store: lazy, config: { secret: 'test-secret', autoPurge: false } });
      await new Promise<void>((res) => early!.server.listen(0, '127.0.0.1', () => res()));
      const base = `http://127.0.0.1:${(early.server.address() as AddressInfo).port}`;

      const back = await connectKiosk(base, k.token);
      expect(lazy.content.isReady, 'the content read before the review was sent').to.equal(false);
      expect(back.state.review.id).to.equal(r.review.id);
      expect(back.state.review.position).to.equal('bi3');
      expect(back.state.review.candidate.name).to.equal('Emma Jansen');
      expect(back.state.review.questions.map((q: { id: string }) => q.id)).to.include('bi3');
      // what else needs the content still waits for it: a console, an API request, the candidate's next step
      const health = watch(fetch(`${base}/healthz`));
      const command = watch(back.socket.timeout(30_000).emitWithAck('review:navigate', { questionId: 'bi4' }));
      await roundTrip(back.socket);
      expect(health.settled).to.equal(false);
      expect(command.settled).to.equal(false);
      open();
      expect(await command.value).to.deep.equal({ ok: true });
      expect((await health.value).status).to.equal(200);
      expect(lazy.content.isReady).to.equal(true);
      await eventually(() => lazy.reviews.get(r.review.id)?.position === 'bi4', { what: 'the navigation applied' });
      back.socket.close();
    } finally {
      await early?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves nothing from damaged content: a waiting request gets `internal`, and the content stays unreadable', async () => {
    const seed = await startTestServer();
    await seed.close({ keepData: true });
    const dir = seed.dataDir;
    let damaged: App | undefined;
    try {
      const index = join(dir, 'index.json');
      writeFileSync(index, readFileSync(index, 'utf8').slice(0, 100)); // cut off: not JSON any more
      let open!: () => void;
      const until = new Promise<void>((res) => { open = res; });
      const lazy = openStore(dir, { lazyContent: { until } });
      damaged = createApp({ store: lazy, config: { secret: 'test-secret', autoPurge: false } });
      await new Promise<void>((res) => damaged!.server.listen(0, '127.0.0.1', () => res()));
      const base = `http://127.0.0.1:${(damaged.server.address() as AddressInfo).port}`;
      const health = fetch(`${base}/healthz`);
      const reading = lazy.content.ready().then(() => null, (e: Error) => e);
      open();
      const err = await reading;
      expect(err).to.be.instanceOf(CorruptDataError);
      expect(err?.message).to.contain('index.json');
      const r = await health;
      expect(r.status).to.equal(500);
      expect((await r.json()).error.code).to.equal('internal');
      expect(lazy.content.isReady).to.equal(false);
      expect(() => lazy.content.groups()).to.throw(ContentNotLoadedError);
    } finally {
      await damaged?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
