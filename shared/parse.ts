/** Parsing input against a schema of the contract, the same way for every adapter and service. */
import type * as z from 'zod';
import { formatPath } from './protocol.ts';
import { zodIssues } from './zodIssues.ts';
import { refusalWith } from './refusals.ts';

/** Parse with a schema from shared/, or throw `invalid-input` naming every problem by its path. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  // `issues`: the same, coded where zod's wording is its default, so that the console can show them in its language
  const issues = zodIssues(r.error.issues, (i) => formatPath(i.path));
  throw refusalWith('invalid-input', 'invalid-fields', { errors, issues }, { fields: errors.join('; ') });
}
