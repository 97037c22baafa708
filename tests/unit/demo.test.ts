import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ImportFileSchema, type ImportFile } from '../../shared/schema.ts';
import { isAnswered, isCorrect, reviewStatus } from '../../shared/rules.ts';
import { DEMO_ACCOUNTS, DEMO_ANCHOR, loadDemoImport } from '../../server/demo.ts';
import { validateImport } from '../../server/import/validate.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../demo/demo.json', import.meta.url), 'utf8'));

function parse(input: unknown): ImportFile {
  const r = ImportFileSchema.safeParse(input);
  if (!r.success) throw new Error(r.error.message);
  return r.data;
}

const demo = parse(raw);
const examA = demo.exams[0]!;
const byId = <T extends { id: string }>(list: readonly T[], id: string): T => {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};
const groupsOf = (file: ImportFile, examId: string) => file.groups.filter((g) => g.examId === examId);

describe('demo data', () => {
  it('is exactly what scripts/make-demo.ts writes, byte for byte', async () => {
    const { DEMO_JSON } = await import('../../scripts/make-demo.ts');
    const committed = readFileSync(new URL('../../demo/demo.json', import.meta.url), 'utf8');
    if (committed === DEMO_JSON) return;
    const [a, b] = [committed.split('\n'), DEMO_JSON.split('\n')];
    const line = a.findIndex((l, i) => l !== b[i]);
    expect.fail(`demo/demo.json is not what scripts/make-demo.ts writes (run \`npx tsx scripts/make-demo.ts\`): line ${line + 1} is ${JSON.stringify(a[line])}, the script writes ${JSON.stringify(b[line])}`);
  });

  it('passes the import schema', () => {
    const r = ImportFileSchema.safeParse(raw);
    expect(r.success, r.success ? '' : r.error.message).to.equal(true);
  });

  it('imports without errors or warnings, and its HTML survives sanitising unchanged', () => {
    const r = validateImport(raw);
    expect(r.ok ? [] : r.errors).to.deep.equal([]);
    expect(r.warnings).to.deep.equal([]);
    if (!r.ok) return;
    expect(r.data.exams).to.deep.equal(demo.exams);
  });

  it('has a central exam with at least 20 questions of every type', () => {
    expect(examA.central).to.equal(true);
    expect(examA.questions.length).to.be.at.least(20);
    const types = new Set(examA.questions.map((q) => q.type));
    expect([...types].sort()).to.deep.equal(['choice', 'match', 'numeric', 'open', 'order', 'text']);
    const multiple = examA.questions.filter((q) => q.type === 'choice' && q.multiple);
    expect(multiple.length).to.be.at.least(2);
    for (const q of examA.questions) if (q.type === 'open') expect(q.scheme).to.match(/Maximumscore \d/);
    expect(examA.review).to.include({ maxMinutes: 45, showKey: true, showScheme: true });
  });

  it('has a group of at least 20 candidates for that exam, each with a sitting', () => {
    const big = groupsOf(demo, examA.id).find((g) => g.candidateNumbers.length >= 20);
    expect(big, 'a group of 20 or more').to.not.equal(undefined);
    for (const n of big!.candidateNumbers) {
      expect(demo.sittings.some((s) => s.groupId === big!.id && s.candidateNumber === n), `sitting of ${n}`).to.equal(true);
    }
  });

  for (const now of [Date.now(), Date.parse('2031-02-03T07:45:00Z')]) {
    it(`shows each review case when loaded at ${new Date(now).toISOString()}`, () => {
      const shifted = parse(loadDemoImport(now));
      const status = Object.fromEntries(shifted.exams.map((e) => [e.id, reviewStatus(e.review!, now)]));
      const [a, b, c, d, e] = shifted.exams.map((x) => x.id);
      expect(status[a!]).to.equal('open');
      expect(status[b!]).to.equal('expired');
      expect(status[c!]).to.equal('not-allowed');
      expect(status[d!]).to.equal('not-open');
      expect(status[e!]).to.equal('open');
      expect(shifted.exams[4]!.review).to.include({ showKey: false, showScheme: false });
      // every sitting lies in the past
      for (const s of shifted.sittings) expect(Date.parse(s.submittedAt)).to.be.below(now);
    });
  }

  it('moves every date by the same whole number of days', () => {
    const DAY = 86_400_000;
    const shiftsAt = (now: number) => {
      const shifted = parse(loadDemoImport(now));
      const shifts = new Set<number>();
      const add = (before: string | undefined, after: string | undefined) => {
        expect(after === undefined).to.equal(before === undefined);
        if (before && after) shifts.add(Date.parse(after) - Date.parse(before));
      };
      demo.exams.forEach((e, i) => {
        add(e.review!.opensAt, shifted.exams[i]!.review!.opensAt);
        add(e.review!.closesAt, shifted.exams[i]!.review!.closesAt);
      });
      demo.groups.forEach((g, i) => add(g.startsAt, shifted.groups[i]!.startsAt));
      demo.sittings.forEach((s, i) => {
        add(s.startedAt, shifted.sittings[i]!.startedAt);
        add(s.submittedAt, shifted.sittings[i]!.submittedAt);
      });
      return [...shifts];
    };
    const anchor = Date.parse(DEMO_ANCHOR);
    expect(shiftsAt(anchor)).to.deep.equal([0]);
    expect(shiftsAt(anchor + 3 * DAY + 5 * 3_600_000)).to.deep.equal([3 * DAY]);
    expect(shiftsAt(anchor - 20 * 3_600_000)).to.deep.equal([-DAY]);
  });

  it('scores every closed response in line with the key', () => {
    const questions = new Map(demo.exams.flatMap((e) => e.questions.map((q) => [`${e.id}/${q.id}`, q] as const)));
    let partial = 0;
    for (const s of demo.sittings) {
      const examId = byId(demo.groups, s.groupId).examId;
      for (const r of s.responses) {
        const q = questions.get(`${examId}/${r.questionId}`)!;
        expect(r.score, `${s.id} ${q.id}`).to.be.within(0, q.maxScore);
        const correct = isCorrect(q, r.response);
        if (correct === true) expect(r.score, `${s.id} ${q.id} is correct`).to.equal(q.maxScore);
        if (correct === false) expect(r.score, `${s.id} ${q.id} is not correct`).to.be.below(q.maxScore);
        if (correct === false && r.score > 0) partial++;
        if (!isAnswered(r.response)) expect(r.score, `${s.id} ${q.id} is unanswered`).to.equal(0);
      }
    }
    expect(partial, 'some partial credit').to.be.greaterThan(0);
  });

  it('gives every sitting a response to every question and a grade that follows from the score', () => {
    for (const s of demo.sittings) {
      const exam = byId(demo.exams, byId(demo.groups, s.groupId).examId);
      expect(s.responses.map((r) => r.questionId)).to.deep.equal(exam.questions.map((q) => q.id));
      const max = exam.questions.reduce((sum, q) => sum + q.maxScore, 0);
      const total = s.responses.reduce((sum, r) => sum + r.score, 0);
      expect(s.grade, s.id).to.be.closeTo(1 + (9 * total) / max, 0.051);
      expect(Date.parse(s.submittedAt)).to.be.above(Date.parse(s.startedAt));
    }
  });

  it('puts every sitting in its candidate’s group, with unique ids throughout', () => {
    const unique = (xs: string[]) => expect(new Set(xs).size, xs.join()).to.equal(xs.length);
    unique(demo.exams.map((e) => e.id));
    unique(demo.groups.map((g) => g.id));
    unique(demo.sittings.map((s) => s.id));
    unique(demo.candidates.map((c) => c.number));
    unique(demo.exams.flatMap((e) => e.questions.map((q) => q.id)));
    const numbers = new Set(demo.candidates.map((c) => c.number));
    for (const g of demo.groups) {
      byId(demo.exams, g.examId);
      for (const n of g.candidateNumbers) expect(numbers.has(n), `${g.id}: ${n}`).to.equal(true);
    }
    for (const s of demo.sittings) expect(byId(demo.groups, s.groupId).candidateNumbers).to.include(s.candidateNumber);
    unique(demo.sittings.map((s) => `${s.groupId}/${s.candidateNumber}`));
    const groupsPerCandidate = new Map<string, number>();
    for (const g of demo.groups) for (const n of g.candidateNumbers) groupsPerCandidate.set(n, (groupsPerCandidate.get(n) ?? 0) + 1);
    expect([...groupsPerCandidate.values()].some((k) => k > 1), 'a candidate in two groups').to.equal(true);
  });

  it('ships in examples/ the example of docs/import-format.md, as the docs show it', () => {
    const docs = readFileSync(new URL('../../docs/import-format.md', import.meta.url), 'utf8');
    const shown = JSON.parse(docs.match(/```json\n([\s\S]*?)\n```/)![1]!);
    expect(JSON.parse(readFileSync(new URL('../../examples/voorbeeld-import.json', import.meta.url), 'utf8'))).to.deep.equal(shown);
  });

  it('is described in the README: every demo account with its password and role', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const a of DEMO_ACCOUNTS) expect(readme, a.username).to.match(new RegExp(`\\| \`${a.username}\` \\| \`${a.password}\` \\| ${a.role}`));
  });

  it('has demo passwords of at least 10 characters', () => {
    for (const a of DEMO_ACCOUNTS) expect(a.password.length, a.username).to.be.at.least(10);
    expect(DEMO_ACCOUNTS.map((a) => a.role)).to.include.members(['admin', 'supervisor']);
  });

  it('shares no exam, group, sitting or candidate with the sample files a new user imports over it', () => {
    const docs = readFileSync(new URL('../../docs/import-format.md', import.meta.url), 'utf8');
    const samples: [string, unknown][] = [...docs.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m, i) => [`docs/import-format.md, example ${i + 1}`, JSON.parse(m[1]!)]);
    for (const folder of ['../fixtures/', '../../examples/']) {
      const dir = new URL(folder, import.meta.url);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) samples.push([`${folder}${name}`, JSON.parse(readFileSync(new URL(name, dir), 'utf8'))]);
    }
    expect(samples.some(([name]) => name.includes('examples/')), 'examples/ ships an import file').to.equal(true);
    const ids = (f: ImportFile) => [
      ...f.exams.map((e) => `exam ${e.id}`), ...f.groups.map((g) => `group ${g.id}`),
      ...f.sittings.map((x) => `sitting ${x.id}`), ...f.candidates.map((c) => `candidate ${c.number}`),
    ];
    const taken = new Set(ids(demo));
    for (const [name, sample] of samples) {
      const file = ImportFileSchema.safeParse(sample);
      if (!file.success) continue; // a fragment, not a whole file
      expect(ids(file.data).filter((id) => taken.has(id)), name).to.deep.equal([]);
    }
  });
});
