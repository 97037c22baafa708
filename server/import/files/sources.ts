/**
 * The files of an import as the user names them: one file, a folder (its files, with those of its subfolders),
 * or a zip (fflate). Names are given relative to what was named (`results.zip/klas-4a/jan.xml`), in a stable
 * order, so that messages and the import itself do not depend on the file system's order.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { say } from '../issues.ts';

export interface SourceFile {
  /** for messages: the path as named, or `archive.zip/entry` */
  name: string;
  bytes: Uint8Array;
}

export interface SourceLimits {
  /** the largest one file (or zip entry) read, in bytes */
  maxFileBytes: number;
  /** the most all files together may hold, in bytes (uncompressed) */
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: SourceLimits = { maxFileBytes: 20 * 2 ** 20, maxTotalBytes: 1024 * 2 ** 20 };

export type Sources = { files: SourceFile[]; errors: string[] };

const mb = (n: number) => Math.round(n / 2 ** 20);
const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Reads `path`: a zip's entries, a folder's files, or the file itself. Only names ending in one of `extensions`
 * (`.xml`) are taken from a folder or zip; a file named directly is taken whatever its name.
 */
export async function readSources(path: string, extensions: readonly string[], limits = DEFAULT_LIMITS): Promise<Sources> {
  const info = await stat(path);
  if (info.isDirectory()) return readFolder(path, extensions, limits);
  if (info.size > limits.maxFileBytes && !path.toLowerCase().endsWith('.zip')) return { files: [], errors: [`${path}: ${mb(info.size)}; at most ${mb(limits.maxFileBytes)} per file`] };
  const bytes = new Uint8Array(await readFile(path));
  if (isZip(bytes)) return unzipSources(bytes, basename(path), extensions, limits);
  return { files: [{ name: path, bytes }], errors: [] };
}

const wanted = (name: string, extensions: readonly string[]) => extensions.some((e) => name.toLowerCase().endsWith(e));

/** Files stat'ed and read this many at a time: one at a time, a folder of 10,000 waited on each in turn. */
const PARALLEL = 16;

async function mapParallel<T, R>(xs: readonly T[], fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < xs.length; i += PARALLEL) out.push(...(await Promise.all(xs.slice(i, i + PARALLEL).map(fn))));
  return out;
}

async function readFolder(root: string, extensions: readonly string[], limits: SourceLimits): Promise<Sources> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile() && wanted(e.name, extensions)).map((e) => join(e.parentPath, e.name)).sort();
  const sizes = await mapParallel(paths, async (p) => (await stat(p)).size);
  const read: { name: string; path: string }[] = [];
  const errors: string[] = [];
  let total = 0;
  let over = false;
  paths.forEach((p, i) => {
    const size = sizes[i]!;
    const name = join(basename(root), relative(root, p));
    if (over) return;
    if (size > limits.maxFileBytes) errors.push(`${name}: ${say('file-too-large', { size: mb(size), max: mb(limits.maxFileBytes) })}`);
    else if ((total += size) > limits.maxTotalBytes) {
      errors.push(`${root}: ${say('total-too-large', { max: mb(limits.maxTotalBytes) })}`);
      over = true;
    } else read.push({ name, path: p });
  });
  const files = await mapParallel(read, async (f) => ({ name: f.name, bytes: new Uint8Array(await readFile(f.path)) }));
  return { files, errors };
}

/** A zip's wanted entries, sizes checked (from the zip's directory) before anything is inflated. */
export function unzipSources(bytes: Uint8Array, zipName: string, extensions: readonly string[], limits = DEFAULT_LIMITS): Sources {
  const errors: string[] = [];
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(f) {
        if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/') || !wanted(f.name, extensions)) return false;
        if (f.originalSize > limits.maxFileBytes) {
          errors.push(`${zipName}/${f.name}: ${say('file-too-large', { size: mb(f.originalSize), max: mb(limits.maxFileBytes) })}`);
          return false;
        }
        total += f.originalSize;
        return total <= limits.maxTotalBytes;
      },
    });
  } catch (e) {
    return { files: [], errors: [`${zipName}: not a readable zip file (${e instanceof Error ? e.message : String(e)})`] };
  }
  if (total > limits.maxTotalBytes) errors.push(`${zipName}: ${say('zip-too-large', { max: mb(limits.maxTotalBytes) })}`);
  const files = Object.keys(entries).sort().map((name) => ({ name: `${zipName}/${name}`, bytes: entries[name]! }));
  return { files, errors };
}
