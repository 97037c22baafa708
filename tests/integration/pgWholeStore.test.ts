/**
 * The whole PostgreSQL store (docs/design.md: PostgreSQL store): the data secret shared through the database, one
 * account per username across processes, `openPgStore` keeping everything in the database, and migrate's content copy.
 * Skipped with a hint without PostgreSQL, except under CI=true (tests/support/pg.ts).
 */
import { expect } from 'chai';
import { createUser } from '../../server/auth/users.ts';
import { importData } from '../../server/import/index.ts';
import { DomainError } from '../../shared/errors.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../helpers/server.ts';
import { openStore } from '../../server/store/index.ts';
import { PART_COPIES } from '../../server/store/pg/copy.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { eventually } from '../support/eventually.ts';
import { pgSchemaPerTest, sql } from '../support/pg.ts';

describe('the whole store on PostgreSQL', function () {
  this.timeout(60_000);
  const schema = pgSchemaPerTest();
  let dirs: string[] = [];
  const dir = () => { const d = tempDir('pgwhole'); dirs.push(d); return d; };
  afterEach(() => { for (const d of dirs.splice(0)) removeDir(d); });

  describe('the data secret', () => {
    let saved: string | undefined;
    beforeEach(() => { saved = process.env.INZAGE_SECRET; delete process.env.INZAGE_SECRET; });
    afterEach(() => { if (saved === undefined) delete process.env.INZAGE_SECRET; else process.env.INZAGE_SECRET = saved; });

    it('is made once and shared by every process on the database, even when they open together', async () => {
      const [a, b] = await Promise.all([schema.open(), schema.open()]);
      expect(a.secret).to.match(/^[0-9a-f]{64}$/);
      expect(b.secret).to.equal(a.secret);
      expect((await schema.open()).secret).to.equal(a.secret);
      expect(await sql(schema.name, 'SELECT key, value FROM settings')).to.deep.equal([{ key: 'secret', value: a.secret }]);
    });

    it('is INZAGE_SECRET when that is set, leaving the stored one alone', async () => {
      const stored = (await schema.open()).secret;
      process.env.INZAGE_SECRET = 'from-the-environment';
      expect((await schema.open()).secret).to.equal('from-the-environment');
      expect(await sql(schema.name, 'SELECT value FROM settings')).to.deep.equal([{ value: stored }]);
    });
  });

  it('refuses a username another process took meanwhile, leaving no phantom account in memory', async () => {
    const [a, b] = await Promise.all([schema.open(), schema.open()]);
    const results = await Promise.allSettled([
      createUser(a.staff, { username: 'admin', role: 'admin' }),
      createUser(b.staff, { username: 'admin', role: 'admin' }),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    // both checked memory before either wrote: the database decides
    expect(refused).to.have.length(1);
    const reason = (refused[0] as PromiseRejectedResult).reason;
    expect(reason).to.be.instanceOf(DomainError);
    expect((reason as DomainError).code).to.equal('conflict');
    await eventually(() => {
      for (const s of [a, b]) expect(s.staff.all().map((u) => u.username)).to.deep.equal(['admin']);
      expect(a.staff.all()[0]!.id).to.equal(b.staff.all()[0]!.id);
    });
  });

  it('keeps content, the audit log (anchored with the shared secret) and its keys in the database, not the local directory', async () => {
    const local = dir();
    const a = await schema.openStore(local);
    expect(a.dir).to.equal(local);
    const r = await importData(a, JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8')), { actor: 'test' });
    expect(r.ok).to.equal(true);
    await createUser(a.staff, { username: 'boss', role: 'admin', password: 'Geheim-boss-2026!' });
    await a.audit.append({ actor: 'test', action: 'user.created', target: 'boss' });
    await a.close();

    // another process, another local directory: it sees everything
    const b = await schema.openStore(dir());
    expect(b.content.exam('bi-kb-2026')?.title).to.equal('Biologie KB');
    expect(b.staff.byUsername('boss')?.role).to.equal('admin');
    expect(await b.audit.verify()).to.deep.include({ ok: true });
    expect((await b.audit.readAll()).map((e) => e.action)).to.include('user.created');
    // the anchor is keyed by the database's secret: no secret file in the local directory
    expect(() => readFileSync(join(local, 'secret'))).to.throw();
    await b.close();
  });

  describe('inzage migrate: content', () => {
    it('copies every exam version a sitting uses, the sittings with their responses and versions, and the console\'s settings', async () => {
      const files = openStore(dir());
      const sample = () => JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
      expect((await importData(files, sample(), { actor: 'test' })).ok).to.equal(true);
      const v1 = files.content.exam('bi-kb-2026')!;
      // a second version: one new sitting on it, the earlier ones stay on the first
      const data = sample();
      const exam = data.exams.find((e: { id: string }) => e.id === 'bi-kb-2026');
      exam.questions[0].stem = '<p>In welk deel van de cel vindt de fotosynthese plaats?</p>';
      const newcomer = { ...data.sittings[0], id: 's-bi-120099', candidateNumber: '120001', groupId: 'g-bi-1' };
      const second = await importData(files, { format: data.format, exams: [exam], candidates: [], groups: [], sittings: [newcomer] }, { actor: 'test' });
      expect(second.ok, JSON.stringify(second)).to.equal(true);
      const v2 = files.content.exam('bi-kb-2026')!;
      expect(v2.version).to.not.equal(v1.version);
      await files.content.setExamRetention('bi-kb-2026', '2099-01-01T00:00:00.000Z');
      await files.content.setExamReview('bi-kb-2026', { ...v2.review, maxMinutes: 12 });

      const to = await schema.openStore(dir());
      const n = await PART_COPIES.content!(files, to);
      expect(n).to.equal(files.content.counts().sittings);
      expect(to.content.counts()).to.deep.equal(files.content.counts());
      const copied = to.content.exam('bi-kb-2026')!;
      expect(copied.version).to.equal(v2.version);
      expect(copied.retainUntil).to.equal('2099-01-01T00:00:00.000Z');
      expect(copied.review.maxMinutes).to.equal(12);
      for (const summary of files.content.sittingSummaries()) {
        const [a, b] = [await files.content.sitting(summary.id), await to.content.sitting(summary.id)];
        expect(b, summary.id).to.deep.equal(a);
        expect(to.content.examOfSitting(b!)?.questions, summary.id).to.deep.equal(files.content.examOfSitting(a!)?.questions);
      }
      expect(to.content.examOfSitting({ examId: 'bi-kb-2026', examVersion: v1.version })?.questions).to.deep.equal(v1.questions);
      await to.close();
    });
  });
});
