/** Cross checks inside one exam: unique question ids and numbers, keys that refer to the question's own ids. */
import type { Question } from '../../shared/domain.ts';
import type { ImportedExam } from '../../shared/schema.ts';
import { coded } from '../../shared/i18n/importIssues.ts';
import { findDuplicates, type Issues, type Path } from './issues.ts';
import { checkItem } from './itemRules.ts';

export function checkExam(exam: ImportedExam, at: Path, issues: Issues): void {
  const { opensAt, closesAt } = exam.review ?? {};
  if (opensAt && closesAt && Date.parse(opensAt) >= Date.parse(closesAt)) {
    issues.error([...at, 'review', 'closesAt'], coded('closes-before-opens', { opensAt }));
  }
  findDuplicates(exam.questions, (q) => q.id, (i, id, first) =>
    issues.error([...at, 'questions', i, 'id'], coded('duplicate-question-id', { id, first })));
  findDuplicates(exam.questions, (q) => String(q.number), (i, n, first) =>
    issues.error([...at, 'questions', i, 'number'], coded('duplicate-question-number', { number: n, first })));
  exam.questions.forEach((q, i) => checkQuestion(q, [...at, 'questions', i], issues));
}

function checkQuestion(q: Question, at: Path, issues: Issues): void {
  const key = [...at, 'key'];
  switch (q.type) {
    case 'choice': {
      const ids = uniqueIds(q.options, [...at, 'options'], 'option', issues);
      checkKeyIds(q.key, ids, 'option', key, issues);
      if (!q.multiple && q.key.length !== 1) {
        issues.error(key, coded('single-answer-key', { found: q.key.length }));
      }
      return;
    }
    case 'order': {
      const ids = uniqueIds(q.items, [...at, 'items'], 'item', issues);
      if (!checkKeyIds(q.key, ids, 'item', key, issues)) return;
      const missing = [...ids].filter((id) => !q.key.includes(id));
      if (missing.length) issues.error(key, coded('order-key-incomplete', { missing: missing.map((m) => `"${m}"`).join(', ') }));
      return;
    }
    case 'match': {
      const left = uniqueIds(q.left, [...at, 'left'], 'left-item', issues);
      const right = uniqueIds(q.right, [...at, 'right'], 'right-item', issues);
      checkKeyIds(q.key.map((p) => p[0]), left, 'left-item', key, issues, false);
      checkKeyIds(q.key.map((p) => p[1]), right, 'right-item', key, issues, false);
      findDuplicates(q.key, (p) => JSON.stringify(p), (_i, pair) => issues.error(key, coded('pair-listed-twice', { pair })));
      return;
    }
    case 'item':
      checkItem(q, at, issues);
      return;
    case 'text':
    case 'numeric':
    case 'open':
      return;
  }
}

/** What a key's ids name, as in the issue codes (`unknown-left-item`). */
type Kind = 'option' | 'item' | 'left-item' | 'right-item';

/** Reports duplicate ids in a list of labels; returns the set of ids. */
function uniqueIds(list: readonly { id: string }[], at: Path, kind: Kind, issues: Issues): Set<string> {
  findDuplicates(list, (x) => x.id, (i, id) => issues.error([...at, i, 'id'], coded(`duplicate-${kind}-id`, { id })));
  return new Set(list.map((x) => x.id));
}

/** Reports key entries that are unknown (and, unless allowed, repeated); true when all are fine. */
function checkKeyIds(key: readonly string[], ids: ReadonlySet<string>, kind: Kind, at: Path, issues: Issues, unique = true): boolean {
  let fine = true;
  for (const id of key) {
    if (!ids.has(id)) { issues.error(at, coded(`unknown-${kind}`, { id })); fine = false; }
  }
  if (unique) findDuplicates(key, (id) => id, (_i, id) => { issues.error(at, coded(`${kind as 'option' | 'item'}-listed-twice`, { id })); fine = false; });
  return fine;
}
