import { expect } from 'chai';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExamChangeDto } from '../../shared/protocol.ts';
import { importData, type ImportResult } from '../../server/import/index.ts';
import { purge } from '../../server/purge.ts';
import { buildPayload } from '../../server/review/payload.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { dirHash, removeDir, tempDir } from '../support/dataDir.ts';
import { EXAM_ID, exampleImport, type Json } from '../support/importFixture.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

/** The example exam alone, with question 3's key changed, a question 8 added and question 6 removed. */
function changedExam(): Json {
  const f = exampleImport();
  const exam = f.exams[0];
  exam.questions[2].key = ['b', 'a', 'c'];
  exam.questions = exam.questions.filter((q: Json) => q.id !== 'q6');
  exam.questions.push({ id: 'q8', number: 8, type: 'text', maxScore: 2, stem: '<p>Wie schreef de Grondwet van 1848?</p>', key: ['Thorbecke'] });
  return { format: 'inzage/v1', exams: [exam] };
}

/** What a kiosk would receive for this sitting. */
async function payloadOf(store: Store, sittingId: string) {
  const sitting = (await store.content.sitting(sittingId))!;
  const exam = store.content.examOfSitting(sitting)!;
  const session = { id: 'r', sittingId, kioskId: 'k', approvedById: 'u', startedAt: '', endsAt: '', position: 'q1' };
  return buildPayload(session, exam, sitting, undefined);
}

describe('exam versions', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = tempDir('versions');
    store = openStore(dir);
  });
  afterEach(() => removeDir(dir));

  it('keeps stored sittings on the version they were taken with when a re-import changes the questions', async () => {
    ok(await importData(store, exampleImport()));
    const before = await payloadOf(store, 's-230117');
    const r = ok(await importData(store, changedExam()));
    expect(r.counts.exams).to.deep.equal({ added: 0, updated: 1, unchanged: 0 });
    expect(r.exams).to.deep.equal([{
      examId: EXAM_ID, title: 'Geschiedenis KB (voorbeeld)', change: 'updated', newVersion: true,
      questions: { added: [8], changed: [3], removed: [6] }, maxScore: { from: 12, to: 13 },
      sittingsOnOldVersion: 2, sittingsInFile: 0, review: null,
    } satisfies ExamChangeDto]);
    for (const s of [store, openStore(dir)]) {
      expect(s.content.exam(EXAM_ID)!.questions.map((q) => q.id)).to.deep.equal(['q1', 'q2', 'q3', 'q4', 'q5', 'q7', 'q8']);
      const payload = await payloadOf(s, 's-230117');
      expect(payload).to.deep.equal(before);
      expect(payload.questions.map((q) => q.id)).to.deep.equal(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
      expect(payload.questions.every((q) => q.response !== null)).to.equal(true);
      expect(payload.questions.reduce((sum, q) => sum + q.maxScore, 0)).to.equal(payload.maxScore);
      // the key shown is the one the sitting was marked against
      const q3 = s.content.examOfSitting((await s.content.sitting('s-230117'))!)!.questions[2]!;
      expect(q3.type === 'order' && q3.key).to.deep.equal(['a', 'b', 'c']);
    }
  });

  it("puts the file's sittings on the file's version, and the others stay", async () => {
    ok(await importData(store, exampleImport()));
    const f = { ...changedExam(), sittings: [exampleImport().sittings[0]] };
    f.sittings[0].responses = f.sittings[0].responses.filter((x: Json) => x.questionId !== 'q6');
    const dry = ok(await importData(store, f, { dryRun: true }));
    expect(dry.exams[0]).to.include({ newVersion: true, sittingsOnOldVersion: 1, sittingsInFile: 1 });
    const r = ok(await importData(store, f));
    expect(r.exams).to.deep.equal(dry.exams);
    const fresh = await payloadOf(store, 's-230117');
    expect(fresh.questions.map((q) => q.id)).to.deep.equal(['q1', 'q2', 'q3', 'q4', 'q5', 'q7', 'q8']);
    expect(fresh.maxScore).to.equal(13);
    const old = await payloadOf(store, 's-230118');
    expect(old.questions.map((q) => q.id)).to.include('q6').and.not.to.include('q8');
    expect(old.maxScore).to.equal(12);
  });

  it('changes nothing when the same questions come again, whatever the order of their fields', async () => {
    ok(await importData(store, exampleImport()));
    const before = dirHash(dir);
    const f = exampleImport();
    f.exams[0].questions = f.exams[0].questions.map((q: Json) => Object.fromEntries(Object.entries(q).reverse()));
    const r = ok(await importData(store, f));
    expect(r.exams).to.deep.equal([{
      examId: EXAM_ID, title: 'Geschiedenis KB (voorbeeld)', change: 'unchanged', newVersion: false,
      questions: { added: [], changed: [], removed: [] }, maxScore: null, sittingsOnOldVersion: 0, sittingsInFile: 2, review: null,
    } satisfies ExamChangeDto]);
    expect(dirHash(dir)).to.equal(before);
  });

  it('keeps an earlier version only while a sitting uses it', async () => {
    ok(await importData(store, exampleImport()));
    ok(await importData(store, changedExam()));
    const versions = () => (JSON.parse(readFileSync(join(dir, 'exams.json'), 'utf8')).versions ?? []).length;
    expect(versions()).to.equal(1);
    await purge(store, { examId: EXAM_ID, dryRun: false });
    expect(versions()).to.equal(0);
    expect(openStore(dir).content.exam(EXAM_ID)!.questions.map((q) => q.id)).to.include('q8');
  });

  it('makes an earlier version current again when its questions come back', async () => {
    ok(await importData(store, exampleImport()));
    ok(await importData(store, changedExam()));
    const r = ok(await importData(store, { format: 'inzage/v1', exams: exampleImport().exams }));
    expect(r.exams[0]).to.include({ newVersion: true, sittingsOnOldVersion: 0 });
    expect(JSON.parse(readFileSync(join(dir, 'exams.json'), 'utf8')).versions).to.equal(undefined);
    expect((await payloadOf(openStore(dir), 's-230117')).questions).to.have.length(7);
  });
});

describe('a data directory from before exam versions', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('legacy');
    cpSync(join(FIXTURES, 'data-before-versions'), dir, { recursive: true });
  });
  afterEach(() => removeDir(dir));

  it('opens unchanged and shows its sittings', async () => {
    const before = dirHash(dir);
    const store = openStore(dir);
    expect(store.content.counts()).to.deep.equal({ exams: 1, candidates: 2, groups: 1, sittings: 2 });
    const payload = await payloadOf(store, 's-230117');
    expect(payload.questions).to.have.length(7);
    expect(payload.totalScore).to.equal(11);
    expect(dirHash(dir)).to.equal(before);
  });

  it('changes no file when the same file is imported again', async () => {
    const before = dirHash(dir);
    const r = ok(await importData(openStore(dir), exampleImport()));
    expect(r.counts.sittings).to.include({ unchanged: 2, updated: 0 });
    expect(r.counts.exams).to.include({ unchanged: 1 });
    expect(dirHash(dir)).to.equal(before);
  });

  it('keeps its sittings on their version when a re-import changes the exam, also after a reopen', async () => {
    const r = ok(await importData(openStore(dir), changedExam()));
    expect(r.exams[0]).to.include({ newVersion: true, sittingsOnOldVersion: 2 });
    const store = openStore(dir);
    for (const id of ['s-230117', 's-230118']) {
      const payload = await payloadOf(store, id);
      expect(payload.questions.map((q) => q.id)).to.include('q6').and.not.to.include('q8');
    }
    // a later import that rewrites the index records each sitting's version there
    const renamed = { ...exampleImport().groups[0], name: 'Geschiedenis KB — aula' };
    ok(await importData(store, { format: 'inzage/v1', groups: [renamed] }));
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.sittings.map((s: Json) => s.examVersion)).to.satisfy((v: string[]) => v.every((x) => /^[0-9a-f]{16}$/.test(x)));
    expect((await payloadOf(openStore(dir), 's-230118')).questions.map((q) => q.id)).to.include('q6');
  });
});
