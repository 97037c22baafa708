/**
 * The consoles' kiosk and review lists as deltas (docs/design.md: Consoles: lists as deltas; issue 17): a console
 * that asks for deltas at the handshake gets the full lists and their version at connect, then only the rows that
 * changed; its lists, the deltas applied, always equal a fresh full list. A reconnect or `lists:sync` brings the
 * full lists again; a console without the option keeps getting full lists at every change (the original contract);
 * who may see the lists has not changed. Real server, real sockets.
 */
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { createUser } from '../../server/auth/users.ts';
import { LISTS_DELTA_AUTH, applyListDelta } from '../../shared/listDelta.ts';
import type { KioskDto, ListsDeltaDto, ListsVersionDto, ReviewDto, ReviewProgress } from '../../shared/protocol.ts';
import {
  connectKiosk, consoleSocket, heardDuring, loggedIn, once, pairKiosk, StaffClient, startTestServer,
  type KioskSocket, type PairedKiosk, type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

type AnySocket = Socket;

/** A console that keeps the lists as the console app does: full lists, then deltas in version order. */
class DeltaConsole {
  kiosks: KioskDto[] = [];
  reviews: ReviewDto[] = [];
  version: ListsVersionDto | null = null;
  readonly deltas: ListsDeltaDto[] = [];
  /** full lists received (`kiosks:updated`) */
  fulls = 0;
  /** deltas that did not follow the version held */
  gaps = 0;
  private waiters: { pred: (d: ListsDeltaDto) => boolean; resolve: (d: ListsDeltaDto) => void }[] = [];

  constructor(readonly socket: AnySocket) {
    socket.on('kiosks:updated', (k: KioskDto[]) => {
      this.kiosks = k;
      this.fulls += 1;
    });
    socket.on('reviews:updated', (r: ReviewDto[]) => { this.reviews = r; });
    socket.on('lists:version', (v: ListsVersionDto) => { this.version = v; });
    socket.on('review:progress', (p: ReviewProgress) => {
      this.reviews = this.reviews.map((r) => (r.id === p.id ? { ...r, position: p.position, questionNumber: p.questionNumber, questionCount: p.questionCount } : r));
    });
    socket.on('lists:delta', (d: ListsDeltaDto) => {
      this.deltas.push(d);
      const v = this.version;
      if (!v || d.epoch !== v.epoch || d.seq !== v.seq + 1) {
        this.gaps += 1;
        return;
      }
      this.version = { epoch: d.epoch, seq: d.seq };
      if (d.kiosks) this.kiosks = applyListDelta(this.kiosks, d.kiosks);
      if (d.reviews) this.reviews = applyListDelta(this.reviews, d.reviews);
      this.waiters = this.waiters.filter((w) => (w.pred(d) ? (w.resolve(d), false) : true));
    });
  }

  static async connect(base: string, staff: StaffClient): Promise<DeltaConsole> {
    const c = new DeltaConsole(consoleSocket(base, staff, { auth: { ...LISTS_DELTA_AUTH } }));
    await once(c.socket, 'lists:version');
    return c;
  }

  /** The next delta (from now) that satisfies `pred`. */
  next(pred: (d: ListsDeltaDto) => boolean, ms = 5000): Promise<ListsDeltaDto> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no such lists:delta within ${ms} ms`)), ms);
      this.waiters.push({ pred, resolve: (d) => (clearTimeout(t), resolve(d)) });
    });
  }
}

const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
const ids = (rows: readonly { id: string }[] | undefined) => (rows ?? []).map((r) => r.id).sort();

describe('console lists as deltas (lists:delta)', () => {
  let ts: TestServer;
  let sup1: StaffClient, boss: StaffClient;
  const sockets: { close(): void }[] = [];
  const track = <T extends { close(): void }>(s: T) => (sockets.push(s), s);

  before(async () => {
    ts = await startTestServer();
    [sup1, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
  });
  after(() => ts.close());
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const r of ts.app.ctx.engine.active()) await ts.app.ctx.engine.finish(r.id, 'ended-by-supervisor', 'test');
  });

  async function onlineKiosk(name: string): Promise<PairedKiosk & { socket: KioskSocket }> {
    const k = await pairKiosk(ts.base, boss, name);
    const { socket } = await connectKiosk(ts.base, k.token);
    track(socket);
    return { ...k, socket };
  }

  async function start(k: { id: string; socket: KioskSocket }, sittingId: string): Promise<string> {
    const started = once(k.socket, 'review:started');
    const r = await sup1.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
    expect(r.status, r.text).to.equal(201);
    await started;
    return r.json.id as string;
  }

  /** The console's lists equal the server's lists now (GET /api/kiosks, /api/reviews), row for row. */
  async function sameAsFresh(c: DeltaConsole): Promise<void> {
    await eventually(async () => {
      const [kiosks, reviews] = await Promise.all([sup1.call('GET', '/api/kiosks'), sup1.call('GET', '/api/reviews')]);
      expect(byId(c.kiosks)).to.deep.equal(byId(kiosks.json));
      expect(byId(c.reviews)).to.deep.equal(byId(reviews.json));
    }, { what: 'the console lists equal fresh full lists' });
  }

  it('sends a start, a move, a rename, an end and an unpairing as deltas of just those rows; the lists stay equal to fresh full lists', async () => {
    const k1 = await onlineKiosk('Delta 1');
    const k2 = await onlineKiosk('Delta 2');
    const c = await DeltaConsole.connect(ts.base, sup1);
    track(c.socket);
    expect(c.fulls).to.equal(1);
    expect(ids(c.kiosks)).to.include.members([k1.id, k2.id]);
    await sameAsFresh(c);

    // a start: the new review and its kiosk, nothing else (in one delta, or two when the kiosks' and the reviews'
    // changes fall on either side of a flush)
    const before = c.deltas.length;
    const id = await start(k1, 's-bi-120001');
    const kioskRow = () => c.deltas.slice(before).flatMap((d) => d.kiosks?.upsert ?? []).find((k) => k.id === k1.id && k.reviewId === id);
    await eventually(() => !!kioskRow() && c.deltas.slice(before).some((d) => ids(d.reviews?.upsert).includes(id)), { what: 'the start as deltas' });
    const sds = c.deltas.slice(before);
    expect([...new Set(sds.flatMap((d) => ids(d.reviews?.upsert)))]).to.deep.equal([id]);
    expect(sds.flatMap((d) => d.reviews?.removed ?? [])).to.deep.equal([]);
    expect([...new Set(sds.flatMap((d) => ids(d.kiosks?.upsert)))]).to.deep.equal([k1.id]);
    await sameAsFresh(c);

    // a move goes out as review:progress only; the next delta does not repeat the review
    const moved = once<ReviewProgress>(c.socket, 'review:progress');
    expect(await k1.socket.timeout(5000).emitWithAck('review:navigate', { questionId: 'bi3' })).to.deep.equal({ ok: true });
    expect((await moved).position).to.equal('bi3');
    const renamed = c.next((d) => ids(d.kiosks?.upsert).includes(k2.id));
    expect((await boss.call('PATCH', `/api/kiosks/${k2.id}`, { name: 'Delta 2b' })).status).to.equal(200);
    const rd = await renamed;
    expect(rd.reviews, 'the moved review is not sent again').to.equal(undefined);
    expect(rd.kiosks!.upsert.map((k) => [k.id, k.name])).to.deep.equal([[k2.id, 'Delta 2b']]);
    await sameAsFresh(c);

    // an end: the review removed, its kiosk free again
    const endDelta = c.next((d) => (d.reviews?.removed ?? []).includes(id));
    expect((await sup1.call('DELETE', `/api/reviews/${id}`)).status).to.equal(204);
    const ed = await endDelta;
    expect(ed.reviews!.removed).to.deep.equal([id]);
    expect(ed.reviews!.upsert).to.deep.equal([]);
    await sameAsFresh(c);
    expect(c.kiosks.find((k) => k.id === k1.id)!.reviewId).to.equal(null);

    // an unpairing: the kiosk removed
    const goneDelta = c.next((d) => (d.kiosks?.removed ?? []).includes(k2.id));
    expect((await boss.call('DELETE', `/api/kiosks/${k2.id}`, {})).status).to.equal(204);
    expect((await goneDelta).kiosks!.removed).to.deep.equal([k2.id]);
    await sameAsFresh(c);

    // all of it as deltas in order: one full list (at connect), no gap
    expect(c.fulls).to.equal(1);
    expect(c.gaps).to.equal(0);
    expect(c.deltas.map((d) => d.seq)).to.deep.equal(c.deltas.map((_, i) => c.deltas[0]!.seq + i));
  });

  it('sends every delta console the same delta (one broadcast to their room), and a console without the option still full lists and no delta', async () => {
    const k = await onlineKiosk('Delta shared');
    const a = await DeltaConsole.connect(ts.base, sup1);
    const b = await DeltaConsole.connect(ts.base, boss);
    track(a.socket);
    track(b.socket);
    const legacy = track(consoleSocket(ts.base, sup1));
    await once(legacy, 'reviews:updated');
    const legacyDeltas: unknown[] = [];
    legacy.on('lists:delta', (d: unknown) => legacyDeltas.push(d));
    const legacyList = new Promise<ReviewDto[]>((res) => legacy.on('reviews:updated', (list: ReviewDto[]) => { if (list.length) res(list); }));

    const da = a.next((d) => !!d.reviews?.upsert.length);
    const db = b.next((d) => !!d.reviews?.upsert.length);
    const id = await start(k, 's-bi-120002');
    const [x, y] = await Promise.all([da, db]);
    expect(x).to.deep.equal(y);
    expect(ids((await legacyList))).to.deep.equal([id]);
    await sameAsFresh(a);
    await sameAsFresh(b);
    expect(legacyDeltas).to.deep.equal([]);
  });

  it('gives a console that reconnects the full lists again, with what changed while it was away', async () => {
    const k = await onlineKiosk('Delta away');
    const c = await DeltaConsole.connect(ts.base, sup1);
    track(c.socket);
    const before = c.version!;
    c.socket.disconnect();
    const id = await start(k, 's-bi-120003'); // while it is away
    const back = once<ListsVersionDto>(c.socket, 'lists:version');
    c.socket.connect();
    const v = await back;
    expect(v.epoch).to.equal(before.epoch);
    expect(v.seq).to.be.at.least(before.seq);
    expect(c.fulls).to.equal(2);
    expect(ids(c.reviews)).to.deep.equal([id]);
    await sameAsFresh(c);
    // and deltas follow the new version
    const endDelta = c.next((d) => (d.reviews?.removed ?? []).includes(id));
    expect((await sup1.call('DELETE', `/api/reviews/${id}`)).status).to.equal(204);
    await endDelta;
    expect(c.gaps).to.equal(0);
    await sameAsFresh(c);
  });

  it('answers lists:sync (a console that lost its place) with the full lists and their version; refuses a bad payload and sends nothing', async () => {
    const k = await onlineKiosk('Delta sync');
    const c = await DeltaConsole.connect(ts.base, sup1);
    track(c.socket);
    const id = await start(k, 's-bi-120001');
    await eventually(() => c.reviews.some((r) => r.id === id));
    c.kiosks = [];
    c.reviews = [];
    c.version = null;
    const ack = await c.socket.timeout(5000).emitWithAck('lists:sync', {});
    expect(ack.ok).to.equal(true);
    expect(ack.data).to.deep.equal(c.version);
    expect(ids(c.reviews)).to.deep.equal([id]);
    await sameAsFresh(c);
    // a console that did not ask for deltas at the handshake takes them after a sync
    const legacy = track(consoleSocket(ts.base, sup1));
    await once(legacy, 'reviews:updated');
    const l = new DeltaConsole(legacy);
    expect((await legacy.timeout(5000).emitWithAck('lists:sync')).ok).to.equal(true); // no payload at all
    const endDelta = l.next((d) => (d.reviews?.removed ?? []).includes(id));
    expect((await sup1.call('DELETE', `/api/reviews/${id}`)).status).to.equal(204);
    await endDelta;
    await sameAsFresh(l);

    for (const bad of [{ all: true }, 'now', 42, null]) {
      let answer: any;
      const heard = await heardDuring(c.socket, 'kiosks:updated', async () => {
        answer = await c.socket.timeout(5000).emitWithAck('lists:sync', bad);
      });
      expect(answer, JSON.stringify(bad)).to.deep.include({ ok: false });
      expect(answer.error.code).to.equal('invalid-input');
      expect(heard, JSON.stringify(bad)).to.deep.equal([]);
    }
  });

  it('shows the lists to staff sessions only: no session, a password still to change, a logged-out console and a kiosk get none', async () => {
    const k = await onlineKiosk('Delta who');
    const listEvents = ['kiosks:updated', 'reviews:updated', 'lists:version', 'lists:delta'];

    const anon = track(io(`${ts.base}/admin`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { ...LISTS_DELTA_AUTH } }));
    const heardAnon: string[] = [];
    for (const e of listEvents) anon.on(e, () => heardAnon.push(e));
    expect((await new Promise<Error>((res) => anon.once('connect_error', res))).message).to.equal('unauthenticated');

    const { password } = await createUser(ts.store.staff, { username: 'delta-newbie', role: 'supervisor' });
    const newbie = new StaffClient(ts.base);
    expect((await newbie.login('delta-newbie', password)).json.user.mustChangePassword).to.equal(true);
    const pending = track(consoleSocket(ts.base, newbie, { auth: { ...LISTS_DELTA_AUTH } }));
    const heardPending: string[] = [];
    for (const e of listEvents) pending.on(e, () => heardPending.push(e));
    expect((await new Promise<Error>((res) => pending.once('connect_error', res))).message).to.equal('password-change-required');

    const leaving = await loggedIn(ts.base, 'sup2');
    const gone = await DeltaConsole.connect(ts.base, leaving);
    track(gone.socket);
    const disconnected = once(gone.socket, 'disconnect');
    await leaving.logout();
    expect(await disconnected).to.equal('io server disconnect');
    const deltasBefore = gone.deltas.length;

    const watcher = await DeltaConsole.connect(ts.base, sup1);
    track(watcher.socket);
    const kioskHeard = await heardDuring(k.socket, 'lists:delta', async () => {
      const seen = watcher.next((d) => !!d.reviews?.upsert.length);
      await start(k, 's-bi-120002');
      await seen;
    });
    expect(kioskHeard).to.deep.equal([]);
    expect(gone.deltas.length).to.equal(deltasBefore);
    expect(heardAnon).to.deep.equal([]);
    expect(heardPending).to.deep.equal([]);
    // a kiosk cannot ask for the lists either
    const refused = await (k.socket as unknown as AnySocket).timeout(5000).emitWithAck('lists:sync', {}) as { ok: boolean };
    expect(refused.ok).to.equal(false);
  });
});
