/**
 * Issue 18 item 3's leftovers, on two server processes sharing one PostgreSQL schema and one Redis stream
 * (tests/support/twoProcesses.ts): the supervisor's mirror with the console on one process and the kiosk on the
 * other; a process whose PostgreSQL listening connection is killed gets it back and still follows the other's
 * changes; console lists reach each console once, a delta console applying the other process's change without a
 * resync. Real sockets, real services.
 */
import { expect } from 'chai';
import { LISTS_DELTA_AUTH, applyListDelta } from '../../shared/listDelta.ts';
import type { KioskDto, ListsDeltaDto, ListsVersionDto } from '../../shared/protocol.ts';
import { mirrorRoom } from '../../server/realtime/mirror.ts';
import { PgDb } from '../../server/store/pg/db.ts';
import { consoleSocket, loggedIn, nextWhere, once, roundTrip, type StaffClient } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { sql } from '../support/pg.ts';
import { twoProcesses } from '../support/twoProcesses.ts';

const SITTING = 's-bi-120001';

type Console = ReturnType<typeof consoleSocket>;

/** The next `mirror:view` on `c` that satisfies `check`. */
const viewWhere = (c: Console, check: (v: any) => boolean): Promise<any> => nextWhere(c, 'mirror:view', check, 10_000);

describe('two server processes: the mirror, a lost LISTEN, console lists', function () {
  this.timeout(90_000);
  const c = twoProcesses('redis');

  async function consoleOn(base: string, staff: StaffClient, opts: Record<string, unknown> = {}): Promise<Console> {
    const s = consoleSocket(base, staff, opts);
    c.sockets.push(s);
    return s;
  }

  /** A and B, a kiosk paired and online on B (A knows it), its review started by a supervisor on `from`. */
  async function reviewOfKioskOnB(name: string, from: 'a' | 'b') {
    const a = await c.start();
    const b = await c.start();
    const k = await c.pairAcross(b, b, name);
    const kiosk = (await c.onlineOn(b, k.token)).socket;
    await c.kioskOnline(a, k.id);
    const started = once<{ id: string }>(kiosk, 'review:started', 15_000);
    const [on, user] = from === 'a' ? [a, 'sup1'] : [b, 'sup2'];
    const r = await (await loggedIn(on.base, user)).call('POST', '/api/reviews', { sittingId: SITTING, kioskId: k.id });
    expect(r.status, r.text).to.equal(201);
    const { id } = await started;
    return { a, b, k, kiosk, id };
  }

  it('lets a supervisor on A follow a kiosk on B: the view now, its changes, the key opened; audited once; the end closes it', async () => {
    const { a, b, kiosk, id } = await reviewOfKioskOnB('Station B-M', 'b');
    await eventually(() => !!a.app.ctx.engine.get(id), { what: 'A knows the review' });
    // the kiosk shows its second question (B keeps that; A never hears the report)
    expect(await kiosk.timeout(5000).emitWithAck('review:navigate', { questionId: 'bi2' })).to.deep.equal({ ok: true });
    expect(await kiosk.timeout(5000).emitWithAck('review:view', { questionId: 'bi2', open: false })).to.deep.equal({ ok: true });

    const supA = await loggedIn(a.base, 'sup1');
    const mirror = await consoleOn(a.base, supA);
    await once(mirror, 'reviews:updated');
    const ack = await mirror.timeout(5000).emitWithAck('mirror:open', { reviewId: id }) as any;
    expect(ack.ok, JSON.stringify(ack)).to.equal(true);
    expect(ack.data.review).to.include({ id });
    expect(ack.data.view).to.include({ id, position: 'bi2', questionNumber: 2, open: false, reveal: null });

    // the kiosk moves on B: the view reaches the console on A
    const moved = viewWhere(mirror, (v) => v.position === 'bi3');
    expect(await kiosk.timeout(5000).emitWithAck('review:navigate', { questionId: 'bi3' })).to.deep.equal({ ok: true });
    expect(await kiosk.timeout(5000).emitWithAck('review:view', { questionId: 'bi3', open: false })).to.deep.equal({ ok: true });
    expect(await moved).to.include({ id, position: 'bi3', questionNumber: 3, open: false, reveal: null });
    // the key opened on the kiosk: what B answered the kiosk is what the console on A sees
    const revealed = await kiosk.timeout(5000).emitWithAck('review:reveal', { questionId: 'bi3' }) as any;
    expect(revealed.ok, JSON.stringify(revealed)).to.equal(true);
    const opened = viewWhere(mirror, (v) => v.open);
    expect(await kiosk.timeout(5000).emitWithAck('review:view', { questionId: 'bi3', open: true })).to.deep.equal({ ok: true });
    expect((await opened).reveal).to.deep.equal(revealed.data);

    // audited once, by the console's process, with the staff username; in the shared log
    await Promise.all([a.store.flush(), b.store.flush()]);
    const lines = (await sql(c.schema.name, "SELECT line FROM audit_log WHERE action = 'review.mirror-opened'")).map((x) => JSON.parse(x.line as string));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ actor: 'sup1', target: id });

    // another console on A that did not open the mirror hears no view
    const other = await consoleOn(a.base, await loggedIn(a.base, 'boss'));
    await once(other, 'reviews:updated');
    const heard: unknown[] = [];
    other.on('mirror:view', (v) => heard.push(v));

    // the end (from B): the console on A hears it and leaves the room
    const ended = once<{ id: string }>(mirror, 'review:ended', 15_000);
    expect(await b.app.ctx.engine.finish(id, 'ended-by-supervisor', 'sup2')).to.equal(true);
    expect((await ended).id).to.equal(id);
    await eventually(() => !a.app.io.of('/admin').adapter.rooms.has(mirrorRoom(id)), { what: 'the mirror room on A emptied' });
    await roundTrip(other);
    expect(heard).to.deep.equal([]);
  });

  it('reopens a mirror on A of a kiosk on B after the console closed it: the views follow again', async () => {
    const { a, kiosk, id } = await reviewOfKioskOnB('Station B-M2', 'a');
    const mirror = await consoleOn(a.base, await loggedIn(a.base, 'sup1'));
    await once(mirror, 'reviews:updated');
    expect((await mirror.timeout(5000).emitWithAck('mirror:open', { reviewId: id }) as any).ok).to.equal(true);
    expect(await mirror.timeout(5000).emitWithAck('mirror:close', { reviewId: id })).to.deep.equal({ ok: true });
    // opened again: the view follows again
    const again = await mirror.timeout(5000).emitWithAck('mirror:open', { reviewId: id }) as any;
    expect(again.ok).to.equal(true);
    const moved = viewWhere(mirror, (v) => v.position === 'bi4');
    expect(await kiosk.timeout(5000).emitWithAck('review:view', { questionId: 'bi4', open: false })).to.deep.equal({ ok: true });
    expect(await moved).to.include({ position: 'bi4', questionNumber: 4 });
  });

  it('keeps a mirror on A following when its kiosk moves from B to a process C that started after the mirror was opened', async () => {
    const { a, k, kiosk: onB, id } = await reviewOfKioskOnB('Station B-M3', 'a');
    const mirror = await consoleOn(a.base, await loggedIn(a.base, 'sup1'));
    await once(mirror, 'reviews:updated');
    expect((await mirror.timeout(5000).emitWithAck('mirror:open', { reviewId: id }) as any).ok).to.equal(true);

    const cc = await c.start();
    onB.close();
    const onC = await c.onlineOn(cc, k.token);
    expect(onC.state.review?.id).to.equal(id);
    // the kiosk's first report on C: C asks who watches the review, A says it does, and C pushes what the kiosk shows
    const moved = viewWhere(mirror, (v) => v.position === 'bi5');
    expect(await onC.socket.timeout(5000).emitWithAck('review:view', { questionId: 'bi5', open: false })).to.deep.equal({ ok: true });
    expect(await moved).to.include({ id, position: 'bi5', questionNumber: 5, open: false });
    // and its next change
    const next = viewWhere(mirror, (v) => v.position === 'bi6');
    expect(await onC.socket.timeout(5000).emitWithAck('review:view', { questionId: 'bi6', open: false })).to.deep.equal({ ok: true });
    await next;
  });

  it('gets a killed LISTEN connection back, catches up what the other process changed meanwhile, and follows later changes', async () => {
    const a = await c.start();
    const b = await c.start();
    const k = await c.pairAcross(b, b, 'Station L');
    await eventually(() => !!a.store.kiosks.get(k.id), { what: 'A knows the kiosk' });
    const bossB = await loggedIn(b.base, 'boss');

    const killed = await sql('public', 'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [PgDb.listenerName(a.pg.db.origin)]);
    expect(killed.map((x) => x.ok)).to.deep.equal([true]);
    // a change on B at once: while A's listener is gone (or just back), A must still come to know it
    expect((await bossB.call('PATCH', `/api/kiosks/${k.id}`, { name: 'Station L2' })).status).to.equal(200);
    await eventually(() => a.pg.db.listenerRestores === 1, { what: "A's listener back" });
    await eventually(() => a.store.kiosks.get(k.id)?.name === 'Station L2', { what: 'A caught up with the rename' });
    // a listening connection of A's is there again
    await eventually(async () => (await sql('public', 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [PgDb.listenerName(a.pg.db.origin)]))[0]!.n === 1, { what: "A's listener in pg_stat_activity" });
    // and later changes reach A by notice
    expect((await bossB.call('PATCH', `/api/kiosks/${k.id}`, { name: 'Station L3' })).status).to.equal(200);
    await eventually(() => a.store.kiosks.get(k.id)?.name === 'Station L3', { what: 'A heard the next rename' });
    // a review started on B is known on A, and A's consoles list it
    const kiosk = (await c.onlineOn(b, k.token)).socket;
    const started = once<{ id: string }>(kiosk, 'review:started', 15_000);
    expect((await (await loggedIn(b.base, 'sup2')).call('POST', '/api/reviews', { sittingId: SITTING, kioskId: k.id })).status).to.equal(201);
    const { id } = await started;
    const supA = await loggedIn(a.base, 'sup1');
    await eventually(async () => ((await supA.call('GET', '/api/reviews')).json as { id: string }[]).some((x) => x.id === id), { what: 'A lists the review' });
    expect(a.pg.db.listenerRestores).to.equal(1);
  });

  it('gives each console a change made on the other process once: a delta console on A applies it in its version, a full console gets one list', async () => {
    const a = await c.start();
    const b = await c.start();
    const k = await c.pairAcross(b, b, 'Station D');
    await eventually(() => !!a.store.kiosks.get(k.id), { what: 'A knows the kiosk' });
    const supA = await loggedIn(a.base, 'sup1');

    // a delta console on A, kept as the console app keeps its lists
    const dc = await consoleOn(a.base, supA, { auth: { ...LISTS_DELTA_AUTH } });
    let kiosks: KioskDto[] = [];
    let version: ListsVersionDto | null = null;
    let fulls = 0;
    let gaps = 0;
    const deltas: ListsDeltaDto[] = [];
    dc.on('kiosks:updated', (list: KioskDto[]) => { kiosks = list; fulls += 1; });
    dc.on('lists:version', (v: ListsVersionDto) => { version = v; });
    dc.on('lists:delta', (d: ListsDeltaDto) => {
      deltas.push(d);
      const v = version;
      if (!v || d.epoch !== v.epoch || d.seq !== v.seq + 1) return void (gaps += 1);
      version = { epoch: d.epoch, seq: d.seq };
      if (d.kiosks) kiosks = applyListDelta(kiosks, d.kiosks);
    });
    await once(dc, 'lists:version');
    // a console with full lists on A, and a delta console on B (B's consoles must not reach A's)
    const full = await consoleOn(a.base, supA);
    const fullLists: KioskDto[][] = [];
    full.on('kiosks:updated', (list: KioskDto[]) => fullLists.push(list));
    await eventually(() => fullLists.length === 1, { what: 'the full console connected' });
    const onB = await consoleOn(b.base, await loggedIn(b.base, 'sup2'), { auth: { ...LISTS_DELTA_AUTH } });
    await once(onB, 'lists:version');

    const bossB = await loggedIn(b.base, 'boss');
    const named = (list: readonly KioskDto[] | undefined, name: string) => (list ?? []).some((x) => x.id === k.id && x.name === name);
    expect((await bossB.call('PATCH', `/api/kiosks/${k.id}`, { name: 'Station D2' })).status).to.equal(200);
    await eventually(() => named(kiosks, 'Station D2'), { what: 'the delta console on A has the rename' });
    // a second change: anything the first still had on its way (from B through the adapter) comes before it
    expect((await bossB.call('PATCH', `/api/kiosks/${k.id}`, { name: 'Station D3' })).status).to.equal(200);
    await eventually(() => named(kiosks, 'Station D3') && fullLists.some((l) => named(l, 'Station D3')), { what: 'both consoles on A have the second rename' });
    await Promise.all([roundTrip(dc), roundTrip(full)]);

    expect(gaps, 'deltas A could not apply').to.equal(0);
    expect(fulls, 'full lists to the delta console').to.equal(1);
    expect(deltas.filter((d) => named(d.kiosks?.upsert, 'Station D2')), 'deltas with the first rename').to.have.length(1);
    expect(deltas.filter((d) => named(d.kiosks?.upsert, 'Station D3')), 'deltas with the second rename').to.have.length(1);
    expect(new Set(deltas.map((d) => d.epoch)).size).to.equal(1);
    expect(fullLists.filter((l) => named(l, 'Station D2')), 'full lists with the first rename').to.have.length(1);
    // the lists as applied equal a fresh full list of A
    const fresh = (await supA.call('GET', '/api/kiosks')).json as KioskDto[];
    expect([...kiosks].sort((x, y) => x.id.localeCompare(y.id)).map((x) => [x.id, x.name])).to.deep.equal([...fresh].sort((x, y) => x.id.localeCompare(y.id)).map((x) => [x.id, x.name]));
  });
});
