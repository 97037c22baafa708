import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { buildSittings, parseResult, sittingId, type ParsedResult, type ResultsExam } from '../../server/import/results/index.ts';
import type { ItemPart, ItemQuestion } from '../../shared/schema.ts';

const CITO = 'tests/fixtures/qti-results/citolab-qti-scoring-engine';
const OWN = 'tests/fixtures/qti-results/inzage-own';

async function parsed(path: string): Promise<ParsedResult> {
  const r = parseResult(await readFile(path, 'utf8'), path);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.result;
}

let n = 0;
const item = (id: string, maxScore: number, parts: Partial<ItemPart>[]): ItemQuestion => ({
  id, number: ++n, maxScore, stem: '', type: 'item',
  parts: parts.map((p) => ({ id: 'RESPONSE', interaction: 'choice', cardinality: 'single', baseType: 'identifier', ...p })),
});

/** The exam of `attempts-v3.xml` (written for this test). */
const exam: ResultsExam = {
  id: 'NE-4H-2026',
  questions: [
    item('item-1', 1, [{ key: ['ChoiceA'] }]),
    item('item-2', 3, [
      { interaction: 'textEntry', baseType: 'float', key: ['3.14'], maxScore: 1 },
      { id: 'RESPONSE2', interaction: 'extendedText', baseType: 'string' },
    ]),
    item('item-3', 2, [{ cardinality: 'multiple', key: ['A', 'C'], maxScore: 2 }]),
    item('item-4', 1, [{ key: ['B'] }]),
  ],
};
const exams = (id: string) => (id === exam.id ? exam : undefined);

describe('QTI results to sittings', () => {
  it("builds a sitting: reported scores kept, missing ones computed from the key, open parts 'niet beoordeeld'", async () => {
    const r = buildSittings([await parsed(`${OWN}/attempts-v3.xml`)], exams, { groupId: 'ne-4h', groupName: 'Nederlands 4H' });
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.group).to.deep.equal({ id: 'ne-4h', name: 'Nederlands 4H', examId: 'NE-4H-2026', startsAt: '2026-05-12T07:00:00.000Z', candidateNumbers: ['100234'] });
    expect(r.sittings).to.deep.equal([{
      id: sittingId('ne-4h', '100234', 'NE-4H-2026'),
      groupId: 'ne-4h',
      candidateNumber: '100234',
      startedAt: '2026-05-12T07:00:00.000Z',
      submittedAt: '2026-05-12T08:30:00.000Z',
      responses: [
        { questionId: 'item-1', response: { RESPONSE: ['ChoiceB'] }, score: 0 }, // the later attempt counts
        { questionId: 'item-2', response: { RESPONSE: ['3,14'], RESPONSE2: ['Omdat de druk stijgt.'] }, score: 1 },
        { questionId: 'item-3', response: { RESPONSE: ['A', 'C'] }, score: 1.5 }, // as reported
      ],
    }]);
    expect(r.warnings).to.have.length(1);
    expect(r.warnings[0]).to.match(/^tests\/fixtures\/qti-results\/inzage-own\/attempts-v3\.xml:29:5: assessmentResult\/itemResult\[item-2\]\/responseVariable\[RESPONSE2\]: no SCORE and no key: niet beoordeeld \(counted 0\)$/);
  });

  it('gives the same sitting ids on a second import, and different ones per group, candidate and exam', async () => {
    const results = [await parsed(`${OWN}/attempts-v3.xml`)];
    const a = buildSittings(results, exams, { groupId: 'ne-4h' });
    const b = buildSittings(results, exams, { groupId: 'ne-4h' });
    expect(a).to.deep.equal(b);
    const ids = new Set([sittingId('g', '1', 'e'), sittingId('g2', '1', 'e'), sittingId('g', '2', 'e'), sittingId('g', '1', 'e2')]);
    expect(ids.size).to.equal(4);
    expect(sittingId('g', '1', 'e')).to.match(/^qti-[0-9a-f]{32}$/);
  });

  it('reads a results file without testResult against the exam given, scoring with the standard templates', async () => {
    const cito: ResultsExam = {
      id: 'RW_E7_4ITM', // the Cito package's test; its items as they declare their keys
      questions: [
        item('ITM-72757', 1, [{ interaction: 'textEntry', baseType: 'string', key: ['11400'] }]),
        item('ITM-72759', 1, [{ interaction: 'textEntry', baseType: 'string', key: ['3.6'] }]),
        item('ITM-72784', 1, [{ interaction: 'textEntry', baseType: 'string', key: ['2350'] }]),
        item('ITM-72833', 1, [{ key: ['C'] }]),
      ],
    };
    const result = await parsed(`${CITO}/result1.xml`);
    const without = buildSittings([result], () => cito, { groupId: 'rw' });
    expect(without.ok).to.equal(false);
    if (!without.ok) expect(without.errors).to.deep.equal(['the results name no exam (no testResult); give the exam id']);
    // SomeCandidateId is not a candidate number (at most 20): read as one that is, to see the scores
    const r = buildSittings([{ ...result, candidateId: 'cito-1' }], (id) => (id === cito.id ? cito : undefined), { groupId: 'rw', examId: 'RW_E7_4ITM' });
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    // a string key compares exactly (QTI match): "3,6" is not "3.6" for a string; numbers would compare as numbers
    if (r.ok) expect(r.sittings[0]!.responses.map((x) => x.score)).to.deep.equal([1, 0, 1, 1]);
  });

  it('reports every problem of every file at once', async () => {
    const good = await parsed(`${OWN}/attempts-v3.xml`);
    const human = await parsed(`${CITO}/assessment_result_human.xml`); // exam SAMPLE
    const doe = await parsed(`${CITO}/assessmentresult_DOE.xml`);
    const r = buildSittings([good, { ...good, file: 'copy.xml', at: { root: 'copy.xml:2:1', context: 'copy.xml:3:3' } }, human, { ...doe, examId: 'NE-4H-2026' }], exams, { groupId: 'g' });
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    expect(text).to.include('copy.xml:3:3: assessmentResult/context: candidate "100234" has results in tests/fixtures/qti-results/inzage-own/attempts-v3.xml too; one file per candidate');
    expect(text).to.include(`${CITO}/assessment_result_human.xml:2:1: assessmentResult/testResult: exam "SAMPLE", but this group's results are for "NE-4H-2026"`);
    expect(text).to.include(`${CITO}/assessment_result_human.xml:22:5: assessmentResult/itemResult[textEntry]: item "textEntry" is not in exam "NE-4H-2026"`);
    expect(text).to.include(`${CITO}/assessmentresult_DOE.xml:3:2: assessmentResult/context: sourcedId "CANDIDATE-ab797ff1-d671-4c36-aaf5-6d67a73b7816" is not a candidate number`);
    expect(r.errors.filter((e) => e.includes('assessmentresult_DOE.xml') && e.includes('is not in exam'))).to.have.length(123);
  });

  it('refuses results for an exam that is not there, and a question that is not a QTI item', async () => {
    const good = await parsed(`${OWN}/attempts-v3.xml`);
    const none = buildSittings([good], () => undefined, { groupId: 'g' });
    expect(none.ok).to.equal(false);
    if (!none.ok) expect(none.errors[0]).to.equal(`unknown exam "NE-4H-2026" (testResult of ${OWN}/attempts-v3.xml): import its test package first`);
    const legacy: ResultsExam = { ...exam, questions: [{ id: 'item-1', number: 1, maxScore: 1, stem: '', type: 'open', scheme: '' }, ...exam.questions.slice(1)] };
    const r = buildSittings([good], () => legacy, { groupId: 'g' });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.errors).to.deep.equal([`${OWN}/attempts-v3.xml:12:3: assessmentResult/itemResult[item-1]: question "item-1" of exam "NE-4H-2026" is not a QTI item (open)`]);
  });

  it('keeps a reported score within 0 and the maximum, with a warning, and warns about an unknown response', async () => {
    const good = await parsed(`${OWN}/attempts-v3.xml`);
    const odd = { ...good, items: good.items.map((i) => (i.itemId === 'item-3' ? { ...i, score: 5, responses: { ...i.responses, RESPONSE9: ['x'] } } : i)) };
    const r = buildSittings([odd], exams, { groupId: 'g' });
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.sittings[0]!.responses[2]).to.deep.equal({ questionId: 'item-3', response: { RESPONSE: ['A', 'C'] }, score: 2 });
    expect(r.warnings.join('\n')).to.include('itemResult[item-3]: score 5 is outside 0–2; counted 2');
    expect(r.warnings.join('\n')).to.include('itemResult[item-3]/responseVariable[RESPONSE9]: item "item-3" has no response "RESPONSE9"; not imported');
  });

  it('lists the candidates no candidate list had, with a warning each', async () => {
    const results = [await parsed(`${OWN}/attempts-v3.xml`), { ...(await parsed(`${OWN}/attempts-v3.xml`)), candidateId: '100240', file: 'b.xml', at: { root: 'b.xml:2:1', context: 'b.xml:3:3' } }];
    const r = buildSittings(results, exams, { groupId: 'g', isKnownCandidate: (c) => c === '100234' });
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.unknownCandidates).to.deep.equal(['100240']);
    expect(r.warnings).to.include('b.xml:3:3: assessmentResult/context: unknown candidate "100240" (in no candidate list): to be created with the number only');
    expect(r.group.candidateNumbers).to.deep.equal(['100234', '100240']);
    const all = buildSittings(results, exams, { groupId: 'g' });
    if (all.ok) expect(all.unknownCandidates).to.deep.equal([]);
  });
});
