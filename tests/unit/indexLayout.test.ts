/**
 * index.json's line layout (server/store/content.ts; docs/design.md: Start-up): still one JSON document, a summary per
 * line, read in steps by a restarted server, which finds a running review's sitting before it has parsed them all
 * (`forResume`); an index of the older layout (one line) is still read, and written in the new one at the next change.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDataset } from '../../bench/generate.ts';
import { importData } from '../../server/import/index.ts';
import { CorruptDataError, openStore, type Store } from '../../server/store/index.ts';
import { indexText, shardFileName } from '../../server/store/content.ts';
import type { ShardStamp } from '../../server/store/shards.ts';
import type { Group } from '../../shared/domain.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { exampleImport } from '../support/importFixture.ts';

/** A store opened as the server opens it: the content read in the background; its summaries held until `open()`. */
function lazily(dir: string): { store: Store; open: () => void } {
  let open!: () => void;
  const summariesUntil = new Promise<void>((res) => { open = res; });
  return { store: openStore(dir, { lazyContent: { summariesUntil } }), open };
}

/** Whether a promise has settled by the time everything queued before now has run. */
async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(() => { settled = true; }, () => { settled = true; });
  await new Promise((res) => setImmediate(res));
  return settled;
}

describe('store: index.json in lines', () => {
  let dir: string;
  let index: string;
  beforeEach(async () => {
    dir = tempDir('index-layout');
    index = join(dir, 'index.json');
    const store = openStore(dir);
    const r = await importData(store, exampleImport());
    expect(r.ok).to.equal(true);
  });
  afterEach(() => removeDir(dir));

  it('is one JSON document: the groups and stamps on the first line, a summary per line, each beginning with its id', () => {
    const text = readFileSync(index, 'utf8');
    const whole = JSON.parse(text);
    expect(whole.sittings.map((s: { id: string }) => s.id)).to.have.members(['s-230117', 's-230118']);
    expect(whole.groups).to.have.length(1);
    expect(whole.shards).to.be.an('object');
    const lines = text.split('\n');
    expect(lines[0]).to.match(/^\{"groups":.*"sittings":\[$/);
    expect(lines.slice(1, 3).every((l) => l.startsWith('{"id":"s-2301'))).to.equal(true);
    expect(lines.slice(3)).to.deep.equal([']}', '']);
  });

  it('is read in steps as it is read whole', async () => {
    const eager = openStore(dir).content;
    const { store, open } = lazily(dir);
    open();
    await store.content.ready();
    expect(store.content.sittingSummaries()).to.deep.equal(eager.sittingSummaries());
    expect(store.content.groups()).to.deep.equal(eager.groups());
    expect(await store.content.sitting('s-230117')).to.deep.equal(await eager.sitting('s-230117'));
  });

  it("holds each summary's place in its shard as two numbers, read from index.json's `loc` and written back as it", async () => {
    const text = readFileSync(index, 'utf8');
    const whole = JSON.parse(text) as { groups: Group[]; shards: Record<string, ShardStamp>; sittings: { id: string; groupId: string; loc: [number, number] }[] };
    const { store: lazy, open } = lazily(dir);
    open();
    for (const store of [openStore(dir), lazy]) {
      await store.content.ready();
      for (const s of whole.sittings) {
        const held = store.content.sittingSummary(s.id)!;
        // no array per summary (issue 17: 100,000 of them are marked by every full garbage collection)
        expect(held).to.not.have.property('loc');
        expect([held.lineAt, held.lineLength]).to.deep.equal(s.loc);
        const shard = readFileSync(join(dir, 'results', shardFileName(s.groupId)));
        expect(JSON.parse(shard.toString('utf8', held.lineAt!, held.lineAt! + held.lineLength!)).id).to.equal(s.id);
      }
      expect(indexText(whole.groups, store.content.sittingSummaries(), whole.shards)).to.equal(text);
    }
  });

  it('gives a running review its sitting, exam and candidate before the summaries are read', async () => {
    const eager = openStore(dir).content;
    const { store, open } = lazily(dir);
    const ready = store.content.ready();
    const parts = await store.content.forResume!('s-230117');
    expect(store.content.isReady).to.equal(false);
    expect(await settledYet(ready)).to.equal(false);
    const sitting = (await eager.sitting('s-230117'))!;
    expect(parts?.sitting).to.deep.equal(sitting);
    expect(parts?.exam).to.deep.equal(eager.examOfSitting(sitting));
    expect(parts?.candidate).to.deep.equal(eager.candidate(sitting.candidateNumber));
    // a sitting the index does not list: not found early (its caller waits for the whole content)
    expect(await store.content.forResume!('s-999999')).to.equal(undefined);
    open();
    await ready;
    // once the content is read, the ordinary reads serve
    expect(await store.content.forResume!('s-230117')).to.equal(undefined);
  });

  it('parses the summaries once what it was deferred for settles, or at once when a resume cannot be served early', async () => {
    const deferred = openStore(dir, { lazyContent: true });
    let go!: () => void;
    deferred.content.deferSummaries!(new Promise<void>((res) => { go = res; }));
    const ready = deferred.content.ready();
    expect((await deferred.content.forResume!('s-230118'))?.sitting.id).to.equal('s-230118');
    expect(await settledYet(ready)).to.equal(false);
    go();
    await ready;
    expect(deferred.content.counts().sittings).to.equal(2);

    const missed = openStore(dir, { lazyContent: true });
    missed.content.deferSummaries!(new Promise(() => undefined)); // never settles
    const readyToo = missed.content.ready();
    expect(await missed.content.forResume!('s-999999')).to.equal(undefined);
    await readyToo;
    expect(missed.content.counts().sittings).to.equal(2);
  });

  it('still reads an index of the older layout (one line), eagerly and in the background, and writes it in lines at the next change', async () => {
    const whole = JSON.parse(readFileSync(index, 'utf8'));
    writeFileSync(index, JSON.stringify({ groups: whole.groups, sittings: whole.sittings, shards: whole.shards }));
    expect(readFileSync(index, 'utf8')).not.to.contain('\n');
    const eager = openStore(dir);
    expect(eager.content.counts().sittings).to.equal(2);
    const { store, open } = lazily(dir);
    // no line to find it by: the resume waits for the whole content
    expect(await store.content.forResume!('s-230117')).to.equal(undefined);
    open();
    await store.content.ready();
    expect(store.content.sittingSummaries()).to.deep.equal(eager.content.sittingSummaries());
    const f = exampleImport();
    f.sittings[0]!.grade = 9.1;
    await importData(eager, f);
    expect(readFileSync(index, 'utf8').split('\n')[0]).to.match(/"sittings":\[$/);
    expect(openStore(dir).content.sittingSummary(f.sittings[0]!.id)?.grade).to.equal(9.1);
  });

  for (const [what, damage] of [
    ['a summary line cut short', (t: string) => t.replace(/\{"id":"s-230118"[^\n]*\n/, '{"id":"s-230118","gro\n')],
    ['a missing comma between two summaries', (t: string) => t.replace(/,\n\{"id":"s-230118"/, '\n{"id":"s-230118"')],
    ['a damaged first line', (t: string) => t.replace('{"groups":[', '{"groups":[{')],
  ] as const) {
    it(`refuses ${what}, naming the file, read whole or in steps`, async () => {
      writeFileSync(index, damage(readFileSync(index, 'utf8')));
      expect(() => openStore(dir)).to.throw(CorruptDataError).with.property('message').that.contains(index);
      const { store, open } = lazily(dir);
      open();
      const err = await store.content.ready().then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(CorruptDataError);
      expect((err as Error).message).to.contain(index);
      expect(store.content.isReady).to.equal(false);
    });
  }

  describe('more summaries than one step parses (256 KB of lines)', () => {
    let big: string;
    before(async function () {
      this.timeout(60_000);
      big = tempDir('index-steps');
      await writeDataset(big, { sittings: 2_400, groupSize: 300, exams: 2, questionsPerExam: 5 });
    });
    after(() => removeDir(big));

    it('reads every step as a whole read does', async () => {
      const eager = openStore(big).content;
      const { store, open } = lazily(big);
      expect((await store.content.forResume!('s-bi-2026-102399'))?.sitting).to.deep.equal(await eager.sitting('s-bi-2026-102399'));
      open();
      await store.content.ready();
      expect(store.content.sittingSummaries()).to.deep.equal(eager.sittingSummaries());
    });

    it('refuses a missing comma where one step ends and the next begins', async () => {
      const file = join(big, 'index.json');
      const text = readFileSync(file, 'utf8');
      try {
        // the comma before the first step's last line end gone: each step still parses on its own, the document not
        const buf = Buffer.from(text);
        const cut = buf.indexOf(10, buf.indexOf(10) + 1 + 256 * 1024);
        expect(buf[cut - 1]).to.equal(0x2c);
        const damaged = Buffer.concat([buf.subarray(0, cut - 1), buf.subarray(cut)]);
        expect(() => JSON.parse(damaged.toString('utf8'))).to.throw(SyntaxError);
        writeFileSync(file, damaged);
        const { store, open } = lazily(big);
        open();
        const err = await store.content.ready().then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(CorruptDataError);
      } finally {
        writeFileSync(file, text);
      }
    });
  });
});
