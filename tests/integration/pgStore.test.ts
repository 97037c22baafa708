/**
 * What the PostgreSQL store adds to the repository contract (docs/design.md: PostgreSQL store): migrations, several
 * processes on one schema (two store instances stand for two processes: each has its own connections, memory and
 * LISTEN), and the start checks made race-free by the database.
 */
import { expect } from 'chai';
import pg from 'pg';
import { DomainError } from '../../shared/errors.ts';
import { migrate, migrations } from '../../server/store/pg/migrate.ts';
import { openPgRepos } from '../../server/store/pg/index.ts';
import { eventually } from '../support/eventually.ts';
import { TEST_DATABASE_URL, pgSchemaPerTest, sql } from '../support/pg.ts';
import { ended, kiosk, login, remark, review } from '../support/repoFixtures.ts';

describe('PostgreSQL store', () => {
  const schema = pgSchemaPerTest();

  describe('migrations', () => {
    it('applies each migration once, in order, also when two processes open a fresh schema together', async () => {
      await Promise.all([schema.open(), schema.open()]);
      const rows = await sql<{ version: number; name: string }>(schema.name, 'SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.name)).to.deep.equal(migrations().map((m) => m.name));
      const tables = await sql<{ t: string }>(schema.name, `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema.name]);
      expect(tables.map((r) => r.t)).to.include.members(['kiosks', 'rooms', 'staff', 'reviews', 'remarks', 'login_sessions', 'schema_migrations']);
      await schema.open();
      expect(await sql(schema.name, 'SELECT 1 FROM schema_migrations')).to.have.length(rows.length);
    });

    it('rolls a failing migration back whole and records only those before it', async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`CREATE SCHEMA ${schema.name}; SET search_path = ${schema.name}`);
        const steps = [
          { version: 1, name: '001_a.sql', sql: 'CREATE TABLE a (x int)' },
          { version: 2, name: '002_b.sql', sql: 'CREATE TABLE b (x int); SELECT no_such_function()' },
        ];
        let error: unknown;
        await migrate(c, steps).catch((e: unknown) => { error = e; });
        expect((error as Error).message).to.match(/^Migration 002_b\.sql failed: .*no_such_function/);
        expect((await c.query('SELECT name FROM schema_migrations')).rows).to.deep.equal([{ name: '001_a.sql' }]);
        expect((await c.query(`SELECT to_regclass('b') AS b`)).rows[0].b, 'nothing of 002 is left').to.equal(null);
        expect(await migrate(c, steps.slice(0, 1)), 'applied migrations are not run again').to.deep.equal([]);
      } finally {
        await c.end();
      }
    });

    it('refuses a database migrated by a newer build', async () => {
      await schema.open();
      await sql(schema.name, `INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')`);
      let error: unknown;
      await openPgRepos(TEST_DATABASE_URL, { schema: schema.name }).catch((e: unknown) => { error = e; });
      expect((error as Error).message).to.match(/newer than this build/);
    });
  });

  describe('two processes on one schema', () => {
    it("sees the other process's writes without reopening", async () => {
      const a = await schema.open();
      const b = await schema.open();
      await a.kiosks.add(kiosk('k1'));
      await a.kiosks.add(kiosk('k2'));
      await a.remarks.put(remark('m1'));
      await a.loginSessions.put('h1', login('u1'));
      await eventually(() => expect(b.kiosks.all()).to.deep.equal([kiosk('k1'), kiosk('k2')]), { what: 'B sees the kiosks' });
      await eventually(() => expect(b.remarks.all()).to.deep.equal([remark('m1')]), { what: 'B sees the remark' });
      await eventually(() => expect(b.loginSessions.get('h1')).to.deep.equal(login('u1')), { what: 'B sees the login' });

      await b.kiosks.rename('k1', 'Balie');
      await b.kiosks.remove('k2');
      await b.loginSessions.remove(['h1']);
      await eventually(() => expect(a.kiosks.all()).to.deep.equal([kiosk('k1', { name: 'Balie' })]), { what: 'A sees the rename and removal' });
      await eventually(() => expect(a.loginSessions.entries()).to.deep.equal([]), { what: 'A sees the logout' });
    });

    it('hears a change of many rows at once (announced as the whole table)', async () => {
      const a = await schema.open();
      const b = await schema.open();
      const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`h${i}`, login(`u${i}`)]));
      await b.loginSessions.put('old', login('old'));
      await a.loginSessions.replaceAll(many);
      await eventually(() => expect(Object.fromEntries(b.loginSessions.entries())).to.deep.equal(many), { what: 'B has all 60 and not the old one' });
    });

    it("does not let a coalesced write undo another process's change, nor a reload undo a pending one", async () => {
      // B's hot writes wait for a flush, so that A's rename lands while B's touch is pending
      const a = await schema.open();
      const b = await schema.open({ hotWriteDelayMs: 3_600_000 });
      await a.kiosks.add(kiosk('k1'));
      await eventually(() => b.kiosks.get('k1') !== undefined);
      b.kiosks.touchSoon('k1', '2026-06-01T10:00:00.000Z');
      await a.kiosks.rename('k1', 'Balie');
      await b.settled();
      expect(b.kiosks.get('k1')?.lastSeenAt, "B's pending touch survives the reload").to.equal('2026-06-01T10:00:00.000Z');
      await b.flush();
      const both = kiosk('k1', { name: 'Balie', lastSeenAt: '2026-06-01T10:00:00.000Z' });
      await eventually(() => expect(a.kiosks.get('k1')).to.deep.equal(both), { what: 'A has both changes' });
      await eventually(() => expect(b.kiosks.get('k1')).to.deep.equal(both), { what: 'B has both changes' });
    });
  });

  describe('race-free review starts', () => {
    const cases = [
      { code: 'kiosk-busy', second: review('r2', { kioskId: 'k-r1' }) },
      { code: 'sitting-busy', second: review('r2', { sittingId: 's-r1' }) },
      { code: 'candidate-busy', second: review('r2', { candidateNumber: 'c-r1' }) },
    ] as const;
    for (const { code, second } of cases) {
      it(`lets exactly one of two concurrent starts win in two processes, the other refused with ${code}`, async () => {
        const a = await schema.open();
        const b = await schema.open();
        const first = review('r1');
        const outcomes = await Promise.allSettled([a.reviews.add(first), b.reviews.add(second)]);
        const refused = outcomes.filter((o) => o.status === 'rejected');
        expect(refused, 'one refused').to.have.length(1);
        const reason = (refused[0] as PromiseRejectedResult).reason as unknown;
        expect(reason).to.be.instanceOf(DomainError);
        expect((reason as DomainError).code).to.equal(code);
        const winner = outcomes[0]!.status === 'fulfilled' ? first : second;
        const [winnerStore, loserStore] = winner === first ? [a, b] : [b, a];
        expect(loserStore.reviews.get(winner === first ? second.id : first.id), "the loser's add is taken back").to.equal(undefined);
        expect(winnerStore.reviews.active()).to.deep.equal([winner]);
        await eventually(() => expect(loserStore.reviews.active()).to.deep.equal([winner]), { what: 'the loser sees the winner' });
        expect((await sql(schema.name, 'SELECT id FROM reviews')).map((r) => r.id)).to.deep.equal([winner.id]);
      });
    }

    it('allows a new start once the active review has ended, and keeps its hot position updates', async () => {
      const a = await schema.open();
      const b = await schema.open();
      await a.reviews.add(review('r1'));
      a.reviews.moveSoon({ ...review('r1'), position: 'q4' });
      await a.reviews.end(ended({ ...review('r1'), position: 'q4' }), 10);
      await b.reviews.add(review('r2', { kioskId: 'k-r1', sittingId: 's-r1', candidateNumber: 'c-r1' }));
      await a.flush();
      await eventually(() => expect(a.reviews.all().map((r) => [r.id, r.endedAt ?? null])).to.deep.equal([['r1', '2026-06-01T09:10:00.000Z'], ['r2', null]]));
      expect(a.reviews.get('r1')?.position).to.equal('q4');
    });
  });
});
