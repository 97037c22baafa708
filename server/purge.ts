/**
 * Privacy (docs/design.md: Privacy): candidate data can be purged per exam or before a date. Exams stay — they are content,
 * not personal data. The audit log records the selector and the counts, never names.
 *
 * - per exam: its groups, their sittings, and the candidates no longer referenced by any remaining group or
 *   sitting;
 * - before a date: sittings submitted before it, groups left without sittings that started before it, and
 *   the candidates no longer referenced; a group that stays drops the candidates whose sitting in it went.
 *   A date without a time means 00:00 UTC.
 *
 * Callers that run review sessions pass `endActive`, which ends those of the selected sittings first.
 */
import type { EndReason, Group, ReviewSession } from '../shared/domain.ts';
import type { ContentRepo } from './store/repositories.ts';
import type { Store } from './store/index.ts';
import { sweepMedia } from './media/sweep.ts';
import { clearPurgePending, markPurgePending, purgePending, scrubDataDir } from './store/scrub.ts';

export interface PurgeSelector { examId?: string; before?: string }
export interface PurgeOptions extends PurgeSelector { dryRun: boolean; actor?: string }
export interface PurgeCounts { sittings: number; groups: number; candidates: number }
export interface PurgeSelection { sittingIds: string[]; groupIds: string[]; candidateNumbers: string[]; rosters: Group[] }

/** What a purge with this selector removes. An unknown exam selects nothing. */
export function selectPurge(content: ContentRepo, selector: PurgeSelector): PurgeSelection {
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

  // a group that stays no longer lists the candidates whose sitting in it goes
  const rosters: Group[] = [];
  for (const g of content.groups()) {
    if (goingGroups.has(g.id)) continue;
    const gone = new Set(content.sittingsOfGroup(g.id).filter((s) => goingSittings.has(s.id)).map((s) => s.candidateNumber));
    if (gone.size) rosters.push({ ...g, candidateNumbers: g.candidateNumbers.filter((n) => !gone.has(n)) });
  }
  const roster = new Map(rosters.map((g) => [g.id, g]));

  const stillReferenced = new Set<string>();
  for (const g of content.groups()) if (!goingGroups.has(g.id)) for (const n of (roster.get(g.id) ?? g).candidateNumbers) stillReferenced.add(n);
  for (const s of content.sittingSummaries()) if (!goingSittings.has(s.id)) stillReferenced.add(s.candidateNumber);
  const affected = new Set([...sittings.map((s) => s.candidateNumber), ...groups.flatMap((g) => g.candidateNumbers)]);
  const candidateNumbers = [...affected].filter((n) => !stillReferenced.has(n) && content.candidate(n));

  return { sittingIds: [...goingSittings], groupIds: [...goingGroups], candidateNumbers, rosters };
}

/** Ends active review sessions of these sittings (the server's engine); the CLI has none running. */
export type EndActive = (sittingIds: ReadonlySet<string>) => Promise<unknown>;

/**
 * Purge, leaving no trace in the data directory (docs/design.md: Privacy): the content; the review history of the purged
 * sittings (`reviews.json`, `review-records.json`) and their candidates' remarks (`remarks.json`); the keys that seal their audit details (crypto-shredding: the audit lines stay
 * and verify, their candidate details read '[verwijderd]'); then every last good copy and stray temp file
 * (`scrub.ts`). Keys and reviews of sittings that no longer exist go too, so an interrupted purge is finished
 * by the next one (a `purge-pending` marker makes even an empty next purge finish it).
 */
export async function purge(store: Store, opts: PurgeOptions & { endActive?: EndActive; details?: Record<string, unknown> }): Promise<PurgeCounts> {
  if (opts.dryRun) {
    const sel = selectPurge(store.content, opts);
    return { sittings: sel.sittingIds.length, groups: sel.groupIds.length, candidates: sel.candidateNumbers.length };
  }
  return oneAtATime(store, () => purgeNow(store, opts));
}

/** Purges of one store run one after another (the console's and the daily one may meet). */
const queues = new WeakMap<Store, Promise<unknown>>();
function oneAtATime<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(store) ?? Promise.resolve()).catch(() => undefined).then(fn);
  queues.set(store, run);
  return run;
}

/**
 * A purge by a server that runs reviews (the console, the retention job): the active reviews of the sittings it
 * removes end first (`data-purged`), and again after, should a start have slipped in.
 */
export function purgeEndingReviews(
  store: Store,
  engine: { finishWhere(pred: (s: ReviewSession) => boolean, reason: EndReason, actor: string): Promise<unknown> },
  opts: PurgeOptions & { details?: Record<string, unknown> },
): Promise<PurgeCounts> {
  const actor = opts.actor ?? 'system';
  return purge(store, { ...opts, endActive: (ids) => engine.finishWhere((s) => ids.has(s.sittingId), 'data-purged', actor) });
}

async function purgeNow(store: Store, opts: PurgeOptions & { endActive?: EndActive; details?: Record<string, unknown> }): Promise<PurgeCounts> {
  const sel = selectPurge(store.content, opts);
  const actor = opts.actor ?? 'cli';
  const going = new Set(sel.sittingIds);
  await opts.endActive?.(going);
  await markPurgePending(store.dir);
  const changed = await store.content.apply({ groups: sel.rosters, removeSittings: sel.sittingIds, removeGroups: sel.groupIds, removeCandidates: sel.candidateNumbers });
  await opts.endActive?.(going); // a start that slipped in before the sittings were gone
  const counts = { sittings: changed.sittings.removed, groups: changed.groups.removed, candidates: changed.candidates.removed };
  await forgetRemoved(store, actor);
  await store.audit.append({
    actor,
    action: 'data.purged',
    target: opts.examId ?? `before ${opts.before}`,
    details: { ...(opts.examId ? { examId: opts.examId } : { before: opts.before }), ...counts, ...opts.details },
  });
  await finishPurge(store);
  return counts;
}

/** When an earlier purge was interrupted: finish it (forget what is gone, scrub). True if there was one. */
export function finishPendingPurge(store: Store, actor = 'system'): Promise<boolean> {
  return oneAtATime(store, async () => {
    if (!(await purgePending(store.dir))) return false;
    await forgetRemoved(store, actor);
    await finishPurge(store);
    return true;
  });
}

/** Review history, remarks and audit keys of sittings that no longer exist. */
async function forgetRemoved(store: Store, actor: string): Promise<void> {
  const exists = (sittingId: string) => !!store.content.sittingSummary(sittingId);
  // only the CLI finds one still active (a server that crashed): it ends here, on the record
  for (const r of store.reviews.active().filter((x) => !exists(x.sittingId))) {
    await store.audit.append({ actor, action: 'review.ended', target: r.id, details: { reason: 'data-purged' satisfies EndReason } });
  }
  await store.reviews.removeWhere((r) => !exists(r.sittingId));
  await store.reviewRecords.removeWhere((r) => !exists(r.sittingId)); // the record of each review held names the candidate
  await store.remarks.removeWhere((r) => !exists(r.sittingId)); // candidates' remarks are candidate data
  await store.auditKeys.shred(store.auditKeys.scopes().filter((s) => !exists(s)));
}

async function finishPurge(store: Store): Promise<void> {
  await sweepMedia(store); // pictures of exam versions that went with their last sittings (exam content, kept while shown)
  await store.flush();
  await scrubDataDir(store.dir);
  await clearPurgePending(store.dir);
}
