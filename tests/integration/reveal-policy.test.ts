import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importData } from '../../server/import/index.ts';
import {
  FIXTURES, loggedIn, onlineKiosk, startReviewOn, startTestServer,
  type KioskSocket, type PairedKiosk, type StaffClient, type TestServer,
} from '../helpers/server.ts';

/** The sample, with 25 % extra time and read-aloud for candidate 120002, and a reveal policy on the Wiskunde exam. */
function sampleWithAccommodations() {
  const data = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  data.candidates.find((c: any) => c.number === '120002').accommodations = { extraTimePercent: 25, readAloud: true };
  data.exams.find((e: any) => e.id === 'wi-kb-2026').review.reveal = { key: 'always', scheme: 'never', scope: 'all', scores: 'hidden' };
  return data;
}

describe('the reveal policy per exam and accommodations (server-enforced)', () => {
  let ts: TestServer;
  let sup1: StaffClient, boss: StaffClient;
  let k: PairedKiosk & { socket: KioskSocket };

  before(async () => {
    ts = await startTestServer({ data: sampleWithAccommodations() });
    [sup1, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
    k = await onlineKiosk(ts.base, boss, 'Station P');
  });
  after(async () => {
    k.socket.close();
    await ts.close();
  });
  afterEach(async () => {
    for (const r of ts.app.ctx.engine.active()) await ts.app.ctx.engine.finish(r.id, 'ended-by-supervisor', 'test');
  });

  const start = (sittingId: string) => startReviewOn(ts.base, sup1, k, sittingId);
  const reveal = (questionId: string) => k.socket.timeout(5000).emitWithAck('review:reveal', { questionId }) as Promise<any>;
  const setPolicy = (examId: string, body: object) => boss.call('PATCH', `/api/exams/${examId}/review`, body);

  it('reads an exam without a policy as today: showKey/showScheme true → on-request, scores shown', async () => {
    const exam = (await boss.call('GET', '/api/exams')).json.find((e: any) => e.id === 'bi-kb-2026');
    expect(exam.review.reveal).to.equal(undefined);
    const { payload } = await start('s-bi-120001');
    expect(payload.questions.find((q: any) => q.id === 'bi1')).to.include({ score: 1, hasKey: true });
    expect(payload.questions.some((q: any) => 'revealed' in q)).to.equal(false);
    expect((await reveal('bi1')).ok).to.equal(true);
  });

  it("scope 'not-full-marks' refuses a reveal on a full-marks question at the server, and allows it where points were lost", async () => {
    const r = await setPolicy('bi-kb-2026', { reveal: { key: 'on-request', scheme: 'on-request', scope: 'not-full-marks', scores: 'shown' } });
    expect(r.status, r.text).to.equal(200);
    const { payload } = await start('s-bi-120001'); // bi1 1/1 (full), bi7 2/3
    expect(payload.questions.find((q: any) => q.id === 'bi1')).to.include({ hasKey: false });
    expect(payload.questions.find((q: any) => q.id === 'bi7')).to.include({ hasScheme: true });
    const full = await reveal('bi1');
    expect(full.ok).to.equal(false);
    expect(full.error.code).to.equal('forbidden');
    expect(full.error.message).to.contain('punten zijn verloren');
    const lost = await reveal('bi7');
    expect(lost.ok).to.equal(true);
    expect(lost.data.scheme).to.be.a('string');
  });

  it("'never' refuses the reveal with forbidden; 'always' sends the key in the payload up front; scores 'hidden' leaves them out", async () => {
    await setPolicy('bi-kb-2026', { reveal: { key: 'always', scheme: 'never', scope: 'all', scores: 'hidden' } });
    const { payload } = await start('s-bi-120002');
    const bi1 = payload.questions.find((q: any) => q.id === 'bi1');
    expect(bi1.revealed).to.have.property('key');
    expect(bi1).to.include({ hasKey: true });
    expect(payload.questions.every((q: any) => !('score' in q))).to.equal(true);
    const bi7 = payload.questions.find((q: any) => q.id === 'bi7');
    expect(bi7).to.include({ hasScheme: false });
    expect(bi7).not.to.have.property('revealed');
    expect(JSON.stringify(payload)).not.to.contain('"scheme"');
    const refused = await reveal('bi7');
    expect(refused.error.code).to.equal('forbidden');
  });

  it('keeps showKey/showScheme and the policy in step, and audits the change with from and to', async () => {
    await setPolicy('bi-kb-2026', { reveal: { key: 'never', scheme: 'always', scope: 'all', scores: 'shown' } });
    let exam = (await boss.call('GET', '/api/exams')).json.find((e: any) => e.id === 'bi-kb-2026');
    expect(exam.review).to.include({ showKey: false, showScheme: true });
    // an older client that only knows showKey opens the key on request again
    await setPolicy('bi-kb-2026', { showKey: true });
    exam = (await boss.call('GET', '/api/exams')).json.find((e: any) => e.id === 'bi-kb-2026');
    expect(exam.review.reveal).to.deep.equal({ key: 'on-request', scheme: 'always', scope: 'all', scores: 'shown' });
    const audit = (await ts.store.audit.readAll()).filter((e) => e.action === 'exam.review-changed' && e.target === 'bi-kb-2026').at(-1)!;
    expect((audit.details.from as any).reveal.key).to.equal('never');
    expect((audit.details.to as any).reveal.key).to.equal('on-request');
    const bad = await setPolicy('bi-kb-2026', { reveal: { key: 'sometimes', scheme: 'always', scope: 'all', scores: 'shown' } });
    expect(bad.status).to.equal(400);
  });

  it('takes the policy from the import (exam.review.reveal)', async () => {
    const { payload } = await start('s-wi-120002');
    const wi1 = payload.questions.find((q: any) => q.id === 'wi1');
    expect(wi1.revealed).to.have.property('key');
    expect(wi1).not.to.have.property('score');
    // an import with a policy that is not one is refused, writing nothing
    const data = sampleWithAccommodations();
    data.exams[0].review.reveal = { key: 'always' };
    const r = await importData(ts.store, data, { actor: 'test', dryRun: true });
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).to.contain('exams[0].review.reveal.scheme');
  });

  it("extends a candidate's limit by their extra time (and so the warning), and tells the kiosk of read-aloud", async () => {
    const { review, payload } = await start('s-bi-120002');
    const limit = Date.parse(review.endsAt) - Date.parse(review.startedAt);
    expect(limit).to.equal(30 * 60_000 * 1.25);
    const s = ts.app.ctx.engine.get(review.id)!;
    expect(ts.app.ctx.engine.warnAt(s)).to.equal(Date.parse(review.endsAt) - 5 * 60_000);
    expect(payload.accommodations).to.deep.equal({ extraTimePercent: 25, readAloud: true });
    await ts.app.ctx.engine.finish(review.id, 'ended-by-supervisor', 'test');
    const plain = await start('s-bi-120001');
    expect(Date.parse(plain.review.endsAt) - Date.parse(plain.review.startedAt)).to.equal(30 * 60_000);
    expect(plain.payload.accommodations).to.deep.equal({ extraTimePercent: 0, readAloud: false });
  });

  it('shows the accommodations in the console rows (results and sittings)', async () => {
    const results = await sup1.call('GET', '/api/groups/g-bi-1/results');
    expect(results.json.rows.find((r: any) => r.candidateNumber === '120002').accommodations).to.deep.equal({ extraTimePercent: 25, readAloud: true });
    expect(results.json.rows.find((r: any) => r.candidateNumber === '120001')).not.to.have.property('accommodations');
    const sittings = await sup1.call('GET', '/api/candidates/120002/sittings');
    expect(sittings.json.candidate.accommodations).to.deep.equal({ extraTimePercent: 25, readAloud: true });
  });
});
