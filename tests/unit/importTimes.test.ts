import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../server/clock.ts';
import { importData } from '../../server/import/index.ts';
import { stampUnimportedData } from '../../server/privacy/importTimes.ts';
import { purge } from '../../server/purge.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { dirHash, removeDir, tempDir } from '../support/dataDir.ts';
import { EXAM_ID, exampleImport, type Json } from '../support/importFixture.ts';

/** When an exam's candidate data was last imported (`dataImportedAt`), in the file store, on the store's injected clock. */
describe('import times: stamped by an import that adds or changes an exam\'s candidate data', () => {
  const T0 = Date.parse('2026-12-27T09:30:00Z');
  let dir: string;
  let clock: FakeClock;
  let store: Store;
  beforeEach(() => {
    dir = tempDir('import-times');
    clock = new FakeClock(T0);
    store = openStore(dir, { now: () => clock.now() });
  });
  afterEach(async () => {
    await store.flush();
    removeDir(dir);
  });
  const importedAt = (s = store) => s.content.exam(EXAM_ID)?.dataImportedAt;
  const imported = async (f: Json) => {
    const r = await importData(store, f);
    if (!r.ok) throw new Error(r.errors.join('\n'));
  };

  it('stamps an import of sittings with the clock\'s time, keeps it across a reopen, and not on an identical re-import', async () => {
    await imported(exampleImport());
    expect(importedAt()).to.equal('2026-12-27T09:30:00.000Z');
    expect(importedAt(openStore(dir))).to.equal('2026-12-27T09:30:00.000Z');
    clock.advance(86_400_000);
    const before = dirHash(dir);
    await imported(exampleImport());
    expect(dirHash(dir), 'an import that changes nothing writes nothing').to.equal(before);
    expect(importedAt()).to.equal('2026-12-27T09:30:00.000Z');
    const changed = exampleImport();
    changed.sittings[1].grade = 3.4;
    await imported(changed);
    expect(importedAt()).to.equal('2026-12-28T09:30:00.000Z');
  });

  it('an import of the exam alone, or of a group\'s roster, or a purge: only candidate data counts', async () => {
    const examOnly = exampleImport();
    examOnly.candidates = []; examOnly.groups = []; examOnly.sittings = [];
    await imported(examOnly);
    expect(importedAt()).to.equal(undefined);
    clock.advance(3_600_000);
    const groupOnly = exampleImport();
    groupOnly.sittings = [];
    await imported(groupOnly);
    expect(importedAt()).to.equal('2026-12-27T10:30:00.000Z');
    clock.advance(3_600_000);
    await imported(exampleImport());
    expect(importedAt()).to.equal('2026-12-27T11:30:00.000Z');
    clock.advance(3_600_000);
    await purge(store, { examId: EXAM_ID, dryRun: false });
    expect(store.content.sittingCounts().get(EXAM_ID) ?? 0).to.equal(0);
    expect(importedAt()).to.equal('2026-12-27T11:30:00.000Z');
  });

  it('the upgrade: data of an older build (no import time) counts as imported at the first stamping, once', async () => {
    await imported(exampleImport());
    const other = exampleImport();
    other.exams[0].id = 'leeg'; other.candidates = []; other.groups = []; other.sittings = [];
    await imported(other);
    await store.flush();
    // the exams.json of an older build: no import times
    const file = join(dir, 'exams.json');
    const old = JSON.parse(readFileSync(file, 'utf8'));
    for (const e of old.exams) delete e.dataImportedAt;
    writeFileSync(file, JSON.stringify(old));
    clock.set(Date.parse('2027-03-01T06:00:00Z'));
    const upgraded = openStore(dir, { now: () => clock.now() });
    expect(importedAt(upgraded)).to.equal(undefined);
    expect(await stampUnimportedData(upgraded, clock)).to.deep.equal([EXAM_ID]);
    expect(importedAt(upgraded)).to.equal('2027-03-01T06:00:00.000Z');
    expect(upgraded.content.exam('leeg')?.dataImportedAt, 'an exam without candidate data gets none').to.equal(undefined);
    clock.advance(86_400_000);
    expect(await stampUnimportedData(upgraded, clock)).to.deep.equal([]);
    expect(importedAt(openStore(dir))).to.equal('2027-03-01T06:00:00.000Z');
  });
});
