/**
 * PostgreSQL for tests (docs/design.md: PostgreSQL store). The database is `INZAGE_TEST_DATABASE_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`); each test gets a schema of its own, dropped afterwards, so tests never
 * see each other's rows. When PostgreSQL cannot be reached the tests skip with a hint naming the variable — unless
 * `CI=true`, where they must run and so fail.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../../server/store/index.ts';
import { openPgRepos, openPgStore, type PgRepoOptions, type PgRepoStore, type PgStore, type PgStoreOptions } from '../../server/store/pg/index.ts';

export const TEST_DATABASE_URL = process.env.INZAGE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
/**
 * `INZAGE_TEST_STORE=pg`: test servers (tests/helpers/server.ts) run on the whole PostgreSQL store (`openPgStore`,
 * what `INZAGE_DATABASE_URL` selects), so that an integration suite runs against it:
 * `INZAGE_TEST_STORE=pg npx mocha tests/integration/x.test.ts`.
 */
export const TEST_STORE_PG = process.env.INZAGE_TEST_STORE === 'pg';

let reachable: Promise<string | undefined> | undefined;

/** undefined when PostgreSQL answers, else why not */
function unreachable(): Promise<string | undefined> {
  return (reachable ??= (async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return undefined;
    } catch (e) {
      return (e as Error).message || String(e);
    } finally {
      await c.end().catch(() => undefined);
    }
  })());
}

/** In a `before` hook: skip the suite with a hint when PostgreSQL cannot be reached (fail instead when CI=true). */
export async function requirePg(ctx: Mocha.Context): Promise<void> {
  const why = await unreachable();
  if (!why) return;
  const hint = `PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${why}): set INZAGE_TEST_DATABASE_URL to a database these tests may create schemas in`;
  if (process.env.CI === 'true') throw new Error(hint);
  console.warn(`      skipped: ${hint}`);
  ctx.skip();
}

/** Run SQL on the test database outside any store (a test's view of the rows, or a change no store announces). */
export async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(schema: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

export interface PgSchema {
  /** the current test's schema */
  readonly name: string;
  /** the repositories on the current test's schema (closed after the test) */
  open(opts?: Omit<PgRepoOptions, 'schema'>): Promise<PgRepoStore>;
  /** a whole store on the current test's schema, its local files in `localDir` (closed after the test) */
  openStore(localDir: string, opts?: Omit<PgStoreOptions, 'schema' | 'localDir'>): Promise<PgStore>;
  /** `TEST_DATABASE_URL` with the current test's schema as its search_path (what a process is given as INZAGE_DATABASE_URL) */
  readonly url: string;
}

/**
 * Hooks of a suite on PostgreSQL: skip without it (see `requirePg`), a fresh schema for each test, and after each
 * test every store opened on it closed and the schema dropped.
 */
export function pgSchemaPerTest(): PgSchema {
  let name = '';
  let stores: { close(): Promise<void> }[] = [];
  before(async function () { await requirePg(this); });
  beforeEach(() => { name = `test_${process.pid}_${randomBytes(6).toString('hex')}`; });
  afterEach(async () => {
    await Promise.allSettled(stores.map((s) => s.close()));
    stores = [];
    if (name && !(await unreachable())) await dropSchema(name);
  });
  return {
    get name() { return name; },
    async open(opts = {}) {
      const store = await openPgRepos(TEST_DATABASE_URL, { hotWriteDelayMs: 5, ...opts, schema: name });
      stores.push(store);
      return store;
    },
    async openStore(localDir, opts = {}) {
      const store = await openPgStore(TEST_DATABASE_URL, { hotWriteDelayMs: 5, ...opts, schema: name, localDir });
      stores.push(store);
      return store;
    },
    get url() { return urlWithSchema(name); },
  };
}

/** `TEST_DATABASE_URL` whose connections use `schema` (made at open if missing; server/store/pg/db.ts). */
export function urlWithSchema(schema: string): string {
  const u = new URL(TEST_DATABASE_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** The file store with the repositories on PostgreSQL taken from `pgStore` (content, audit, media stay files). */
export function withPgRepos(files: Store, pgStore: PgRepoStore): Store {
  const { kiosks, rooms, staff, reviews, remarks, reviewRecords, loginSessions } = pgStore;
  return {
    ...files, kiosks, rooms, staff, reviews, remarks, reviewRecords, loginSessions, changes: pgStore.changes,
    flush: async () => { await Promise.all([files.flush(), pgStore.flush()]); },
  };
}

/** The schema of a test server's data directory (a restart on the same directory finds its rows again). */
export function schemaOfDir(dir: string): string {
  const name = `test_dir_${createHash('sha256').update(dir).digest('hex').slice(0, 20)}`;
  dirSchemas.add(name);
  return name;
}

/**
 * The schemas `schemaOfDir` named in this process: a server closed with `keepData` leaves its schema, as it leaves its
 * directory. Kept on `globalThis`: the root hook (loaded by mocha's `require`) may get another instance of this module
 * than the tests do.
 */
const dirSchemas: Set<string> = ((globalThis as { inzageDirSchemas?: Set<string> }).inzageDirSchemas ??= new Set<string>());

/** Drop every schema `schemaOfDir` named in this process (the root hook's last step, tests/support/rootHooks.ts). */
export async function dropDirSchemas(): Promise<void> {
  if (!dirSchemas.size || (await unreachable())) return;
  for (const name of dirSchemas) await dropSchema(name);
  dirSchemas.clear();
}

export async function dropSchema(name: string): Promise<void> {
  await sql('public', `DROP SCHEMA IF EXISTS ${name} CASCADE`);
}
