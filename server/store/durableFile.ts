/**
 * Durable whole-file JSON writes (docs/design.md: Storage): write a temp file, fsync it, keep the current file as the
 * last good copy (`NAME.bak`, a hard link: no data copied), rename the temp file over it, fsync the directory.
 * Reading a file that does not parse is a hard error naming the file — never a silent empty database.
 * Temp files are `NAME.tmp-PID-N`; this module knows which of them are being written right now, so that a
 * purge can remove the ones a crash left behind (see `scrub.ts`).
 */
import { promises as fs, readdirSync, readFileSync, rmSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export class CorruptDataError extends Error {
  constructor(public readonly file: string, cause: string) {
    super(
      `Data file ${file} is corrupt (${cause}). The server will not start on it, so that nothing is lost. ` +
        `The last good copy, if any, is ${file}.bak beside it: inspect both, then restore one by renaming it to ${basename(file)}.`,
    );
    this.name = 'CorruptDataError';
  }
}

let tmpCounter = 0;
const writing = new Set<string>();

/** A temp file of a write under way in this process (not one a crash left behind). */
export const isTempInFlight = (path: string) => writing.has(path);
export const TEMP_FILE = /\.tmp-\d+-\d+$/;

/**
 * Remove the temporary files of writes that a crash interrupted (`NAME.tmp-PID-N`, never renamed into place:
 * the file they were for is intact). Only for the holder of the data directory's lock, which is the only
 * process that writes: anyone else could remove a write under way.
 */
export function removeLeftoverTemps(dir: string): string[] {
  const removed: string[] = [];
  for (const sub of ['', 'results']) {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    for (const name of names.filter((n) => TEMP_FILE.test(n) && !isTempInFlight(join(dir, sub, n)))) {
      rmSync(join(dir, sub, name), { force: true });
      removed.push(join(sub, name));
    }
  }
  return removed;
}

export async function writeFileDurably(file: string, text: string): Promise<void> {
  await replaceFile(file, text, true);
}

/** Write `text` to a synced temp file and rename it over `file`; `keepBak`: link the current file to `NAME.bak` first. */
async function replaceFile(file: string, text: string | Buffer, keepBak: boolean): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${++tmpCounter}`;
  writing.add(tmp);
  try {
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (keepBak) await keepLastGood(file);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  } finally {
    writing.delete(tmp);
  }
  await syncDir(dirname(file));
}

/**
 * Make `NAME.bak` a copy of what `NAME` holds now (its own file, durably), or remove it when `NAME` is gone:
 * after a purge the last good copy must not hold what was purged, and still be there as crash insurance.
 */
export async function resetLastGood(file: string): Promise<void> {
  let current: Buffer;
  try {
    current = await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await fs.rm(`${file}.bak`, { force: true });
    return;
  }
  await replaceFile(`${file}.bak`, current, false);
}

async function keepLastGood(file: string): Promise<void> {
  const bak = `${file}.bak`;
  await fs.rm(bak, { force: true });
  try {
    await fs.link(file, bak);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await fs.copyFile(file, bak).catch(() => undefined); // file systems without hard links
  }
}

/** fsync a directory so that a rename survives a crash; Windows has no directory fsync. */
export async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  } finally {
    await handle.close();
  }
}

/** Read and parse a JSON file; `undefined` when it does not exist; CorruptDataError when it does not parse. */
export function readJsonFileSync<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseJsonOf<T>(file, text);
}

/** `text` (read from `file`) parsed, or CorruptDataError naming the file. */
export function parseJsonOf<T>(file: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new CorruptDataError(file, (e as Error).message);
  }
}

/** As {@link readJsonFileSync}, the file read without blocking (it is still parsed in one step). */
export async function readJsonFile<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return parseJsonOf<T>(file, text);
}

/** A lowdb adapter over the durable writer. Reads are synchronous at open (a corrupt file stops the boot). */
export class DurableJSONFile<T> implements Adapter<T> {
  writes = 0;
  constructor(public readonly file: string, private readonly indent = 0) {}
  async read(): Promise<T | null> {
    return readJsonFileSync<T>(this.file) ?? null;
  }
  async write(data: T): Promise<void> {
    this.writes++;
    await writeFileDurably(this.file, JSON.stringify(data, null, this.indent));
  }
}
