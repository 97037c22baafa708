/**
 * A QTI content package as a set of files by their path inside it: a `.zip` (read with fflate, in memory) or a
 * folder holding `imsmanifest.xml`. Paths are resolved as URLs relative to the referring file; a path that
 * leaves the package (`../…`) or an absolute one names no file. Limits guard the server against a zip bomb.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { say } from '../issues.ts';

/** The largest package, unpacked. */
export const MAX_PACKAGE_BYTES = 200 * 1024 * 1024;
/** The largest single file in a package: a film's limit (`MAX_MEDIA_BYTES`); other kinds are checked after reading. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface QtiPackage {
  /** the file at `path` (package-relative, `/`-separated), or undefined if the package has none */
  read(path: string): Uint8Array | undefined;
  has(path: string): boolean;
}

export class PackageError extends Error {}

const mb = (n: number) => Math.round(n / 1024 / 1024);

export function packageFromZip(zip: Uint8Array, name: string): QtiPackage {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (f.name.endsWith('/')) return false;
        if (f.originalSize > MAX_FILE_BYTES) throw new PackageError(`${name}: ${say('package-file-too-large', { file: f.name, size: mb(f.originalSize), max: mb(MAX_FILE_BYTES) })}`);
        total += f.originalSize;
        if (total > MAX_PACKAGE_BYTES) throw new PackageError(`${name}: ${say('package-too-large', { max: mb(MAX_PACKAGE_BYTES) })}`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof PackageError) throw e;
    throw new PackageError(`${name}: ${say('package-unreadable', { reason: (e as Error).message })}`);
  }
  const byPath = new Map(Object.entries(files).map(([p, data]) => [normalize(p), data] as const));
  return { read: (p) => byPath.get(p), has: (p) => byPath.has(p) };
}

export function packageFromFolder(dir: string): QtiPackage {
  const byPath = new Map<string, string>();
  let total = 0;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const size = statSync(full).size;
        const rel = relative(dir, full).split(sep).join('/');
        if (size > MAX_FILE_BYTES) throw new PackageError(say('folder-file-too-large', { file: rel, size: mb(size), max: mb(MAX_FILE_BYTES) }));
        total += size;
        if (total > MAX_PACKAGE_BYTES) throw new PackageError(`${dir}: ${say('folder-package-too-large', { max: mb(MAX_PACKAGE_BYTES) })}`);
        byPath.set(rel, full);
      }
    }
  };
  walk(dir);
  return {
    read: (p) => {
      const full = byPath.get(p);
      return full === undefined ? undefined : readFileSync(full);
    },
    has: (p) => byPath.has(p),
  };
}

/** `a/./b/../c` → `a/c`; undefined for a path that climbs out of the package. */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return '\0outside';
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * The package path of `href` as written in the file at `from`: relative to that file's folder, percent-decoding
 * applied, query and fragment dropped. Undefined for an absolute URL or one that leaves the package.
 */
export function resolveHref(from: string, href: string): string | undefined {
  const h = href.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(h.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const p = normalize(dir + decoded);
  return p.startsWith('\0') ? undefined : p;
}

export function decodeText(data: Uint8Array): string {
  return new TextDecoder('utf-8').decode(data);
}
