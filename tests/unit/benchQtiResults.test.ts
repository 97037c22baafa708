import { expect } from 'chai';
import { writeResultFiles } from '../../bench/lib/qtiResultFiles.ts';
import { measureStored } from '../../bench/phases/qtiResults.ts';
import { buildSittings, readResults } from '../../server/import/results/index.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

describe('bench: generated QTI results files', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('bench-qti')));
  afterEach(() => removeDir(dir));

  it('read without errors and build a sitting each, with varied answers', async () => {
    const written = writeResultFiles(dir, { files: 30, groupSize: 20 });
    expect(written.groups.map((g) => g.files)).to.deep.equal([20, 10]);
    const exams = (id: string) => (id === written.exam.id ? written.exam : undefined);
    const answers = new Set<string>();
    for (const g of written.groups) {
      const read = await readResults(g.dir);
      expect(read.ok, read.ok ? '' : read.errors.join('\n')).to.equal(true);
      if (!read.ok) return;
      expect(read.results.every((r) => r.items.length === 40)).to.equal(true);
      const built = buildSittings(read.results, exams, { groupId: g.id });
      expect(built.ok, built.ok ? '' : built.errors.join('\n')).to.equal(true);
      if (!built.ok) return;
      expect(built.sittings).to.have.length(g.files);
      // the only warnings: open answers without a SCORE
      for (const w of built.warnings) expect(w).to.match(/no SCORE and no key: niet beoordeeld/);
      for (const s of built.sittings) for (const r of s.responses) answers.add(`${r.questionId} ${JSON.stringify(r.response)}`);
    }
    // 40 items, 30 candidates: answers differ between candidates
    expect(answers.size).to.be.greaterThan(200);
  });
});

describe('bench: the stored import of generated QTI results', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('bench-qti-store')));
  afterEach(() => removeDir(dir));

  it('imports every group folder into a store holding the exam, a sitting per file', async () => {
    const written = writeResultFiles(dir, { files: 12, groupSize: 5 });
    const stored = await measureStored(dir, written);
    expect(stored.sittings).to.equal(12);
  });
});
