/**
 * Privacy (DESIGN §6): candidate data can be purged per exam or before a date. Exams stay — they are content,
 * not personal data. The audit log records the selector and the counts, never names.
 *
 * - per exam: its groups, their sittings, and the candidates no longer referenced by any remaining group or
 *   sitting;
 * - before a date: sittings submitted before it, groups left without sittings that started before it, and
 *   the candidates no longer referenced. A date without a time means 00:00 UTC.
 *
 * Callers that run review sessions end those of the selected sittings first (see `selectPurge`).
 */
import type { ContentStore } from './store/content.ts';
import type { Store } from './store/index.ts';

export interface PurgeSelector { examId?: string; before?: string }
export interface PurgeOptions extends PurgeSelector { dryRun: boolean; actor?: string }
export interface PurgeCounts { sittings: number; groups: number; candidates: number }
export interface PurgeSelection { sittingIds: string[]; groupIds: string[]; candidateNumbers: string[] }

/** What a purge with this selector removes. An unknown exam selects nothing. */
export function selectPurge(content: ContentStore, selector: PurgeSelector): PurgeSelection {
  const { examId, before } = selector;
  if (!examId === !before) throw new Error('give exactly one of examId or before');
  const limit = before ? Date.parse(before) : NaN;
  if (before && Number.isNaN(limit)) throw new Error(`not a date: ${before}`);

  const sittings = content.sittingSummaries().filter((s) => (examId ? s.examId === examId : Date.parse(s.submittedAt) < limit));
  const goingSittings = new Set(sittings.map((s) => s.id));
  const groups = content.groups().filter((g) => {
    if (examId) return g.examId === examId;
    const left = content.sittingsOfGroup(g.id).some((s) => !goingSittings.has(s.id));
    return !left && Date.parse(g.startsAt) < limit;
  });
  const goingGroups = new Set(groups.map((g) => g.id));

  const stillReferenced = new Set<string>();
  for (const g of content.groups()) if (!goingGroups.has(g.id)) for (const n of g.candidateNumbers) stillReferenced.add(n);
  for (const s of content.sittingSummaries()) if (!goingSittings.has(s.id)) stillReferenced.add(s.candidateNumber);
  const affected = new Set([...sittings.map((s) => s.candidateNumber), ...groups.flatMap((g) => g.candidateNumbers)]);
  const candidateNumbers = [...affected].filter((n) => !stillReferenced.has(n) && content.candidate(n));

  return { sittingIds: [...goingSittings], groupIds: [...goingGroups], candidateNumbers };
}

export async function purge(store: Store, opts: PurgeOptions): Promise<PurgeCounts> {
  const sel = selectPurge(store.content, opts);
  if (opts.dryRun) return { sittings: sel.sittingIds.length, groups: sel.groupIds.length, candidates: sel.candidateNumbers.length };
  const changed = await store.content.apply({ removeSittings: sel.sittingIds, removeGroups: sel.groupIds, removeCandidates: sel.candidateNumbers });
  const counts = { sittings: changed.sittings.removed, groups: changed.groups.removed, candidates: changed.candidates.removed };
  await store.audit.append({
    actor: opts.actor ?? 'cli',
    action: 'data.purged',
    target: opts.examId ?? `before ${opts.before}`,
    details: { ...(opts.examId ? { examId: opts.examId } : { before: opts.before }), ...counts },
  });
  return counts;
}
