/**
 * The data directory belongs to one process at a time (lowdb keeps it in memory and rewrites whole files): the
 * server holds its lock while it runs, and CLI commands that write hold it while they write.
 *
 * The lock is a listening local socket whose name is derived from the data directory (docs/design.md, "The
 * data-directory lock"). The operating system closes it when its holder dies, however it dies — kill -9, a
 * power cut, a zombie never reaped — so a crashed server never keeps the next one out, and a pid reused by
 * another program means nothing. Taking the lock is the kernel's atomic bind: a second process gets
 * EADDRINUSE. Whoever connects to the socket is told the holder's pid and what it is (for the message).
 *
 *   linux      an abstract-namespace socket (no file; gone with the last descriptor)
 *   win32      a named pipe (\\.\pipe\…; gone with its process)
 *   elsewhere  a socket file `DATA/server.lock.sock` (macOS, BSD: no abstract namespace); a file whose socket
 *              refuses connections is left from a dead holder and is taken over
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The lock file of earlier versions (a pid): no longer trusted, removed when the lock is taken. */
export const LEGACY_LOCK_FILE = 'server.lock';
export const LOCK_SOCKET_FILE = 'server.lock.sock';

export type LockMechanism = 'abstract' | 'pipe' | 'socket-file';

export interface LockOptions {
  /** What this process is, as the refusal message of another process names it. */
  role?: string;
  /** Override the platform's mechanism (tests; `INZAGE_LOCK_MECHANISM`). */
  mechanism?: LockMechanism;
}

export interface HolderInfo { pid: number; role: string; since: string }

export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number, readonly role = 'an inzage server or command') {
    super(`The data directory ${dir} is in use by process ${pid} (${role}). Stop that process, or use another data directory.`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly dir: string;
  readonly mechanism: LockMechanism;
  /** Close the socket (and remove its file, if it has one). Idempotent. */
  release(): Promise<void>;
}

export function defaultMechanism(): LockMechanism {
  const forced = process.env.INZAGE_LOCK_MECHANISM;
  if (forced === 'abstract' || forced === 'pipe' || forced === 'socket-file') return forced;
  if (process.platform === 'linux') return 'abstract';
  if (process.platform === 'win32') return 'pipe';
  return 'socket-file';
}

/** The directory's real path (symlinks resolved, so two spellings of one directory share a lock); it must exist. */
function canonical(dir: string): string {
  const abs = resolve(dir);
  const real = realpathSync(abs);
  return process.platform === 'win32' ? real.toLowerCase() : real;
}

const ATTEMPTS = 5;
const ANSWER_TIMEOUT_MS = 2000;
const MAX_SOCKET_PATH = 100; // sun_path is 104 bytes on macOS and BSD, 108 on Linux

/** The socket's address for a data directory. */
export function lockAddress(dir: string, mechanism: LockMechanism = defaultMechanism()): string {
  const real = canonical(dir);
  const id = createHash('sha256').update(real).digest('hex').slice(0, 32);
  if (mechanism === 'abstract') return `\0inzage-lock-${id}`;
  if (mechanism === 'pipe') return `\\\\.\\pipe\\inzage-lock-${id}`;
  const inDir = join(real, LOCK_SOCKET_FILE);
  return Buffer.byteLength(inDir) <= MAX_SOCKET_PATH ? inDir : join(tmpdir(), `inzage-lock-${id}.sock`);
}

/** Ask whoever listens at `address` who they are: their info, or null when nobody listens. */
function ask(address: string): Promise<HolderInfo | 'no-answer' | null> {
  return new Promise((res) => {
    let text = '';
    const socket = connect(address);
    socket.setEncoding('utf8');
    socket.setTimeout(ANSWER_TIMEOUT_MS, () => socket.destroy());
    socket.on('data', (d: string) => { text += d; });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      res(e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? null : 'no-answer');
    });
    socket.on('close', () => {
      try {
        const info = JSON.parse(text) as HolderInfo;
        res(Number.isInteger(info.pid) ? info : 'no-answer');
      } catch {
        res('no-answer'); // someone listens, but not as expected: held all the same
      }
    });
  });
}

/** The pid of another live process holding the lock, or null. */
export async function lockHolder(dir: string, opts: Pick<LockOptions, 'mechanism'> = {}): Promise<HolderInfo | null> {
  if (!existsSync(dir)) return null;
  const info = await ask(lockAddress(dir, opts.mechanism));
  if (info === null) return null;
  return info === 'no-answer' ? { pid: 0, role: 'unknown', since: '' } : info;
}

function listen(server: Server, address: string): Promise<'ok' | 'in-use'> {
  return new Promise((res, rej) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE') res('in-use');
      else rej(e);
    };
    const onListening = () => {
      server.off('error', onError);
      res('ok');
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ path: address, exclusive: true });
  });
}

/**
 * Takes the lock (creating the directory if needed). Throws DataDirLockedError while another live process
 * holds it. The socket does not keep the process alive (unref).
 */
export async function acquireLock(dir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  const mechanism = opts.mechanism ?? defaultMechanism();
  const root = resolve(dir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const address = lockAddress(root, mechanism);
  const info: HolderInfo = { pid: process.pid, role: opts.role ?? 'an inzage server or command', since: new Date().toISOString() };
  const answer = JSON.stringify(info);

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end(answer);
    });
    server.on('error', () => undefined); // after listening: nothing to do but keep the lock
    if ((await listen(server, address)) === 'ok') {
      server.unref();
      rmSync(join(root, LEGACY_LOCK_FILE), { force: true });
      let released = false;
      return {
        dir: root,
        mechanism,
        async release() {
          if (released) return;
          released = true;
          // Node removes a socket file itself when its server closes
          await new Promise<void>((res) => server.close(() => res()));
        },
      };
    }
    const holder = await ask(address);
    if (holder === 'no-answer') {
      // A holder whose event loop is busy, or one being torn down (a killed process's socket closes when its
      // last thread has gone, a moment after it shows as a zombie): ask again, then refuse.
      if (attempt === ATTEMPTS - 1) throw new DataDirLockedError(root, 0, 'a process that does not answer');
      continue;
    }
    if (holder) throw new DataDirLockedError(root, holder.pid, holder.role);
    // Nobody listens: a socket file left by a holder that died (only socket-file has a file to leave).
    if (mechanism === 'socket-file') await takeOverStaleFile(address);
  }
  throw new Error(`Could not lock the data directory ${root}.`);
}

/**
 * Move a dead holder's socket file aside (a rename, so that of two processes taking over at once only one
 * moves it), then check that what was moved is really dead; if it answers after all (a third process bound
 * the name between our connect and our rename), put it back.
 */
async function takeOverStaleFile(address: string): Promise<void> {
  const aside = `${address}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(address, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else moved it: try again
    throw e;
  }
  if ((await ask(aside)) !== null) {
    renameSync(aside, address); // alive after all: put it back; the next attempt will be refused by it
    return;
  }
  rmSync(aside, { force: true });
}
