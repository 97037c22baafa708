/**
 * Durable appends to a JSON Lines file, shared by the audit log (`audit.ts`) and the review journal
 * (`reviewJournal.ts`) (docs/design.md: Storage): `append` writes at the end, synchronised (O_DSYNC, or fdatasync
 * after the write), before it resolves; a
 * write that fails (a full disk) is cut off again, so the next one starts where the committed data ends.
 *
 * The descriptor stays open while appends keep coming (an open, a stat and a close per write cost three trips
 * through libuv's thread pool each) and is closed after a second without any, so an idle store holds no file open.
 * A plain numeric descriptor, not a `FileHandle`: one left open by a store nobody closes is not closed by the
 * garbage collector with a warning.
 *
 * Callers serialise their appends (one write at a time: their group commit), so `append` need not queue.
 */
import { close, closeSync, constants, fdatasync, fstat, ftruncate, open, write } from 'node:fs';
import { promisify } from 'node:util';
import { dirname } from 'node:path';
import { syncDir } from './durableFile.ts';

const openP = promisify(open);
const writeP = (fd: number, buf: Buffer, offset: number, length: number) =>
  new Promise<number>((resolve, reject) => write(fd, buf, offset, length, null, (e, n) => (e ? reject(e) : resolve(n))));
const fdatasyncP = promisify(fdatasync);
const fstatP = promisify(fstat);
const ftruncateP = promisify(ftruncate);
const closeP = promisify(close);

/**
 * Opened with O_DSYNC where the platform has it, a write returns once its data is on disk — what the write and the
 * fdatasync after it did, in one system call and one trip through libuv's thread pool instead of two (issue 17: each
 * trip wakes a pool thread, which on a busy machine takes the core from the start it serves). Elsewhere: the write,
 * then fdatasync.
 */
const DSYNC_APPEND = constants.O_DSYNC === undefined ? null : constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC;

export class AppendFile {
  private fd: number | null = null;
  /** bytes known to be in the file (after the last append, or at open) */
  private size = 0;
  private idle: NodeJS.Timeout | null = null;
  private busy = false;

  /** `syncDirOnCreate`: fsync the directory when this opens the file for the first time (a new file's name is durable only then). */
  constructor(readonly file: string, private syncDirOnCreate = false, private readonly idleCloseMs = 1000) {}

  /** Append `text` and fdatasync it; on failure cut the file back to where it was. */
  async append(text: string | Buffer): Promise<void> {
    this.busy = true;
    if (this.idle) {
      clearTimeout(this.idle);
      this.idle = null;
    }
    try {
      if (this.fd === null) {
        this.fd = await openP(this.file, DSYNC_APPEND ?? 'a', 0o600);
        this.size = (await fstatP(this.fd)).size;
        if (this.syncDirOnCreate) {
          await syncDir(dirname(this.file));
          this.syncDirOnCreate = false;
        }
      }
      const fd = this.fd;
      const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      try {
        let done = 0;
        while (done < buf.length) done += await writeP(fd, buf, done, buf.length - done);
        if (DSYNC_APPEND === null) await fdatasyncP(fd);
        this.size += buf.length;
      } catch (e) {
        await ftruncateP(fd, this.size).catch(() => undefined); // best effort: at worst the next start cuts a torn tail
        throw e;
      }
    } finally {
      this.busy = false;
      this.scheduleClose();
    }
  }

  /** Close the descriptor now (the next append opens it again); callers do not append meanwhile. */
  async close(): Promise<void> {
    if (this.idle) {
      clearTimeout(this.idle);
      this.idle = null;
    }
    const fd = this.fd;
    this.fd = null;
    if (fd !== null) await closeP(fd);
  }

  private scheduleClose(): void {
    if (this.fd === null) return;
    this.idle = setTimeout(() => {
      this.idle = null;
      if (this.busy || this.fd === null) return;
      const fd = this.fd;
      this.fd = null;
      try {
        closeSync(fd);
      } catch {
        // already closed: nothing to do
      }
    }, this.idleCloseMs);
    this.idle.unref?.();
  }
}

/**
 * Split a JSON Lines text into what to keep and an unfinished last line: a last line without its line end that
 * does not parse is an append a crash cut off before its fsync returned (never acknowledged). A whole line that
 * only lacks its line end is kept (`needsNewline`: the next append must end it first).
 */
export function splitTornTail(text: string): { kept: string; torn: string | undefined; needsNewline: boolean } {
  if (text === '' || text.endsWith('\n')) return { kept: text, torn: undefined, needsNewline: false };
  const cut = text.lastIndexOf('\n') + 1;
  const tail = text.slice(cut);
  try {
    JSON.parse(tail);
    return { kept: text, torn: undefined, needsNewline: true };
  } catch {
    return { kept: text.slice(0, cut), torn: tail, needsNewline: false };
  }
}
