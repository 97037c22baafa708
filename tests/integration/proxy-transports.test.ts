/**
 * What README 'Running on more than one server' asks of the proxy, checked with real processes (issue 18 item 6): a
 * proxy without sticky sessions — each new connection to the next process in turn — is enough when it passes WebSocket
 * upgrades, because the kiosk and the console open their Socket.IO connection as a WebSocket first
 * (shared/transport.ts): one TCP connection carries the whole session. Logins and API calls go to either process (the
 * sessions and their secret are in PostgreSQL). Skipped with a hint without PostgreSQL or Redis, except under CI=true.
 */
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { StaffClient, once, type KioskSocket } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { servedCluster } from '../support/servedCluster.ts';
import { socketTransports } from '../../shared/transport.ts';

describe('a proxy without sticky sessions in front of two inzage serve processes', function () {
  this.timeout(120_000);
  const sockets: Socket[] = [];
  afterEach(() => { for (const s of sockets.splice(0)) s.close(); });
  const c = servedCluster({ graceSeconds: 60 });

  /** A socket as the pages open it (their transports), without automatic reconnection. */
  function pageSocket(nsp: '/kiosk' | '/admin', opts: Record<string, unknown>): Socket {
    const s = io(`${c.proxy.base}${nsp}`, { ...socketTransports(), forceNew: true, reconnection: false, ...opts });
    sockets.push(s);
    return s;
  }

  it('carries the kiosk\'s and the console\'s connections over WebSocket to either process, and they work across both', async () => {
    c.seed();
    const a = await c.serve('a');
    await c.serve('b');
    await eventually(() => a.leads(), { what: 'a runs the timers', timeout: 20_000 });
    c.proxy.roundRobin();

    // the admin logs in and pairs through the proxy: requests land on both processes
    const boss = new StaffClient(c.proxy.base);
    expect((await boss.login('boss')).status).to.equal(200);
    const unpaired = pageSocket('/kiosk', {});
    const code = await once<{ code: string }>(unpaired, 'pairing:code', 15_000);
    const paired = once<{ token: string; kiosk: { id: string } }>(unpaired, 'kiosk:paired', 15_000);
    paired.catch(() => undefined);
    for (let i = 0; i < 3; i++) expect((await boss.call('GET', '/api/kiosks')).status).to.equal(200);
    const r = await boss.call('POST', '/api/kiosks', { code: code.code, name: 'Station RR' });
    expect(r.status, r.text).to.equal(201);
    const { token, kiosk: { id: kioskId } } = await paired;
    unpaired.close();

    // the kiosk connects four times: each connection to the next process, each a WebSocket, each knows it
    const seenBefore = c.proxy.routed.length;
    for (let i = 0; i < 4; i++) {
      const k = pageSocket('/kiosk', { auth: { token } }) as KioskSocket;
      const state = await once<{ kiosk: { id: string } }>(k, 'kiosk:state', 15_000);
      expect(state.kiosk.id).to.equal(kioskId);
      expect(k.io.engine.transport.name).to.equal('websocket');
      k.close();
    }
    const used = new Set(c.proxy.routed.slice(seenBefore).map((x) => x.backend));
    expect([...used].sort()).to.deep.equal(['a', 'b']);

    // the console and the kiosk, each a WebSocket through the proxy: a review started from the console, a move seen
    const console_ = pageSocket('/admin', { extraHeaders: { cookie: boss.cookie } });
    const lists: { id: string; online: boolean }[][] = [];
    console_.on('kiosks:updated', (l: { id: string; online: boolean }[]) => lists.push(l));
    const progress: { position: string }[] = [];
    console_.on('review:progress', (p: { position: string }) => progress.push(p));
    await eventually(() => lists.length > 0, { what: 'the console\'s list' });
    expect(console_.io.engine.transport.name).to.equal('websocket');
    const kiosk = pageSocket('/kiosk', { auth: { token } }) as KioskSocket;
    await once(kiosk, 'kiosk:state', 15_000);
    await eventually(() => lists.at(-1)?.some((k) => k.id === kioskId && k.online) === true, { what: 'the console sees the kiosk online' });
    const started = once<{ id: string; questions: { id: string }[] }>(kiosk, 'review:started', 20_000);
    const s = await boss.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
    expect(s.status, s.text).to.equal(201);
    const review = await started;
    const second = review.questions[1]!.id;
    expect(await kiosk.timeout(5_000).emitWithAck('review:navigate', { questionId: second })).to.deep.equal({ ok: true });
    await eventually(() => progress.some((p) => p.position === second), { what: 'the console sees the move' });
    // whichever process the console asks, the review is there
    for (let i = 0; i < 2; i++) {
      const active = (await boss.call('GET', '/api/reviews')).json as { id: string }[];
      expect(active.map((x) => x.id)).to.deep.equal([review.id]);
    }
  });
});
