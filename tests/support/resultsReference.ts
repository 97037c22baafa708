/**
 * The rows of a group's results overview as the route built them before its cache (issue 17): each test of the cache
 * compares the cache's bytes with these. An oracle of its own, so it shares no code with server/http/resultsCache.ts.
 */
import type { Group } from '../../shared/domain.ts';
import { compareNames, sortName } from '../../shared/names.ts';
import { displayName } from '../../shared/rules.ts';
import type { ContentRepo } from '../../server/store/repositories.ts';

/** `active`: the sitting id of each running review → that review's id. */
export function referenceRows(content: ContentRepo, group: Group, active: ReadonlyMap<string, string>) {
  const sittings = new Map(content.sittingsOfGroup(group.id).map((s) => [s.candidateNumber, s]));
  const rows = group.candidateNumbers.map((number) => {
    const c = content.candidate(number);
    const s = sittings.get(number);
    return {
      candidateNumber: number, name: c ? displayName(c) : number, sortName: c ? sortName(c) : number, ...(c?.className ? { className: c.className } : {}),
      ...(c?.accommodations ? { accommodations: c.accommodations } : {}),
      sittingId: s?.id ?? null, totalScore: s?.totalScore ?? null, maxScore: s?.maxScore ?? null, grade: s?.grade ?? null,
      reviewId: (s && active.get(s.id)) ?? null,
    };
  });
  rows.sort((a, b) => compareNames(a.sortName, b.sortName));
  return rows;
}
