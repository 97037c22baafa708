/**
 * Exam content on PostgreSQL at the benchmark's scale (docs/design.md: PostgreSQL store, Content and media): writes
 * the generated data set (bench/generate.ts, 100,000 sittings by default) through `PgContentStore` in a schema of its
 * own, then opens a second store on it and reports how long each took; the schema is dropped afterwards.
 *
 *   node --import=tsx bench/pgContent.ts [--sittings 100000] [--url postgres://…]
 *
 * The URL defaults to INZAGE_DATABASE_URL, else INZAGE_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Store } from '../server/store/index.ts';
import { PgContentStore } from '../server/store/pg/contentStore.ts';
import { PgDb } from '../server/store/pg/db.ts';
import { writeDataset } from './generate.ts';

const { values } = parseArgs({ options: { sittings: { type: 'string', default: '100000' }, url: { type: 'string' } } });
const url = values.url ?? process.env.INZAGE_DATABASE_URL ?? process.env.INZAGE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sittings = Number(values.sittings);
const schema = `bench_${randomBytes(6).toString('hex')}`;
const ms = (t: number) => `${Math.round(performance.now() - t)} ms`;

const dbs: PgDb[] = [];
try {
  const db = await PgDb.open(url, { schema });
  dbs.push(db);
  const content = await PgContentStore.open(db);
  db.listen();
  let t = performance.now();
  await writeDataset({ content, flush: async () => undefined } as unknown as Store, { sittings });
  console.log(`import of ${content.counts().sittings} sittings (batches of 9,000, one transaction each): ${ms(t)}`);

  const size = await db.pool.query<{ mb: string }>(`SELECT round(pg_total_relation_size('content_sittings') / 1048576.0) AS mb`);
  console.log(`content_sittings on disk (with its indexes and TOAST): ${size.rows[0]!.mb} MB`);

  const db2 = await PgDb.open(url, { schema });
  dbs.push(db2);
  t = performance.now();
  const second = await PgContentStore.open(db2);
  console.log(`open of a second store (${second.counts().sittings} summaries, ${second.counts().candidates} candidates, ${second.counts().exams} exams): ${ms(t)}`);
  const some = second.sittingSummaries()[Math.floor(sittings / 2)]!;
  t = performance.now();
  await second.sitting(some.id);
  console.log(`one sitting with its responses: ${ms(t)}`);
  t = performance.now();
  const group = await second.sittingsWithResponses(some.groupId);
  console.log(`a group's ${group.length} sittings with their responses: ${ms(t)}`);
  t = performance.now();
  await second.setExamRetention(some.examId, '2030-01-01');
  console.log(`an exam's retention set (a small change): ${ms(t)}`);
  t = performance.now();
  await content.settled();
  await new Promise<void>((resolve) => {
    const check = () => (content.exam(some.examId)?.retainUntil === '2030-01-01' ? resolve() : setTimeout(check, 5));
    check();
  });
  console.log(`…seen by the first store: ${ms(t)}`);
} finally {
  await Promise.allSettled(dbs.map((d) => d.close()));
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}
