import { expect } from 'chai';
import { loadDemoImport } from '../../server/demo.ts';
import {
  connectKiosk, loggedIn, once, pairKiosk, startTestServer, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { exampleImport, type Json } from '../support/importFixture.ts';

const GS = 'gs-kb-2026-1';
const SITTING = 's-gs-kb-241001';

/** The demo's history exam as a school would send it again: question 3 reworded, question 8 dropped. */
function changedDemoExam(demo: Json): Json {
  const exam = structuredClone(demo.exams.find((e: Json) => e.id === GS));
  exam.questions[2].stem = '<p>Welk jaar hoort bij welke gebeurtenis?</p>';
  exam.questions = exam.questions.filter((q: Json) => q.id !== 'gs8');
  return { format: 'inzage/v1', exams: [exam] };
}

describe('re-importing an exam over stored sittings', () => {
  let ts: TestServer;
  let boss: StaffClient, sup: StaffClient;
  const demo = loadDemoImport(Date.now()) as Json;
  beforeEach(async () => {
    ts = await startTestServer({ data: demo });
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
  });
  afterEach(() => ts.close());

  it('says in the dry run and the import what changes, and the kiosk still shows the sitting as it was taken', async () => {
    const resultsBefore = (await sup.call('GET', '/api/groups/g-gs-kb-0518-211/results')).json;
    const dry = await boss.call('POST', '/api/imports?dryRun=1', changedDemoExam(demo));
    expect(dry.status, dry.text).to.equal(200);
    const expected = {
      examId: GS, change: 'updated', newVersion: true, questions: { added: [], changed: [3], removed: [8] },
      maxScore: { from: 14, to: 11 }, sittingsOnOldVersion: 7, sittingsInFile: 0, review: null,
    };
    expect(dry.json.exams).to.have.length(1);
    expect(dry.json.exams[0]).to.deep.include(expected);
    const real = await boss.call('POST', '/api/imports', changedDemoExam(demo));
    expect(real.json.exams[0]).to.deep.include(expected);
    expect((await sup.call('GET', '/api/groups/g-gs-kb-0518-211/results')).json.rows).to.deep.equal(resultsBefore.rows);

    // the demo's window for this exam has closed: open it, as an admin would
    expect((await boss.call('PATCH', `/api/exams/${GS}/review`, { allowed: true, opensAt: null, closesAt: null })).status).to.equal(200);
    const k = await pairKiosk(ts.base, boss, 'Station 1');
    const { socket } = await connectKiosk(ts.base, k.token);
    try {
      const started = once(socket, 'review:started');
      const r = await sup.call('POST', '/api/reviews', { sittingId: SITTING, kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      expect(r.json.questionCount).to.equal(8);
      const payload = await started;
      expect(payload.questions.map((q: Json) => q.id)).to.deep.equal(['gs1', 'gs2', 'gs3', 'gs4', 'gs5', 'gs6', 'gs7', 'gs8']);
      expect(payload.questions.filter((q: Json) => q.response === null)).to.deep.equal([]);
      expect(payload).to.include({ totalScore: 7, maxScore: 14 });
      expect(payload.questions.reduce((sum: number, q: Json) => sum + q.maxScore, 0)).to.equal(14);
      expect(payload.questions[2].stem).not.to.contain('Welk jaar hoort');
      // the scheme of a question the new version dropped is still there for this sitting
      const reveal = await new Promise<Json>((res) => socket.emit('review:reveal', { questionId: 'gs8' }, res));
      expect(reveal.ok, JSON.stringify(reveal)).to.equal(true);
      expect(reveal.data.scheme).to.be.a('string').and.not.equal('');
      const nav = await new Promise<Json>((res) => socket.emit('review:navigate', { questionId: 'gs8' }, res));
      expect(nav.ok).to.equal(true);
    } finally {
      socket.close();
    }
  });

  it('leaves the demo alone when the example of docs/import-format.md is imported over it', async () => {
    const exams = (await boss.call('GET', '/api/exams')).json;
    const r = await boss.call('POST', '/api/imports', exampleImport());
    expect(r.json.counts).to.deep.include({
      exams: { added: 1, updated: 0, unchanged: 0 },
      candidates: { added: 2, updated: 0, unchanged: 0, removed: 0 },
      sittings: { added: 2, updated: 0, unchanged: 0, removed: 0 },
    });
    const after = (await boss.call('GET', '/api/exams')).json;
    expect(after.filter((e: Json) => exams.some((x: Json) => x.id === e.id))).to.deep.equal(exams);
  });

  it('keeps review settings changed in the console when the same file is imported again', async () => {
    const patch = { closesAt: '2099-06-30T15:00:00.000Z', maxMinutes: 60 };
    expect((await boss.call('PATCH', `/api/exams/${GS}/review`, patch)).status).to.equal(200);
    const again = await boss.call('POST', '/api/imports', demo);
    expect(again.status, again.text).to.equal(200);
    expect(again.json.exams.find((e: Json) => e.examId === GS).review).to.deep.include({ outcome: 'kept' });
    const exam = (await boss.call('GET', '/api/exams')).json.find((e: Json) => e.id === GS);
    expect(exam.review).to.include(patch);
  });
});
