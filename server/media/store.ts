/**
 * The media folder of the data directory, `DATA/media/<sha256>.<ext>` (docs/design.md: Media). A file's name is
 * its content's hash, so a file once written never changes: writing one that exists writes nothing, and an
 * import that brings the same picture again leaves the folder as it was. Writes are durable (a synced temp
 * file renamed into place, the folder synced) before the import's content that refers to them is written.
 */
import { promises as fs, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { syncDir } from '../store/durableFile.ts';
import { isMediaName } from './files.ts';

let tmpCounter = 0;

/**
 * The media files of exam content as the importer, the sweep and the media route use them: this folder
 * (`MediaStore`), or PostgreSQL with a local cache (`PgMediaStore`, server/store/pg/mediaStore.ts).
 */
export interface MediaRepo {
  /** whether a file of this name is stored */
  has(name: string): boolean;
  /** A local path of the file, for sending (with Range); undefined for a name that is no media name or no stored file. */
  path(name: string): Promise<string | undefined>;
  list(): string[];
  /**
   * Stores the files not stored yet, durably; holds all of `files` and `alsoHold` until `release(held)`; `written`
   * are the ones this call added. On a failure nothing of it stays stored or held.
   */
  write(files: ReadonlyMap<string, Uint8Array>, alsoHold?: readonly string[]): Promise<{ written: string[]; held: string[] }>;
  release(names: readonly string[]): void;
  /** Removes these files (those that exist), except names an import holds; the names removed. */
  remove(names: readonly string[]): Promise<string[]>;
}

export class MediaStore implements MediaRepo {
  readonly dir: string;
  /** names an import has written and not yet committed its content for: a sweep leaves them be */
  private readonly pending = new Map<string, number>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'media');
  }

  has(name: string): boolean {
    return isMediaName(name) && existsSync(join(this.dir, name));
  }

  /** The file's path, for sending; undefined for a name that is no media name or no stored file. */
  async path(name: string): Promise<string | undefined> {
    return this.has(name) ? join(this.dir, name) : undefined;
  }

  list(): string[] {
    try {
      return readdirSync(this.dir).filter(isMediaName);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
  }

  /**
   * Writes the files not stored yet, durably. All of `files`, and the stored files named in `alsoHold` (those the
   * import's content shows), are held (safe from a sweep or another import's undoing) until `release(held)`; `written` are the ones this call added. On a failure the files this call
   * wrote are removed again and nothing stays held.
   */
  async write(files: ReadonlyMap<string, Uint8Array>, alsoHold: readonly string[] = []): Promise<{ written: string[]; held: string[] }> {
    const held = [...new Set([...files.keys(), ...alsoHold])];
    for (const name of held) this.pending.set(name, (this.pending.get(name) ?? 0) + 1);
    const written: string[] = [];
    try {
      const fresh = [...files.keys()].filter((name) => !this.has(name));
      if (!fresh.length) return { written, held };
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      for (const name of fresh) {
        const file = join(this.dir, name);
        const tmp = `${file}.tmp-${process.pid}-${++tmpCounter}`;
        const handle = await fs.open(tmp, 'w', 0o600);
        try {
          await handle.writeFile(files.get(name)!);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(tmp, file);
        written.push(name);
      }
      await syncDir(this.dir);
      return { written, held };
    } catch (e) {
      this.release(held);
      await this.remove(written);
      throw e;
    }
  }

  /** The import that held these names has committed (or given up): a sweep may judge them again. */
  release(names: readonly string[]): void {
    for (const name of names) {
      const n = (this.pending.get(name) ?? 1) - 1;
      if (n > 0) this.pending.set(name, n);
      else this.pending.delete(name);
    }
  }

  /** Removes these files (those that exist), except names an import is still writing. */
  async remove(names: readonly string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const name of names) {
      if (!isMediaName(name) || this.pending.has(name)) continue;
      try {
        await fs.rm(join(this.dir, name));
        removed.push(name);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    if (removed.length) await syncDir(this.dir);
    return removed;
  }
}
