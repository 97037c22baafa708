import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync, rmSync, truncateSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importData } from '../../server/import/index.ts';
import { CorruptDataError, openStore } from '../../server/store/index.ts';
import { Doc } from '../../server/store/doc.ts';
import { dirHash, removeDir, tempDir } from '../support/dataDir.ts';
import { GROUP_ID, exampleImport } from '../support/importFixture.ts';

const kiosk = (id: string) => ({ id, name: `Station ${id}`, tokenHash: 'h', pairedAt: '2026-05-01T08:00:00.000Z', lastSeenAt: null });

describe('store', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('store'); });
  afterEach(() => removeDir(dir));

  it('reads back after a reopen what was written', async () => {
    const store = openStore(dir);
    await store.kiosks.add(kiosk('k1'));
    await importData(store, exampleImport());
    const again = openStore(dir);
    expect(again.kiosks.all()).to.deep.equal([kiosk('k1')]);
    expect(again.content.counts()).to.deep.equal({ exams: 1, candidates: 2, groups: 1, sittings: 2 });
    expect((await again.content.sitting('s-230117'))?.responses).to.have.length(7);
  });

  for (const file of ['state.json', 'index.json']) {
    it(`refuses to open on a truncated ${file}, naming it, with the last good copy beside it`, async () => {
      const store = openStore(dir);
      // two writes of each file, so that the second keeps the first as the last good copy
      for (const name of ['k1', 'k2']) {
        await store.kiosks.add(kiosk(name));
        const f = exampleImport();
        f.sittings[0].grade = name === 'k1' ? 7 : 8;
        await importData(store, f);
      }
      const path = join(dir, file);
      truncateSync(path, Math.floor(statSync(path).size / 2));
      expect(existsSync(`${path}.bak`)).to.equal(true);
      expect(() => JSON.parse(readFileSync(`${path}.bak`, 'utf8'))).not.to.throw();
      let error: unknown;
      try {
        openStore(dir);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(CorruptDataError);
      expect((error as Error).message).to.contain(path).and.to.contain(`${path}.bak`);
    });
  }

  it('coalesces concurrent writes of a document into at most two', async () => {
    const doc = new Doc(join(dir, 'doc.json'), { n: 0 });
    const writes: Promise<void>[] = [];
    for (let i = 1; i <= 10; i++) {
      doc.data.n = i;
      writes.push(doc.write());
    }
    await Promise.all(writes);
    expect(doc.adapter.writes).to.be.at.most(2);
    expect(JSON.parse(readFileSync(join(dir, 'doc.json'), 'utf8'))).to.deep.equal({ n: 10 });
  });

  it('refuses to remove a group that still has sittings, and writes nothing', async () => {
    const store = openStore(dir);
    await importData(store, exampleImport());
    const fresh = openStore(dir); // nothing cached: the group's shard is not loaded yet
    const before = dirHash(dir);
    let error: unknown;
    try {
      await fresh.content.apply({ removeGroups: [GROUP_ID] });
    } catch (e) {
      error = e;
    }
    expect((error as Error)?.message).to.contain('still has sittings');
    expect(dirHash(dir)).to.equal(before);
    expect(openStore(dir).content.sittingsOfGroup(GROUP_ID)).to.have.length(2);
  });
});

describe('store: sittings are read one line at a time', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('store-lines'); });
  afterEach(() => removeDir(dir));

  it("reads a sitting at its offset without parsing the rest of its group's shard", async () => {
    await importData(openStore(dir), exampleImport());
    const fresh = openStore(dir);
    const [shard] = readdirSync(join(dir, 'results'));
    const path = join(dir, 'results', shard!);
    const lines = readFileSync(path, 'utf8').split('\n');
    const other = lines.findIndex((l) => l.includes('"s-230117"'));
    // damage the other sitting's line after the boot check (same length, so offsets stay right): only a
    // whole-shard read notices
    lines[other] = '#'.repeat(lines[other]!.length);
    writeFileSync(path, lines.join('\n'));
    const target = fresh.content.sittingSummaries().find((s) => s.id !== 's-230117')!;
    expect((await fresh.content.sitting(target.id))?.id).to.equal(target.id);
    let error: unknown;
    await fresh.content.sittingsWithResponses(GROUP_ID).catch((e) => { error = e; });
    expect(error).to.be.instanceOf(CorruptDataError);
    expect((error as Error).message).to.contain(shard);
  });

  it('falls back to the whole shard when an offset is stale', async () => {
    const store = openStore(dir);
    await importData(store, exampleImport());
    const [shard] = readdirSync(join(dir, 'results'));
    const path = join(dir, 'results', shard!);
    writeFileSync(path, '\n' + readFileSync(path, 'utf8')); // every line moved by one byte
    const fresh = openStore(dir);
    expect((await fresh.content.sitting('s-230117'))?.responses).to.have.length(7);
  });
});

/** Moves a file's modification time a minute on. */
const later = (path: string) => {
  const t = new Date(statSync(path).mtimeMs + 60_000);
  utimesSync(path, t, t);
};

describe('store: a damaged results shard is found at boot', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = tempDir('store-shards');
    await importData(openStore(dir), exampleImport());
    path = join(dir, 'results', readdirSync(join(dir, 'results'))[0]!);
  });
  afterEach(() => removeDir(dir));

  const refusal = () => {
    try {
      openStore(dir);
    } catch (e) {
      return e as Error;
    }
    return undefined;
  };

  const damage: [string, () => void, RegExp][] = [
    ['a line overwritten (same size)', () => {
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(/"response":\["B"\]/, '"response":\u0000"B"]'));
      later(path); // a file system with coarse times still sees a write
    }, /line 1/],
    ['a line cut short', () => truncateSync(path, statSync(path).size - 40), /line 2/],
    ['the whole file emptied', () => truncateSync(path, 0), /empty/],
    ['the file gone', () => rmSync(path), /missing/],
  ];
  for (const [what, act, detail] of damage) {
    it(`refuses to open with ${what}, naming the shard`, () => {
      act();
      const e = refusal();
      expect(e).to.be.instanceOf(CorruptDataError);
      expect(e!.message).to.contain(path).and.to.match(detail);
    });
  }

  it('opens on an intact shard whose modification time changed (a copy), by its checksum', () => {
    later(path);
    expect(refusal()).to.equal(undefined);
  });

  it('opens on a shard that parses but differs from the index (an import interrupted before the index was written)', async () => {
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"grade":8.9', '"grade":9.9'));
    expect(refusal()).to.equal(undefined);
    expect((await openStore(dir).content.sitting('s-230117'))?.grade).to.equal(9.9);
  });

  it('finds a cut-short shard of an index written before shard checksums, by its size', () => {
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    delete index.shards;
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
    expect(refusal()).to.equal(undefined);
    truncateSync(path, statSync(path).size - 40);
    expect(refusal()).to.be.instanceOf(CorruptDataError);
  });
});
