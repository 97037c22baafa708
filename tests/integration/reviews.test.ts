import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import { MISSED_END_MS } from '../../server/review/engine.ts';
import { verifyAuditText } from '../../server/store/audit.ts';
import {
  connectKiosk, consoleSocket, heardDuring, kioskSocket, loggedIn, once, pairKiosk, startTestServer,
  type KioskSocket, type PairedKiosk, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { storedAuditText, whereStored } from '../support/stored.ts';

describe('review sessions over HTTP and sockets', () => {
  let ts: TestServer;
  let sup1: StaffClient, sup2: StaffClient, boss: StaffClient;
  const sockets: { close(): void }[] = [];
  const track = <T extends { close(): void }>(s: T) => (sockets.push(s), s);

  before(async () => {
    ts = await startTestServer();
    [sup1, sup2, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'sup2'), loggedIn(ts.base, 'boss')]);
  });
  after(async () => {
    await ts.close();
  });
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

  async function startOn(k: { id: string; socket: KioskSocket }, sittingId: string, by = sup1) {
    const started = once(k.socket, 'review:started');
    const r = await by.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
    expect(r.status, r.text).to.equal(201);
    return { id: r.json.id as string, payload: await started };
  }

  describe('starting', () => {
    it('pushes the whole review to the kiosk, without keys or schemes, and lists it for every console', async () => {
      const k = await onlineKiosk('Station 1');
      const consoleSock = track(consoleSocket(ts.base, sup2));
      await once(consoleSock, 'reviews:updated');
      const updated = once<any[]>(consoleSock, 'reviews:updated');
      const { id, payload } = await startOn(k, 's-bi-120001');
      expect(payload.id).to.equal(id);
      expect(payload.candidate).to.deep.equal({ number: '120001', name: 'Sanne de Vries' });
      expect(payload.questions).to.have.length(7);
      expect(payload.totalScore).to.equal(11);
      const text = JSON.stringify(payload.questions);
      expect(text).not.to.match(/"(key|scheme|tolerance)"/);
      expect(payload.questions.find((q: any) => q.id === 'bi1')).to.include({ hasKey: true, hasScheme: false });
      expect(payload.questions.find((q: any) => q.id === 'bi7')).to.include({ hasKey: false, hasScheme: true });
      const list = await updated;
      expect(list.map((r) => r.id)).to.include(id);
      const mine = list.find((r) => r.id === id);
      expect(mine).to.include({ kioskName: 'Station 1', candidateName: 'Sanne de Vries', questionNumber: 1, questionCount: 7, approvedBy: 'sup1' });
      const stored = ts.store.reviews.get(id);
      expect(stored).to.include({ sittingId: 's-bi-120001', kioskId: k.id, position: payload.position });
    });

    it('refuses each failed check with its own code and starts nothing', async () => {
      const k1 = await onlineKiosk('Station A');
      const k2 = await onlineKiosk('Station B');
      const offline = await pairKiosk(ts.base, boss, 'Station C');
      await startOn(k1, 's-bi-120001');
      const cases: [string, string, number, string][] = [
        ['s-ma-120002', k2.id, 403, 'review-not-allowed'],
        ['s-fr-120003', k2.id, 403, 'review-not-open'],
        ['s-ns-120001', k2.id, 403, 'review-expired'],
        ['s-bi-120002', offline.id, 409, 'kiosk-offline'],
        ['s-bi-120002', k1.id, 409, 'kiosk-busy'],
        ['s-bi-120001', k2.id, 409, 'sitting-busy'],
        ['s-wi-120001', k2.id, 409, 'candidate-busy'],
        ['s-nope', k2.id, 404, 'not-found'],
      ];
      const before = ts.store.reviews.all().length;
      const started = await heardDuring(k2.socket, 'review:started', async () => {
        for (const [sittingId, kioskId, status, code] of cases) {
          const r = await sup2.call('POST', '/api/reviews', { sittingId, kioskId });
          expect([r.status, r.json?.error?.code], sittingId).to.deep.equal([status, code]);
          expect(r.json.error.message).to.be.a('string').and.not.be.empty;
        }
      });
      expect(started, 'no review reached the free kiosk').to.deep.equal([]);
      expect(ts.store.reviews.all().length).to.equal(before);
    });

    it('refers an expired central exam to the CvTE', async () => {
      const k = await onlineKiosk('Station D');
      const r = await sup1.call('POST', '/api/reviews', { sittingId: 's-ns-120001', kioskId: k.id });
      expect(r.json.error.code).to.equal('review-expired');
      expect(r.json.error.message).to.match(/College voor Toetsen en Examens \(CvTE\)/);
    });

    it('fails with kiosk-offline and leaves nothing active when the kiosk does not acknowledge', async () => {
      const k = await pairKiosk(ts.base, boss, 'Silent');
      const { socket } = await connectKiosk(ts.base, k.token);
      track(socket);
      socket.on('review:started', () => { /* never acknowledges */ });
      ts.app.ctx.config.startAckTimeoutMs = 300;
      try {
        const r = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId: k.id });
        expect(r.status).to.equal(409);
        expect(r.json.error.code).to.equal('kiosk-offline');
        expect(ts.app.ctx.engine.activeForKiosk(k.id)).to.equal(undefined);
        expect(ts.app.ctx.engine.activeForSitting('s-bi-120002')).to.equal(undefined);
      } finally {
        ts.app.ctx.config.startAckTimeoutMs = 5000;
      }
    });

    it('validates the request body', async () => {
      const r = await sup1.call('POST', '/api/reviews', { sittingId: 42, kioskId: '' });
      expect(r.status).to.equal(400);
      expect(r.json.error.code).to.equal('invalid-input');
      expect(r.json.error.details.errors.join(' ')).to.match(/sittingId/);
    });
  });

  describe('the kiosk during a review', () => {
    it('navigates, and every console sees the new position; the position is stored', async () => {
      const k = await onlineKiosk('Nav');
      const c1 = track(consoleSocket(ts.base, sup1));
      const c2 = track(consoleSocket(ts.base, boss));
      await Promise.all([once(c1, 'reviews:updated'), once(c2, 'reviews:updated')]);
      const { id } = await startOn(k, 's-bi-120002');
      const p1 = once(c1, 'review:progress');
      const p2 = once(c2, 'review:progress');
      const ack = await k.socket.timeout(2000).emitWithAck('review:navigate', { questionId: 'bi3' });
      expect(ack).to.deep.equal({ ok: true });
      for (const p of await Promise.all([p1, p2])) expect(p).to.deep.equal({ id, position: 'bi3', questionNumber: 3, questionCount: 7 });
      expect(ts.app.ctx.engine.get(id)!.position).to.equal('bi3');
      const list = await sup1.call('GET', '/api/reviews');
      expect(list.json.find((r: any) => r.id === id).position).to.equal('bi3');
    });

    it('reveals keys and schemes on demand, audited, and withholds them where the exam says so', async () => {
      const k = await onlineKiosk('Reveal');
      const { id } = await startOn(k, 's-bi-120003');
      const key = await k.socket.timeout(2000).emitWithAck('review:reveal', { questionId: 'bi1' });
      expect(key).to.deep.equal({ ok: true, data: { key: ['B'] } });
      const scheme: any = await k.socket.timeout(2000).emitWithAck('review:reveal', { questionId: 'bi7' });
      expect(scheme.ok).to.equal(true);
      expect(scheme.data.scheme).to.contain('dissimilatie');
      const events = await ts.store.audit.readAll();
      const reveals = events.filter((e) => e.action === 'review.revealed' && e.target === id);
      expect(reveals.map((e) => e.details)).to.deep.equal([{ questionId: 'bi1', what: 'key' }, { questionId: 'bi7', what: 'scheme' }]);

      const k2 = await onlineKiosk('Withheld');
      await startOn(k2, 's-wi-120002');
      const withheld: any = await k2.socket.timeout(2000).emitWithAck('review:reveal', { questionId: 'wi1' });
      expect(withheld.ok).to.equal(false);
      expect(withheld.error.code).to.equal('forbidden');
    });

    it('answers garbage on every event with a coded ack and changes nothing', async () => {
      const k = await onlineKiosk('Garbage');
      const { id } = await startOn(k, 's-bi-120001');
      const before = JSON.stringify([ts.store.kiosks.all(), ts.store.staff.all(), ts.store.reviews.all()]);
      const auditBefore = ts.store.audit.lastSeq;
      const junk: unknown[] = [null, 42, 'bi2', [], { questionId: { $gt: '' } }, { questionId: 'bi2', extra: 1 }, { questionId: 'x'.repeat(5000) }];
      for (const event of ['review:navigate', 'review:reveal'] as const) {
        for (const p of junk) {
          // junk is not what the typed map allows: sent untyped, as an attacker would
          const ack: any = await (k.socket as any).timeout(2000).emitWithAck(event, p);
          expect(ack.ok, `${event} ${JSON.stringify(p).slice(0, 40)}`).to.equal(false);
          expect(ack.error.code).to.equal('invalid-input');
        }
      }
      for (const p of [null, 42, 'x', [], { reason: 'x' }]) {
        const ack: any = await (k.socket as any).timeout(2000).emitWithAck('review:logout', p);
        expect(ack.ok).to.equal(false);
        expect(ack.error.code).to.equal('invalid-input');
      }
      const unknown: any = await (k.socket as any).timeout(2000).emitWithAck('exam:edit', { questionId: 'bi1', score: 10 });
      expect(unknown).to.deep.include({ ok: false });
      expect(unknown.error.code).to.equal('invalid-input');
      // a command with more than its one payload is not a command of the contract: refused, not left unanswered
      const extra: any = await (k.socket as any).timeout(2000).emitWithAck('review:logout', {}, 'extra');
      expect(extra.error.code).to.equal('invalid-input');
      // a command without an ack callback is ignored, even a valid one
      (k.socket as any).emit('review:navigate', { questionId: 'bi2' });
      (k.socket as any).emit('review:logout', {});
      // the server handles a socket's packets in order: once this is answered, the two above were handled
      const later: any = await (k.socket as any).timeout(2000).emitWithAck('review:navigate', null);
      expect(later.error.code).to.equal('invalid-input');
      await ts.store.flush();
      expect(JSON.stringify([ts.store.kiosks.all(), ts.store.staff.all(), ts.store.reviews.all()])).to.equal(before);
      expect(ts.store.audit.lastSeq).to.equal(auditBefore);
      expect(ts.app.ctx.engine.get(id)!.endedAt).to.equal(undefined);
    });

    it('cannot reach questions or sessions that are not its own', async () => {
      const a = await onlineKiosk('Own A');
      const b = await onlineKiosk('Own B');
      const ra = await startOn(a, 's-bi-120001');
      // b has no session: every command is refused, a's session is untouched
      for (const event of ['review:navigate', 'review:reveal'] as const) {
        const ack: any = await b.socket.timeout(2000).emitWithAck(event, { questionId: 'bi3' });
        expect(ack.error.code).to.equal('no-review');
      }
      const out: any = await b.socket.timeout(2000).emitWithAck('review:logout', {});
      expect(out.error.code).to.equal('no-review');
      expect(ts.app.ctx.engine.get(ra.id)!.endedAt).to.equal(undefined);
      // a cannot leave its own exam
      await startOn(b, 's-bi-120002');
      const foreign: any = await a.socket.timeout(2000).emitWithAck('review:reveal', { questionId: 'ns1' });
      expect(foreign.error.code).to.equal('not-found');
      const away: any = await a.socket.timeout(2000).emitWithAck('review:navigate', { questionId: 'ns1' });
      expect(away.error.code).to.equal('not-found');
      expect(ts.app.ctx.engine.get(ra.id)!.position).to.equal('bi1');
    });

    it('an unpaired socket gets only a pairing code and may not send commands', async () => {
      const s = track(kioskSocket(ts.base));
      const code = await once(s, 'pairing:code');
      expect(code.code).to.match(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
      expect(Date.parse(code.expiresAt) - Date.now()).to.be.within(9 * 60_000, 10 * 60_000 + 1000);
      const ack: any = await s.timeout(2000).emitWithAck('review:navigate', { questionId: 'bi1' });
      expect(ack.error.code).to.equal('no-review');
    });

    it('answers a logout without a payload like one with {}', async () => {
      const k = await onlineKiosk('Bare logout');
      const { id } = await startOn(k, 's-bi-120001');
      expect(await (k.socket as any).timeout(2000).emitWithAck('review:logout')).to.deep.equal({ ok: true });
      expect(ts.app.ctx.engine.get(id)!.endReason).to.equal('candidate-logged-out');
    });

    it('a console socket only listens: anything it sends with an ack is refused with a code', async () => {
      const c = track(consoleSocket(ts.base, boss));
      await once(c, 'reviews:updated');
      for (const [event, args] of [['review:navigate', [{ questionId: 'bi1' }]], ['review:end', []], ['kiosks:updated', [1, 2]]] as const) {
        const ack: any = await (c as any).timeout(2000).emitWithAck(event, ...args);
        expect(ack, event).to.deep.equal({ ok: false, error: { code: 'invalid-input', message: 'Onbekend verzoek.', details: { refusal: 'unknown-request' } } });
      }
      expect(c.connected).to.equal(true);
    });
  });

  describe('ending', () => {
    async function endsWith(trigger: (ctx: { k: PairedKiosk & { socket: KioskSocket }; id: string }) => Promise<unknown>, reason: string, sittingId = 's-bi-120001') {
      const k = await onlineKiosk(`End ${reason}`);
      const watcher = track(consoleSocket(ts.base, sup2));
      await once(watcher, 'reviews:updated');
      const { id } = await startOn(k, sittingId);
      const kioskEnded = once(k.socket, 'review:ended');
      const consoleEnded = once(watcher, 'review:ended');
      await trigger({ k, id });
      expect(await kioskEnded).to.deep.equal({ reason });
      expect(await consoleEnded).to.include({ id, reason, kioskId: k.id, candidateName: 'Sanne de Vries' });
      const stored = ts.app.ctx.engine.get(id)!;
      expect(stored.endReason).to.equal(reason);
      expect(stored.endedAt).to.be.a('string');
      const audit = await ts.store.audit.readAll();
      expect(audit.some((e) => e.action === 'review.ended' && e.target === id && e.details.reason === reason)).to.equal(true);
      return { k, id };
    }

    it('ends when the supervisor presses end', async () => {
      await endsWith(({ id }) => sup1.call('DELETE', `/api/reviews/${id}`), 'ended-by-supervisor');
    });

    it('ends when the candidate logs out', async () => {
      await endsWith(({ k }) => k.socket.timeout(2000).emitWithAck('review:logout', {}), 'candidate-logged-out');
    });

    it('ends when an admin unpairs the kiosk, which is then told and disconnected', async () => {
      const { k } = await endsWith(async ({ k }) => {
        const unpaired = once(k.socket, 'kiosk:unpaired');
        const r = await boss.call('DELETE', `/api/kiosks/${k.id}`);
        expect(r.status).to.equal(204);
        await unpaired;
      }, 'kiosk-unpaired');
      await eventually(() => !k.socket.connected, { what: 'the unpaired kiosk disconnected' });
      const again = kioskSocket(ts.base, k.token);
      track(again);
      const err = await new Promise<Error>((res) => again.once('connect_error', res));
      expect(err.message).to.equal('kiosk-unknown');
    });

    it('ends the sessions a supervisor approved when that supervisor logs out, and only those', async () => {
      const leaving = await loggedIn(ts.base, 'sup1');
      const leavingSocket = track(consoleSocket(ts.base, leaving));
      await once(leavingSocket, 'reviews:updated');
      const other = await onlineKiosk('Other');
      const { id: otherId } = await startOn(other, 's-bi-120003', sup2);
      const disconnected = once(leavingSocket, 'disconnect');
      // the session in endsWith is approved by sup1: the user who logs out here (in another login)
      await endsWith(() => leaving.logout(), 'supervisor-logged-out');
      expect(await disconnected).to.equal('io server disconnect');
      expect(ts.app.ctx.engine.get(otherId)!.endedAt).to.equal(undefined);
      const dead = await fetch(`${ts.base}/api/groups`, { headers: { cookie: leaving.cookie } });
      expect(dead.status).to.equal(401);
    });

    it('refuses to end a session that is not running', async () => {
      const r = await sup1.call('DELETE', '/api/reviews/does-not-exist');
      expect(r.status).to.equal(404);
    });
  });

  describe('the audit log', () => {
    it('holds each transition, never answers, and verifies', async () => {
      const k = await onlineKiosk('Audit');
      const { id } = await startOn(k, 's-bi-120002');
      await k.socket.timeout(2000).emitWithAck('review:reveal', { questionId: 'bi1' });
      await k.socket.timeout(2000).emitWithAck('review:logout', {});
      const events = (await ts.store.audit.readAll()).filter((e) => e.target === id);
      expect(events.map((e) => e.action)).to.deep.equal(['review.started', 'review.revealed', 'review.ended']);
      expect(events[0]!.actor).to.equal('sup1');
      const text = await storedAuditText(whereStored(ts)); // audit.jsonl, or the audit_log rows' lines
      expect(verifyAuditText(text).ok).to.equal(true);
      expect(text).not.to.contain('dissimilatie');
      const api = await boss.call('GET', '/api/audit?action=review');
      expect(api.json.verified).to.equal(true);
      expect(api.json.events.every((e: any) => e.action.startsWith('review.'))).to.equal(true);
    });
  });
});

describe('a kiosk that was away when its review ended (fake clock)', () => {
  const t0 = Date.parse('2026-06-05T10:00:00Z');
  const GRACE = 60_000;
  let clock: FakeClock;
  let ts: TestServer;
  let sup: StaffClient, boss: StaffClient;
  const sockets: { close(): void }[] = [];
  const track = <T extends { close(): void }>(s: T) => (sockets.push(s), s);

  before(async () => {
    clock = new FakeClock(t0);
    ts = await startTestServer({ clock, config: { graceMs: GRACE } });
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


  /** A kiosk shows a review, then its connection drops (the server has noticed). */
  async function awayDuringReview(name: string, sittingId: string) {
    const k = await pairKiosk(ts.base, boss, name);
    const { socket } = await connectKiosk(ts.base, k.token);
    track(socket);
    const started = once(socket, 'review:started');
    const r = await sup.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
    expect(r.status, r.text).to.equal(201);
    await started;
    socket.close();
    await eventually(() => !ts.app.ctx.kiosks.isOnline(k.id), { what: 'the server sees the kiosk go' });
    return { k, id: r.json.id as string };
  }

  async function back(token: string) {
    const { socket, state } = await connectKiosk(ts.base, token);
    track(socket);
    return { socket, state };
  }

  it('tells the kiosk in kiosk:state that its review ended after the grace period, for 10 minutes', async () => {
    const { k, id } = await awayDuringReview('Away 1', 's-bi-120001');
    clock.advance(GRACE + 1);
    await eventually(() => ts.app.ctx.engine.get(id)?.endReason === 'kiosk-disconnected', { what: 'ended after the grace period' });
    const first = await back(k.token);
    expect(first.state.review).to.equal(null);
    expect(first.state.ended).to.deep.equal({ id, reason: 'kiosk-disconnected' });
    // a second reconnect within the 10 minutes says the same (the kiosk ignores a review it no longer shows)
    first.socket.close();
    await eventually(() => !ts.app.ctx.kiosks.isOnline(k.id), { what: 'gone again' });
    clock.advance(MISSED_END_MS - GRACE - 2);
    expect((await back(k.token)).state.ended).to.deep.equal({ id, reason: 'kiosk-disconnected' });
    // after 10 minutes it is old news
    clock.advance(GRACE + 10);
    const late = await back(k.token);
    expect(late.state.review).to.equal(null);
    expect(late.state).not.to.have.property('ended');
  });

  it('tells it the reason when a supervisor ended the review while the kiosk was away', async () => {
    const { k, id } = await awayDuringReview('Away 2', 's-bi-120002');
    const r = await sup.call('DELETE', `/api/reviews/${id}`);
    expect(r.status, r.text).to.be.oneOf([200, 204]);
    const { state } = await back(k.token);
    expect(state).to.deep.include({ review: null, ended: { id, reason: 'ended-by-supervisor' } });
  });

  it('says nothing of an end the kiosk was connected for, nor while its review is still on', async () => {
    // back within the grace period: the review itself, no `ended`
    const { k, id } = await awayDuringReview('Away 3', 's-bi-120003');
    clock.advance(GRACE - 1000);
    const resumed = await back(k.token);
    expect(resumed.state.review.id).to.equal(id);
    expect(resumed.state).not.to.have.property('ended');
    // the candidate logs out on the kiosk: it hears `review:ended` live, so a reconnect has nothing to add
    const ended = once(resumed.socket, 'review:ended');
    expect(await resumed.socket.timeout(2000).emitWithAck('review:logout', {})).to.deep.equal({ ok: true });
    expect(await ended).to.deep.equal({ reason: 'candidate-logged-out' });
    resumed.socket.close();
    await eventually(() => !ts.app.ctx.kiosks.isOnline(k.id), { what: 'gone' });
    const again = await back(k.token);
    expect(again.state).to.deep.equal({ kiosk: { id: k.id, name: 'Away 3' }, review: null });
  });

  it('reports only the last review: a later one whose end the kiosk saw replaces a missed end', async () => {
    const { k, id } = await awayDuringReview('Away 4', 's-wi-120001');
    clock.advance(GRACE + 1);
    await eventually(() => !!ts.app.ctx.engine.get(id)?.endedAt, { what: 'ended' });
    const { socket } = await back(k.token);
    const started = once(socket, 'review:started');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-wi-120002', kioskId: k.id });
    expect(r.status, r.text).to.equal(201);
    await started;
    await ts.app.ctx.engine.finish(r.json.id, 'ended-by-supervisor', 'test'); // seen live
    socket.close();
    await eventually(() => !ts.app.ctx.kiosks.isOnline(k.id), { what: 'gone' });
    expect((await back(k.token)).state).not.to.have.property('ended');
  });
});
