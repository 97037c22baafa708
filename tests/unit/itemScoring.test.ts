import { expect } from 'chai';
import { isPartCorrect, mapResponse, mapResponsePoint, partTemplate, scoreItem, scorePart } from '../../shared/itemScoring.ts';
import { insideArea } from '../../shared/qtiAreas.ts';
import { canonicalValue, parseQtiNumber } from '../../shared/qtiValues.ts';
import type { ItemPart } from '../../shared/schema.ts';
import { check, fc } from '../support/fuzz.ts';

const part = (p: Partial<ItemPart>): ItemPart => ({ id: 'RESPONSE', interaction: 'choice', cardinality: 'single', baseType: 'identifier', ...p });

describe('item scoring (QTI response processing templates)', () => {
  it('reads numbers with a decimal point or comma, and nothing else', () => {
    expect(parseQtiNumber('3,14')).to.equal(3.14);
    expect(parseQtiNumber(' -2.5e1 ')).to.equal(-25);
    expect(parseQtiNumber('3.1.4')).to.equal(undefined);
    expect(parseQtiNumber('')).to.equal(undefined);
    expect(canonicalValue('3,140', 'float')).to.equal(canonicalValue('3.14', 'float'));
    expect(canonicalValue('abc', 'float')).not.to.equal(canonicalValue('NaN', 'float'));
  });

  it('judges single, multiple (as a set) and ordered (as a sequence) responses', () => {
    const single = part({ key: ['ChoiceA'] });
    expect(isPartCorrect(single, ['ChoiceA'])).to.equal(true);
    expect(isPartCorrect(single, ['ChoiceB'])).to.equal(false);
    expect(isPartCorrect(single, [])).to.equal(false);
    expect(isPartCorrect(single, undefined)).to.equal(false);
    const multiple = part({ cardinality: 'multiple', key: ['A', 'C'] });
    expect(isPartCorrect(multiple, ['C', 'A'])).to.equal(true);
    expect(isPartCorrect(multiple, ['C', 'A', 'A'])).to.equal(true);
    expect(isPartCorrect(multiple, ['A'])).to.equal(false);
    expect(isPartCorrect(multiple, ['A', 'B', 'C'])).to.equal(false);
    const ordered = part({ interaction: 'order', cardinality: 'ordered', key: ['X', 'Y', 'Z'] });
    expect(isPartCorrect(ordered, ['X', 'Y', 'Z'])).to.equal(true);
    expect(isPartCorrect(ordered, ['Y', 'X', 'Z'])).to.equal(false);
    expect(isPartCorrect(ordered, ['X', 'Y'])).to.equal(false);
  });

  it('compares pairs unordered and directed pairs in order', () => {
    const pairs = part({ interaction: 'associate', cardinality: 'multiple', baseType: 'pair', key: ['A B', 'C D'] });
    expect(isPartCorrect(pairs, ['D C', 'B  A'])).to.equal(true);
    const directed = part({ interaction: 'match', cardinality: 'multiple', baseType: 'directedPair', key: ['A B', 'C D'] });
    expect(isPartCorrect(directed, ['C D', 'A B'])).to.equal(true);
    expect(isPartCorrect(directed, ['B A', 'C D'])).to.equal(false);
  });

  it('compares numbers numerically and strings as the mapping says', () => {
    const num = part({ interaction: 'textEntry', baseType: 'float', key: ['3.14'] });
    expect(isPartCorrect(num, ['3,14'])).to.equal(true);
    expect(isPartCorrect(num, ['3.140'])).to.equal(true);
    expect(isPartCorrect(num, ['3.15'])).to.equal(false);
    const exact = part({ interaction: 'textEntry', baseType: 'string', key: ['Paris'] });
    expect(isPartCorrect(exact, ['paris'])).to.equal(false);
    const lenient = part({ ...exact, mapping: { defaultValue: 0, entries: [{ value: 'Paris', points: 1, caseSensitive: false }] } });
    expect(isPartCorrect(lenient, ['PARIS'])).to.equal(true);
    expect(mapResponse(lenient.mapping!, 'string', ['pARIs'])).to.equal(1);
    const strictMap = { defaultValue: 0, entries: [{ value: 'Paris', points: 1, caseSensitive: true }] };
    expect(mapResponse(strictMap, 'string', ['paris'])).to.equal(0);
  });

  it('has no verdict for a part without a key, nor a score for an open part', () => {
    const open = part({ interaction: 'extendedText', baseType: 'string' });
    expect(isPartCorrect(open, ['text'])).to.equal(undefined);
    expect(partTemplate(open)).to.equal(undefined);
    expect(scorePart(open, ['text'])).to.equal(undefined);
  });

  it('scores match_correct with the part maximum, or 1', () => {
    expect(scorePart(part({ key: ['A'] }), ['A'])).to.equal(1);
    expect(scorePart(part({ key: ['A'], maxScore: 2 }), ['A'])).to.equal(2);
    expect(scorePart(part({ key: ['A'], maxScore: 2 }), ['B'])).to.equal(0);
    expect(scorePart(part({ key: ['A'], maxScore: 2 }), [])).to.equal(0);
  });

  it('scores map_response: distinct values once, default for unmapped ones, within the bounds', () => {
    const mapping = { defaultValue: -1, lowerBound: 0, upperBound: 3, entries: [{ value: 'A', points: 1 }, { value: 'B', points: 2 }, { value: 'C', points: 0.5 }] };
    const p = part({ cardinality: 'multiple', key: ['A', 'B'], mapping });
    expect(partTemplate(p)).to.equal('map_response');
    expect(scorePart(p, ['C', 'B'])).to.equal(2.5);
    expect(scorePart(p, ['B', 'B', 'C'])).to.equal(2.5); // QTI: a value given twice counts once
    expect(scorePart(p, ['A', 'B', 'C'])).to.equal(3); // 3.5 bounded
    expect(scorePart(p, ['D'])).to.equal(0); // -1 bounded
    expect(scorePart({ ...p, mapping: { ...mapping, lowerBound: undefined } }, ['D', 'E'])).to.equal(-2);
    expect(scorePart(p, [])).to.equal(0);
    const tenths = { defaultValue: 0, upperBound: 0.3, entries: [{ value: 'A', points: 0.1 }, { value: 'B', points: 0.2 }] };
    expect(mapResponse(tenths, 'identifier', ['A', 'B'])).to.equal(0.3); // not 0.30000000000000004
  });

  it('tells whether a point lies in a rect, circle, ellipse, polygon or the default area', () => {
    expect(insideArea('rect', [10, 10, 20, 30], [15, 30])).to.equal(true);
    expect(insideArea('rect', [10, 10, 20, 30], [21, 15])).to.equal(false);
    expect(insideArea('circle', [50, 50, 10], [57, 57])).to.equal(true);
    expect(insideArea('circle', [50, 50, 10], [58, 58])).to.equal(false);
    expect(insideArea('ellipse', [50, 50, 20, 5], [69, 50])).to.equal(true);
    expect(insideArea('ellipse', [50, 50, 20, 5], [50, 56])).to.equal(false);
    const triangle = [0, 0, 10, 0, 0, 10];
    expect(insideArea('poly', triangle, [2, 2])).to.equal(true);
    expect(insideArea('poly', triangle, [5, 5])).to.equal(true); // on the edge
    expect(insideArea('poly', triangle, [6, 6])).to.equal(false);
    expect(insideArea('default', [], [-1e6, 3])).to.equal(true);
  });

  it('scores map_response_point: the first area per point, each area once, default for a point in none', () => {
    const areaMapping = {
      defaultValue: 0, entries: [
        { shape: 'circle' as const, coords: [100, 100, 20], points: 2 },
        { shape: 'rect' as const, coords: [0, 0, 200, 200], points: 1 },
      ],
    };
    const p = part({ interaction: 'selectPoint', cardinality: 'multiple', baseType: 'point', areaMapping });
    expect(partTemplate(p)).to.equal('map_response_point');
    expect(scorePart(p, ['100 100'])).to.equal(2); // in both areas: the first counts
    expect(scorePart(p, ['100 100', '105 95'])).to.equal(2); // the same area twice: once
    expect(scorePart(p, ['100 100', '10 10'])).to.equal(3);
    expect(scorePart({ ...p, areaMapping: { ...areaMapping, defaultValue: -1 } }, ['500 500'])).to.equal(-1);
    expect(scorePart(p, ['not a point'])).to.equal(0);
  });

  it("sums an item's parts and lists the parts it cannot score", () => {
    const item = {
      parts: [
        part({ id: 'R1', key: ['A'], maxScore: 2 }),
        part({ id: 'R2', interaction: 'textEntry', baseType: 'integer', key: ['42'] }),
        part({ id: 'R3', interaction: 'extendedText', baseType: 'string' }),
      ],
    };
    const r = scoreItem(item, { R1: ['A'], R2: ['42'], R3: ['Omdat…'] });
    expect(r.score).to.equal(3);
    expect(r.unscored).to.deep.equal(['R3']);
    expect(r.parts).to.deep.equal([{ id: 'R1', score: 2, correct: true }, { id: 'R2', score: 1, correct: true }, { id: 'R3' }]);
    expect(scoreItem(item, null).score).to.equal(0);
    const tenths = { parts: [part({ id: 'A', key: ['x'], maxScore: 0.1 }), part({ id: 'B', key: ['y'], maxScore: 0.2 })] };
    expect(scoreItem(tenths, { A: ['x'], B: ['y'] }).score).to.equal(0.3);
    expect(scoreItem(item, { R1: ['B'] }).parts[0]).to.deep.equal({ id: 'R1', score: 0, correct: false });
  });

  describe('properties', () => {
    const ids = fc.constantFrom('A', 'B', 'C', 'D', 'E');
    const entries = fc.uniqueArray(fc.record({ value: ids, points: fc.integer({ min: -5, max: 5 }) }), { selector: (e) => e.value, maxLength: 5 });
    const bounds = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 10 })).map(([lo, span]) => ({ lowerBound: lo, upperBound: lo + span }));

    it('keeps a mapped score within the bounds', () => check(fc.property(entries, bounds, fc.integer({ min: -3, max: 3 }), fc.array(ids, { minLength: 1, maxLength: 8 }), (es, b, dflt, values) => {
      const score = mapResponse({ defaultValue: dflt, entries: es, ...b }, 'identifier', values);
      expect(score).to.be.within(b.lowerBound, b.upperBound);
    })));

    it('scores a multiple response the same in any order and with repeats', () => check(fc.property(entries, fc.array(ids, { minLength: 1, maxLength: 6 }), fc.infiniteStream(fc.nat()), (es, values, rnd) => {
      const p = part({ cardinality: 'multiple', key: es.map((e) => e.value).slice(0, 2), mapping: { defaultValue: 0, entries: es } });
      const shuffled = [...values, values[0]!].map((v) => [v, rnd.next().value] as const).sort((a, b) => a[1] - b[1]).map(([v]) => v);
      expect(scorePart(p, shuffled)).to.equal(scorePart(p, values));
      expect(isPartCorrect(p, shuffled)).to.equal(isPartCorrect(p, values));
    })));

    it('gives match_correct either 0 or the maximum', () => check(fc.property(fc.array(ids, { minLength: 1, maxLength: 3 }), fc.array(ids, { maxLength: 4 }), fc.integer({ min: 0, max: 5 }), (key, values, max) => {
      const p = part({ cardinality: 'ordered', key, maxScore: max });
      expect(scorePart(p, values)).to.be.oneOf([0, max]);
      expect(scorePart(p, key)).to.equal(max);
    })));

    it('counts each area at most once: a point score never exceeds the sum of positive area points', () => check(fc.property(
      fc.array(fc.record({ x: fc.integer({ min: 0, max: 100 }), y: fc.integer({ min: 0, max: 100 }), r: fc.integer({ min: 1, max: 40 }), points: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 10 }),
      (circles, points) => {
        const mapping = { defaultValue: 0, entries: circles.map((c) => ({ shape: 'circle' as const, coords: [c.x, c.y, c.r], points: c.points })) };
        const score = mapResponsePoint(mapping, points.map(([x, y]) => `${x} ${y}`));
        expect(score).to.be.at.most(circles.reduce((s, c) => s + c.points, 0));
        expect(score).to.be.at.least(0);
      })));
  });
});
