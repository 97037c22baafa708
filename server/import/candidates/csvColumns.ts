/**
 * The columns of a candidate list as Dutch student administrations (Magister, Somtoday, …) name them, matched
 * without regard to case, spaces, dots, hyphens and underscores (`Examennummer`, `ExamenNummer`, `examen_nummer`).
 */
import type { CandidateFields } from './candidateRow.ts';
import { say } from '../issues.ts';

type Field = keyof CandidateFields;

/** Per field, the names it goes by, the preferred first: an `examennummer` column wins over a `leerlingnummer`. */
const NAMES: Record<Field, readonly string[]> = {
  number: ['examennummer', 'kandidaatnummer', 'leerlingnummer', 'llnr'],
  firstName: ['voornaam', 'roepnaam'],
  lastNamePrefix: ['tussenvoegsel', 'tussenvoegsels', 'voorvoegsel'],
  lastName: ['achternaam'],
  className: ['klas', 'stamgroep', 'groep'],
  // accommodations (docs/import-format.md, Candidate lists): a percentage, and ja/nee
  extraTime: ['extratijd', 'extratijd(%)', 'extratijd%'],
  readAloud: ['voorlezen'],
};
const REQUIRED: readonly Field[] = ['number', 'firstName', 'lastName'];

export const normalizeHeader = (h: string): string => h.toLowerCase().replace(/[\s._-]+/g, '');

export type ColumnMap = { ok: true; columns: Partial<Record<Field, number>>; labels: Partial<Record<Field, string>> } | { ok: false; error: string };

export function mapColumns(header: readonly string[]): ColumnMap {
  const normalized = header.map(normalizeHeader);
  const columns: Partial<Record<Field, number>> = {};
  const labels: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(NAMES) as Field[]) {
    for (const name of NAMES[field]) {
      const index = normalized.indexOf(name);
      if (index >= 0) {
        columns[field] = index;
        labels[field] = header[index]!.trim();
        break;
      }
    }
  }
  const missing = REQUIRED.filter((f) => columns[f] === undefined);
  if (missing.length) {
    const wanted = missing.map((f) => NAMES[f].slice(0, f === 'number' ? 3 : 1).join('/')).join(', ');
    return { ok: false, error: say('csv-no-column', { wanted, found: header.map((h) => `"${h.trim()}"`).join(', ') || '—' }) };
  }
  return { ok: true, columns, labels };
}
