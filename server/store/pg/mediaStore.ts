/**
 * Media files on PostgreSQL (docs/design.md: PostgreSQL store, Content and media): the bytes in `media_files`
 * (bytea), content-addressed by the same `<sha256>.<ext>` names as the media folder, and a cache directory of this
 * process's own from which the media route sends them (with Range, as from the folder). A file another process
 * stored is fetched into the cache on first use; one another process removed leaves the cache when announced.
 *
 * The names stored are held in memory (`has` and `list` stay synchronous) and kept in step through the notices
 * (table `media`). An import's holds are rows of `media_holds` as well as counts in memory, so that a sweep in any
 * process leaves a file between its write and the commit of the content that shows it; a hold older than an hour
 * is taken for one a crashed process left. A removal also keeps a file that a stored exam or exam version in the
 * database still shows, so that a sweep by a process whose memory is behind another's import never removes its files.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { isMediaName } from '../../media/files.ts';
import type { MediaRepo } from '../../media/store.ts';
import type { PgDb } from './db.ts';
import { SerialQueue } from './serialQueue.ts';

const TABLE = 'media';
/** A hold older than this is one a crashed process left. */
const HOLD_EXPIRY = "interval '1 hour'";

export class PgMediaStore implements MediaRepo {
  private names = new Set<string>();
  /** names held by this process's imports, counted */
  private readonly pending = new Map<string, number>();
  private readonly fetching = new Map<string, Promise<string | undefined>>();
  /** this store's writes (holds released, removals) and reloads, one at a time in call order */
  private readonly queue = new SerialQueue();
  private readonly holder = randomUUID();

  private constructor(private readonly db: PgDb, readonly cacheDir: string) {}

  static async open(db: PgDb, cacheDir: string): Promise<PgMediaStore> {
    await fs.mkdir(cacheDir, { recursive: true, mode: 0o700 });
    const store = new PgMediaStore(db, cacheDir);
    db.onChange(TABLE, (name) => { store.serial(() => store.reload(name)).catch((e: unknown) => console.error('inzage: could not reload media from PostgreSQL:', e)); });
    await store.serial(() => store.reload('*'));
    return store;
  }

  has(name: string): boolean {
    return isMediaName(name) && this.names.has(name);
  }

  list(): string[] {
    return [...this.names];
  }

  /** The cached copy's path; fetched from the database first if this process has none (yet). */
  async path(name: string): Promise<string | undefined> {
    if (!isMediaName(name)) return undefined;
    const local = join(this.cacheDir, name);
    if (this.names.has(name) && existsSync(local)) return local;
    let fetch = this.fetching.get(name);
    if (!fetch) {
      fetch = this.fetch(name, local).finally(() => this.fetching.delete(name));
      this.fetching.set(name, fetch);
    }
    return fetch;
  }

  private async fetch(name: string, local: string): Promise<string | undefined> {
    const { rows } = await this.db.pool.query<{ bytes: Buffer }>('SELECT bytes FROM media_files WHERE name = $1', [name]);
    if (!rows[0]) return undefined;
    await this.cache(name, rows[0].bytes);
    this.names.add(name);
    return local;
  }

  /** A copy in the cache directory (written whole, then renamed into place: a reader never sees part of one). */
  private async cache(name: string, bytes: Uint8Array): Promise<void> {
    const file = join(this.cacheDir, name);
    const tmp = `${file}.tmp-${process.pid}-${randomUUID()}`;
    await fs.writeFile(tmp, bytes, { mode: 0o600 });
    await fs.rename(tmp, file);
  }

  async write(files: ReadonlyMap<string, Uint8Array>, alsoHold: readonly string[] = []): Promise<{ written: string[]; held: string[] }> {
    const held = [...new Set([...files.keys(), ...alsoHold])];
    for (const name of held) this.pending.set(name, (this.pending.get(name) ?? 0) + 1);
    try {
      const written = await this.db.tx(async (c) => {
        // held in the same transaction as written: no sweep of any process sees the file without its hold
        await c.query(
          `INSERT INTO media_holds (name, holder) SELECT unnest($1::text[]), $2
           ON CONFLICT (name, holder) DO UPDATE SET since = now()`,
          [held, this.holder],
        );
        const added: string[] = [];
        for (const [name, bytes] of files) {
          if (!isMediaName(name)) throw new Error(`Not a media file name: ${name}`);
          const { rows } = await c.query<{ name: string }>(
            'INSERT INTO media_files (name, bytes) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING name',
            [name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
          );
          if (rows[0]) added.push(name);
        }
        await this.db.notify(c, TABLE, added);
        return added;
      });
      for (const name of files.keys()) this.names.add(name);
      // the cache now, while the bytes are at hand (a failure here costs a fetch later, nothing else)
      await Promise.all([...files].map(([name, bytes]) => this.cache(name, bytes).catch(() => undefined)));
      return { written, held };
    } catch (e) {
      this.release(held);
      throw e;
    }
  }

  release(names: readonly string[]): void {
    const free: string[] = [];
    for (const name of names) {
      const n = (this.pending.get(name) ?? 1) - 1;
      if (n > 0) this.pending.set(name, n);
      else {
        this.pending.delete(name);
        free.push(name);
      }
    }
    if (!free.length) return;
    this.serial(() => this.db.pool.query('DELETE FROM media_holds WHERE holder = $1 AND name = ANY($2::text[])', [this.holder, free]))
      .catch((e: unknown) => console.error('inzage: could not release media holds in PostgreSQL:', e));
  }

  /**
   * Removes these files, except those an import of any process holds, and those a stored exam (or an exam version
   * a sitting was taken with) shows in the database.
   */
  remove(names: readonly string[]): Promise<string[]> {
    const asked = [...new Set(names)].filter((n) => isMediaName(n) && !this.pending.has(n));
    if (!asked.length) return Promise.resolve([]);
    return this.serial(async () => {
      const removed = await this.db.tx(async (c) => {
        const { rows } = await c.query<{ name: string }>(
          `DELETE FROM media_files m WHERE m.name = ANY($1::text[])
             AND NOT EXISTS (SELECT 1 FROM media_holds h WHERE h.name = m.name AND h.since > now() - ${HOLD_EXPIRY})
             AND NOT EXISTS (SELECT 1 FROM content_exams e WHERE strpos(e.doc::text, m.name) > 0)
             AND NOT EXISTS (SELECT 1 FROM content_exam_versions v WHERE strpos(v.questions::text, m.name) > 0)
           RETURNING m.name`,
          [asked],
        );
        const gone = rows.map((r) => r.name);
        await this.db.notify(c, TABLE, gone);
        return gone;
      });
      for (const name of removed) await this.forget(name);
      return removed;
    });
  }

  /** Wait for this store's writes and the reloads announced so far. */
  async settled(): Promise<void> {
    await this.queue.idle();
  }

  close(): Promise<void> {
    return this.settled();
  }

  private serial<R>(fn: () => Promise<R>): Promise<R> {
    return this.queue.run(fn);
  }

  /** Another process stored or removed `name` ('*': any number of files). */
  private async reload(name: string): Promise<void> {
    if (name === '*') {
      const { rows } = await this.db.pool.query<{ name: string }>('SELECT name FROM media_files');
      const there = new Set(rows.map((r) => r.name));
      for (const known of [...this.names]) if (!there.has(known)) await this.forget(known);
      this.names = there;
      // a copy left in the cache by an earlier run, of a file removed since
      for (const f of await fs.readdir(this.cacheDir)) if (isMediaName(f) && !there.has(f)) await this.forget(f);
      return;
    }
    const { rows } = await this.db.pool.query('SELECT 1 FROM media_files WHERE name = $1', [name]);
    if (rows.length) this.names.add(name);
    else await this.forget(name);
  }

  private async forget(name: string): Promise<void> {
    this.names.delete(name);
    await fs.rm(join(this.cacheDir, name), { force: true });
  }
}
