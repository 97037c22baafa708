/**
 * One response against its question: the shape its type takes, ids that exist, a score within the maximum,
 * and — as warnings only (docs/design.md: Domain) — a closed question's score that disagrees with the key.
 */
import type { Question, ResponseValue } from '../../shared/domain.ts';
import type { ItemPart } from '../../shared/schema.ts';
import { isAnswered, isCorrect } from '../../shared/rules.ts';
import { coded } from '../../shared/i18n/importIssues.ts';
import { findDuplicates, type Issues, type Path } from './issues.ts';
import { valueProblem } from './itemRules.ts';

export interface ImportedResponse { questionId: string; response: ResponseValue; score: number }


export function checkResponse(q: Question, r: ImportedResponse, at: Path, issues: Issues): void {
  const before = issues.errorCount;
  if (r.response !== null) checkShape(q, r.response, [...at, 'response'], issues);
  if (r.score > q.maxScore) issues.error([...at, 'score'], coded('score-above-max', { score: r.score, max: q.maxScore }));
  if (issues.errorCount === before) warnOnScore(q, r, at, issues);
}

function checkShape(q: Question, value: Exclude<ResponseValue, null>, at: Path, issues: Issues): void {
  const wrong = () => issues.error(at, coded(`response-shape-${q.type}`, {}));
  switch (q.type) {
    case 'choice':
    case 'order': {
      if (!isIdList(value)) return wrong();
      const ids = idsOf(q, 'ids', () => new Set((q.type === 'choice' ? q.options : q.items).map((o) => o.id)));
      const kind = q.type === 'choice' ? 'option' : 'item';
      for (const id of value) if (!ids.has(id)) issues.error(at, coded(`unknown-${kind}`, { id }));
      findDuplicates(value, (id) => id, (_i, id) => issues.error(at, coded(`${kind}-given-twice`, { id })));
      if (q.type === 'choice' && !q.multiple && value.length > 1) issues.error(at, coded('single-answer-response', {}));
      return;
    }
    case 'match': {
      if (!isPairList(value)) return wrong();
      const left = idsOf(q, 'left', () => new Set(q.left.map((o) => o.id)));
      const right = idsOf(q, 'right', () => new Set(q.right.map((o) => o.id)));
      for (const [l, r] of value) {
        if (!left.has(l)) issues.error(at, coded('unknown-left-item', { id: l }));
        if (!right.has(r)) issues.error(at, coded('unknown-right-item', { id: r }));
      }
      findDuplicates(value, (p) => JSON.stringify(p), (_i, pair) => issues.error(at, coded('pair-given-twice', { pair })));
      return;
    }
    case 'text':
    case 'open':
      if (typeof value !== 'string') wrong();
      return;
    case 'numeric':
      if (typeof value !== 'number') wrong();
      return;
    case 'item': {
      if (typeof value !== 'object' || Array.isArray(value)) return wrong();
      const parts = partsOf(q);
      for (const [id, values] of Object.entries(value)) {
        const part = parts.get(id);
        if (!part) { issues.error([...at, id], coded('unknown-part', { id })); continue; }
        if (part.cardinality === 'single' && values.length > 1) issues.error([...at, id], coded('part-takes-one-value', { id, found: values.length }));
        for (const v of values) {
          const problem = valueProblem(part, v);
          if (problem) issues.error([...at, id], problem);
        }
      }
      return;
    }
  }
}

/**
 * A question's ids and parts, made once per question: a results import checks thousands of sittings against one
 * exam. Keyed by the question object, which is not changed once validated or stored.
 */
const questionIds = new WeakMap<Question, Map<string, ReadonlySet<string>>>();
function idsOf(q: Question, which: string, make: () => ReadonlySet<string>): ReadonlySet<string> {
  const own = questionIds.get(q) ?? questionIds.set(q, new Map()).get(q)!;
  return own.get(which) ?? own.set(which, make()).get(which)!;
}
const questionParts = new WeakMap<Question, ReadonlyMap<string, ItemPart>>();
function partsOf(q: Question & { type: 'item' }): ReadonlyMap<string, ItemPart> {
  return questionParts.get(q) ?? questionParts.set(q, new Map(q.parts.map((p) => [p.id, p]))).get(q)!;
}

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isPairList = (v: unknown): v is [string, string][] => Array.isArray(v) && v.every(Array.isArray);

/** Imported scores are authoritative; a disagreement with the key is worth a look, never a refusal. */
function warnOnScore(q: Question, r: ImportedResponse, at: Path, issues: Issues): void {
  const correct = isCorrect(q, r.response);
  if (correct === undefined || q.maxScore === 0) return;
  const scored = { score: r.score, max: q.maxScore };
  if (correct && r.score < q.maxScore) issues.warn(at, coded('correct-but-scored-low', scored));
  else if (!correct && r.score >= q.maxScore) issues.warn(at, coded(isAnswered(r.response) ? 'incorrect-but-scored-full' : 'unanswered-but-scored-full', scored));
}
