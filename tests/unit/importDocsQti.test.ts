import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parseCandidateList } from '../../server/import/candidates/index.ts';
import { parseResult } from '../../server/import/results/index.ts';

const doc = readFileSync(new URL('../../docs/import-format.md', import.meta.url), 'utf8');
const section = (from: string, to?: string) => doc.slice(doc.indexOf(from), to ? doc.indexOf(to) : undefined);
const block = (text: string, lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(text)![1]!;
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('docs/import-format.md, QTI results and candidate lists', () => {
  it("has a results example that reads as the table says", () => {
    const r = parseResult(block(section('## QTI results'), 'xml'), 'doc.xml');
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    if (!r.ok) return;
    expect(r.result).to.include({ candidateId: '100234', examId: 'NE-4H-2026', submittedAt: '2026-05-12T08:30:00.000Z', startedAt: '2026-05-12T07:00:00.000Z' });
    expect(r.result.items.map((i) => [i.itemId, i.responses, i.score])).to.deep.equal([['item-2', { RESPONSE: ['3,14'] }, 1]]);
  });

  it('has a CSV and an EDEXML example that read without errors', () => {
    const lists = section('## Candidate lists');
    const csv = parseCandidateList(utf8(block(lists, 'text')), 'doc.csv');
    expect(csv.ok, csv.ok ? '' : csv.errors.join('\n')).to.equal(true);
    if (csv.ok) expect(csv.candidates).to.have.length(2);
    const edex = parseCandidateList(utf8(block(lists, 'xml')), 'doc.xml');
    expect(edex.ok, edex.ok ? '' : edex.errors.join('\n')).to.equal(true);
    if (edex.ok) expect(edex.candidates).to.deep.equal([{ number: '200311', firstName: 'Zoë', lastNamePrefix: 'van', lastName: 'Brouwer', className: '4H2' }]);
  });
});
