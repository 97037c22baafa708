/**
 * Exam versions: a sitting is shown with the questions it was taken with, also after a re-import changed them.
 * A version is named by a hash of the questions — texts, options, keys, marking schemes and maximum scores —
 * so that importing the same questions again is the same version, and any change to what a candidate sees or
 * was marked against is a new one. Title, subject, level and review settings are the exam's, not a version's.
 */
import { createHash } from 'node:crypto';
import type { Question } from '../../shared/domain.ts';

/** JSON with object keys sorted, so that the order of fields in a file does not make a new version. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The version of a list of questions: 16 hex digits of its SHA-256. */
export function examVersion(questions: readonly Question[]): string {
  return createHash('sha256').update(canonical(questions)).digest('hex').slice(0, 16);
}

export interface QuestionDiff {
  /** question numbers (in the new version) of questions that are new */
  added: number[];
  /** question numbers (in the old version) of questions that are gone */
  removed: number[];
  /** question numbers (in the new version) of questions whose content, key, scheme, number or maximum changed */
  changed: number[];
}

/** What changed between two versions' questions, matched by question id. */
export function diffQuestions(before: readonly Question[], after: readonly Question[]): QuestionDiff {
  const old = new Map(before.map((q) => [q.id, q]));
  const ids = new Set(after.map((q) => q.id));
  const diff: QuestionDiff = { added: [], removed: [], changed: [] };
  for (const q of after) {
    const o = old.get(q.id);
    if (!o) diff.added.push(q.number);
    else if (canonical(o) !== canonical(q)) diff.changed.push(q.number);
  }
  for (const q of before) if (!ids.has(q.id)) diff.removed.push(q.number);
  const byNumber = (a: number, b: number) => a - b;
  diff.added.sort(byNumber);
  diff.removed.sort(byNumber);
  diff.changed.sort(byNumber);
  return diff;
}

/** The sum of the questions' maximum scores (without floating-point noise). */
export function totalMaxScore(questions: readonly Question[]): number {
  return Math.round(questions.reduce((sum, q) => sum + q.maxScore, 0) * 1e6) / 1e6;
}
