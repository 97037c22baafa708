import { expect } from 'chai';
import type { AuditEvent } from '../../shared/domain.ts';
import { pageAudit } from '../../server/audit/filter.ts';

const event = (seq: number): AuditEvent => ({ seq, at: new Date(Date.UTC(2026, 5, 1, 8, 0, seq)).toISOString(), actor: 'boss', action: 'auth.login', target: '', details: {} });
const seqs = (events: readonly AuditEvent[]) => events.map((e) => e.seq);

describe('audit paging', () => {
  const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(event);

  it('gives the newest `limit` events, oldest first, and says older ones exist', () => {
    const page = pageAudit(ten, 3);
    expect(seqs(page.events)).to.deep.equal([8, 9, 10]);
    expect(page.more).to.equal(true);
  });

  it('walks back with `before` = the smallest seq of the last page, until nothing older is left', () => {
    const seen: number[][] = [];
    let page = pageAudit(ten, 3);
    seen.push(seqs(page.events));
    while (page.more) {
      page = pageAudit(ten, 3, page.events[0]!.seq);
      seen.push(seqs(page.events));
    }
    expect(seen).to.deep.equal([[8, 9, 10], [5, 6, 7], [2, 3, 4], [1]]);
  });

  it('says there is no more when the last page is exactly full', () => {
    expect(pageAudit(ten, 3, 4)).to.deep.include({ more: false });
    expect(seqs(pageAudit(ten, 3, 4).events)).to.deep.equal([1, 2, 3]);
    expect(pageAudit(ten, 10)).to.deep.include({ more: false });
    expect(pageAudit(ten, 11).events).to.have.length(10);
  });

  it('counts `before` as exclusive and works on a filtered list with gaps in seq', () => {
    const filtered = [2, 5, 9, 12, 20].map(event);
    expect(seqs(pageAudit(filtered, 2, 12).events)).to.deep.equal([5, 9]);
    expect(pageAudit(filtered, 2, 12).more).to.equal(true);
    expect(seqs(pageAudit(filtered, 2, 13).events)).to.deep.equal([9, 12]);
    expect(seqs(pageAudit(filtered, 5, 100).events)).to.deep.equal([2, 5, 9, 12, 20]);
  });

  it('gives an empty page for nothing older, or nothing at all', () => {
    expect(pageAudit(ten, 3, 1)).to.deep.equal({ events: [], more: false });
    expect(pageAudit([], 3)).to.deep.equal({ events: [], more: false });
  });

  it('leaves the list it was given alone', () => {
    const list = [1, 2, 3].map(event);
    pageAudit(list, 1, 3);
    expect(seqs(list)).to.deep.equal([1, 2, 3]);
  });
});
