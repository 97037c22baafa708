/** Opens a QTI package on disk: a `.zip` file (or any file that is a zip) or a folder with `imsmanifest.xml`. */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST } from './manifest.ts';
import { packageFromFolder, packageFromZip, PackageError, type QtiPackage } from './package.ts';

/** A zip file starts with a local file header (`PK\x03\x04`), or is an empty archive (`PK\x05\x06`). */
export function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && ((data[2] === 3 && data[3] === 4) || (data[2] === 5 && data[3] === 6));
}

/** Whether `path` is a QTI package rather than a JSON file: a folder, or a file that is a zip. */
export function isQtiPackagePath(path: string): boolean {
  if (!existsSync(path)) return false;
  if (statSync(path).isDirectory()) return true;
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return isZip(head);
}

export function openQtiPackage(path: string): { pkg: QtiPackage; size: number } {
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, MANIFEST))) throw new PackageError(`${path} is a folder without ${MANIFEST}; a QTI package has one at its top`);
    const pkg = packageFromFolder(path);
    return { pkg, size: 0 };
  }
  const data = readFileSync(path);
  return { pkg: packageFromZip(data, path), size: data.byteLength };
}
