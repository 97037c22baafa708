/**
 * A summary's line in index.json's raw bytes, found by its sitting's id without parsing the others
 * (server/store/summaryLines.ts; ContentStore.forResume; docs/design.md: Start-up).
 */
import { expect } from 'chai';
import { indexText, type SittingSummary } from '../../server/store/content.ts';
import { SummaryLines } from '../../server/store/summaryLines.ts';

/** index.json's bytes for these ids, and where its summary lines are. */
function indexOf(ids: string[]) {
  const summaries = ids.map((id, i) => ({ id, groupId: 'g-1', examId: 'e-1', candidateNumber: String(i), loc: [i, 10] }) as unknown as SittingSummary);
  const buf = Buffer.from(indexText([{ id: 'g-1' } as never], summaries, {}), 'utf8');
  const bodyStart = buf.indexOf(10) + 1;
  const bodyEnd = buf.length - '\n]}\n'.length;
  return { buf, lines: SummaryLines.of(buf, bodyStart, bodyEnd) };
}

/** The id of the summary whose line starts at `start`, parsed from that line alone. */
function idAt(buf: Buffer, start: number): string {
  let end = buf.indexOf(10, start);
  if (buf[end - 1] === 0x2c) end -= 1;
  return (JSON.parse(buf.toString('utf8', start, end)) as { id: string }).id;
}

describe('store: a summary line found by its id (index.json in lines)', () => {
  it('finds every line of 100,000, and none for ids that are not there', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `s-${i}`);
    const { buf, lines } = indexOf(ids);
    expect(lines.size).to.equal(ids.length);
    for (const id of ids) expect(idAt(buf, lines.find(id)!)).to.equal(id);
    // prefixes and extensions of ids that are there, and other text
    for (const id of ['s-', 's-100000', 's-99999 ', 's-1x', 'S-1', '', 'g-1', 'groups', '{"id":"s-1"']) expect(lines.find(id), id).to.equal(undefined);
  });

  it('finds ids with letters outside ASCII; an id written with an escape is left to the full read', () => {
    const ids = ['s-é', 's-ü-1', 's-日本', 's-"quoted"', 's-back\\slash', 's-\u0001', 's-plain'];
    const { buf, lines } = indexOf(ids);
    for (const id of ['s-é', 's-ü-1', 's-日本', 's-plain']) expect(idAt(buf, lines.find(id)!)).to.equal(id);
    for (const id of ['s-"quoted"', 's-back\\slash', 's-\u0001', 's-e', 's-日']) expect(lines.find(id), id).to.equal(undefined);
    expect(lines.size).to.equal(4);
  });

  it('finds nothing in an index without summaries', () => {
    const { lines } = indexOf([]);
    expect(lines.size).to.equal(0);
    expect(lines.find('s-1')).to.equal(undefined);
  });
});
