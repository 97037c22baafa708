/**
 * Settings every process on one database shares (docs/design.md: PostgreSQL store), in the `settings` table.
 *
 * The data secret (server/store/secret.ts: signs staff session cookies, keys the audit anchor): `INZAGE_SECRET` from
 * the environment wins, as with the file store; otherwise the row `secret`, made once with 32 random bytes by
 * whichever process comes first (`INSERT … ON CONFLICT DO NOTHING`, then read, so that two processes starting
 * together end up with the same one).
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';

export const SECRET_KEY = 'secret';

/** The shared secret: INZAGE_SECRET, else the stored one, made now when there is none (`initial`, or random). */
export async function sharedSecret(c: pg.ClientBase | pg.Pool, initial?: string): Promise<string> {
  if (process.env.INZAGE_SECRET) return process.env.INZAGE_SECRET;
  await c.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [SECRET_KEY, initial ?? randomBytes(32).toString('hex')]);
  const { rows } = await c.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SECRET_KEY]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error('PostgreSQL holds no data secret after making one');
  return secret;
}
