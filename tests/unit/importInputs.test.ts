/**
 * An import run of several inputs (server/import/inputs/): each told by its content, combined into one import
 * file, results against the run's exams and candidates first, the group merged with a stored one, and messages
 * of the later checks naming their input.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { classifyBytes, combineInputs, EMPTY_CONTENT, type ImportInput } from '../../server/import/inputs/index.ts';
import { mergeResultsGroup } from '../../server/import/inputs/resultsGroup.ts';
import { validateImport } from '../../server/import/index.ts';
import type { Group, ImportFile, ItemQuestion } from '../../shared/schema.ts';
import { isCorrect } from '../../shared/rules.ts';
import { resultXml } from '../support/qtiResults.ts';

const kindOf = (name: string, content: string | Uint8Array) => {
  const r = classifyBytes(name, typeof content === 'string' ? strToU8(content) : content);
  return r.ok ? r.input.kind : r.errors;
};

const item: ItemQuestion = {
  id: 'q1', number: 1, type: 'item', maxScore: 2, stem: '<inzage-part ref="R1"></inzage-part><inzage-part ref="R2"></inzage-part>',
  parts: [
    { id: 'R1', interaction: 'choice', cardinality: 'single', baseType: 'identifier', choices: [{ id: 'A', text: 'a' }, { id: 'B', text: 'b' }], key: ['A'], maxScore: 1 },
    { id: 'R2', interaction: 'textEntry', cardinality: 'single', baseType: 'string', key: ['Utrecht'], maxScore: 1 },
  ],
};
const exam = { id: 'E1', title: 'Toets', subject: 'NE', level: 'havo', central: false, questions: [item] };
const input = (name: string, text: string): ImportInput => {
  const r = classifyBytes(name, strToU8(text));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.input;
};
const answers = (values: Record<string, string[]>, score?: number) => new Map([['q1', { values, ...(score === undefined ? {} : { score }) }]]);

describe('import inputs: told by content, combined into one import', () => {
  it('tells JSON, a QTI package, results, a CSV and an EDEXML list apart by content, whatever their names', () => {
    expect(kindOf('x.txt', '  {"format":"inzage/v1"}')).to.equal('json');
    expect(kindOf('x.xml', resultXml('1', 'E1', answers({})))).to.equal('results');
    expect(kindOf('lijst.xml', readFileSync('tests/fixtures/candidates/edexml-2.1.xml'))).to.equal('candidates');
    expect(kindOf('lijst.json', readFileSync('tests/fixtures/candidates/utf8-bom.csv'))).to.equal('candidates');
    expect(kindOf('a.zip', zipSync({ 'imsmanifest.xml': strToU8('<manifest/>') }))).to.equal('package');
    expect(kindOf('r.zip', zipSync({ 'klas/1.xml': strToU8(resultXml('1', 'E1', answers({}))) }))).to.equal('results');
    expect(kindOf('leeg.zip', zipSync({ 'a.txt': strToU8('x') }))).to.deep.equal(['leeg.zip: a zip without imsmanifest.xml (so no QTI package) and without .xml files (so no QTI results)']);
    expect(kindOf('item.xml', '<qti-assessment-item identifier="x"/>')).to.deep.equal(['item.xml: a single QTI qti-assessment-item; import the content package it belongs to (a zip, or a folder with imsmanifest.xml)']);
    expect(kindOf('b.json', '{"format": }')).to.have.length(1);
  });

  it('reads results against the run\'s exam and candidates, adds unknown candidates by number, and names files in later messages', () => {
    const json = input('toets.json', JSON.stringify({ format: 'inzage/v1', exams: [exam] }));
    const csv = input('klas.csv', 'Examennummer;Voornaam;Achternaam\n4101;Zoë;Brouwer\n');
    const results = [
      input('r/4101.xml', resultXml('4101', 'E1', answers({ R1: ['A'], R2: ['Utrecht'] }, 0))),
      input('r/4102.xml', resultXml('4102', 'E1', answers({ R1: ['B'] }))),
    ];
    const c = combineInputs([json, csv, ...results], EMPTY_CONTENT, { group: { id: 'g1', name: '4H' } });
    if (!c.ok) throw new Error(c.errors.join('\n'));
    const file = c.value as ImportFile;
    expect(file.candidates).to.deep.equal([{ number: '4101', firstName: 'Zoë', lastName: 'Brouwer' }, { number: '4102' }]);
    expect(file.groups).to.deep.equal([{ id: 'g1', name: '4H', examId: 'E1', startsAt: '2026-05-12T07:00:00.000Z', candidateNumbers: ['4101', '4102'] }]);
    expect(file.sittings.map((s) => [s.candidateNumber, s.responses[0]!.score])).to.deep.equal([['4101', 0], ['4102', 0]]);
    expect(c.warnings.join('\n')).to.contain('unknown candidate "4102"');
    const v = validateImport(c.value);
    expect(v.ok).to.equal(true);
    // the score that disagrees with the key (isCorrect for items), named by file and item
    expect(v.warnings.map((w) => c.origins.relabel(w))).to.deep.equal(['r/4101.xml: assessmentResult/itemResult[q1]: response is correct but scored 0 of 2']);
    expect(c.inputs.map((i) => [i.name, i.kind, i.count])).to.deep.equal([['toets.json', 'json', 1], ['klas.csv', 'candidates', 1], ['r/4101.xml', 'results', 1], ['r/4102.xml', 'results', 1]]);
  });

  it('reports progress through the results files as they are parsed', () => {
    const json = input('toets.json', JSON.stringify({ format: 'inzage/v1', exams: [exam] }));
    const files = Array.from({ length: 600 }, (_, i) => ({ name: `r/${1000 + i}.xml`, bytes: strToU8(resultXml(String(1000 + i), 'E1', answers({}, 0))) }));
    const seen: number[] = [];
    const c = combineInputs([json, { kind: 'results', name: 'r', files, size: 0 }], EMPTY_CONTENT, { group: { id: 'g' }, onProgress: (p) => seen.push(p.percent) });
    expect(c.ok).to.equal(true);
    expect(seen).to.deep.equal([41, 83, 100]);
  });

  it('refuses results without a group, and every input\'s problems at once', () => {
    const c = combineInputs([input('bad.json', '{"format":"inzage/v2","extra":1}'), input('r.xml', resultXml('4101', 'E1', answers({})))], EMPTY_CONTENT);
    expect(c.ok).to.equal(false);
    expect(!c.ok && c.errors).to.deep.equal([
      'bad.json: format: must be "inzage/v1"',
      'bad.json: extra: unknown field',
      'QTI results need a group to go in: give its id (--group ID on the command line, "Afnamegroep" in the console)',
    ]);
  });

  it('keeps a stored group, adding the results\' candidates, its earliest start, and a new name only when given', () => {
    const stored: Group = { id: 'g1', name: 'Oud', examId: 'E1', startsAt: '2026-05-12T06:00:00.000Z', location: 'lokaal 3', candidateNumbers: ['1', '2'] };
    const built: Group = { id: 'g1', name: 'g1', examId: 'E1', startsAt: '2026-05-11T06:00:00.000Z', candidateNumbers: ['2', '3'] };
    expect(mergeResultsGroup(built, stored, undefined)).to.deep.equal({ ok: true, group: { ...stored, startsAt: built.startsAt, candidateNumbers: ['1', '2', '3'] } });
    expect(mergeResultsGroup(built, stored, 'Nieuw')).to.have.nested.property('group.name', 'Nieuw');
    expect(mergeResultsGroup({ ...built, examId: 'E2' }, stored, undefined).ok).to.equal(false);
  });

  it('takes a candidate with both names or with neither, never with one', () => {
    const v = validateImport({ format: 'inzage/v1', candidates: [{ number: '1' }, { number: '2', firstName: 'Zoë' }] });
    expect(!v.ok && v.errors).to.deep.equal(['candidates[1].lastName: give firstName and lastName both, or neither (a candidate known by number only)']);
  });

  it('judges an item correct when every part matches its key, and not at all when a part has no key', () => {
    expect(isCorrect(item, { R1: ['A'], R2: ['Utrecht'] })).to.equal(true);
    expect(isCorrect(item, { R1: ['A'] })).to.equal(false);
    expect(isCorrect(item, null)).to.equal(false);
    const open = { ...item, parts: [...item.parts, { id: 'R3', interaction: 'extendedText' as const, cardinality: 'single' as const, baseType: 'string' as const }] };
    expect(isCorrect(open, { R1: ['A'], R2: ['Utrecht'], R3: ['tekst'] })).to.equal(undefined);
  });
});
