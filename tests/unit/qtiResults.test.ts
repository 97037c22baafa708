import { expect } from 'chai';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { parseResult, readResults } from '../../server/import/results/index.ts';

const CITO = 'tests/fixtures/qti-results/citolab-qti-scoring-engine';
const OWN = 'tests/fixtures/qti-results/inzage-own';

async function parseFile(path: string) {
  const r = parseResult(await readFile(path, 'utf8'), path);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

describe('QTI results: one assessmentResult file', () => {
  it('reads a QTI 2.1 export without testResult: the candidate, every item, comma decimals as written', async () => {
    const { result } = await parseFile(`${CITO}/result1.xml`);
    expect(result.candidateId).to.equal('SomeCandidateId');
    expect(result.examId).to.equal(undefined);
    expect(result.items.map((i) => [i.itemId, i.responses])).to.deep.equal([
      ['ITM-72757', { RESPONSE: ['11400'] }],
      ['ITM-72759', { RESPONSE: ['3,6'] }],
      ['ITM-72784', { RESPONSE: ['2350'] }],
      ['ITM-72833', { RESPONSE: ['C'] }],
    ]);
    expect(result.startedAt).to.equal('2021-01-11T13:35:21.735Z');
    expect(result.submittedAt).to.equal('2021-01-11T13:38:21.735Z');
  });

  it('reads a QTI 2.2 file with a byte order mark and num_attempts-style names', async () => {
    const text = await readFile(`${CITO}/AssessmentResult_Multiple_Responses_01.xml`, 'utf8');
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    const r = parseResult(text, 'bom.xml');
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.result.candidateId).to.equal('900001');
    expect(r.result.items).to.have.length(1);
    expect(r.result.items[0]!.responses).to.deep.equal({ RESPONSE: ['A'] });
  });

  it("reads 1EdTech's QTI 3.0 example: the exam, the item's SCORE, and a warning for a datestamp without a time zone", async () => {
    const { result, warnings } = await parseFile(`${CITO}/assessment_result_external_machine.xml`);
    expect(result.examId).to.equal('SAMPLE');
    expect(result.candidateId).to.equal('johnsmith1');
    expect(result.items).to.deep.equal([{ itemId: 'textEntry', responses: { RESPONSE: ['york'] }, score: 1, datestamp: '2020-08-25T16:18:40.000Z', at: `${CITO}/assessment_result_external_machine.xml:22:5`, responseAt: { RESPONSE: `${CITO}/assessment_result_external_machine.xml:28:9` } }]);
    expect(result.submittedAt).to.equal('2020-08-25T16:19:20.000Z'); // 18:19:20 in Amsterdam, summer time
    expect(warnings.join('\n')).to.match(/:7:5: assessmentResult\/testResult: datestamp "2020-08-25T18:19:20" has no time zone; read as Europe\/Amsterdam time/);
  });

  it('reads a delivery export of 123 items without baseType, and several gaps and values per item', async () => {
    const doe = await parseFile(`${CITO}/assessmentresult_DOE.xml`);
    expect(doe.result.items).to.have.length(123);
    expect(doe.result.items.every((i) => i.score === undefined && Array.isArray(i.responses.RESPONSE))).to.equal(true);
    const numeric = await parseFile(`${CITO}/result_numeric.xml`);
    expect(numeric.result.items[0]!.responses).to.deep.equal({ RESPONSE_1: ['test'], RESPONSE_2: ['100'], RESPONSE_3: ['3,14'] });
    const hotspot = await parseFile(`${CITO}/hs-result-correct-1.xml`);
    expect(hotspot.result.items[0]!.responses).to.deep.equal({ RESPONSE: ['A', 'C'] });
  });

  it('takes the last result of an item by datestamp, comma decimal scores, and the start from the test duration', async () => {
    const { result } = await parseFile(`${OWN}/attempts-v3.xml`);
    expect(result.examId).to.equal('NE-4H-2026');
    expect(result.items.map((i) => i.itemId)).to.deep.equal(['item-1', 'item-2', 'item-3']);
    expect(result.items[0]!.responses).to.deep.equal({ RESPONSE: ['ChoiceB'] });
    expect(result.items[1]!.responses).to.deep.equal({ RESPONSE: ['3,14'], RESPONSE2: ['Omdat de druk stijgt.'] });
    expect(result.items[2]!.score).to.equal(1.5);
    expect(result.submittedAt).to.equal('2026-05-12T08:30:00.000Z');
    expect(result.startedAt).to.equal('2026-05-12T07:00:00.000Z'); // 5400 s before
  });

  it('refuses a file whose root element is not closed, with its line and column', async () => {
    const r = parseResult(await readFile(`${OWN}/unclosed-root.xml`, 'utf8'), 'unclosed-root.xml');
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]).to.match(/^unclosed-root\.xml:\d+:\d+: not well-formed XML: unclosed xml tag\(s\): assessmentResult/);
  });

  it('reports every error of a file at once, each with line, column and element path', async () => {
    const r = parseResult(await readFile(`${OWN}/many-errors.xml`, 'utf8'), 'many-errors.xml');
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.deep.equal([
      'many-errors.xml:3:3: assessmentResult/context: has no sourcedId (the candidate number)',
      'many-errors.xml:4:3: assessmentResult/testResult: has no identifier (the exam)',
      'many-errors.xml:5:3: assessmentResult/itemResult: has no identifier (the item)',
      'many-errors.xml:6:3: assessmentResult/itemResult[item-2]: datestamp "12-05-2026 09:50" is not an xs:dateTime (2026-06-01T09:30:00+02:00)',
      'many-errors.xml:7:79: assessmentResult/itemResult[item-2]/outcomeVariable[SCORE]/value: "twee" is not a number',
    ]);
  });

  it('keeps a response identifier such as __proto__ as a plain key', () => {
    const r = parseResult('<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v3p0"><context sourcedId="1"/><testResult identifier="E" datestamp="2026-01-01T10:00:00Z"/>' +
      '<itemResult identifier="i" datestamp="2026-01-01T09:00:00Z" sessionStatus="final"><responseVariable identifier="__proto__" cardinality="single"><candidateResponse><value>A</value></candidateResponse></responseVariable></itemResult></assessmentResult>', 'p.xml');
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    const responses = r.result.items[0]!.responses;
    expect(Object.keys(responses)).to.deep.equal(['__proto__']);
    expect(Object.getPrototypeOf(responses)).to.equal(Object.prototype);
    expect(r.result.items[0]!.responseAt).to.deep.equal(JSON.parse('{"__proto__": "p.xml:1:242"}'));
  });

  it('refuses another root element and warns about an unknown namespace', () => {
    const r = parseResult('<assessmentTest identifier="x"/>', 't.xml');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.errors).to.deep.equal(['t.xml:1:1: assessmentTest: not a QTI results file: the root element must be assessmentResult']);
    const plain = parseResult('<assessmentResult><context sourcedId="1"/><testResult identifier="E" datestamp="2026-01-01T10:00:00Z"/></assessmentResult>', 'p.xml');
    expect(plain.ok).to.equal(true);
    expect(plain.warnings[0]).to.match(/^p\.xml:1:1: assessmentResult: namespace "" is not QTI results/);
  });
});

describe('QTI results: a folder or a zip', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'inzage-results-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads every real results file of the Cito fixtures without an error', async () => {
    const r = await readResults(CITO);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (r.ok) expect(r.results.map((x) => x.candidateId)).to.have.length(7);
  });

  it('reads every .xml of a folder and its subfolders, in name order', async () => {
    await mkdir(join(dir, 'klas', '4a'), { recursive: true });
    await writeFile(join(dir, 'klas', 'b.xml'), await readFile(`${CITO}/result1.xml`));
    await writeFile(join(dir, 'klas', '4a', 'a.xml'), await readFile(`${OWN}/attempts-v3.xml`));
    await writeFile(join(dir, 'klas', 'notes.txt'), 'not a result');
    const r = await readResults(join(dir, 'klas'));
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (r.ok) expect(r.results.map((x) => [x.file, x.candidateId])).to.deep.equal([[join('klas', '4a', 'a.xml'), '100234'], [join('klas', 'b.xml'), 'SomeCandidateId']]);
  });

  it('reads a zip, and refuses it all, naming every bad file, when one file is malformed', async () => {
    const good = new Uint8Array(await readFile(`${OWN}/attempts-v3.xml`));
    const zip = join(dir, 'results.zip');
    await writeFile(zip, zipSync({ 'r/one.xml': good, 'r/two.xml': new Uint8Array(await readFile(`${CITO}/hs-result-correct-1.xml`)), '__MACOSX/r/._one.xml': new Uint8Array([0]) }));
    const r = await readResults(zip);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (r.ok) expect(r.results.map((x) => x.file)).to.deep.equal(['results.zip/r/one.xml', 'results.zip/r/two.xml']);

    await writeFile(zip, zipSync({ 'one.xml': good, 'bad.xml': new Uint8Array(await readFile(`${OWN}/unclosed-root.xml`)), 'worse.xml': new Uint8Array([0xff, 0xfe, 0x41]) }));
    const bad = await readResults(zip);
    expect(bad.ok).to.equal(false);
    if (!bad.ok) {
      expect(bad.errors).to.have.length(2);
      expect(bad.errors[0]).to.match(/^results\.zip\/bad\.xml:\d+:\d+: not well-formed XML/);
      expect(bad.errors[1]).to.equal('results.zip/worse.xml: not valid UTF-8 (and the XML declaration names no other encoding)');
    }
  });

  it('refuses a file over the size limit before reading it', async () => {
    await writeFile(join(dir, 'big.xml'), 'x'.repeat(2048));
    const r = await readResults(dir, { limits: { maxFileBytes: 1024, maxTotalBytes: 10_000 } });
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.errors[0]).to.match(/big\.xml: 0 MB; at most 0 MB per file/);
  });
});
