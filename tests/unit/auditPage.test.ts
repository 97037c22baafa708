import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '../../shared/domain.ts';
import { AuditLog } from '../../server/store/audit.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

const seqs = (events: readonly AuditEvent[]) => events.map((e) => e.seq);
const all = () => true;

describe('audit paging, read from the end of a segmented log', () => {
  let dir: string;
  let log: AuditLog;
  before(async () => {
    dir = tempDir('audit-page');
    // three lines per segment: ten events lie in four files, and every page crosses a segment boundary
    log = new AuditLog(join(dir, 'audit.jsonl'), { segmentLines: 3 });
    for (let i = 1; i <= 10; i++) {
      await log.append({ actor: [2, 5, 9].includes(i) ? 'eve' : 'boss', action: 'kiosk.renamed', target: `k${i}`, details: { name: `Station ${i}` } });
    }
  });
  after(() => removeDir(dir));

  it('seals full segments and goes on in a new audit.jsonl', () => {
    expect(readdirSync(join(dir, 'audit')).sort()).to.deep.equal(['000000000001.jsonl', '000000000004.jsonl', '000000000007.jsonl']);
    const active = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n');
    expect(active.map((l) => JSON.parse(l).seq)).to.deep.equal([10]);
  });

  it('gives the newest `limit` events, oldest first, and says older ones exist', async () => {
    const page = await log.page(all, 3);
    expect(seqs(page.events)).to.deep.equal([8, 9, 10]);
    expect(page.more).to.equal(true);
  });

  it('walks back with `before` = the smallest seq of the last page, until nothing older is left', async () => {
    const seen: number[][] = [];
    let page = await log.page(all, 3);
    seen.push(seqs(page.events));
    while (page.more) {
      page = await log.page(all, 3, page.events[0]!.seq);
      seen.push(seqs(page.events));
    }
    expect(seen).to.deep.equal([[8, 9, 10], [5, 6, 7], [2, 3, 4], [1]]);
  });

  it('says there is no more when the last page is exactly full', async () => {
    expect(await log.page(all, 3, 4)).to.deep.include({ more: false });
    expect(seqs((await log.page(all, 3, 4)).events)).to.deep.equal([1, 2, 3]);
    expect((await log.page(all, 10)).more).to.equal(false);
    expect((await log.page(all, 11)).events).to.have.length(10);
  });

  it('counts `before` as exclusive and pages a filter with gaps in seq', async () => {
    const eve = (e: AuditEvent) => e.actor === 'eve';
    expect(seqs((await log.page(eve, 2, 9)).events)).to.deep.equal([2, 5]);
    expect((await log.page(eve, 2, 10)).more).to.equal(true);
    expect(seqs((await log.page(eve, 2, 10)).events)).to.deep.equal([5, 9]);
    expect(seqs((await log.page(eve, 5)).events)).to.deep.equal([2, 5, 9]);
  });

  it('gives an empty page for nothing older, or nothing that matches', async () => {
    expect(await log.page(all, 3, 1)).to.deep.equal({ events: [], more: false });
    expect(await log.page(() => false, 3)).to.deep.equal({ events: [], more: false });
  });

  it('reads the same events as a full read, lines longer than a read chunk included', async () => {
    const big = tempDir('audit-page-big');
    try {
      const l = new AuditLog(join(big, 'audit.jsonl'), { segmentLines: 4 });
      for (let i = 0; i < 9; i++) await l.append({ actor: 'boss', action: 'import.applied', target: `f${i}`, details: { note: 'é'.repeat(20_000 + i * 7_000) } });
      const page = await l.page(all, 9);
      expect(page.events).to.deep.equal(await l.readAll());
    } finally {
      removeDir(big);
    }
  });
});
