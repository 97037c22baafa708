/**
 * Schema migrations (docs/design.md: PostgreSQL store): `migrations/NNN_name.sql`, applied in order at open, each in
 * its own transaction and recorded in `schema_migrations`. A session-level advisory lock serialises them, so two
 * processes starting together never run one twice; the second waits, then finds it recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration { version: number; name: string; sql: string }

/** The migrations this build knows, in order. */
export function migrations(dir = DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((name) => {
      const m = NAME.exec(name);
      if (!m) throw new Error(`Migration file name ${name} is not NNN_name.sql`);
      return { version: Number(m[1]), name, sql: readFileSync(join(dir, name), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
}

/** Apply what is not applied yet; the names applied by this call. */
export async function migrate(client: pg.ClientBase, known = migrations()): Promise<string[]> {
  const done: string[] = [];
  // keyed by schema: stores in other schemas of the same database migrate independently
  await client.query(`SELECT pg_advisory_lock(hashtext('inzage-migrate:' || current_schema()))`);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...known.map((m) => m.version));
    const ahead = [...applied].filter((v) => v > newest);
    if (ahead.length) throw new Error(`The database has migration ${Math.max(...ahead)}, newer than this build knows (${newest}): update Inzage.`);
    for (const m of known) {
      if (applied.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      done.push(m.name);
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('inzage-migrate:' || current_schema()))`);
  }
  return done;
}
