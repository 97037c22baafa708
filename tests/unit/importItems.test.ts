/** Item questions in an import: the cross checks of itemRules, responses to items, sanitising, and what the kiosk gets. */
import { expect } from 'chai';
import { validateImport } from '../../server/import/index.ts';
import { revealOf } from '../../server/review/payload.ts';
import { buildPayload } from '../../server/review/payload.ts';
import type { Exam, ItemQuestion, Sitting } from '../../shared/schema.ts';
import { DEFAULT_REVIEW } from '../../shared/schema.ts';
import type { Json } from '../support/importFixture.ts';
import { exampleImport, EXAM_ID, GROUP_ID } from '../support/importFixture.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function itemQuestion(): Json {
  return {
    id: 'q8', number: 8, type: 'item', maxScore: 3, title: 'Kaart', section: 'Deel 2',
    stem: '<p>Kies <inzage-part ref="KEUZE"></inzage-part> en vul in: <inzage-part ref="GAT"></inzage-part></p><inzage-part ref="PLEK"></inzage-part>',
    parts: [
      { id: 'KEUZE', interaction: 'inlineChoice', cardinality: 'single', baseType: 'identifier',
        choices: [{ id: 'A', text: 'Utrecht' }, { id: 'B', text: 'Zwolle' }], key: ['A'],
        mapping: { defaultValue: 0, entries: [{ value: 'A', points: 1 }] } },
      { id: 'GAT', interaction: 'textEntry', cardinality: 'single', baseType: 'string', key: ['Maas'] },
      { id: 'PLEK', interaction: 'hotspot', cardinality: 'single', baseType: 'identifier', image: { src: PNG, width: 20, height: 20 },
        hotspots: [{ id: 'H1', shape: 'rect', coords: [0, 0, 10, 10] }, { id: 'H2', shape: 'circle', coords: [15, 15, 3] }], key: ['H2'] },
    ],
    scheme: '<p>1 punt per onderdeel</p>',
  };
}

function withItem(change: (q: Json, f: Json) => void = () => {}): Json {
  const f = exampleImport();
  const q = itemQuestion();
  f.exams[0].questions.push(q);
  f.sittings[0].responses.push({ questionId: 'q8', response: { KEUZE: ['A'], GAT: ['Maas'], PLEK: ['H2'] }, score: 3 });
  change(q, f);
  return f;
}

const errorsOf = (f: Json) => {
  const r = validateImport(f);
  return r.ok ? [] : r.errors;
};

describe('import: item questions', () => {
  it('accepts an item with inline parts, a picture, keys and a scheme, and a response per part', () => {
    const r = validateImport(withItem());
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.warnings).to.deep.equal([]);
    const q = r.data.exams[0]!.questions[7] as ItemQuestion;
    expect(q.stem).to.equal(itemQuestion().stem);
  });

  const cases: [string, (q: Json, f: Json) => void, string][] = [
    ['a part without its placeholder', (q) => { q.stem = '<p>Kies <inzage-part ref="KEUZE"></inzage-part></p><inzage-part ref="PLEK"></inzage-part>'; },
      'exams[0].questions[7].parts[1]: part "GAT" must have exactly one <inzage-part ref="GAT"> in the stem, found 0'],
    ['a placeholder without a part', (q) => { q.stem += '<inzage-part ref="X9"></inzage-part>'; }, 'exams[0].questions[7].stem: <inzage-part ref="X9"> names no part'],
    ['a duplicate part id', (q) => { q.parts[1].id = 'KEUZE'; }, 'exams[0].questions[7].parts[1].id: duplicate part id "KEUZE"'],
    ['a key naming no choice', (q) => { q.parts[0].key = ['C']; }, 'exams[0].questions[7].parts[0].key: "C" is not one of the part\'s choices'],
    ['a mapping naming no choice', (q) => { q.parts[0].mapping.entries[0].value = 'Z'; }, 'exams[0].questions[7].parts[0].mapping.entries[0].value: "Z" is not one of the part\'s choices'],
    ['a key naming no hotspot', (q) => { q.parts[2].key = ['H7']; }, 'exams[0].questions[7].parts[2].key: "H7" is not one of the part\'s hotspots'],
    ['a picture on another server', (q) => { q.parts[2].image.src = 'https://example.org/kaart.png'; }, 'exams[0].questions[7].parts[2].image.src: must be an inline image (data:image/png, jpeg, gif or webp;base64) or a media file of the import (/api/media/…)'],
    ['a response to an unknown part', (_q, f) => { f.sittings[0].responses[7].response = { NIETS: ['A'] }; }, 'sittings[0].responses[7].response.NIETS: unknown part "NIETS"'],
    ['two values for a single part', (_q, f) => { f.sittings[0].responses[7].response = { KEUZE: ['A', 'B'] }; }, 'sittings[0].responses[7].response.KEUZE: part "KEUZE" takes one value, found 2'],
    ['a response naming no choice', (_q, f) => { f.sittings[0].responses[7].response = { KEUZE: ['Q'] }; }, 'sittings[0].responses[7].response.KEUZE: "Q" is not one of the part\'s choices'],
    ['a list as the response to an item', (_q, f) => { f.sittings[0].responses[7].response = ['A']; }, 'sittings[0].responses[7].response: an item question takes an object from part id to a list of values or null'],
  ];
  for (const [what, change, expected] of cases) {
    it(`refuses ${what}`, () => {
      expect(errorsOf(withItem(change))).to.include(expected);
    });
  }

  it('sanitises an item\'s prompts and choices, keeping placeholders, and warns of what it removed', () => {
    const r = validateImport(withItem((q) => {
      q.parts[0].prompt = '<p onclick="x()">Kies</p><script>alert(1)</script>';
      q.parts[0].choices[0].text = '<a href="https://example.org">Utrecht</a>';
    }));
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    const q = r.data.exams[0]!.questions[7] as ItemQuestion;
    expect(q.parts[0]!.prompt).to.equal('<p>Kies</p>');
    expect(q.parts[0]!.choices![0]!.text).to.equal('Utrecht');
    expect(r.warnings).to.include('exams[0].questions[7].parts[0].prompt: removed <script> and its content (at script)');
  });
});

describe('review payload: item questions', () => {
  const exam = (showKey: boolean, showScheme: boolean): Exam => {
    const r = validateImport(withItem());
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return { ...r.data.exams[0]!, review: { ...DEFAULT_REVIEW, allowed: true, showKey, showScheme } };
  };
  const sitting = (e: Exam): Sitting => ({
    id: 's1', groupId: GROUP_ID, candidateNumber: '230117', examId: EXAM_ID, startedAt: '2026-05-20T09:01:00+02:00', submittedAt: '2026-05-20T10:25:00+02:00',
    responses: [{ questionId: 'q8', response: { KEUZE: ['B'], GAT: ['Rijn'] }, score: 1 }], totalScore: 1, maxScore: e.questions.reduce((s, q) => s + q.maxScore, 0),
  });

  it('gives the kiosk the parts without keys or mappings, and the response per part', () => {
    const e = exam(true, true);
    const payload = buildPayload({ id: 'r1', startedAt: '', endsAt: '', position: 'q1' } as never, e, sitting(e), undefined);
    const q = payload.questions.find((x) => x.id === 'q8')!;
    expect(q.type).to.equal('item');
    if (q.type !== 'item') return;
    expect(JSON.stringify(q)).not.to.contain('"key"');
    expect(JSON.stringify(q)).not.to.contain('"mapping"');
    expect(q.parts.map((p) => p.id)).to.deep.equal(['KEUZE', 'GAT', 'PLEK']);
    expect(q.response).to.deep.equal({ KEUZE: ['B'], GAT: ['Rijn'] });
    expect(q).to.include({ hasKey: true, hasScheme: true, section: 'Deel 2', title: 'Kaart' });
  });

  it('reveals keys only when the exam shows keys, and the scheme only when it shows schemes', () => {
    const q = (e: Exam) => e.questions.find((x) => x.id === 'q8')!;
    const both = exam(true, true);
    expect(revealOf(q(both), both, 0)).to.deep.equal({
      parts: [
        { id: 'KEUZE', key: ['A'], mapping: { defaultValue: 0, entries: [{ value: 'A', points: 1 }] } },
        { id: 'GAT', key: ['Maas'] },
        { id: 'PLEK', key: ['H2'] },
      ],
      scheme: '<p>1 punt per onderdeel</p>',
    });
    const schemeOnly = exam(false, true);
    expect(revealOf(q(schemeOnly), schemeOnly, 0)).to.deep.equal({ parts: [], scheme: '<p>1 punt per onderdeel</p>' });
    const neither = exam(false, false);
    expect(revealOf(q(neither), neither, 0)).to.equal(null);
  });
});
