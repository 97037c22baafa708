import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importData, type ImportProgress } from '../../server/import/index.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { dirHash, removeDir, tempDir } from '../support/dataDir.ts';
import { EXAM_ID, GROUP_ID, exampleImport } from '../support/importFixture.ts';

describe('importData', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = tempDir('import');
    store = openStore(dir);
  });
  afterEach(async () => {
    await store.flush();
    removeDir(dir);
  });

  it('stores exams, candidates, groups and sittings with their exam and totals', async () => {
    const r = await importData(store, exampleImport(), { source: 'export.json' });
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.counts.exams).to.deep.equal({ added: 1, updated: 0, unchanged: 0 });
    expect(r.counts.sittings).to.include({ added: 2, updated: 0, unchanged: 0 });
    const reopened = openStore(dir);
    expect(reopened.content.exam(EXAM_ID)?.questions).to.have.length(7);
    expect(reopened.content.candidate('230117')?.lastNamePrefix).to.equal('de');
    expect(reopened.content.sittingsOfGroup(GROUP_ID).map((s) => s.id)).to.have.members(['s-230117', 's-230118']);
    const full = await reopened.content.sitting('s-230117');
    expect(full).to.include({ examId: EXAM_ID, totalScore: 11, maxScore: 12 });
  });

  it('stores a question without a response as unanswered, in question order', async () => {
    await importData(store, exampleImport());
    const s = await store.content.sitting('s-230118');
    expect(s?.responses.map((r) => r.questionId)).to.deep.equal(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7']);
    expect(s?.responses[6]).to.deep.equal({ questionId: 'q7', response: null, score: 0 });
    expect(s).to.include({ totalScore: 1, maxScore: 12 });
  });

  it('changes no file when the same file is imported again', async () => {
    await importData(store, exampleImport());
    const before = dirHash(dir);
    const r = await importData(store, exampleImport());
    expect(dirHash(dir)).to.equal(before);
    if (!r.ok) throw new Error('refused');
    expect(r.counts.sittings).to.include({ added: 0, updated: 0, unchanged: 2 });
    expect(r.counts.exams).to.include({ unchanged: 1 });
  });

  it('updates in place what changed, and only that', async () => {
    await importData(store, exampleImport());
    const f = exampleImport();
    f.sittings[1].grade = 3.4;
    f.candidates[1].className = '4KB3';
    const r = await importData(store, f);
    if (!r.ok) throw new Error('refused');
    expect(r.counts.sittings).to.include({ added: 0, updated: 1, unchanged: 1 });
    expect(r.counts.candidates).to.include({ added: 0, updated: 1, unchanged: 1 });
    expect(r.counts.exams).to.include({ updated: 0, unchanged: 1 });
    expect(store.content.sittingSummary('s-230118')?.grade).to.equal(3.4);
  });

  it('writes nothing, byte for byte, when the file is invalid', async () => {
    await importData(store, exampleImport());
    const f = exampleImport();
    f.sittings[0].grade = 9.9; // a valid change that must not land either
    f.exams[0].questions[0].key = ['E'];
    const before = dirHash(dir);
    const r = await importData(store, f);
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.deep.equal(['exams[0].questions[0].key: unknown option "E"']);
    expect(dirHash(dir)).to.equal(before);
    expect(store.content.sittingSummary('s-230117')?.grade).to.equal(8.9);
  });

  it('plans a dry run without writing', async () => {
    const before = dirHash(dir);
    const r = await importData(store, exampleImport(), { dryRun: true });
    expect(dirHash(dir)).to.equal(before);
    if (!r.ok) throw new Error('refused');
    expect(r.dryRun).to.equal(true);
    expect(r.counts.sittings).to.include({ added: 2 });
    expect(store.content.counts().sittings).to.equal(0);
  });

  it('audits an applied import with its counts, never candidate data', async () => {
    await importData(store, exampleImport(), { actor: 'boss', source: 'export.json' });
    await importData(store, exampleImport()); // changes nothing: not audited
    // the first line of a new log marks where its anchor began
    const [anchored, ...events] = await store.audit.readAll();
    expect(anchored).to.include({ seq: 1, action: 'audit.anchored' });
    expect(events).to.have.length(1);
    expect(events[0]).to.include({ actor: 'boss', action: 'import.applied', target: 'export.json' });
    expect(events[0]!.details).to.deep.include({ counts: { exams: { added: 1, updated: 0, unchanged: 0 }, candidates: { added: 2, updated: 0, unchanged: 0, removed: 0 }, groups: { added: 1, updated: 0, unchanged: 0, removed: 0 }, sittings: { added: 2, updated: 0, unchanged: 0, removed: 0 } } });
    const log = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    for (const personal of ['Sanne', 'Vries', '230117', 'Sindsdien']) expect(log).not.to.contain(personal);
  });

  it('reports progress through validation to done', async () => {
    const f = exampleImport();
    const base = f.sittings[0];
    f.candidates = Array.from({ length: 600 }, (_, i) => ({ number: `c${i}`, firstName: 'A', lastName: 'B' }));
    f.groups[0].candidateNumbers = f.candidates.map((c: { number: string }) => c.number);
    f.sittings = f.candidates.map((c: { number: string }, i: number) => ({ ...base, id: `s${i}`, candidateNumber: c.number }));
    const seen: ImportProgress[] = [];
    const r = await importData(store, f, { onProgress: (p) => seen.push(p) });
    expect(r.ok).to.equal(true);
    const validating = seen.filter((p) => p.phase === 'validate').map((p) => p.percent);
    expect(validating.length).to.be.greaterThan(2);
    expect(validating).to.deep.equal([...validating].sort((a, b) => a - b));
    expect(seen.at(-1)).to.deep.equal({ phase: 'done', percent: 100 });
    expect(seen.some((p) => p.phase === 'write')).to.equal(true);
  });
});
