/**
 * zod's messages as coded issues (shared/i18n/importIssues.ts), so that the console shows them in its language:
 * those of an import file and those of a form (`parse`). Only a message that is zod's default wording is coded (the English catalogue text must be it, or
 * begin it); a schema's own message ('an exam needs at least one question') and the rest stay plain text.
 */
import type * as z from 'zod';
import { coded, codedText, issueAt, type CodedMessage, type ImportIssue } from './i18n/importIssues.ts';

const quoted = (values: readonly unknown[], sep: string) => values.map((v) => JSON.stringify(v)).join(sep);

const ORIGINS = ['number', 'string', 'array'] as const;

function candidate(issue: z.core.$ZodIssue): CodedMessage | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return coded('invalid-type', { expected: issue.expected });
    case 'too_small':
    case 'too_big': {
      const origin = ORIGINS.find((o) => o === issue.origin);
      if (!origin) return undefined;
      return issue.code === 'too_small'
        ? coded(`too-small-${origin}`, { minimum: Number(issue.minimum) })
        : coded(`too-big-${origin}`, { maximum: Number(issue.maximum) });
    }
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? coded('unrecognized-key', { key: quoted(issue.keys, '') }) : coded('unrecognized-keys', { keys: quoted(issue.keys, ', ') });
    case 'invalid_value':
      return issue.values.length === 1 ? coded('invalid-literal', { value: quoted(issue.values, '') }) : coded('invalid-option', { values: quoted(issue.values, '|') });
    case 'invalid_format':
      return issue.format === 'datetime' ? coded('invalid-date-time', {}) : undefined;
    default:
      return undefined;
  }
}

/** The issue's coded message when its text is zod's default one, else its text. */
export function zodMessage(issue: z.core.$ZodIssue): string | CodedMessage {
  const c = candidate(issue);
  if (!c) return issue.message;
  const english = codedText('en', c);
  return issue.message === english || issue.message.startsWith(`${english},`) ? { ...c, english: issue.message } : issue.message;
}

/** A form's zod issues as structured items, each at its path (`details.issues` of an `invalid-input`). */
export const zodIssues = (issues: readonly z.core.$ZodIssue[], pathOf: (i: z.core.$ZodIssue) => string): ImportIssue[] =>
  issues.map((i) => issueAt(pathOf(i), zodMessage(i)));
