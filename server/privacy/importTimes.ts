/**
 * The upgrade to import times (docs/design.md: Privacy, Retention): candidate data an older build imported has no
 * `dataImportedAt`. Such an exam counts as imported at the first run of the retention job of a build that knows the
 * field (the first start after the upgrade), on the injected clock, so that the new rule (kept until the later of the
 * window's end and the import, plus the retention days) never purges at that start what it would keep. The time is
 * stored (the next start finds it) and never replaces one already there (`ifMissing`: another process may have
 * stamped it first). PostgreSQL's migration 008 does the same for the rows it finds.
 */
import type { Clock } from '../clock.ts';
import type { Store } from '../store/index.ts';

/** Stamp every exam that holds groups or sittings but no import time; the exam ids stamped. */
export async function stampUnimportedData(store: Store, clock: Pick<Clock, 'now'>): Promise<string[]> {
  const content = store.content;
  const holding = new Set<string>();
  for (const g of content.groups()) holding.add(g.examId);
  for (const examId of content.sittingCounts().keys()) holding.add(examId);
  const missing = content.exams().filter((e) => !e.dataImportedAt && holding.has(e.id)).map((e) => e.id);
  if (!missing.length) return [];
  const at = new Date(clock.now()).toISOString();
  await content.apply({ importTimes: missing.map((examId) => ({ examId, at, ifMissing: true })) });
  return missing;
}
