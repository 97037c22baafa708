import { expect } from 'chai';
import type { ReviewSettings } from '../../shared/domain.ts';
import { DEFAULT_REVIEW } from '../../shared/schema.ts';
import { importData, type ImportResult } from '../../server/import/index.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { dirHash, removeDir, tempDir } from '../support/dataDir.ts';
import { EXAM_ID, exampleImport } from '../support/importFixture.ts';

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

describe('review settings on a re-import', () => {
  let dir: string;
  let store: Store;
  const imported = exampleImport().exams[0].review as ReviewSettings;
  /** what an admin sets in the console: a week longer, and an hour per review */
  const edited: ReviewSettings = { ...imported, closesAt: '2026-06-19T17:00:00+02:00', maxMinutes: 60 };
  beforeEach(async () => {
    dir = tempDir('review-reimport');
    store = openStore(dir);
    ok(await importData(store, exampleImport()));
    await store.content.setExamReview(EXAM_ID, edited);
  });
  afterEach(() => removeDir(dir));

  it("keeps the console's settings when the file repeats those of its previous import, and changes no file", async () => {
    const before = dirHash(dir);
    const r = ok(await importData(store, exampleImport()));
    expect(r.exams[0]!.review).to.deep.equal({ outcome: 'kept', kept: edited, file: imported });
    expect(r.counts.exams).to.include({ unchanged: 1 });
    expect(openStore(dir).content.exam(EXAM_ID)!.review).to.deep.equal(edited);
    expect(dirHash(dir)).to.equal(before);
  });

  it("keeps the console's settings when the file leaves them out, also with changed questions", async () => {
    const f = exampleImport();
    delete f.exams[0].review;
    f.exams[0].questions[0].maxScore = 2;
    const r = ok(await importData(store, f));
    expect(r.exams[0]).to.include({ newVersion: true, review: null });
    expect(openStore(dir).content.exam(EXAM_ID)!.review).to.deep.equal(edited);
  });

  it('lets a file with other settings win, and says what changed', async () => {
    const f = exampleImport();
    const other: ReviewSettings = { ...imported, opensAt: '2026-06-03T08:00:00+02:00', showScheme: false };
    f.exams[0].review = other;
    const dry = ok(await importData(store, f, { dryRun: true }));
    expect(dry.exams[0]!.review).to.deep.equal({ outcome: 'changed', from: edited, to: other });
    const r = ok(await importData(store, f));
    expect(r.exams[0]!.review).to.deep.equal({ outcome: 'changed', from: edited, to: other });
    expect(r.counts.exams).to.include({ updated: 1 });
    expect(openStore(dir).content.exam(EXAM_ID)!.review).to.deep.equal(other);
    const audit = (await store.audit.readAll()).filter((e) => e.action === 'import.applied').at(-1)!;
    expect(audit.details).to.deep.include({ reviewChanged: [EXAM_ID] });
    // that file is now the reference: importing it again changes nothing
    await store.content.setExamReview(EXAM_ID, edited);
    expect(ok(await importData(store, f)).exams[0]!.review).to.deep.include({ outcome: 'kept' });
  });

  it('opens no review for a new exam imported without settings', async () => {
    const f = exampleImport();
    f.exams[0].id = 'zonder-inzage';
    delete f.exams[0].review;
    const r = ok(await importData(store, { format: 'inzage/v1', exams: f.exams }));
    expect(r.exams[0]).to.include({ change: 'added' });
    expect(store.content.exam('zonder-inzage')!.review).to.deep.equal(DEFAULT_REVIEW);
    expect(DEFAULT_REVIEW.allowed).to.equal(false);
  });
});
