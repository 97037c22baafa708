/**
 * After a purge, no file of the data directory may still hold what was purged (docs/design.md: Privacy):
 *
 * - every last good copy `NAME.bak` becomes a copy of `NAME` as it is now, or goes when `NAME` is gone (the
 *   shard of a purged group); so a `.bak` stays as crash insurance but never holds an older version;
 * - temp files a crash left behind (`NAME.tmp-PID-N` that no write of this process is writing) are removed;
 * - the unfinished last lines a crash left, kept for inspection in `NAME.torn` (audit log, review journal, audit
 *   keys), are removed: such a line may hold part of what was purged (a sitting id, a candidate's answer, the key
 *   that crypto-shredding destroys), and after a purge nothing may.
 *
 * Call it once every write of the purge is on disk (`store.flush()`). Writes that run meanwhile are harmless:
 * they write what is in memory, and the purge removed that from memory before.
 *
 * A purge that is interrupted leaves `purge-pending` behind; the next purge (or the server's retention run at
 * start) finishes the job.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { TEMP_FILE, isTempInFlight, resetLastGood, syncDir, writeFileDurably } from './durableFile.ts';

export const PENDING_FILE = 'purge-pending';
/** where a crash's unfinished last line is kept (reviewJournal.ts, audit.ts, auditKeys.ts) */
const TORN_SUFFIX = '.torn';

export async function scrubDataDir(dir: string): Promise<void> {
  const dirs: string[] = [];
  const walk = async (d: string) => {
    dirs.push(d);
    for (const entry of await fs.readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (TEMP_FILE.test(entry.name)) {
        if (!isTempInFlight(path)) await fs.rm(path, { force: true });
      } else if (entry.name.endsWith('.bak')) await resetLastGood(path.slice(0, -'.bak'.length));
      else if (entry.name.endsWith(TORN_SUFFIX)) await fs.rm(path, { force: true });
    }
  };
  await walk(dir);
  for (const d of dirs) await syncDir(d);
}

export async function markPurgePending(dir: string): Promise<void> {
  await writeFileDurably(join(dir, PENDING_FILE), 'A purge started here and has not finished; the next purge (or server start) finishes it.\n');
}

export async function purgePending(dir: string): Promise<boolean> {
  return fs.access(join(dir, PENDING_FILE)).then(() => true, () => false);
}

export async function clearPurgePending(dir: string): Promise<void> {
  await fs.rm(join(dir, PENDING_FILE), { force: true });
  await fs.rm(join(dir, `${PENDING_FILE}.bak`), { force: true });
  await syncDir(dir);
}
