/**
 * QTI results from what the user names (a file, a folder of them, a zip), or from files already in memory (an
 * upload): every file is read and every problem of every file reported; one bad file refuses them all.
 */
import { decodeXml } from '../files/decodeXml.ts';
import { readSources, type SourceFile, type SourceLimits } from '../files/sources.ts';
import { parseResult } from './parseResult.ts';
import type { ParsedResult, ResultsParseOptions } from './types.ts';
import { say } from '../issues.ts';

export type ResultsRead =
  | { ok: true; results: ParsedResult[]; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

export function parseResultFiles(files: readonly SourceFile[], options: ResultsParseOptions = {}): ResultsRead {
  const results: ParsedResult[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const f of files) {
    const decoded = decodeXml(f.bytes, f.name);
    if (!decoded.ok) {
      errors.push(decoded.error);
      continue;
    }
    const r = parseResult(decoded.text, f.name, options);
    warnings.push(...r.warnings);
    if (r.ok) results.push(r.result);
    else errors.push(...r.errors);
  }
  if (!files.length) errors.push(say('no-results-files', {}));
  return errors.length ? { ok: false, errors, warnings } : { ok: true, results, warnings };
}

export async function readResults(path: string, options: ResultsParseOptions & { limits?: SourceLimits } = {}): Promise<ResultsRead> {
  const sources = await readSources(path, ['.xml'], options.limits);
  const read = parseResultFiles(sources.files, options);
  if (!sources.errors.length) return read;
  return { ok: false, errors: [...sources.errors, ...(read.ok ? [] : read.errors)], warnings: read.warnings };
}
