/**
 * Issue 18 item 4: failover with real processes (docs/design.md: Several server processes). Two `inzage serve`
 * processes on one PostgreSQL schema and one Redis prefix, the content imported once by the CLI, a small TCP proxy in
 * front (tests/support/proxy.ts). A kiosk (socket.io-client with the kiosk page's own transports and reconnection) is
 * paired and connected through the proxy to one process; a console on the other starts its review; the kiosk moves
 * to a question. Then the kiosk's process is killed with SIGKILL — once while it holds the timers' lease, once while the
 * other does — and the kiosk reconnects through the proxy to the survivor and goes on at its question: the same review,
 * still running, never ended nor started twice; afterwards its grace period still ends it exactly once.
 *
 * Real processes use the real clock, so the grace period is short (INZAGE_GRACE_SECONDS) and every wait is on a
 * condition. Skipped with a hint without PostgreSQL or Redis, except under CI=true.
 */
import { expect } from 'chai';
import { io } from 'socket.io-client';
import { consoleSocket, loggedIn, once, roundTrip, type KioskSocket } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { servedCluster } from '../support/servedCluster.ts';
import { socketTransports } from '../../shared/transport.ts';
import { RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS } from '../../kiosk/src/data/reconnect.ts';

const SITTING = 's-bi-120001';
const GRACE_SECONDS = 15;

/** The kiosk page's socket (kiosk/src/data/connection.ts): a WebSocket first, polling where that fails, quick retries. */
function kioskThrough(base: string, token: string): KioskSocket {
  return io(`${base}/kiosk`, {
    ...socketTransports(), auth: { token }, forceNew: true,
    reconnectionDelay: RECONNECT_DELAY_MS, reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
  }) as KioskSocket;
}

describe('failover: two inzage serve processes behind a proxy, the kiosk\'s process killed (kill -9)', function () {
  this.timeout(120_000);
  const sockets: { close(): void }[] = [];
  afterEach(() => { for (const s of sockets.splice(0)) s.close(); });
  const c = servedCluster({ graceSeconds: GRACE_SECONDS });

  /**
   * The whole story, with the kiosk on the process that holds the lease (`killLeader`) or on the other one.
   */
  async function failover(killLeader: boolean): Promise<void> {
    c.seed();
    const a = await c.serve('a');
    await eventually(() => a.leads(), { what: 'the first process runs the timers', timeout: 20_000 });
    const b = await c.serve('b');
    expect(b.leads()).to.equal(false);
    const [victim, survivor] = killLeader ? [a, b] : [b, a];
    const proxy = c.proxy;
    proxy.prefer(victim.name);

    // pair through the proxy (the code is shown on the victim, entered by an admin on the survivor)
    const boss = await loggedIn(survivor.base, 'boss');
    const unpaired = io(`${proxy.base}/kiosk`, { transports: ['websocket'], forceNew: true, reconnection: false }) as KioskSocket;
    sockets.push(unpaired);
    const code = await once<{ code: string }>(unpaired, 'pairing:code', 15_000);
    const paired = once<{ token: string; kiosk: { id: string } }>(unpaired, 'kiosk:paired', 15_000);
    paired.catch(() => undefined);
    const p = await boss.call('POST', '/api/kiosks', { code: code.code, name: 'Station F1' });
    expect(p.status, p.text).to.equal(201);
    const { token, kiosk: { id: kioskId } } = await paired;
    unpaired.close();

    // the kiosk as the page runs it, through the proxy, on the victim
    const kiosk = kioskThrough(proxy.base, token);
    sockets.push(kiosk);
    const states: any[] = [];
    kiosk.on('kiosk:state', (s: any) => states.push(s));
    const kioskEnds: unknown[] = [];
    kiosk.on('review:ended', (e: unknown) => kioskEnds.push(e));
    await eventually(() => states.length === 1, { what: 'the kiosk\'s first kiosk:state', timeout: 15_000 });
    expect(proxy.openTo(victim.name)).to.be.greaterThan(0);
    await eventually(async () => (await c.presenceOf(kioskId)).join() === victim.nodeId, { what: 'the kiosk on the victim' });

    // a console on the survivor starts the review; the kiosk moves to its third question
    const console_ = consoleSocket(survivor.base, boss);
    sockets.push(console_);
    const kiosksSeen: { id: string; online: boolean }[][] = [];
    console_.on('kiosks:updated', (list: { id: string; online: boolean }[]) => kiosksSeen.push(list));
    const consoleEnds: { id: string; reason: string }[] = [];
    console_.on('review:ended', (e: { id: string; reason: string }) => consoleEnds.push(e));
    await eventually(() => kiosksSeen.length > 0, { what: 'the console\'s kiosk list' });
    const started = once<{ id: string; questions: { id: string }[] }>(kiosk, 'review:started', 20_000);
    const r = await boss.call('POST', '/api/reviews', { sittingId: SITTING, kioskId });
    expect(r.status, r.text).to.equal(201);
    const review = await started;
    expect(review.id).to.equal(r.json.id);
    const third = review.questions[2]!.id;
    expect(await kiosk.timeout(5_000).emitWithAck('review:navigate', { questionId: third })).to.deep.equal({ ok: true });
    // the move is committed (a batched write, hotWriteDelayMs): what a kill cannot take back any more
    await eventually(async () => (await c.storedReview(review.id)).position === third, { what: 'the position in the database' });

    // kill -9 the kiosk's process
    let reconnected = false;
    kiosk.io.once('reconnect', () => { reconnected = true; });
    const statesBefore = states.length;
    await victim.kill();

    // the kiosk is back through the proxy, on the survivor, at its question, in the same review
    await eventually(() => reconnected, { what: 'the kiosk reconnected', timeout: 20_000 });
    await eventually(() => states.length > statesBefore, { what: 'kiosk:state after the reconnect', timeout: 20_000 });
    const back = states.at(-1);
    expect(back.review, JSON.stringify(back).slice(0, 300)).to.not.equal(null);
    expect(back.review.id).to.equal(review.id);
    expect(back.review.position).to.equal(third);
    expect(proxy.openTo(survivor.name)).to.be.greaterThan(0);
    expect(proxy.openTo(victim.name)).to.equal(0);
    // the survivor runs the timers (it took the lease if the victim held it) and has removed the victim's sockets
    await eventually(() => survivor.leads(), { what: 'the survivor runs the timers', timeout: 20_000 });
    await eventually(async () => (await c.presenceOf(kioskId)).join() === survivor.nodeId, { what: 'the kiosk only on the survivor', timeout: 20_000 });
    await eventually(async () => (await c.sql('SELECT node_id FROM cluster_nodes')).map((x) => x.node_id).join() === survivor.nodeId, { what: 'the victim found gone' });

    // the kiosk's next move works; the console on the survivor sees it online; the review never ended nor restarted
    const fourth = review.questions[3]!.id;
    expect(await kiosk.timeout(5_000).emitWithAck('review:navigate', { questionId: fourth })).to.deep.equal({ ok: true });
    await eventually(async () => (await c.storedReview(review.id)).position === fourth, { what: 'the next move in the database' });
    await eventually(() => kiosksSeen.at(-1)?.some((k) => k.id === kioskId && k.online) === true, { what: 'the console sees the kiosk online' });
    const active = (await boss.call('GET', '/api/reviews')).json as { id: string; kioskId: string; offlineEndsAt: string | null }[];
    expect(active.map((x) => [x.id, x.kioskId, x.offlineEndsAt])).to.deep.equal([[review.id, kioskId, null]]);
    expect(await c.auditCount('review.started', review.id)).to.equal(1);
    expect(await c.auditCount('review.ended', review.id)).to.equal(0);
    expect(kioskEnds).to.deep.equal([]);
    expect(consoleEnds).to.deep.equal([]);
    expect((await c.storedReview(review.id)).endedAt).to.equal(null);

    // the victim comes back (a new process): two processes again, and the grace period still ends the review once
    const again = await c.serve(victim.name);
    const console2 = consoleSocket(again.base, await loggedIn(again.base, 'boss'));
    sockets.push(console2);
    const console2Ends: unknown[] = [];
    console2.on('review:ended', (e: unknown) => console2Ends.push(e));
    await once(console2, 'reviews:updated', 15_000);
    const gone = Date.now();
    kiosk.close();
    await eventually(async () => (await c.auditCount('review.ended', review.id)) > 0, { what: 'the grace end', timeout: (GRACE_SECONDS + 30) * 1000, interval: 200 });
    const stored = await c.storedReview(review.id);
    expect(stored.endReason).to.equal('kiosk-disconnected');
    // not before the grace period had passed since the kiosk went away
    expect(Date.parse(stored.endedAt!) - gone).to.be.at.least(GRACE_SECONDS * 1000 - 1_000);
    await eventually(() => consoleEnds.length > 0 && console2Ends.length > 0, { what: 'both consoles heard the end' });
    for (const c of [console_, console2]) await roundTrip(c as any);
    for (const base of [survivor.base, again.base]) {
      const staff = await loggedIn(base, 'boss');
      await eventually(async () => ((await staff.call('GET', '/api/reviews')).json as unknown[]).length === 0, { what: `no review running on ${base}` });
    }
    expect(await c.auditCount('review.ended', review.id)).to.equal(1);
    expect(await c.auditCount('review.started', review.id)).to.equal(1);
    expect(consoleEnds.map((e) => [e.id, e.reason])).to.deep.equal([[review.id, 'kiosk-disconnected']]);
    expect(console2Ends).to.have.length(1);
  }

  it('the kiosk\'s process held the timers\' lease: the survivor takes it, the kiosk resumes there at its question', async () => {
    await failover(true);
  });

  it('the kiosk\'s process did not hold the lease: the kiosk resumes on the lease holder at its question', async () => {
    await failover(false);
  });
});
