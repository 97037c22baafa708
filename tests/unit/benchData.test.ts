import { expect } from 'chai';
import { generateDataset, importFile, writeDataset } from '../../bench/generate.ts';
import { validateImport } from '../../server/import/index.ts';
import { openStore } from '../../server/store/index.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

describe('benchmark data set (bench/generate.ts)', () => {
  it('is a valid import with every question type and no score warnings', () => {
    const file = importFile({ sittings: 650, groupSize: 100, exams: 3, questionsPerExam: 14 });
    const v = validateImport(file);
    expect(v.ok, v.ok ? '' : v.errors.slice(0, 5).join('\n')).to.equal(true);
    expect(v.warnings).to.deep.equal([]);
    expect(new Set(file.exams[0]!.questions.map((q) => q.type))).to.have.length(6);
    expect(file.sittings).to.have.length(650);
    expect(file.sittings.every((s) => s.responses.length === 14)).to.equal(true);
  });

  it('is the same for the same seed, groups of the asked size', () => {
    const a = generateDataset({ sittings: 900, groupSize: 300 });
    const b = generateDataset({ sittings: 900, groupSize: 300 });
    expect(a.groups.map((g) => g.candidateNumbers.length)).to.deep.equal([180, 180, 180, 180, 180]);
    expect(a.sittingsOf(a.groups[0]!)).to.deep.equal(b.sittingsOf(b.groups[0]!));
  });

  it('writes through the store: every sitting readable with its totals', async () => {
    const dir = tempDir('bench-data');
    try {
      const data = await writeDataset(dir, { sittings: 1_200, groupSize: 300, exams: 2 });
      const store = openStore(dir);
      expect(store.content.counts()).to.deep.equal({ exams: 2, candidates: 600, groups: 4, sittings: 1_200 });
      const first = data.sittingsOf(data.groups[0]!)[0]!;
      const stored = await store.content.sitting(first.id);
      expect(stored?.totalScore).to.equal(stored!.responses.reduce((n, r) => n + r.score, 0));
      expect(stored?.maxScore).to.equal(data.exams[0]!.questions.reduce((n, q) => n + q.maxScore, 0));
    } finally {
      removeDir(dir);
    }
  });
});
