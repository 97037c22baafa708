/** The QTI import's items, one interaction family at a time, against real QTI 3.0, 2.2 and 2.1 files (tests/fixtures/qti). */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { ItemPart } from '../../shared/schema.ts';
import { BBQS, ITEMS_21, ITEMS_22, SAXONY, itemFromFolder } from '../support/qti.ts';

/** The item and its only part (or the part `id`), with no errors. */
function read(dir: string, file: string, id?: string) {
  const { item, issues, media } = itemFromFolder(dir, file);
  expect(issues.errors, issues.errors.join('\n')).to.deep.equal([]);
  const part = id ? item!.parts.find((p) => p.id === id)! : item!.parts[0]!;
  return { item: item!, part, warnings: issues.warnings, media: media.files };
}
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const ids = (list: ItemPart['choices']) => list?.map((c) => c.id);

describe('QTI items: interactions', () => {
  it('reads a single-response choice (QTI 3) with its key and a placeholder where it stood', () => {
    const { item, part } = read(BBQS, 'id-5c1b1e2d56bd/either-or.xml');
    expect(part).to.include({ interaction: 'choice', cardinality: 'single', baseType: 'identifier' });
    expect(part.key).to.deep.equal(['ChoiceB']);
    expect(item.stem).to.contain('<inzage-part ref="RESPONSE"></inzage-part>');
    expect(item.stem).not.to.contain('qti-');
  });

  it('reads a multiple-response choice (QTI 2.2) with its mapping; the maximum is the mapping\'s upper bound', () => {
    const { item, part } = read(ITEMS_22, 'choice_multiple.xml');
    expect(part).to.include({ interaction: 'choice', cardinality: 'multiple' });
    expect(ids(part.choices)).to.deep.equal(['H', 'He', 'C', 'O', 'N', 'Cl']);
    expect(part.key).to.deep.equal(['H', 'O']);
    expect(part.mapping).to.deep.include({ defaultValue: -2, lowerBound: 0, upperBound: 2 });
    expect(part.mapping!.entries).to.deep.include({ value: 'Cl', points: -1 });
    expect(item.maxScore).to.equal(2);
    expect(part.prompt).to.be.a('string').and.not.be.empty;
  });

  it('reads an order interaction: an ordered key, 1 point by match_correct', () => {
    const { item, part } = read(ITEMS_22, 'order.xml');
    expect(part).to.include({ interaction: 'order', cardinality: 'ordered' });
    expect(part.key).to.deep.equal(['DriverC', 'DriverA', 'DriverB']);
    expect(part.prompt).to.contain('F1 drivers');
    expect(item.maxScore).to.equal(1);
  });

  it('reads a match interaction (QTI 3) with its two sets and MathML labels', () => {
    const { part } = read(BBQS, 'id-7f35b6c393d5/matching-match-trigDeriv.xml');
    expect(part).to.include({ interaction: 'match', baseType: 'directedPair' });
    expect(ids(part.choices)).to.include.members(['A', 'B', 'C']);
    expect(ids(part.targets)).to.include.members(['D', 'E', 'F']);
    expect(part.key).to.deep.equal(['A D', 'B E', 'C F']);
    expect(part.choices![0]!.text).to.match(/^<math[^>]*>[\s\S]*<semantics>/);
  });

  it('reads an associate interaction: pairs, and the maximum from map_response', () => {
    const { item, part } = read(ITEMS_22, 'associate.xml');
    expect(part).to.include({ interaction: 'associate', baseType: 'pair' });
    expect(part.key).to.deep.equal(['A P', 'C M', 'D L']);
    expect(item.maxScore).to.equal(4);
    expect(part.maxScore).to.equal(4);
  });

  it('reads a gap match: gap texts as choices, gaps as targets, the text with its gaps marked', () => {
    const { item, part } = read(ITEMS_22, 'gap_match.xml');
    expect(part.interaction).to.equal('gapMatch');
    expect(ids(part.choices)).to.deep.equal(['W', 'Sp', 'Su', 'A']);
    expect(ids(part.targets)).to.deep.equal(['G1', 'G2']);
    expect(part.body).to.contain('Now is the <inzage-gap ref="G1"></inzage-gap> of our discontent');
    expect(part.key).to.deep.equal(['W G1', 'Su G2']);
    expect(item.maxScore).to.equal(3);
  });

  it('reads an inline choice inside the text of a paragraph', () => {
    const { item, part } = read(ITEMS_22, 'inline_choice.xml');
    expect(part).to.include({ interaction: 'inlineChoice' });
    expect(ids(part.choices)).to.deep.equal(['G', 'L', 'Y']);
    expect(item.stem).to.match(/by this sun of\s+<inzage-part ref="RESPONSE"><\/inzage-part>;/);
  });

  it('reads several text entries in one sentence (QTI 3), each a part with its own key', () => {
    const { item } = read(BBQS, 'id-d565dbe89933/text_entry-Lycidas.xml');
    expect(item.parts.map((p) => [p.id, p.interaction, p.key])).to.deep.equal([
      ['RESPONSE1', 'textEntry', ['fresh woods']],
      ['RESPONSE2', 'textEntry', ['pastures new']],
    ]);
    expect(item.stem).to.match(/<inzage-part ref="RESPONSE1"><\/inzage-part>, and\s*<inzage-part ref="RESPONSE2"><\/inzage-part>/);
  });

  it('reads numeric text entries (QTI 2.2, float) and takes the maximum from MAXSCORE', () => {
    const { item } = read(SAXONY, 'TextEntrynumeric_2040297025.xml');
    expect(item.parts.map((p) => [p.id, p.baseType, p.key])).to.deep.equal([['RESPONSE_1', 'float', ['4.0']], ['RESPONSE_2', 'float', ['2.0']]]);
    expect(item.maxScore).to.be.a('number');
  });

  it('reads a text entry in the QTI 2.1 namespace', () => {
    const { part } = read(ITEMS_21, 'text_entry.xml');
    expect(part).to.include({ interaction: 'textEntry', baseType: 'string' });
    expect(part.key).to.deep.equal(['York']);
  });

  it('reads an extended text with the scorer\'s rubric as marking scheme and the picture as a media file', () => {
    const { item, part, media } = read(ITEMS_22, 'extended_text_rubric.xml');
    expect(part).to.include({ interaction: 'extendedText' });
    expect(part.key).to.equal(undefined);
    expect(item.scheme).to.contain('Scoring Guidelines');
    expect(item.stem).not.to.contain('Scoring Guidelines');
    const src = /<img src="\/api\/media\/([0-9a-f]{64}\.png)" alt="Here is a postcard/.exec(item.stem);
    expect(src, item.stem).to.not.equal(null);
    expect(sha256(media.get(src![1]!)!)).to.equal(src![1]!.slice(0, 64));
  });

  it('keeps a rubric block for the candidate in the text (hottext, QTI 2.2) and marks the hottexts', () => {
    const { item, part } = read(ITEMS_22, 'hottext.xml');
    expect(item.stem).to.contain('Select the error in the following passage');
    expect(part.interaction).to.equal('hottext');
    expect(ids(part.choices)).to.deep.equal(['A', 'B', 'C', 'D', 'E']);
    expect(part.body).to.contain('<inzage-hottext ref="B">includes</inzage-hottext>');
    expect(part.key).to.deep.equal(['B']);
  });

  it('reads a hotspot interaction: the picture as a media file, its areas, the key', () => {
    const { part, media } = read(ITEMS_22, 'hotspot.xml');
    expect(part.interaction).to.equal('hotspot');
    expect(part.image).to.include({ width: 206, height: 280, alt: 'UK Map' });
    expect(part.image!.src).to.match(/^\/api\/media\/[0-9a-f]{64}\.png$/);
    expect([...media.keys()]).to.deep.equal([part.image!.src.slice('/api/media/'.length)]);
    expect(part.hotspots![0]).to.deep.equal({ id: 'A', shape: 'circle', coords: [77, 115, 8] });
    expect(part.key).to.deep.equal(['A']);
  });

  it('reads a select point interaction with its area mapping; map_response_point gives the maximum', () => {
    const { item, part } = read(ITEMS_22, 'select_point.xml');
    expect(part).to.include({ interaction: 'selectPoint', baseType: 'point' });
    expect(part.areaMapping!.entries).to.deep.equal([{ shape: 'circle', coords: [102, 113, 16], points: 1 }]);
    expect(item.maxScore).to.equal(1);
  });

  it('reads a QTI 3 select point on an <object> picture, with the SCORE outcome\'s normal maximum', () => {
    const { item, part } = read(BBQS, 'id-992e8bd3c9ac/hotspot-maximum.xml');
    expect(part.interaction).to.equal('selectPoint');
    expect(part.areaMapping!.entries).to.deep.equal([{ shape: 'rect', coords: [184, 78, 244, 112], points: 1 }]);
    expect(part.image).to.include({ width: 627, height: 511 });
    expect(item.maxScore).to.equal(1);
  });

  it('reads graphic order, graphic associate and graphic gap match', () => {
    expect(read(ITEMS_22, 'graphic_order.xml').part).to.deep.include({ interaction: 'graphicOrder', key: ['A', 'D', 'C', 'B'] });
    const assoc = read(ITEMS_22, 'graphic_associate.xml');
    expect(assoc.part.interaction).to.equal('graphicAssociate');
    expect(assoc.part.hotspots).to.have.length(4);
    expect(assoc.item.maxScore).to.equal(2);
    const gaps = read(ITEMS_22, 'graphic_gap_match.xml').part;
    expect(gaps.interaction).to.equal('graphicGapMatch');
    expect(ids(gaps.choices)).to.deep.equal(['CBG', 'EBG', 'EDI', 'GLA', 'MAN', 'MCH']);
    expect(gaps.choices![0]!.text).to.match(/^<img src="\/api\/media\/[0-9a-f]{64}\.png"/);
    expect(gaps.key).to.deep.equal(['GLA A', 'EDI B', 'MAN C']);
  });

  it('reads a slider with its bounds', () => {
    const { part, item } = read(ITEMS_22, 'slider.xml');
    expect(part).to.include({ interaction: 'slider', lowerBound: 0, upperBound: 100, baseType: 'integer' });
    expect(item.maxScore).to.equal(1);
  });

  it('keeps an upload or drawing interaction as an unsupported part with its prompt, and warns', () => {
    for (const [file, element] of [['upload.xml', 'qti-upload-interaction'], ['drawing.xml', 'qti-drawing-interaction']] as const) {
      const { item, part, warnings } = read(ITEMS_22, file);
      expect(part).to.include({ interaction: 'unsupported', element });
      expect(item.stem).to.contain('<inzage-part ref="RESPONSE"></inzage-part>');
      expect(warnings.some((w) => w.startsWith(`${file}:`) && w.includes(`<${element}> cannot be shown`))).to.equal(true, warnings.join('\n'));
    }
    expect(read(ITEMS_22, 'upload.xml').part.prompt).to.contain('Build a spreadsheet');
  });

  it('reads an item with four interactions of different kinds in order', () => {
    const { item } = read(ITEMS_22, 'multi-input.xml');
    expect(item.parts.map((p) => `${p.id}:${p.interaction}`)).to.deep.equal(['RESPONSE1:choice', 'RESPONSE2:inlineChoice', 'RESPONSE3:textEntry', 'RESPONSE4:gapMatch']);
    expect(item.stem).not.to.contain('feedback');
  });

  it('refuses a real item whose picture is missing from the package, naming file, line and column', () => {
    const { item, issues } = itemFromFolder(ITEMS_21, 'choice.xml');
    expect(item).to.equal(undefined);
    expect(issues.errors).to.deep.equal(['choice.xml:17:7 img: image "images/sign.png" is missing from the package (looked for images/sign.png)']);
  });
});
