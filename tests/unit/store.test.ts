import { expect } from 'chai';
import { existsSync, readFileSync, truncateSync, statSync } from 'node:fs';
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
    store.state.data.kiosks = [kiosk('k1')];
    await store.state.write();
    await importData(store, exampleImport());
    const again = openStore(dir);
    expect(again.state.data.kiosks).to.deep.equal([kiosk('k1')]);
    expect(again.content.counts()).to.deep.equal({ exams: 1, candidates: 2, groups: 1, sittings: 2 });
    expect((await again.content.sitting('s-230117'))?.responses).to.have.length(7);
  });

  for (const file of ['state.json', 'index.json']) {
    it(`refuses to open on a truncated ${file}, naming it, with the last good copy beside it`, async () => {
      const store = openStore(dir);
      // two writes of each file, so that the second keeps the first as the last good copy
      for (const name of ['k1', 'k2']) {
        store.state.data.kiosks = [kiosk(name)];
        await store.state.write();
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
