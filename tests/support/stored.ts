/**
 * What a test server's store holds durably, read from outside the server, on either store the suite runs on
 * (docs/design.md: PostgreSQL store, "The suite on both stores"): the files of the data directory (the file store), or
 * the rows of the test's PostgreSQL schema (`INZAGE_TEST_STORE=pg`, tests/support/pg.ts). A test that asks "is it on
 * disk at the ack", "did nothing change", "is no trace left" asks it here and so asks it of both stores.
 *
 * Tests about the file store itself (its file formats of earlier builds, its lock, a crash in the middle of a file
 * write, its `.bak` copies) are marked with `describeFileStore`/`itFileStore`: pending under PostgreSQL, their titles
 * saying why.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../server/store/index.ts';
import { openPgStore } from '../../server/store/pg/index.ts';
import { readStoredReviews } from '../../server/store/reviewJournal.ts';
import pg from 'pg';
import { TEST_DATABASE_URL, TEST_STORE_PG, schemaOfDir, sql, urlWithSchema } from './pg.ts';
import { dirHash, listFiles } from './dataDir.ts';
import { tracesIn } from './traces.ts';

export { TEST_STORE_PG } from './pg.ts';

/** The PostgreSQL schema of a store (a whole PostgreSQL store has one), or undefined for the file store. */
export function pgSchemaOf(store: Store): string | undefined {
  return (store as { schema?: string }).schema;
}

/** The environment a CLI command needs to work on the same store as a test server on `dir` would. */
export function cliStoreEnv(dir: string): NodeJS.ProcessEnv {
  return TEST_STORE_PG ? { INZAGE_DATABASE_URL: urlWithSchema(schemaOfDir(dir)) } : {};
}

/** A suite about the file store itself: pending under INZAGE_TEST_STORE=pg, its title saying why. */
export function describeFileStore(title: string, why: string, fn: (this: Mocha.Suite) => void): void {
  if (TEST_STORE_PG) describe.skip(`${title} [file store only: ${why}]`, fn);
  else describe(title, fn);
}

/** A test about the file store itself: pending under INZAGE_TEST_STORE=pg, its title saying why. */
export function itFileStore(title: string, why: string, fn: Mocha.AsyncFunc): void {
  if (TEST_STORE_PG) it.skip(`${title} [file store only: ${why}]`, fn);
  else it(title, fn);
}

/**
 * What is not data, as the file store writes no file of it: the processes' live state (which process holds which
 * socket, pairing codes shown now, rate-limit counters; server/cluster/) and the adapter's packet attachments; the
 * names an import holds in the media table while it writes (a process's working state, kept in memory by the file store).
 */
const LIVE_TABLES = /^(cluster_|socket_io_|media_holds$)/;

/**
 * Every data table of `schema` as text, one line per row in the stored order (by `seq` where a table has it): the
 * PostgreSQL view of "every file of the data directory". Left out, as `storeHash` leaves them out of files: the
 * number `seq` itself (its order is kept), when a row was written (`stored_at`, `created_at`), and a login's
 * rolling idle deadline (`expires`).
 */
export async function schemaTexts(schema: string): Promise<Map<string, string>> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    const cols = (await c.query<{ t: string; c: string }>(`SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = $1 AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE')
      ORDER BY table_name`, [schema])).rows;
    const tables = new Map<string, string[]>();
    for (const { t, c: col } of cols) if (!LIVE_TABLES.test(t)) tables.set(t, [...(tables.get(t) ?? []), col]);
    const out = new Map<string, string>();
    for (const [table, columns] of tables) {
      let row = `to_jsonb(t) - 'seq' - 'stored_at' - 'created_at'`;
      if (table === 'login_sessions') row = `(${row} - 'expires') #- '{doc,expires}'`;
      const order = columns.includes('seq') ? 'seq' : `(${row})::text`;
      const rows = (await c.query<{ r: string }>(`SELECT (${row})::text AS r FROM ${table} t ORDER BY ${order}`)).rows;
      out.set(table, rows.map((r) => r.r).join('\n'));
    }
    return out;
  } finally {
    await c.end();
  }
}

/**
 * The hash of a live server's data (see `storeHash` in dataDir.ts for the file store): everything flushed first,
 * then every data table of its schema under PostgreSQL.
 */
export async function pgStoreHash(schema: string): Promise<string> {
  const h = createHash('sha256');
  for (const [table, text] of await schemaTexts(schema)) h.update(`${table}\0`).update(text).update('\0');
  return h.digest('hex');
}

/** The hash of what is stored for data directory `dir` (a stopped server's, or a CLI command's) on the suite's store. */
export async function storedHash(dir: string): Promise<string> {
  return TEST_STORE_PG ? pgStoreHash(schemaOfDir(dir)) : dirHash(dir);
}

/** Everything stored, as texts by name: the files below the data directory, or the data tables of the schema. */
export async function storedTexts(store: Store): Promise<Map<string, string>> {
  const schema = pgSchemaOf(store);
  if (schema) return schemaTexts(schema);
  return new Map(listFiles(store.dir).map((f) => [f, readFileSync(join(store.dir, f), 'utf8')]));
}

/** The repositories whose stored documents a test reads back. */
type Stored = 'remarks' | 'reviews' | 'reviewRecords' | 'loginSessions';
const TABLE: Record<Stored, string> = { remarks: 'remarks', reviews: 'reviews', reviewRecords: 'review_records', loginSessions: 'login_sessions' };

/**
 * The stored documents of one repository, in their stored order, as another reader sees them now (the server's
 * memory is not asked): the file store's file (remarks.json, sessions.json — its values, keyed by id hash) or its
 * review journal; the table's rows (by `seq`) under PostgreSQL. `dir` and `schema` say where (a stopped server's too).
 */
export async function storedDocs<T = any>(where: { dir: string; schema?: string }, what: Stored): Promise<{ id: string; doc: T }[]> {
  if (where.schema) return sql<{ id: string; doc: T }>(where.schema, `SELECT id, doc FROM ${TABLE[what]} ORDER BY seq`);
  const file = (name: string) => JSON.parse(readFileSync(join(where.dir, name), 'utf8'));
  switch (what) {
    case 'remarks': return (file('remarks.json').remarks as (T & { id: string })[]).map((doc) => ({ id: doc.id, doc }));
    case 'loginSessions': return Object.entries(file('sessions.json').sessions as Record<string, T>).map(([id, doc]) => ({ id, doc }));
    case 'reviews': return readStoredReviews(where.dir).reviews.map((doc) => ({ id: doc.id, doc: doc as unknown as T }));
    case 'reviewRecords': return readStoredReviews(where.dir).records.map((doc) => ({ id: doc.id, doc: doc as unknown as T }));
  }
}

/** Where a test server's data is: its directory, and its schema under PostgreSQL. */
export function whereStored(ts: { dataDir: string; store: Store }): { dir: string; schema?: string } {
  return { dir: ts.dataDir, schema: pgSchemaOf(ts.store) };
}

/** The audit log as stored: audit.jsonl's text, or the rows' lines (the same lines) in order, each ended by \n. */
export async function storedAuditText(where: { dir: string; schema?: string }): Promise<string> {
  if (!where.schema) return readFileSync(join(where.dir, 'audit.jsonl'), 'utf8');
  const rows = await sql<{ line: string }>(where.schema, 'SELECT line FROM audit_log ORDER BY seq');
  return rows.map((r) => `${r.line}\n`).join('');
}

/** The tables that hold under PostgreSQL what a file of the file store holds. */
const TABLES_OF: Record<string, string[]> = {
  'exams.json': ['content_exams', 'content_exam_versions'],
  'candidates.json': ['content_candidates'],
  'remarks.json': ['remarks'],
  'sessions.json': ['login_sessions'],
};

/** A file of the data directory as stored (its text), or the rows of the tables that hold it under PostgreSQL (`schemaTexts`). */
export async function storedFileText(where: { dir: string; schema?: string }, file: keyof typeof TABLES_OF & string): Promise<string> {
  if (!where.schema) return readFileSync(join(where.dir, file), 'utf8');
  const texts = await schemaTexts(where.schema);
  return TABLES_OF[file]!.map((t) => `${t}:\n${texts.get(t) ?? ''}`).join('\n');
}

/** Run `fn` on the store of data directory `dir` on the suite's store (its schema under PostgreSQL), then close it. */
export async function withStoreOf<R>(dir: string, fn: (store: Store) => R | Promise<R>): Promise<R> {
  if (!TEST_STORE_PG) {
    const store = openStore(dir);
    try { return await fn(store); } finally { await store.flush(); }
  }
  const store = await openPgStore(TEST_DATABASE_URL, { schema: schemaOfDir(dir), localDir: dir });
  try { return await fn(store); } finally { await store.close(); }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `name: needle` for every needle found in what is stored for `where`: every file below the data directory
 * (tests/support/traces.ts), or every data table of the schema under PostgreSQL, read as text — as an auditor
 * would look. A needle counts where it stands on its own, as in `tracesIn`.
 */
export async function tracesInStored(where: { dir: string; schema?: string }, needles: readonly string[]): Promise<string[]> {
  if (!where.schema) return tracesIn(where.dir, needles);
  const hits: string[] = [];
  for (const [table, text] of await schemaTexts(where.schema)) {
    for (const needle of needles) {
      if (new RegExp(`(?<![A-Za-z0-9])${escapeRe(needle)}(?![A-Za-z0-9])`).test(text)) hits.push(`${table}: ${needle}`);
    }
  }
  return hits;
}

/** Where the suite's store keeps the data of directory `dir` (a server started on it, or a CLI command's). */
export function whereOfDir(dir: string): { dir: string; schema?: string } {
  return { dir, schema: TEST_STORE_PG ? schemaOfDir(dir) : undefined };
}
