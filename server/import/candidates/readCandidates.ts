/**
 * A candidate list, CSV or EDEXML, told apart by its content (an XML file starts with `<`, after a byte order
 * mark and white space), not by its name: exports are often misnamed.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseCandidateCsv } from './parseCsv.ts';
import { parseCandidateEdexml } from './parseEdexml.ts';
import type { CandidateList } from './types.ts';

export function isXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}

export function parseCandidateList(bytes: Uint8Array, file: string): CandidateList {
  return isXml(bytes) ? parseCandidateEdexml(bytes, file) : parseCandidateCsv(bytes, file);
}

/** The largest candidate list read (a school's whole administration is well under this). */
export const MAX_LIST_BYTES = 20 * 2 ** 20;

export async function readCandidateList(path: string): Promise<CandidateList> {
  if ((await stat(path)).size > MAX_LIST_BYTES) return { ok: false, errors: [`${path}: larger than ${MAX_LIST_BYTES / 2 ** 20} MB`], warnings: [] };
  const bytes = new Uint8Array(await readFile(path));
  return parseCandidateList(bytes, path);
}
