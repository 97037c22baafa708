/**
 * Retention counts from the last import of an exam's candidate data when that is later than its review window's end
 * (docs/design.md: Privacy, Retention), on both content stores: data imported long after the window (+ the retention
 * days) is kept at start and purged the retention days after its import; data of an older build counts as imported
 * at the upgrade; an exam's own `retainUntil` still wins; migrate's copy and migration 008 carry the time.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../server/clock.ts';
import { importData } from '../../server/import/index.ts';
import { DAY_MS } from '../../server/privacy/retention.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { PART_COPIES } from '../../server/store/pg/copy.ts';
import { loggedIn, startTestServer, type TestServer } from '../helpers/server.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { EXAM_ID, exampleImport, type Json } from '../support/importFixture.ts';
import { pgSchemaPerTest, sql, type PgSchema } from '../support/pg.ts';

/** The fixture's window closed 12 June 2026, 15:00 UTC: with 180 days its data was due on 9 December. */
const T0 = Date.parse('2026-12-27T06:00:00Z');
const DAYS = 180;
const KEPT_UNTIL = new Date(T0 + DAYS * DAY_MS).toISOString(); // 25 June 2027, 06:00 UTC

/** The same scenarios on the file store and on the whole PostgreSQL store. */
function scenarios(kind: 'files' | 'pg', pg?: PgSchema) {
  let clock: FakeClock;
  let ts: TestServer | undefined;
  let dirs: string[] = [];
  let output: string[];
  beforeEach(() => {
    clock = new FakeClock(T0);
    output = [];
    dirs = [];
  });
  afterEach(async () => {
    await ts?.close();
    ts = undefined;
    for (const d of dirs) removeDir(d);
  });

  /** A server on `dir` (its content already there, or imported now from `data`), purging on the fake clock. */
  const start = async (dir: string, data: Json | null = null, config: Json = {}) => {
    const store = kind === 'pg' ? await pg!.openStore(dir, { now: () => clock.now() }) : undefined;
    ts = await startTestServer({
      dataDir: dir, data, clock, config: { autoPurge: true, retentionDays: DAYS, ...config }, log: (l) => output.push(l),
      // the file store's scenarios stay on files also when INZAGE_TEST_STORE=pg puts test servers on PostgreSQL
      withStore: store ? () => store : (files) => files,
    });
    await ts.app.ctx.retention.idle();
    return ts;
  };
  const stop = async () => {
    await ts!.close({ keepData: true });
    ts = undefined;
  };
  const dir = () => {
    const d = tempDir(`retention-import-${kind}`);
    dirs.push(d);
    return d;
  };
  const sittings = () => ts!.store.content.sittingCounts().get(EXAM_ID) ?? 0;
  const retention = async () => {
    const r = await (await loggedIn(ts!.base, 'boss')).call('GET', '/api/exams');
    expect(r.status, r.text).to.equal(200);
    return r.json.find((e: Json) => e.id === EXAM_ID).retention;
  };
  const days = async (n: number) => {
    clock.advance(n * DAY_MS);
    await ts!.app.ctx.retention.idle();
  };

  it('keeps data imported after its window + retention at start (also after a restart), and purges it the retention days after its import', async () => {
    const d = dir();
    await start(d, exampleImport());
    expect(sittings()).to.equal(2);
    expect(await retention()).to.deep.equal({ until: KEPT_UNTIL, explicit: false, basis: 'import', importedAt: new Date(T0).toISOString(), defaultDays: DAYS, sittings: 2 });
    await stop();
    clock.advance(DAY_MS);
    await start(d); // the next start: the import time was stored
    expect(sittings()).to.equal(2);
    await days(DAYS - 2); // 24 June 2027, 06:00
    expect(sittings()).to.equal(2);
    await days(1);
    expect(sittings()).to.equal(0);
    expect(output).to.deep.equal([`inzage: retention: removed the candidate data of exam ${EXAM_ID} (kept until ${KEPT_UNTIL}): 2 sittings, 1 groups, 2 candidates`]);
  });

  it('an exam\'s own retainUntil still wins over the import time', async () => {
    const f = exampleImport();
    f.exams[0].retainUntil = '2027-01-05T00:00:00Z';
    await start(dir(), f);
    expect(await retention()).to.include({ until: '2027-01-05T00:00:00.000Z', explicit: true, basis: null, importedAt: new Date(T0).toISOString() });
    await days(8); // 4 January
    expect(sittings()).to.equal(2);
    await days(1);
    expect(sittings()).to.equal(0);
  });

  it('a later import that changes the data moves the date; one that changes nothing does not', async () => {
    await start(dir(), exampleImport());
    await days(100);
    const boss = await loggedIn(ts!.base, 'boss');
    expect((await boss.call('POST', '/api/imports', exampleImport())).status).to.equal(200);
    expect((await retention()).until).to.equal(KEPT_UNTIL);
    const changed = exampleImport();
    changed.sittings[0].grade = 7.1;
    const r = await (await loggedIn(ts!.base, 'boss')).call('POST', '/api/imports', changed);
    expect(r.status, r.text).to.equal(200);
    expect(await retention()).to.include({ until: new Date(clock.now() + DAYS * DAY_MS).toISOString(), basis: 'import', importedAt: new Date(clock.now()).toISOString() });
    await days(DAYS - 100); // past the first import's date
    expect(sittings()).to.equal(2);
  });

  if (kind === 'files') {
    it('the upgrade: a data directory without import times is not purged at the first start; its data counts as imported then', async () => {
      const d = dir();
      clock.set(Date.parse('2026-05-01T06:00:00Z'));
      const seeding = openStore(d, { now: () => clock.now() });
      expect((await importData(seeding, exampleImport())).ok).to.equal(true);
      await seeding.flush();
      const file = join(d, 'exams.json');
      const old = JSON.parse(readFileSync(file, 'utf8'));
      for (const e of old.exams) delete e.dataImportedAt; // as an older build wrote it
      writeFileSync(file, JSON.stringify(old));
      clock.set(T0); // the old rule: due since 9 December
      await start(d);
      expect(sittings()).to.equal(2);
      expect(output).to.deep.equal([`inzage: retention: exam ${EXAM_ID} holds candidate data from before import times were kept: counted as imported now`]);
      expect(await retention()).to.include({ until: KEPT_UNTIL, basis: 'import', importedAt: new Date(T0).toISOString() });
      await stop();
      expect(JSON.parse(readFileSync(file, 'utf8')).exams[0].dataImportedAt, 'stored').to.equal(new Date(T0).toISOString());
      clock.set(T0 + (DAYS - 1) * DAY_MS);
      await start(d); // not stamped again: still due 180 days after the upgrade
      expect(sittings()).to.equal(2);
      await days(1);
      expect(sittings()).to.equal(0);
    });
  }
}

describe('retention counts from the last import of the candidate data', function () {
  this.timeout(60_000);
  describe('file store', () => scenarios('files'));
  describe('PostgreSQL store', () => {
    const schema = pgSchemaPerTest();
    scenarios('pg', schema);

    it('migration 008: exams holding candidate data count as imported at the migration; migrate\'s copy carries the times', async () => {
      const clock = new FakeClock(T0);
      const local = tempDir('retention-import-pg');
      try {
        const files = openStore(tempDir('retention-import-files'), { now: () => clock.now() });
        expect((await importData(files, exampleImport())).ok).to.equal(true);
        const bare = exampleImport();
        bare.exams[0].id = 'leeg'; bare.candidates = []; bare.groups = []; bare.sittings = [];
        expect((await importData(files, bare)).ok).to.equal(true);
        const to = await schema.openStore(local, { now: () => clock.now() + DAY_MS });
        await PART_COPIES.content!(files, to);
        expect(to.content.exam(EXAM_ID)?.dataImportedAt, 'copied as the source has it').to.equal(new Date(T0).toISOString());
        expect(to.content.exam('leeg')?.dataImportedAt).to.equal(undefined);
        const rows = await sql<{ id: string; at: Date | null }>(schema.name, 'SELECT id, data_imported_at AS at FROM content_exams ORDER BY id');
        expect(rows.map((r) => [r.id, r.at?.toISOString() ?? null])).to.deep.equal([['gs-kb-voorbeeld', new Date(T0).toISOString()], ['leeg', null]]);
        // a database from before migration 008: no column; the migration fills it for the exam with candidate data
        await to.close();
        await sql(schema.name, 'ALTER TABLE content_exams DROP COLUMN data_imported_at');
        await sql(schema.name, 'DELETE FROM schema_migrations WHERE version = 8');
        const before = Date.now();
        const again = await schema.openStore(local);
        const at = again.content.exam(EXAM_ID)?.dataImportedAt;
        expect(Date.parse(at!)).to.be.within(before - 60_000, Date.now() + 60_000); // the database's now(), at the migration
        expect(again.content.exam('leeg')?.dataImportedAt).to.equal(undefined);
        removeDir(files.dir);
      } finally {
        removeDir(local);
      }
    });
  });
});
