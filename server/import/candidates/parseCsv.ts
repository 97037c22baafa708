/**
 * A candidate list as CSV (csv-parse): a header row naming the columns (see `csvColumns.ts`), then one
 * candidate per row. The delimiter (`;` as Dutch Excel writes it, `,` or a tab) is taken from the header row;
 * the encoding (UTF-8 with or without BOM, else Windows-1252) from the bytes. Every problem is reported at once,
 * as `file:line: message`; blank lines are skipped.
 */
import { parse } from 'csv-parse/sync';
import type { Candidate } from '../../../shared/schema.ts';
import { decodeText } from '../files/decodeText.ts';
import { duplicateNumbers, toCandidate, type CandidateFields } from './candidateRow.ts';
import { mapColumns } from './csvColumns.ts';
import type { CandidateList } from './types.ts';
import { say } from '../issues.ts';

/** The delimiter that the first line uses most, outside quotes. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] ? best : ';';
}

interface Row { record: string[]; line: number }

export function parseCandidateCsv(bytes: Uint8Array, file: string): CandidateList {
  const { text: raw, encoding } = decodeText(bytes);
  const text = raw.replace(/^\uFEFF/, '');
  const warnings: string[] = encoding === 'windows-1252' ? [`${file}: ${say('csv-not-utf8', {})}`] : [];
  let rows: Row[];
  try {
    rows = (parse(text, { delimiter: detectDelimiter(text), info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[])
      .map(({ record, info }) => ({ record, line: info.lines }))
      .filter((r) => r.record.some((f) => f.trim() !== ''));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { ok: false, errors: [`${file}${line ? `:${line}` : ''}: ${say('csv-unreadable', { reason: e instanceof Error ? e.message : String(e) })}`], warnings };
  }
  const [header, ...body] = rows;
  if (!header) return { ok: false, errors: [`${file}: ${say('csv-empty', {})}`], warnings };
  const map = mapColumns(header.record);
  if (!map.ok) return { ok: false, errors: [`${file}:${header.line}: ${map.error}`], warnings };
  if (!body.length) return { ok: false, errors: [`${file}: ${say('csv-no-candidates', {})}`], warnings };

  const errors: string[] = [];
  const found: (Candidate & { where: string; line: number })[] = [];
  for (const row of body) {
    if (row.record.length > header.record.length) {
      errors.push(`${file}:${row.line}: ${say('csv-field-count', { fields: row.record.length, header: header.record.length })}`);
      continue;
    }
    const fields: CandidateFields = {};
    for (const [field, index] of Object.entries(map.columns) as [keyof CandidateFields, number][]) fields[field] = row.record[index];
    const { candidate, problems } = toCandidate(fields, (f) => map.labels[f] ?? f);
    for (const p of problems) errors.push(`${file}:${row.line}: ${p}`);
    if (candidate) found.push({ ...candidate, where: `${file}:${row.line}`, line: row.line });
  }
  duplicateNumbers(found, (e, first) => errors.push(`${e.where}: ${say('csv-duplicate-number', { number: e.number, line: first.line })}`));
  if (errors.length) return { ok: false, errors, warnings };
  return { ok: true, candidates: found.map(({ where: _w, line: _l, ...c }) => c), warnings };
}
