/**
 * What an import input is, told by its content, never by its name (exports are often misnamed):
 *
 * - a zip: a QTI content package when it holds `imsmanifest.xml` at its top, else QTI results (its `.xml` files);
 * - XML (after a byte order mark and white space, `<`): QTI results when its root element is `assessmentResult`,
 *   else a candidate list in EDEXML; a lone QTI item, test or manifest is refused with a hint;
 * - JSON (`{` or `[`): an inzage/v1 import file;
 * - anything else: a CSV candidate list.
 *
 * `classifyBytes` serves the console's upload (files in memory); `readPath` the command line (a file or folder).
 */
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { parseJsonText } from '../../../shared/jsonText.ts';
import { isXml, MAX_LIST_BYTES } from '../candidates/readCandidates.ts';
import { readSources, unzipSources, type SourceLimits, DEFAULT_LIMITS } from '../files/sources.ts';
import { MANIFEST } from '../qti/manifest.ts';
import { isZip } from '../qti/open.ts';
import { packageFromFolder, packageFromZip, PackageError } from '../qti/package.ts';
import type { ImportInput } from './types.ts';
import { say } from '../issues.ts';

export type Classified = { ok: true; input: ImportInput } | { ok: false; errors: string[] };

const fail = (...errors: string[]): Classified => ({ ok: false, errors });

/** The names of a zip's entries, read from its directory without inflating anything. */
function zipNames(bytes: Uint8Array): string[] | undefined {
  const names: string[] = [];
  try {
    unzipSync(bytes, { filter: (f) => { names.push(f.name); return false; } });
  } catch {
    return undefined;
  }
  return names;
}

/** The local name of the root element of an XML text's first 4 KB (after the declaration, comments, a doctype). */
export function rootElementName(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096));
  const stripped = head.replace(/^\uFEFF/, '').replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  const m = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(stripped);
  return m?.[2];
}

const QTI_CONTENT = /^(qti-)?(assessment-?item|assessment-?test|assessment-?stimulus)$/i;

function classifyXml(name: string, bytes: Uint8Array): Classified {
  const root = rootElementName(bytes);
  if (root === 'assessmentResult' && bytes.length > DEFAULT_LIMITS.maxFileBytes) return fail(`${name}: ${say('results-file-too-large', { mb: DEFAULT_LIMITS.maxFileBytes / 2 ** 20 })}`);
  if (root === 'assessmentResult') return { ok: true, input: { kind: 'results', name, files: [{ name, bytes }], size: bytes.length } };
  if (root === 'manifest') return fail(`${name}: ${say('manifest-alone', {})}`);
  if (root && QTI_CONTENT.test(root)) return fail(`${name}: ${say('qti-content-alone', { root })}`);
  return candidateList(name, bytes);
}

function candidateList(name: string, bytes: Uint8Array): Classified {
  if (bytes.length > MAX_LIST_BYTES) return fail(`${name}: ${say('list-too-large', { mb: MAX_LIST_BYTES / 2 ** 20 })}`);
  return { ok: true, input: { kind: 'candidates', name, bytes, size: bytes.length } };
}

function classifyZip(name: string, bytes: Uint8Array, limits: SourceLimits): Classified {
  const names = zipNames(bytes);
  if (!names) return fail(`${name}: ${say('zip-unreadable', {})}`);
  if (names.includes(MANIFEST)) {
    try {
      return { ok: true, input: { kind: 'package', name, pkg: packageFromZip(bytes, name), size: bytes.length } };
    } catch (e) {
      if (e instanceof PackageError) return fail(e.message);
      throw e;
    }
  }
  const sources = unzipSources(bytes, name, ['.xml'], limits);
  if (sources.errors.length) return fail(...sources.errors);
  if (!sources.files.length) return fail(`${name}: ${say('zip-without-content', {})}`);
  const size = sources.files.reduce((n, f) => n + f.bytes.length, 0);
  return { ok: true, input: { kind: 'results', name, files: sources.files, size } };
}

/** One file's bytes, as uploaded or read: what it is. */
export function classifyBytes(name: string, bytes: Uint8Array, limits: SourceLimits = DEFAULT_LIMITS): Classified {
  if (isZip(bytes)) return classifyZip(name, bytes, limits);
  if (isXml(bytes)) return classifyXml(name, bytes);
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    const json = parseJsonText(text);
    if (!json.ok) return fail(`${name}: ${json.found === null ? say('json-invalid-end', { line: json.line, column: json.column }) : say('json-invalid', { line: json.line, column: json.column, found: JSON.stringify(json.found) })}`);
    return { ok: true, input: { kind: 'json', name, value: json.value, size: bytes.length } };
  }
  return candidateList(name, bytes);
}

/**
 * A path on the command line: a folder (a QTI package with imsmanifest.xml, else a folder of results) or a file.
 * A path that cannot be read at all throws the file system's error.
 */
export async function readPath(path: string, limits: SourceLimits = DEFAULT_LIMITS): Promise<Classified> {
  const info = await stat(path);
  if (info.isDirectory()) {
    if (existsSync(join(path, MANIFEST))) {
      try {
        return { ok: true, input: { kind: 'package', name: path, pkg: packageFromFolder(path), size: 0 } };
      } catch (e) {
        if (e instanceof PackageError) return fail(e.message);
        throw e;
      }
    }
    const sources = await readSources(path, ['.xml'], limits);
    if (sources.errors.length) return fail(...sources.errors);
    if (!sources.files.length) return fail(`${path}: ${say('folder-without-content', {})}`);
    return { ok: true, input: { kind: 'results', name: path, files: sources.files, size: sources.files.reduce((n, f) => n + f.bytes.length, 0) } };
  }
  return classifyBytes(path, new Uint8Array(await readFile(path)), limits);
}
