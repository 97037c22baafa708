/**
 * 'Meekijken' (server/realtime/mirror.ts): a staff console follows what one review's kiosk shows — the question on
 * screen and whether its key or scheme is open — through `mirror:open` and `mirror:view` pushes to that review's
 * room only. The kiosk's `review:view` is validated (coded acks, nothing stored); opening is audited; a kiosk socket
 * has no such command and an anonymous console never connects; a review's end closes its mirror.
 */
import { expect } from 'chai';
import { io } from 'socket.io-client';
import { mirrorRoom } from '../../server/realtime/mirror.ts';
import {
  consoleSocket, loggedIn, nextWhere, once, onlineKiosk, startReviewOn, startTestServer,
  type KioskSocket, type PairedKiosk, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

type Console = ReturnType<typeof consoleSocket>;

describe('the supervisor\'s mirror (Meekijken)', function () {
  this.timeout(60_000);
  let ts: TestServer;
  let sup: StaffClient;
  let boss: StaffClient;
  let k: PairedKiosk & { socket: KioskSocket };
  const closing: { close(): unknown }[] = [];

  beforeEach(async () => {
    ts = await startTestServer();
    [sup, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
    k = await onlineKiosk(ts.base, boss, 'Station M');
    closing.push(k.socket);
  });
  afterEach(async () => {
    for (const s of closing.splice(0)) s.close();
    await ts.close();
  });

  const view = (body: unknown) => k.socket.timeout(5000).emitWithAck('review:view', body as never) as Promise<any>;
  const navigate = (questionId: string) => k.socket.timeout(5000).emitWithAck('review:navigate', { questionId }) as Promise<any>;
  const open = (c: Console, body: unknown) => c.timeout(5000).emitWithAck('mirror:open', body) as Promise<any>;
  const mirrorLines = async () => (await ts.store.audit.readAll()).filter((e) => e.action === 'review.mirror-opened');
  async function console_(staff = sup): Promise<Console> {
    const c = consoleSocket(ts.base, staff);
    closing.push(c);
    await once(c, 'reviews:updated');
    return c;
  }
  /** The next `mirror:view` that satisfies `check` (pushes are coalesced: the latest state wins). */
  const viewWhere = (c: Console, check: (v: any) => boolean): Promise<any> => nextWhere(c, 'mirror:view', check);

  it('follows the kiosk: its question, and its key opened and folded away; opening is audited with the staff username', async () => {
    const { review, payload } = await startReviewOn(ts.base, sup, k, 's-bi-120001');
    const c = await console_();
    const ack = await open(c, { reviewId: review.id });
    expect(ack.ok, JSON.stringify(ack)).to.equal(true);
    expect(ack.data.review).to.include({ id: review.id, candidateName: review.candidateName });
    // the questions as the kiosk got them: no key in them (the policy is on request)
    expect(ack.data.questions.map((q: any) => q.id)).to.deep.equal(payload.questions.map((q: any) => q.id));
    expect(JSON.stringify(ack.data.questions)).to.equal(JSON.stringify(payload.questions));
    expect(ack.data.view).to.include({ id: review.id, position: 'bi1', questionNumber: 1, open: false, reveal: null });
    const [line] = await mirrorLines();
    expect(line).to.include({ actor: 'sup1', target: review.id });

    const moved = viewWhere(c, (v) => v.position === 'bi2');
    expect(await navigate('bi2')).to.deep.equal({ ok: true });
    expect(await view({ questionId: 'bi2', open: false })).to.deep.equal({ ok: true });
    expect(await moved).to.include({ id: review.id, position: 'bi2', questionNumber: 2, open: false, reveal: null });

    // the kiosk opens the key: the mirror shows it open, with what the kiosk was answered
    const revealed = await k.socket.timeout(5000).emitWithAck('review:reveal', { questionId: 'bi2' }) as any;
    const opened = viewWhere(c, (v) => v.open);
    expect(await view({ questionId: 'bi2', open: true })).to.deep.equal({ ok: true });
    const o = await opened;
    expect(o).to.include({ position: 'bi2', open: true });
    expect(o.reveal).to.deep.equal(revealed.data);
    // folded away on the kiosk (which asks nothing of the server for that): the mirror shows it closed
    const folded = viewWhere(c, (v) => !v.open);
    expect(await view({ questionId: 'bi2', open: false })).to.deep.equal({ ok: true });
    expect(await folded).to.include({ position: 'bi2', open: false, reveal: null });
  });

  it('sends views only to consoles that opened the mirror', async () => {
    const { review } = await startReviewOn(ts.base, sup, k, 's-bi-120001');
    const watching = await console_();
    const other = await console_(boss);
    const heard: unknown[] = [];
    other.on('mirror:view', (v) => heard.push(v));
    expect((await open(watching, { reviewId: review.id })).ok).to.equal(true);
    const moved = viewWhere(watching, (v) => v.position === 'bi3');
    await view({ questionId: 'bi3', open: false });
    await moved;
    expect(heard).to.deep.equal([]);
    // closed: no more views for it
    expect(await watching.timeout(5000).emitWithAck('mirror:close', { reviewId: review.id })).to.deep.equal({ ok: true });
    expect(ts.app.io.of('/admin').adapter.rooms.get(mirrorRoom(review.id))).to.equal(undefined);
  });

  it('coalesces a flood of reports: far fewer pushes than reports, the last one the latest view', async () => {
    const { review } = await startReviewOn(ts.base, sup, k, 's-bi-120001');
    const c = await console_();
    expect((await open(c, { reviewId: review.id })).ok).to.equal(true);
    const heard: any[] = [];
    c.on('mirror:view', (v) => heard.push(v));
    const ids = ['bi1', 'bi2', 'bi3', 'bi4', 'bi5'];
    const reports = Array.from({ length: 200 }, (_, i) => ({ questionId: ids[i % ids.length]!, open: i % 3 === 0 }));
    reports.push({ questionId: 'bi6', open: false });
    const acks = await Promise.all(reports.map((r) => view(r)));
    expect(acks.every((a) => a.ok)).to.equal(true);
    await eventually(() => heard.at(-1)?.position === 'bi6');
    expect(heard.at(-1)).to.include({ position: 'bi6', open: false, reveal: null });
    expect(heard.length).to.be.below(reports.length / 2);
  });

  it('refuses a bad view report with a coded ack and stores nothing', async () => {
    const { review } = await startReviewOn(ts.base, sup, k, 's-bi-120001');
    await ts.store.flush();
    const before = JSON.stringify(ts.store.reviews.get(review.id));
    for (const [bad, code] of [
      [{ questionId: 'bi2' }, 'invalid-input'],
      [{ questionId: 'bi2', open: 'yes' }, 'invalid-input'],
      [{ questionId: 'bi2', open: false, extra: 1 }, 'invalid-input'],
      [null, 'invalid-input'],
      [{ questionId: 'nope', open: false }, 'not-found'],
    ] as const) {
      const ack = await view(bad);
      expect(ack.ok, JSON.stringify(bad)).to.equal(false);
      expect(ack.error.code, JSON.stringify(bad)).to.equal(code);
    }
    expect(JSON.stringify(ts.store.reviews.get(review.id))).to.equal(before);
  });

  it('refuses an open panel that the reveal policy withholds (forbidden)', async () => {
    const r = await boss.call('PATCH', '/api/exams/bi-kb-2026/review', { reveal: { key: 'never', scheme: 'on-request', scope: 'all', scores: 'shown' } });
    expect(r.status, r.text).to.equal(200);
    const { review } = await startReviewOn(ts.base, sup, k, 's-bi-120001');
    const c = await console_();
    expect((await open(c, { reviewId: review.id })).ok).to.equal(true);
    const ack = await view({ questionId: 'bi2', open: true });
    expect(ack.ok).to.equal(false);
    expect(ack.error.code).to.equal('forbidden');
    // the scheme of the open question is allowed, and reaches the mirror
    const opened = viewWhere(c, (v) => v.open);
    expect(await view({ questionId: 'bi7', open: true })).to.deep.equal({ ok: true });
    expect((await opened).reveal).to.have.property('scheme');
  });

  it('refuses a kiosk socket, a console without a session, and bad or unknown reviews', async () => {
    const { review } = await startReviewOn(ts.base, sup, k, 's-bi-120001');
    // a kiosk has no mirror command
    const fromKiosk = await (k.socket.timeout(5000) as any).emitWithAck('mirror:open', { reviewId: review.id });
    expect(fromKiosk.ok).to.equal(false);
    expect(fromKiosk.error.code).to.equal('invalid-input');
    // anonymous: refused at the handshake, nothing to send on
    const anon = io(`${ts.base}/admin`, { transports: ['websocket'], forceNew: true, reconnection: false });
    closing.push(anon);
    const refused = await new Promise<Error>((resolve) => anon.on('connect_error', resolve));
    expect(refused.message).to.equal('unauthenticated');
    const c = await console_();
    for (const [bad, code] of [[{ reviewId: '' }, 'invalid-input'], [{ reviewId: review.id, x: 1 }, 'invalid-input'], [{ reviewId: 'nope' }, 'no-review']] as const) {
      const ack = await open(c, bad);
      expect(ack.ok, JSON.stringify(bad)).to.equal(false);
      expect(ack.error.code, JSON.stringify(bad)).to.equal(code);
    }
    // one payload and an ack: more arguments are refused
    const extra = await (c.timeout(5000) as any).emitWithAck('mirror:open', { reviewId: review.id }, 'more');
    expect(extra.error.code).to.equal('invalid-input');
    // other events from a console stay refused
    const unknown = await (c.timeout(5000) as any).emitWithAck('review:navigate', { questionId: 'bi2' });
    expect(unknown.error.code).to.equal('invalid-input');
    expect(await mirrorLines()).to.deep.equal([]);
  });

  it('closes when the review ends: the room is emptied, and an ended review cannot be opened', async () => {
    const { review } = await startReviewOn(ts.base, sup, k, 's-bi-120001');
    const c = await console_();
    expect((await open(c, { reviewId: review.id })).ok).to.equal(true);
    expect(ts.app.io.of('/admin').adapter.rooms.get(mirrorRoom(review.id))?.size).to.equal(1);
    const ended = once(c, 'review:ended');
    expect((await sup.call('DELETE', `/api/reviews/${review.id}`)).status).to.equal(204);
    expect((await ended).id).to.equal(review.id);
    await eventually(() => ts.app.io.of('/admin').adapter.rooms.get(mirrorRoom(review.id)) === undefined);
    const again = await open(c, { reviewId: review.id });
    expect(again.ok).to.equal(false);
    expect(again.error.code).to.equal('no-review');
    // the kiosk's report on it: no review
    const late = await view({ questionId: 'bi1', open: false });
    expect(late.error.code).to.equal('no-review');
  });
});
