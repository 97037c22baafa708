/** Lists as deltas (docs/design.md: Consoles: lists as deltas): the row comparison, the snapshot and applying a delta. */
import { expect } from 'chai';
import { RowSnapshot, sameJson } from '../../server/realtime/listDelta.ts';
import { applyListDelta } from '../../shared/listDelta.ts';

describe('lists as deltas', () => {
  it('compares JSON data deeply, as JSON.stringify would write it (key order aside)', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).to.equal(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).to.equal(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).to.equal(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).to.equal(false);
    expect(sameJson({ a: [] }, { a: {} })).to.equal(false);
    expect(sameJson({ a: null }, { a: {} })).to.equal(false);
    expect(sameJson({ h: { w: 1 } }, { h: { w: 2 } })).to.equal(false);
    expect(sameJson('x', 'x')).to.equal(true);
  });

  it('tells the rows new or changed and the ids gone; nothing when nothing changed', () => {
    const snap = new RowSnapshot<{ id: string; v: number }>();
    expect(snap.diff([{ id: 'a', v: 1 }, { id: 'b', v: 1 }])).to.deep.equal({ upsert: [{ id: 'a', v: 1 }, { id: 'b', v: 1 }], removed: [] });
    expect(snap.diff([{ id: 'a', v: 1 }, { id: 'b', v: 1 }])).to.equal(null);
    expect(snap.diff([{ id: 'b', v: 2 }, { id: 'c', v: 1 }])).to.deep.equal({ upsert: [{ id: 'b', v: 2 }, { id: 'c', v: 1 }], removed: ['a'] });
    // a change every console applied itself (review:progress) is not sent again
    snap.patch('c', (r) => ({ ...r, v: 5 }));
    snap.patch('nope', (r) => ({ ...r, v: 5 }));
    expect(snap.diff([{ id: 'b', v: 2 }, { id: 'c', v: 5 }])).to.equal(null);
  });

  it('compares a few held rows alone (the rest untouched), and says when a row is not held', () => {
    const snap = new RowSnapshot<{ id: string; v: number }>();
    snap.diff([{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }]);
    expect(snap.diffSome([{ id: 'b', v: 1 }])).to.equal(null);
    expect(snap.diffSome([{ id: 'b', v: 2 }, { id: 'c', v: 1 }])).to.deep.equal({ upsert: [{ id: 'b', v: 2 }], removed: [] });
    // a row not held: its place is the full list's to say, so nothing is taken from this call
    expect(snap.diffSome([{ id: 'c', v: 9 }, { id: 'd', v: 1 }])).to.equal(undefined);
    // the full list after it: only what differs from the rows held (b already at 2; c never taken at 9)
    expect(snap.diff([{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 1 }])).to.equal(null);
    expect(snap.diff([{ id: 'b', v: 2 }, { id: 'c', v: 1 }])).to.deep.equal({ upsert: [], removed: ['a'] });
  });

  it('applies a delta: removed, replaced in place, new rows appended; the input untouched', () => {
    const rows = [{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }];
    const next = applyListDelta(rows, { upsert: [{ id: 'd', v: 1 }, { id: 'b', v: 2 }], removed: ['a', 'x'] });
    expect(next).to.deep.equal([{ id: 'b', v: 2 }, { id: 'c', v: 1 }, { id: 'd', v: 1 }]);
    expect(rows).to.deep.equal([{ id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'c', v: 1 }]);
    expect(next[1]).to.equal(rows[2]);
  });
});
