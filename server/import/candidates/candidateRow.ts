/**
 * One candidate from the fields of a list (a CSV row, an EDEXML `leerling`): checked against `CandidateSchema`,
 * each problem named by its field as the file calls it; and the duplicate numbers of a list.
 */
import { CandidateSchema, type Candidate } from '../../../shared/schema.ts';

export interface CandidateFields {
  number?: string;
  firstName?: string;
  lastNamePrefix?: string;
  lastName?: string;
  className?: string;
  /** `extra tijd`: a whole percentage, `25` or `25%` */
  extraTime?: string;
  /** `voorlezen`: ja/nee (also j/n, yes/no, true/false, 1/0) */
  readAloud?: string;
}

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', '1', 'x']);
const NO = new Set(['nee', 'n', 'no', 'false', '0', '']);

/** The accommodations of a list's fields, or undefined when the list gives none; a value that is neither stays a text, which the schema refuses. */
function accommodationsOf(fields: CandidateFields): Record<string, unknown> | undefined {
  const extra = fields.extraTime?.trim().replace(/\s*%$/, '') ?? '';
  const aloud = fields.readAloud?.trim().toLowerCase() ?? '';
  if (!extra && !aloud) return undefined;
  return {
    extraTimePercent: extra === '' ? 0 : /^\d+$/.test(extra) ? Number(extra) : extra,
    readAloud: YES.has(aloud) ? true : NO.has(aloud) ? false : aloud,
  };
}

/** `fields` → the candidate, or the messages (`"<label>": message`) for the fields that fail. */
export function toCandidate(fields: CandidateFields, labelOf: (field: keyof CandidateFields) => string): { candidate?: Candidate; problems: string[] } {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const input = {
    number: fields.number?.trim() ?? '',
    firstName: fields.firstName?.trim() ?? '',
    lastName: fields.lastName?.trim() ?? '',
    ...(blank(fields.lastNamePrefix) && { lastNamePrefix: blank(fields.lastNamePrefix) }),
    ...(blank(fields.className) && { className: blank(fields.className) }),
    ...(accommodationsOf(fields) && { accommodations: accommodationsOf(fields) }),
  };
  const r = CandidateSchema.safeParse(input);
  if (r.success) return { candidate: r.data, problems: [] };
  const problems = r.error.issues.map((i) => {
    if (i.path[0] === 'accommodations') {
      const field = i.path[1] === 'readAloud' ? 'readAloud' : 'extraTime';
      return `"${labelOf(field)}" ${field === 'readAloud' ? 'must be ja or nee' : i.message}`;
    }
    const field = i.path[0] as keyof CandidateFields;
    const message = input[field as 'number'] === '' ? 'is empty' : i.message;
    return `"${labelOf(field)}" ${message}`;
  });
  return { problems };
}

/** Reports each candidate number that an earlier entry already had. */
export function duplicateNumbers<T extends { number: string; where: string }>(entries: readonly T[], report: (entry: T, first: T) => void): void {
  const seen = new Map<string, T>();
  for (const e of entries) {
    const first = seen.get(e.number);
    if (first) report(e, first);
    else seen.set(e.number, e);
  }
}
