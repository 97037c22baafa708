import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseResult } from '../../server/import/results/index.ts';
import { check, fc } from '../support/fuzz.ts';

const xml = readFileSync('tests/fixtures/qti-results/inzage-own/attempts-v3.xml', 'utf8');
const end = xml.lastIndexOf('</assessmentResult>');

describe('QTI results: damaged files', () => {
  it('refuses a file cut off anywhere before its end, with a line and column, never throwing', () => check(fc.property(fc.integer({ min: 0, max: end }), (at) => {
    const r = parseResult(xml.slice(0, at), 'cut.xml');
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.errors).to.have.length.greaterThan(0);
      for (const e of r.errors) expect(e).to.match(/^cut\.xml(:\d+:\d+)?: /);
    }
  })));

  it('answers any damage to the markup with a result or errors that name the file, never an exception', () => check(fc.property(
    fc.array(fc.tuple(fc.integer({ min: 0, max: xml.length - 1 }), fc.constantFrom('<', '>', '&', '"', '/', '\u0000', 'x', '')), { minLength: 1, maxLength: 5 }),
    (edits) => {
      let damaged = xml;
      for (const [i, ch] of edits) damaged = damaged.slice(0, i) + ch + damaged.slice(i + 1);
      const r = parseResult(damaged, 'd.xml');
      if (!r.ok) for (const e of r.errors) expect(e.startsWith('d.xml')).to.equal(true);
    })));
});
