#!/usr/bin/env node
// The contract check (../shared/tools/contract-check beside the repository: it is not part of it) against both
// stores: the file store, then PostgreSQL in a schema of its own (dropped afterwards, also when the check fails).
// Run from anywhere; CI runs it after the tests (.ci/run). Without the check beside the repository it says so and
// succeeds. PostgreSQL is INZAGE_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); when it cannot
// be reached the PostgreSQL pass is skipped with a hint, except under CI=true, where that fails.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHECK = resolve(ROOT, '..', 'shared', 'tools', 'contract-check');
const DATABASE = process.env.INZAGE_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

if (!existsSync(CHECK)) {
  console.log(`contract: ${CHECK} is not beside the repository: skipped`);
  process.exit(0);
}

/** Run the check from the repository's root with `env` over ours (without a database of our own: the file store). */
function run(label, env) {
  console.log(`contract (${label}):`);
  const e = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete e[k];
  const r = spawnSync(CHECK, [], { cwd: ROOT, env: e, stdio: 'inherit' });
  return r.status === 0;
}

async function query(sql) {
  const c = new pg.Client({ connectionString: DATABASE, connectionTimeoutMillis: 3000 });
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

let ok = run('file store', { INZAGE_DATABASE_URL: undefined });

const schema = `contract_${process.pid}_${randomBytes(4).toString('hex')}`;
let reachable = true;
try {
  await query('SELECT 1');
} catch (e) {
  reachable = false;
  const hint = `PostgreSQL at ${DATABASE} is unreachable (${e.message || e}): set INZAGE_TEST_DATABASE_URL to a database the check may create a schema in`;
  if (process.env.CI === 'true') {
    console.log(`contract (PostgreSQL): ${hint}`);
    ok = false;
  } else {
    console.log(`contract (PostgreSQL): skipped: ${hint}`);
  }
}
if (reachable) {
  const url = new URL(DATABASE);
  url.searchParams.set('options', `-c search_path=${schema}`); // the schema is made at the first open
  try {
    ok = run(`PostgreSQL, schema ${schema}`, { INZAGE_DATABASE_URL: url.toString() }) && ok;
  } finally {
    await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}
process.exit(ok ? 0 : 1);
