/**
 * An import run of several inputs against a store: combined (`combineInputs`), then checked and planned or
 * written as one import file (`importData`), all or nothing; messages of the later checks name their input.
 */
import type { Store } from '../../store/index.ts';
import { importData, type ImportOptions, type ImportResult } from '../importData.ts';
import type { KnownContent } from '../importRules.ts';
import { combineInputs, type CombineOptions, type Combined, type InputSummary } from './combine.ts';
import type { ImportInput } from './types.ts';
import type { ImportIssue } from '../../../shared/i18n/importIssues.ts';
import { issueLine, relabelIssue, uncodedIssue } from '../issues.ts';

/** Nothing stored yet (the command line before a data directory exists). */
export const EMPTY_CONTENT: KnownContent = { exam: () => undefined, group: () => undefined, candidate: () => undefined };

export type InputsImportResult = ImportResult & { inputs?: InputSummary[] };

export async function importInputs(store: Store, inputs: readonly ImportInput[], options: CombineOptions & ImportOptions = {}): Promise<InputsImportResult> {
  const combined = combineInputs(inputs, store.content, options);
  if (!combined.ok) return combined;
  return withInputs(await importData(store, combined.value, { ...options, media: combined.media }), combined);
}

/** The later checks' result with the inputs' own warnings first and every message naming its input. */
export function withInputs(result: ImportResult, combined: Extract<Combined, { ok: true }>): InputsImportResult {
  const relabel = (list: readonly string[]) => list.map((m) => combined.origins.relabel(m));
  const warnings = [...combined.warnings, ...relabel(result.warnings)];
  // the coded issues name their input too; the inputs' own warnings have no code
  const relabelItems = (list: readonly ImportIssue[] | undefined) => list?.map((i) => relabelIssue(i, combined.origins.relabel(issueLine(i))));
  const warningItems = result.warningItems && [...combined.warnings.map(uncodedIssue), ...relabelItems(result.warningItems)!];
  const items = warningItems ? { warningItems } : {};
  if (result.ok) return { ...result, warnings, ...items, inputs: combined.inputs };
  const errorItems = relabelItems(result.errorItems);
  return { ...result, errors: relabel(result.errors), warnings, ...items, ...(errorItems ? { errorItems } : {}) };
}
