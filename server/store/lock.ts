/**
 * The data directory belongs to one process at a time (lowdb keeps it in memory and rewrites whole files):
 * the server holds `DATA/server.lock` with its pid while it runs, and CLI commands that write hold it while
 * they write. A lock whose process is gone (a crash, a power cut) is stale and taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'server.lock';

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The data directory ${dir} is in use by process ${pid} (an inzage server or command). ` +
        `If no such process runs any more, delete ${join(dir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const lockFile = (dir: string) => join(resolve(dir), LOCK_FILE);

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, but belongs to someone else
  }
}

/** The pid of another live process holding the lock, or null. */
export function lockHolder(dir: string): number | null {
  const pid = readPid(lockFile(dir));
  return pid !== null && pid !== process.pid && isAlive(pid) ? pid : null;
}

/** Takes the lock (creating the directory if needed); throws DataDirLockedError while another live process holds it. */
export function acquireLock(dir: string): void {
  const file = lockFile(dir);
  mkdirSync(resolve(dir), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = readPid(file);
    if (pid === process.pid) return;
    if (pid !== null && isAlive(pid)) throw new DataDirLockedError(resolve(dir), pid);
    rmSync(file, { force: true }); // stale, or unreadable: its process is gone
  }
  throw new Error(`Could not lock the data directory ${resolve(dir)}.`);
}

/** Gives the lock up, if this process holds it. */
export function releaseLock(dir: string): void {
  const file = lockFile(dir);
  if (readPid(file) === process.pid) rmSync(file, { force: true });
}
