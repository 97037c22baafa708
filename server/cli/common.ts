/**
 * What every `inzage` command shares: the data directory, the store (PostgreSQL when INZAGE_DATABASE_URL is set),
 * errors with exit codes, the write lock, stdin.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Option } from 'commander';
import { openStore, removeLeftoverTemps, type Store } from '../store/index.ts';
import { DataDirLockedError, acquireLock, lockHolder } from '../store/lock.ts';
import { checkDatabaseUrl, databaseUrl, locksDataDir, openConfiguredStore } from '../store/open.ts';

/** An error the CLI reports as one line on stderr, with its exit code (1 failed, 2 usage). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, 2);

/** What went wrong with a file, in words rather than Node's error codes (`ENOENT: no such file…`). */
export function fileProblem(e: unknown): string {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ENOENT': return 'there is no such file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    default: return (e as Error)?.message ?? String(e);
  }
}

/** Reads a file, or stops with `Cannot read <what> <file>: <why>`. */
export function readFileOrStop<T>(file: string, read: (file: string) => T, what = ''): T {
  try {
    return read(file);
  } catch (e) {
    throw new CliError(`Cannot read ${what ? `${what} ` : ''}${file}: ${fileProblem(e)}.`);
  }
}

export const dataOption = () =>
  new Option('--data <dir>', 'data directory').env('INZAGE_DATA').default('./data');

export const dataDir = (opts: { data: string }) => resolve(opts.data);

/** True when `dir` holds an inzage store already (opening one then writes nothing). */
export function isStoreDir(dir: string): boolean {
  return ['audit.jsonl', 'state.json', 'exams.json', 'index.json'].some((f) => existsSync(join(dir, f)));
}

/** Refuses commands that need stored data where there is none, rather than create an empty store. */
export function requireStoreDir(dir: string): void {
  if (!isStoreDir(dir)) throw new CliError(`No inzage data in ${dir} (give --data DIR or set INZAGE_DATA).`);
}

export function openExistingStore(dir: string): Store {
  requireStoreDir(dir);
  return openStore(dir);
}

export interface StoreUse {
  /** the command writes: the data directory is locked meanwhile (the file store; PostgreSQL while part of it is local, see store/open.ts) */
  write?: boolean;
  /** the file store: refuse a directory without inzage data rather than create an empty store (PostgreSQL: the database is the data) */
  requireData?: boolean;
  /** who holds the lock, as a refusal names it */
  role?: string;
}

/**
 * Runs `fn` on the store of the command: PostgreSQL when INZAGE_DATABASE_URL is set (`dir` then holds only what is
 * local), else the file store in `dir`; closed afterwards (a database's connections too).
 */
export async function withStore<T>(dir: string, fn: (store: Store) => Promise<T> | T, use: StoreUse = {}): Promise<T> {
  const url = databaseUrl();
  if (url) checkDatabaseUrl(url);
  else if (use.requireData) requireStoreDir(dir);
  const run = async () => {
    const opened = await openConfiguredStore(dir, url);
    try {
      return await fn(opened.store);
    } finally {
      await opened.close();
    }
  };
  return use.write && (await locksDataDir(url)) ? withDataLock(dir, run, use.role) : run();
}

/** True when writing commands lock the data directory (see withStore): then `import` and `purge` refuse early while a server runs. */
export async function writesLockDir(): Promise<boolean> {
  return locksDataDir(databaseUrl());
}

function lockedMessage(dir: string, pid: number, role: string): string {
  const what = role.includes('server') ? 'stop the server or use the console' : 'wait until it has finished';
  return `The data directory ${dir} is in use by ${role} (pid ${pid}): ${what}.`;
}

/** Refuses early, before any work, when a live server or command holds the data directory. */
export async function assertNotServed(dir: string): Promise<void> {
  const holder = await lockHolder(dir);
  if (holder !== null) throw new CliError(lockedMessage(dir, holder.pid, holder.role));
}

/** Runs a writing command while holding the data directory's lock (lowdb is one process only). */
export async function withDataLock<T>(dir: string, fn: () => Promise<T>, role = 'an inzage command'): Promise<T> {
  let lock;
  try {
    lock = await acquireLock(dir, { role });
  } catch (e) {
    if (e instanceof DataDirLockedError) throw new CliError(lockedMessage(dir, e.pid, e.role));
    throw e;
  }
  try {
    removeLeftoverTemps(dir);
    return await fn();
  } finally {
    await lock.release();
  }
}

/** The first line of stdin when it is piped in (without its line end), or null for a terminal or no input. */
export async function readStdinLine(stdin: NodeJS.ReadStream = process.stdin): Promise<string | null> {
  if (stdin.isTTY) return null;
  let text = '';
  try {
    stdin.setEncoding('utf8');
    for await (const chunk of stdin) {
      text += chunk as string;
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        text = text.slice(0, nl);
        break;
      }
    }
  } catch {
    return null; // no usable stdin (closed descriptor)
  }
  text = text.replace(/\r$/, '');
  return text.length ? text : null;
}

/** Asks a yes/no question on the terminal; only 'y', 'yes', 'j' or 'ja' (any case) is a yes. */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^(y|yes|j|ja)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Left-aligned columns with a header row. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
