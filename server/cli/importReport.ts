/** The per-exam lines of `inzage import` (and its dry run): versions, maximum scores, sittings, review settings. */
import type { ReviewSettings } from '../../shared/domain.ts';
import type { ExamChangeDto } from '../../shared/protocol.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3", "3 and 5", "3, 5 and 8" */
function numbers(list: number[]): string {
  return list.length < 2 ? String(list[0]) : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

function questions(q: ExamChangeDto['questions']): string[] {
  const part = (list: number[], what: string) => (list.length ? [`question${list.length === 1 ? '' : 's'} ${numbers(list)} ${what}`] : []);
  return [...part(q.changed, 'changed'), ...part(q.added, 'added'), ...part(q.removed, 'removed')];
}

const REVIEW_FIELDS: (keyof ReviewSettings)[] = ['allowed', 'opensAt', 'closesAt', 'maxMinutes', 'showKey', 'showScheme', 'reveal'];

const show = (v: unknown) => (v === undefined ? '(none)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const differing = (a: ReviewSettings, b: ReviewSettings) => REVIEW_FIELDS.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));

/** `closesAt 2026-06-12T15:00:00Z → 2026-06-19T15:00:00Z, maxMinutes 45 → 60` */
export function reviewDifference(from: ReviewSettings, to: ReviewSettings): string {
  return differing(from, to).map((k) => `${k} ${show(from[k])} → ${show(to[k])}`).join(', ');
}

export function examChangeLines(c: ExamChangeDto): string[] {
  const name = `exam ${c.examId} (${c.title})`;
  const parts: string[] = [];
  if (c.change === 'added') parts.push('new');
  else if (c.newVersion) parts.push(`new version: ${questions(c.questions).join(', ')}`);
  else parts.push(c.change === 'updated' ? 'updated, same questions' : 'unchanged');
  if (c.maxScore) parts.push(`maximum score ${c.maxScore.from} → ${c.maxScore.to}`);
  if (c.sittingsOnOldVersion) {
    parts.push(`${plural(c.sittingsOnOldVersion, 'sitting')} stay${c.sittingsOnOldVersion === 1 ? 's' : ''} on the ${c.newVersion ? 'old version' : 'version it was taken with'}`);
  }
  if (c.sittingsInFile) parts.push(`${plural(c.sittingsInFile, 'sitting')} in this file${c.newVersion ? ', on the new version' : ''}`);
  const lines = [`${name}: ${parts.join('; ')}`];
  const r = c.review;
  if (r?.outcome === 'changed') lines.push(`${name}: review settings changed by the file: ${reviewDifference(r.from, r.to)}`);
  if (r?.outcome === 'kept') {
    const kept = differing(r.kept, r.file).map((k) => `${k} ${show(r.kept[k])} (the file: ${show(r.file[k])})`);
    lines.push(`${name}: review settings changed in the console are kept, as the file repeats its previous import's: ${kept.join(', ')}`);
  }
  return lines;
}
