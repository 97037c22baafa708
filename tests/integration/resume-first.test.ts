/**
 * Kiosks with a review first (docs/design.md: Start-up): a restarted server holds the Socket.IO handshakes without
 * the resume hint (shared/transport.ts) until every running review is back on its kiosk, or RESUME_FIRST_MS has
 * passed; a hinted handshake goes on at once. The hint grants nothing: the token is checked as for every handshake.
 */
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../server/app.ts';
import { openStore } from '../../server/store/index.ts';
import { RESUME_HINT } from '../../shared/transport.ts';
import { kioskSocket, loggedIn, once, onlineKiosk, pairKiosk, startReviewOn, startTestServer, type KioskSocket } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { describeFileStore } from '../support/stored.ts';

const HINT = { query: { [RESUME_HINT.name]: RESUME_HINT.value } };

describeFileStore('start-up: kiosks with a review first', 'the hold is part of the file store\'s background content read', function () {
  this.timeout(60_000);
  let dataDir: string;
  const ids = { review: '', tokenReview: '', tokenIdle: '' };
  let app: App | undefined;
  const sockets: KioskSocket[] = [];

  before(async () => {
    // a server with a running review (moved on to question bi3) and an idle kiosk, stopped
    const first = await startTestServer();
    dataDir = first.dataDir;
    const boss = await loggedIn(first.base, 'boss');
    const sup = await loggedIn(first.base, 'sup1');
    const k = await onlineKiosk(first.base, boss, 'Met inzage');
    const idle = await pairKiosk(first.base, boss, 'Zonder inzage');
    const r = await startReviewOn(first.base, sup, k, 's-bi-120001');
    expect(await k.socket.timeout(5000).emitWithAck('review:navigate', { questionId: 'bi3' })).to.deep.equal({ ok: true });
    k.socket.close();
    await first.close({ keepData: true });
    Object.assign(ids, { review: r.review.id, tokenReview: k.token, tokenIdle: idle.token });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await app?.close();
    app = undefined;
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The server restarted on the data: its content read in the background, as `serve` opens it. */
  async function restarted(): Promise<string> {
    app = createApp({ store: openStore(dataDir, { lazyContent: true }), config: { secret: 'test-secret', autoPurge: false } });
    await new Promise<void>((res) => app!.server.listen(0, '127.0.0.1', () => res()));
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  /** A kiosk socket whose handshake has reached the server (engine.io has decided on it when 'upgrade' is seen). */
  async function arrived(base: string, token: string | undefined, opts: Record<string, unknown> = {}): Promise<KioskSocket> {
    const seen = new Promise<void>((res) => app!.server.once('upgrade', () => setImmediate(res)));
    const s = kioskSocket(base, token, opts);
    sockets.push(s);
    await seen;
    return s;
  }

  it('holds an idle kiosk\'s handshake until the kiosk with a review has it back, which is served at once', async () => {
    const base = await restarted();
    expect(app!.handshakes.isOpen).to.equal(false);
    const idle = await arrived(base, ids.tokenIdle);
    const idleState = once<any>(idle, 'kiosk:state', 20_000);
    expect(app!.handshakes.waiting, 'the idle kiosk held').to.equal(1);

    const resumed = kioskSocket(base, ids.tokenReview, HINT);
    sockets.push(resumed);
    const state = await once<any>(resumed, 'kiosk:state', 20_000);
    expect(state.review.id).to.equal(ids.review);
    expect(state.review.position).to.equal('bi3');
    // every running review is back: the held handshake goes on
    expect((await idleState).review).to.equal(null);
    expect(app!.handshakes.isOpen).to.equal(true);
    expect(app!.handshakes.waiting).to.equal(0);
  });

  it('holds an idle kiosk no longer than the bound when the kiosk with a review does not come back', async () => {
    const base = await restarted();
    const idle = await arrived(base, ids.tokenIdle);
    expect(app!.handshakes.waiting).to.equal(1);
    const state = await once<any>(idle, 'kiosk:state', 20_000);
    expect(state.review).to.equal(null);
    expect(app!.handshakes.isOpen).to.equal(true);
  });

  it('grants nothing for the hint: an unknown token is refused at once, a pairing socket only gets a code', async () => {
    const base = await restarted();
    const idle = await arrived(base, ids.tokenIdle);
    expect(app!.handshakes.waiting).to.equal(1);

    const liar = kioskSocket(base, 'not-a-token', HINT);
    sockets.push(liar);
    expect((await once<Error>(liar, 'connect_error')).message).to.equal('kiosk-unknown');
    const unpaired = kioskSocket(base, undefined, HINT);
    sockets.push(unpaired);
    const code = await once<{ code: string }>(unpaired, 'pairing:code');
    expect(code.code).to.be.a('string');
    // the idle kiosk, with the hint, gets its own state only (no review): the token decides what a kiosk gets
    const hinted = kioskSocket(base, ids.tokenIdle, HINT);
    sockets.push(hinted);
    expect((await once<any>(hinted, 'kiosk:state', 20_000)).review).to.equal(null);
    // none of them brought the review back: the idle kiosk without the hint still waits
    expect(app!.handshakes.isOpen).to.equal(false);
    expect(idle.connected).to.equal(false);
  });

  it('holds nothing on a server whose content is read (not a restart)', async () => {
    const ts = await startTestServer();
    try {
      expect(ts.app.handshakes.isOpen).to.equal(true);
      const s = kioskSocket(ts.base, undefined);
      sockets.push(s);
      await once(s, 'pairing:code');
    } finally {
      await ts.close();
    }
  });

  it('lets held handshakes go on when the server closes', async () => {
    const base = await restarted();
    const idle = await arrived(base, ids.tokenIdle, { reconnection: false });
    expect(app!.handshakes.waiting).to.equal(1);
    const gone = new Promise<void>((res) => {
      idle.once('connect_error', () => res());
      idle.once('disconnect', () => res());
    });
    await app!.close();
    app = undefined;
    await gone;
    await eventually(() => !idle.connected, { what: 'the held socket closed' });
  });
});
