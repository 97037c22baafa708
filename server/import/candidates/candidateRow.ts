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
  };
  const r = CandidateSchema.safeParse(input);
  if (r.success) return { candidate: r.data, problems: [] };
  const problems = r.error.issues.map((i) => {
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
