/**
 * The data directory's secret (docs/design.md: Security model): signs staff session cookies and keys the audit
 * log's anchor (`audit.head`). `INZAGE_SECRET` from the environment wins — the stronger choice, since then
 * someone who can read the data directory still cannot forge the anchor; otherwise it is `DATA/secret`, made
 * once with 32 random bytes.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE = 'secret';

/** The secret, made when missing unless `create` is false (then `undefined` when there is none). */
export function dataSecret(dir: string, opts: { create?: boolean } = {}): string | undefined {
  if (process.env.INZAGE_SECRET) return process.env.INZAGE_SECRET;
  const file = join(dir, SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (opts.create === false) return undefined;
  const secret = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim(); // made meanwhile
    throw e;
  }
  return secret;
}

/** A key for one purpose, derived from the secret (HKDF-SHA-256), so that no two uses share a key. */
export function derivedKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'inzage', purpose, 32));
}
