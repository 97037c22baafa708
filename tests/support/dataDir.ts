/** Temporary data directories for tests, and a hash of every file in one (to prove nothing was written). */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../server/store/index.ts';

export function tempDir(tag = 'test'): string {
  return mkdtempSync(join(tmpdir(), `inzage-${tag}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * sha-256 over the relative path and content of every file below `dir`, in a stable order. `view` may replace
 * a file's content with what counts of it (or `null`: leave the file out).
 */
export function dirHash(dir: string, view?: (rel: string, content: Buffer) => Buffer | string | null): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const rel = p.slice(dir.length + 1);
        const content = view ? view(rel, readFileSync(p)) : readFileSync(p);
        if (content !== null) h.update(`${rel}\0`).update(content).update('\0');
      }
    }
  };
  walk(dir);
  return h.digest('hex');
}

/**
 * The hash of a live server's data (its PostgreSQL schema's under INZAGE_TEST_STORE=pg): first `store.flush()`, so that no coalesced write (a kiosk's last-seen time,
 * a login's touch) lands between two hashes, then every file byte for byte, except what moves without any
 * change of data:
 * - a login's idle deadline (`expires` in sessions.json) moves with every request by design (a rolling timeout);
 * - `NAME.bak` is the previous copy of NAME, replaced by every write of NAME even when its content is the same.
 */
export async function storeHash(store: Store): Promise<string> {
  await store.flush();
  // a whole PostgreSQL store (INZAGE_TEST_STORE=pg): every data table of its schema (tests/support/stored.ts)
  const schema = (store as { schema?: string }).schema;
  if (schema) return (await import('./stored.ts')).pgStoreHash(schema);
  return dirHash(store.dir, (rel, content) => {
    if (rel.endsWith('.bak')) return null;
    if (rel !== 'sessions.json') return content;
    const doc = JSON.parse(content.toString('utf8')) as { sessions: Record<string, { expires?: number }> };
    for (const s of Object.values(doc.sessions)) delete s.expires;
    return JSON.stringify(doc);
  });
}

/** Files below `dir` (relative paths), for messages and for checks on which files exist. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${rel}${name}/`);
      else out.push(`${rel}${name}`);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}
