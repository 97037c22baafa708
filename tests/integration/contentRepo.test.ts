/**
 * The content and media contract (server/store/repositories.ts `ContentRepo`, server/media/store.ts `MediaRepo`), one
 * suite run against the file store and against PostgreSQL (`PgContentStore`, `PgMediaStore`; skipped with a hint
 * when PostgreSQL is unreachable, see tests/support/pg.ts). The data is the sample import (tests/fixtures/sample.json)
 * through the importer. Each test writes through one store, then checks what it reads at once and what a store
 * opened afresh on the same data reads; the PostgreSQL part adds two stores open at once on one schema.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importData } from '../../server/import/importData.ts';
import { mediaName } from '../../server/media/files.ts';
import type { MediaRepo } from '../../server/media/store.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { PgContentStore, PgDb, PgMediaStore } from '../../server/store/pg/index.ts';
import type { Sitting } from '../../shared/domain.ts';
import { loggedIn, startTestServer, type TestServer } from '../helpers/server.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { eventually } from '../support/eventually.ts';
import { pgSchemaPerTest, sql, TEST_DATABASE_URL } from '../support/pg.ts';
import { withSitting } from '../support/qti.ts';
import { listeningPackage, wav } from '../support/sounds.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const sample = (): Json => JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PNG_NAME = mediaName(PNG, 'png');
const GIF = new Uint8Array([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([5, 6, 7]));
const GIF_NAME = mediaName(GIF, 'gif');

/** The message a promise is rejected with (a test failure when it is not). */
async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a rejection');
}

/** A store whose content and media are the backend's (the rest, audit included, the file store's). */
interface Opened { store: Store; settled(): Promise<void> }
interface Backend { name: string; hooks(): { open(): Promise<Opened> } }

const BACKENDS: Backend[] = [
  {
    name: 'the file store',
    hooks() {
      let dir = '';
      beforeEach(() => { dir = tempDir('content'); });
      afterEach(() => removeDir(dir));
      return { open: async () => ({ store: openStore(dir), settled: async () => undefined }) };
    },
  },
  {
    name: 'PostgreSQL',
    hooks() {
      let dirs: string[] = [];
      let dbs: PgDb[] = [];
      afterEach(async () => {
        await Promise.allSettled(dbs.map((db) => db.close()));
        dbs = [];
        for (const d of dirs.splice(0)) removeDir(d);
      });
      const schema = pgSchemaPerTest();
      return {
        async open() {
          const db = await PgDb.open(TEST_DATABASE_URL, { schema: schema.name });
          dbs.push(db);
          const dir = tempDir('pgcontent');
          dirs.push(dir);
          const content = await PgContentStore.open(db);
          const media = await PgMediaStore.open(db, join(dir, 'media-cache'));
          db.listen();
          const files = openStore(join(dir, 'data'));
          return {
            store: { ...files, content, media },
            settled: async () => { await Promise.all([content.settled(), media.settled()]); },
          };
        },
      };
    },
  },
];

/** The sittings of the sample with their responses, by id. */
const sampleSittings = (): Map<string, Json> => new Map(sample().sittings.map((s: Json) => [s.id, s]));

async function imported(store: Store, data: Json = sample()) {
  const r = await importData(store, data, { actor: 'test' });
  if (!r.ok) throw new Error(`import refused: ${r.errors.join('; ')}`);
  return r;
}

/** What a store reads of its content, as plain data (for comparing two stores). */
function view(store: Store) {
  const c = store.content;
  return {
    exams: c.exams(), groups: c.groups(), candidates: c.candidates(),
    summaries: c.sittingSummaries().map(({ lineAt: _a, lineLength: _l, ...s }) => s),
    counts: c.counts(), sittingCounts: [...c.sittingCounts()],
  };
}

for (const backend of BACKENDS) {
  describe(`content and media on ${backend.name}`, () => {
    const { open } = backend.hooks();

    describe('content', () => {
      it('plans an import writing nothing, then applies it; every read agrees, also of a store opened afresh', async () => {
        const { store: a } = await open();
        const planned = await importData(a, sample(), { dryRun: true });
        expect(planned.ok && planned.counts).to.deep.equal({
          exams: { added: 5, updated: 0, unchanged: 0 },
          candidates: { added: 3, updated: 0, unchanged: 0, removed: 0 },
          groups: { added: 5, updated: 0, unchanged: 0, removed: 0 },
          sittings: { added: 8, updated: 0, unchanged: 0, removed: 0 },
        });
        expect(a.content.counts(), 'a plan writes nothing').to.deep.equal({ exams: 0, candidates: 0, groups: 0, sittings: 0 });
        expect((await open()).store.content.counts(), 'nor on disk').to.deep.equal({ exams: 0, candidates: 0, groups: 0, sittings: 0 });

        const applied = await imported(a);
        expect(applied.counts).to.deep.equal(planned.ok && planned.counts);
        expect(a.content.counts()).to.deep.equal({ exams: 5, candidates: 3, groups: 5, sittings: 8 });
        expect(a.content.exams().map((e) => e.id)).to.deep.equal(['bi-kb-2026', 'ns-kb-2026', 'ma-kb-2026', 'fr-kb-2026', 'wi-kb-2026']);
        expect(a.content.exam('bi-kb-2026')?.questions.length).to.be.greaterThan(0);
        expect(a.content.group('g-bi-1')?.examId).to.equal('bi-kb-2026');
        expect(a.content.candidate('120002')?.lastName).to.equal('El Amrani');
        expect(a.content.candidate('999999')).to.equal(undefined);
        expect(a.content.sittingsOfGroup('g-bi-1').map((s) => s.id)).to.deep.equal(['s-bi-120001', 's-bi-120002', 's-bi-120003']);
        expect(a.content.sittingsOfCandidate('120002').map((s) => s.id).sort()).to.deep.equal(['s-bi-120002', 's-ma-120002', 's-wi-120002']);
        expect(a.content.sittingCounts().get('bi-kb-2026')).to.equal(3);
        const summary = a.content.sittingSummary('s-ns-120001')!;
        expect(summary).to.not.have.property('responses');
        expect(summary.examVersion).to.equal(a.content.exam('ns-kb-2026')!.version);
        expect(a.content.examOfSitting(summary)?.questions).to.deep.equal(a.content.exam('ns-kb-2026')!.questions);

        // the responses, read on demand
        const given = sampleSittings();
        const one = await a.content.sitting('s-ns-120001');
        expect(one?.responses).to.deep.equal(given.get('s-ns-120001').responses);
        expect(await a.content.sitting('nope')).to.equal(undefined);
        const group = await a.content.sittingsWithResponses('g-wi-1');
        expect(group.map((s) => s.id)).to.deep.equal(['s-wi-120002', 's-wi-120001']);
        expect(group.map((s) => s.responses)).to.deep.equal([given.get('s-wi-120002').responses, given.get('s-wi-120001').responses]);
        expect(await a.content.sittingsWithResponses('nope')).to.deep.equal([]);

        const b = (await open()).store;
        expect(view(b)).to.deep.equal(view(a));
        expect((await b.content.sitting('s-ns-120001'))?.responses).to.deep.equal(one?.responses);

        // the same file again changes nothing
        const again = await imported(b);
        expect(again.counts).to.deep.equal({
          exams: { added: 0, updated: 0, unchanged: 5 },
          candidates: { added: 0, updated: 0, unchanged: 3, removed: 0 },
          groups: { added: 0, updated: 0, unchanged: 5, removed: 0 },
          sittings: { added: 0, updated: 0, unchanged: 8, removed: 0 },
        });
        expect(again.exams.every((e) => e.change === 'unchanged' && !e.newVersion)).to.equal(true);
      });

      it('applies all of a change or, when part of it fails, none of it', async () => {
        const { store: a } = await open();
        await imported(a);
        const before = view(a);
        const data = sample();
        const failing = {
          candidates: [{ number: '130001', firstName: 'Nieuw', lastName: 'Persoon', className: '4K3' }],
          groups: [{ ...data.groups[0], id: 'g-bi-2', name: 'Tweede groep' }],
          sittings: [{ ...data.sittings[0], id: 's-bi-130001', groupId: 'g-bi-2', candidateNumber: '130001', examId: 'bi-kb-2026' }],
          reviews: [{ examId: 'bi-kb-2026', review: { ...data.exams[0].review, maxMinutes: 5 } }],
          removeSittings: ['s-ns-120001'],
          removeGroups: ['g-wi-1'], // still has sittings: the whole change is refused
        };
        expect(await rejection(a.content.apply(failing))).to.match(/g-wi-1/);
        expect(view(a), 'memory as before').to.deep.equal(before);
        expect(view((await open()).store), 'stored as before').to.deep.equal(before);
        // the same change without the failing part goes through whole
        const { removeGroups: _g, ...fine } = failing;
        const counts = await a.content.apply(fine);
        expect(counts.sittings).to.deep.equal({ added: 1, updated: 0, unchanged: 0, removed: 1 });
        expect(a.content.exam('bi-kb-2026')?.review.maxMinutes).to.equal(5);
        expect(view((await open()).store)).to.deep.equal(view(a));
      });

      it('keeps an exam\'s earlier version while sittings use it, and drops it with the last of them', async () => {
        const { store: a } = await open();
        await imported(a);
        const v1 = a.content.exam('bi-kb-2026')!;
        const oldQuestions = v1.questions;
        const data = sample();
        const exam = data.exams[0];
        exam.questions[0].stem = '<p>In welk deel van de cel vindt de fotosynthese plaats?</p>';
        // the re-import brings one new sitting of the changed exam; the earlier three stay on the first version
        const newcomer = { ...data.sittings[0], id: 's-bi-120004', candidateNumber: '120001', groupId: 'g-bi-1' };
        const report = await imported(a, { format: data.format, exams: [exam], candidates: [], groups: [], sittings: [newcomer] });
        const change = report.exams.find((e) => e.examId === 'bi-kb-2026')!;
        expect(change).to.include({ change: 'updated', newVersion: true, sittingsOnOldVersion: 3, sittingsInFile: 1 });
        expect(change.questions.changed).to.deep.equal([1]);
        const v2 = a.content.exam('bi-kb-2026')!;
        expect(v2.version).to.not.equal(v1.version);
        const check = (s: Store) => {
          const old = s.content.sittingSummary('s-bi-120002')!;
          expect(old.examVersion).to.equal(v1.version);
          expect(s.content.examOfSitting(old)?.questions).to.deep.equal(oldQuestions);
          const fresh = s.content.sittingSummary('s-bi-120004')!;
          expect(fresh.examVersion).to.equal(v2.version);
          expect(s.content.examOfSitting(fresh)?.questions[0]?.stem).to.equal(exam.questions[0].stem);
        };
        check(a);
        check((await open()).store);
        // the last sittings on the first version go: so does the version
        await a.content.apply({ removeSittings: ['s-bi-120001', 's-bi-120002', 's-bi-120003'] });
        expect(a.content.examOfSitting({ examId: 'bi-kb-2026', examVersion: v1.version })).to.equal(undefined);
        const b = (await open()).store;
        expect(b.content.examOfSitting({ examId: 'bi-kb-2026', examVersion: v1.version })).to.equal(undefined);
        expect(b.content.examOfSitting({ examId: 'bi-kb-2026', examVersion: v2.version })?.questions).to.deep.equal(v2.questions);
      });

      it('updates a sitting, and moves it to another group', async () => {
        const { store: a } = await open();
        await imported(a);
        const stored = (await a.content.sitting('s-bi-120003'))!;
        const changed: Sitting = { ...stored, grade: 9.9, responses: stored.responses.slice(1) };
        const moved: Sitting = { ...(await a.content.sitting('s-bi-120002'))!, groupId: 'g-ns-1' };
        const counts = await a.content.apply({ sittings: [changed, moved, (await a.content.sitting('s-bi-120001'))!] });
        expect(counts.sittings).to.deep.equal({ added: 0, updated: 2, unchanged: 1, removed: 0 });
        for (const s of [a, (await open()).store]) {
          expect(s.content.sittingSummary('s-bi-120003')?.grade).to.equal(9.9);
          expect((await s.content.sitting('s-bi-120003'))?.responses).to.deep.equal(changed.responses);
          expect(s.content.sittingsOfGroup('g-bi-1').map((x) => x.id)).to.deep.equal(['s-bi-120001', 's-bi-120003']);
          expect(s.content.sittingsOfGroup('g-ns-1').map((x) => x.id).sort()).to.deep.equal(['s-bi-120002', 's-ns-120001']);
          expect((await s.content.sittingsWithResponses('g-ns-1')).map((x) => x.id).sort()).to.deep.equal(['s-bi-120002', 's-ns-120001']);
        }
      });

      it('removes sittings, groups and candidates (purge and retention)', async () => {
        const { store: a } = await open();
        await imported(a);
        const counts = await a.content.apply({ removeSittings: ['s-wi-120001', 's-wi-120002', 'nope'], removeGroups: ['g-wi-1', 'nope'], removeCandidates: ['120003'] });
        expect(counts).to.deep.equal({
          exams: { added: 0, updated: 0, unchanged: 0 },
          candidates: { added: 0, updated: 0, unchanged: 0, removed: 1 },
          groups: { added: 0, updated: 0, unchanged: 0, removed: 1 },
          sittings: { added: 0, updated: 0, unchanged: 0, removed: 2 },
        });
        for (const s of [a, (await open()).store]) {
          expect(s.content.counts()).to.deep.equal({ exams: 5, candidates: 2, groups: 4, sittings: 6 });
          expect(s.content.group('g-wi-1')).to.equal(undefined);
          expect(s.content.candidate('120003')).to.equal(undefined);
          expect(s.content.sittingSummary('s-wi-120001')).to.equal(undefined);
          expect(await s.content.sitting('s-wi-120001')).to.equal(undefined);
          expect(await s.content.sittingsWithResponses('g-wi-1')).to.deep.equal([]);
          expect(s.content.sittingsOfCandidate('120001').map((x) => x.id).sort()).to.deep.equal(['s-bi-120001', 's-ns-120001']);
        }
      });

      it('sets an exam\'s retention and review settings, durably; an unknown exam is refused', async () => {
        const { store: a } = await open();
        await imported(a);
        const review = { ...a.content.exam('ma-kb-2026')!.review, maxMinutes: 7 };
        expect((await a.content.setExamReview('ma-kb-2026', review)).review).to.deep.equal(review);
        expect((await a.content.setExamRetention('ma-kb-2026', '2027-08-01')).retainUntil).to.equal('2027-08-01');
        expect(await rejection(a.content.setExamReview('nope', review))).to.match(/unknown exam/);
        expect(await rejection(a.content.setExamRetention('nope', '2027-08-01'))).to.match(/unknown exam/);
        const b = (await open()).store;
        expect(b.content.exam('ma-kb-2026')).to.deep.include({ review, retainUntil: '2027-08-01' });
        await b.content.setExamRetention('ma-kb-2026', undefined);
        expect(b.content.exam('ma-kb-2026')).to.not.have.property('retainUntil');
        // a re-import whose file says what it said before keeps the console's change
        const again = await imported(b);
        expect(again.exams.find((e) => e.examId === 'ma-kb-2026')?.review).to.include({ outcome: 'kept' });
        expect((await open()).store.content.exam('ma-kb-2026')?.review.maxMinutes).to.equal(7);
      });
    });

    describe('media', () => {
      it('stores a file once, serves it from a path, and keeps what an import holds until released', async () => {
        const { store: { media } } = await open();
        expect(media.has(PNG_NAME)).to.equal(false);
        expect(await media.path(PNG_NAME)).to.equal(undefined);
        const first = await media.write(new Map([[PNG_NAME, PNG]]));
        expect(first).to.deep.equal({ written: [PNG_NAME], held: [PNG_NAME] });
        expect(media.has(PNG_NAME)).to.equal(true);
        expect(media.list()).to.deep.equal([PNG_NAME]);
        expect(new Uint8Array(readFileSync((await media.path(PNG_NAME))!))).to.deep.equal(PNG);
        expect(await media.remove([PNG_NAME])).to.deep.equal([]); // held: a sweep leaves it
        const second = await media.write(new Map([[PNG_NAME, PNG], [GIF_NAME, GIF]]));
        expect(second.written).to.deep.equal([GIF_NAME]);
        media.release(first.held);
        expect(await media.remove([PNG_NAME])).to.deep.equal([]); // still held by the second import
        media.release(second.held);
        expect(await media.remove([PNG_NAME, '../secret', 'x.png'])).to.deep.equal([PNG_NAME]);
        expect(media.has(PNG_NAME)).to.equal(false);
        expect(await media.path(PNG_NAME)).to.equal(undefined);
        expect(await media.path('../secret')).to.equal(undefined);
        const again = (await open()).store.media;
        expect(again.list()).to.deep.equal([GIF_NAME]);
        expect(new Uint8Array(readFileSync((await again.path(GIF_NAME))!))).to.deep.equal(GIF);
      });
    });
  });
}

describe('content and media on PostgreSQL, two processes on one schema', () => {
  let dbs: PgDb[] = [];
  let dirs: string[] = [];
  afterEach(async () => {
    await Promise.allSettled(dbs.map((db) => db.close()));
    dbs = [];
    for (const d of dirs.splice(0)) removeDir(d);
  });
  const schema = pgSchemaPerTest();
  const open = async () => {
    const db = await PgDb.open(TEST_DATABASE_URL, { schema: schema.name });
    dbs.push(db);
    const dir = tempDir('pgcontent2');
    dirs.push(dir);
    const content = await PgContentStore.open(db);
    const media: MediaRepo & { cacheDir: string } = await PgMediaStore.open(db, join(dir, 'cache'));
    db.listen();
    return { store: { ...openStore(join(dir, 'data')), content, media } as Store, content, media };
  };

  it('a second store sees the first one\'s import, and writes on top of it even before it heard of it', async () => {
    const a = await open();
    const b = await open();
    await imported(a.store);
    await eventually(() => b.content.counts().sittings === 8, { what: 'b reloaded a\'s import' });
    expect(view(b.store)).to.deep.equal(view(a.store));
    expect((await b.content.sitting('s-bi-120001'))?.responses).to.deep.equal(sampleSittings().get('s-bi-120001').responses);
    // a writes; b writes at once after, whether or not it has heard: b's change is made on top of a's
    await a.content.setExamRetention('bi-kb-2026', '2028-01-01');
    await b.content.apply({ candidates: [{ number: '130001', firstName: 'Nieuw', lastName: 'Persoon', className: '4K3' }] });
    expect(b.content.exam('bi-kb-2026')?.retainUntil).to.equal('2028-01-01');
    expect(b.content.counts().candidates).to.equal(4);
    await eventually(() => a.content.counts().candidates === 4, { what: 'a reloaded b\'s candidate' });
    expect(view(a.store)).to.deep.equal(view(b.store));
  });

  it('a second store reloads just the sittings a small change named, and all of them after a large one', async () => {
    const a = await open();
    const b = await open();
    await imported(a.store);
    await eventually(() => b.content.counts().sittings === 8, { what: 'b reloaded a\'s import' });
    const untouched = b.content.sittingSummary('s-bi-120001');
    // a purge of two sittings and a changed grade: b reloads those three
    const changed = { ...(await a.content.sitting('s-ma-120002'))!, grade: 1.2 };
    await a.content.apply({ removeSittings: ['s-wi-120001', 's-wi-120002'], sittings: [changed] });
    await eventually(() => b.content.counts().sittings === 6 && b.content.sittingSummary('s-ma-120002')?.grade === 1.2, { what: 'b reloaded the purge' });
    expect(b.content.sittingSummary('s-bi-120001'), 'the others as they were').to.equal(untouched);
    expect(view(b.store)).to.deep.equal(view(a.store));
    // the log that told b names no removed sitting, neither the purge's version nor the import's before it
    const log = await sql<{ ids: string[] | null; removes: boolean }>(schema.name, 'SELECT ids, removes FROM content_sitting_log ORDER BY version');
    expect(log.map((r) => r.removes)).to.deep.equal([false, true]);
    const named = log.flatMap((r) => r.ids ?? []);
    expect(named).to.include('s-ma-120002');
    for (const gone of ['s-wi-120001', 's-wi-120002']) expect(named).not.to.include(gone);
    // more sittings at once than the log names: b reloads every summary
    const many = Array.from({ length: 2100 }, (_, i): Sitting => ({ ...changed, id: `s-extra-${i}` }));
    await a.content.apply({ sittings: many });
    await eventually(() => b.content.counts().sittings === 6 + 2100, { what: 'b reloaded the large change' });
    expect(b.content.sittingSummary('s-bi-120001')).to.deep.equal(untouched);
    expect(b.content.sittingSummary('s-bi-120001') === untouched, 'loaded anew').to.equal(false);
    expect(view(b.store)).to.deep.equal(view(a.store));
    // and a store opened afresh agrees with both
    expect(view((await open()).store)).to.deep.equal(view(a.store));
  });

  it('a failure inside the transaction leaves nothing, in the database and in memory', async () => {
    const a = await open();
    await imported(a.store);
    const before = view(a.store);
    // a group the database refuses, written after the candidates and exams of the same change
    await sql(schema.name, `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused %', NEW.id; END $$;
      CREATE TRIGGER refuse BEFORE INSERT ON content_groups FOR EACH ROW WHEN (NEW.id = 'g-refused') EXECUTE FUNCTION refuse();`);
    const data = sample();
    expect(await rejection(a.content.apply({
      exams: [{ ...data.exams[0], title: 'Biologie KB (gewijzigd)' }],
      candidates: [{ number: '130001', firstName: 'Nieuw', lastName: 'Persoon', className: '4K3' }],
      groups: [{ ...data.groups[0], id: 'g-refused' }],
      removeSittings: ['s-ns-120001'],
    }))).to.match(/refused g-refused/);
    expect(view(a.store)).to.deep.equal(before);
    const rows = await sql<{ n: string }>(schema.name, `SELECT (SELECT count(*) FROM content_candidates) + (SELECT count(*) FROM content_sittings) AS n`);
    expect(Number(rows[0]!.n)).to.equal(3 + 8);
    expect((await sql<{ t: string }>(schema.name, `SELECT doc->>'title' AS t FROM content_exams WHERE id = 'bi-kb-2026'`))[0]!.t).to.equal('Biologie KB');
    expect(view((await open()).store)).to.deep.equal(before);
  });

  it('serves a file another process stored (fetched into its own cache), and forgets one it removed', async () => {
    const a = await open();
    const b = await open();
    const { held } = await a.media.write(new Map([[PNG_NAME, PNG]]));
    // before b has heard of it, a request for it is answered from the database
    const path = await b.media.path(PNG_NAME);
    expect(path?.startsWith(b.media.cacheDir)).to.equal(true);
    expect(new Uint8Array(readFileSync(path!))).to.deep.equal(PNG);
    expect(b.media.has(PNG_NAME)).to.equal(true);
    // a's import holds it: a sweep in b leaves it
    expect(await b.media.remove([PNG_NAME])).to.deep.equal([]);
    a.media.release(held);
    await (a.media as PgMediaStore).settled();
    expect(await b.media.remove([PNG_NAME])).to.deep.equal([PNG_NAME]);
    await eventually(() => !a.media.has(PNG_NAME), { what: 'a heard of the removal' });
    expect(await a.media.path(PNG_NAME)).to.equal(undefined);
  });

  it('keeps a file a stored exam shows, whatever a sweep with an older view asks', async () => {
    const a = await open();
    const data = sample();
    data.exams[0].questions[0].stem = `<p><img src="/api/media/${PNG_NAME}" alt="cel"></p>`;
    const r = await importData(a.store, data, { media: new Map([[PNG_NAME, PNG]]) });
    expect(r.ok && r.mediaAdded).to.equal(1);
    expect(await a.media.remove([PNG_NAME])).to.deep.equal([]);
    expect(a.media.has(PNG_NAME)).to.equal(true);
  });

  it('a server serves, in parts, a sound another server imported', async () => {
    const servers: TestServer[] = [];
    try {
      const start = async () => {
        const { content, media } = await open();
        const ts = await startTestServer({ data: null, withStore: (files) => ({ ...files, content, media }) });
        servers.push(ts);
        return ts;
      };
      const a = await start();
      const b = await start();
      const sound = wav(0.5);
      const pkg = listeningPackage('luistertoets', sound);
      const r = await importData(a.store, withSitting(pkg.file, { candidate: '150001', group: 'g-luister', sitting: 's-luister' }), { media: pkg.media });
      expect(r.ok && r.mediaAdded).to.equal(2);
      const name = mediaName(sound, 'wav');
      const staff = await loggedIn(b.base, 'sup1');
      const res = await fetch(`${b.base}/api/media/${name}`, { headers: { cookie: staff.cookie, range: 'bytes=0-43' } });
      expect(res.status).to.equal(206);
      expect(res.headers.get('content-range')).to.equal(`bytes 0-43/${sound.byteLength}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(sound.subarray(0, 44)))).to.equal(true);
      await eventually(() => b.store.content.sittingSummary('s-luister') !== undefined, { what: 'b reloaded a\'s import' });
    } finally {
      await Promise.allSettled(servers.map((ts) => ts.close()));
    }
  });
});
