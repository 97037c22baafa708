import { expect } from 'chai';
import { validateImport } from '../../server/import/index.ts';
import { exampleImport, type Json } from '../support/importFixture.ts';

function warningsOf(change: (f: Json) => void): string[] {
  const f = exampleImport();
  change(f);
  const r = validateImport(f);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.warnings;
}

describe('import score warnings', () => {
  it('warns, without refusing, when a correct response scored less than the maximum', () => {
    expect(warningsOf((f) => { f.sittings[0].responses[1].score = 1; })).to.deep.equal(['sittings[0].responses[1]: response is correct but scored 1 of 2']);
  });

  it('warns when an incorrect response scored the maximum', () => {
    expect(warningsOf((f) => { f.sittings[1].responses[0].score = 1; })).to.deep.equal(['sittings[1].responses[0]: response is incorrect but scored 1 of 1']);
  });

  it('warns when an unanswered question scored the maximum', () => {
    expect(warningsOf((f) => { f.sittings[1].responses[4].score = 1; })).to.deep.equal(['sittings[1].responses[4]: response is unanswered but scored 1 of 1']);
  });

  it('judges every closed type against its key: set, sequence, pairs, trimmed text, tolerance', () => {
    const w = warningsOf((f) => {
      for (const r of f.sittings[0].responses.slice(0, 6)) r.score = 0; // all six are correct
    });
    expect(w).to.deep.equal([0, 1, 2, 3, 4, 5].map((i) => {
      const max = [1, 2, 2, 2, 1, 1][i];
      return `sittings[0].responses[${i}]: response is correct but scored 0 of ${max}`;
    }));
  });

  it('leaves partial credit on an incorrect response alone, and never judges open questions', () => {
    expect(warningsOf((f) => {
      f.sittings[1].responses[1].score = 1; // one of two options right: partial credit
      f.sittings[0].responses[6].score = 0; // open question
    })).to.deep.equal([]);
  });
});
