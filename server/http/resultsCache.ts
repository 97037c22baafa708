/**
 * The results overview of a group (`GET /api/groups/:id/results`, docs/design.md: Results overview: built once per group), built once per
 * group and content generation, sent as text.
 *
 * A group's rows (candidate, sitting, scores) change only with the content (an import, a purge, a retention run):
 * they are looked up, sorted by name and serialised once, and kept while `ContentRepo.generation` stays the same
 * (a store without one gets them built on every request); after the first request of a generation the other
 * groups are built in the background, a few milliseconds per turn of the event loop, up to {@link RESULTS_CACHE_ROWS} rows. A group's rows are
 * kept as one JSON text, each row with `"reviewId":null`, and where each row's `null` is: the review id is the one live
 * part (a review starts or ends without any content change), so a request looks it up per row in a map of the active
 * reviews and puts the few there are in place of their `null`. One string per group, not one per row: the cache holds
 * ~1,000 objects for 100,000 rows instead of ~200,000, which every full garbage collection would mark, and a request
 * copies the text once instead of joining 300 pieces. The group's review status and the exam's follow the
 * server's clock and are computed per request. The answer is byte for byte what `res.json` of the same object
 * wrote before.
 */
import type { Group } from '../../shared/domain.ts';
import { compareNames, sortName } from '../../shared/names.ts';
import type { ResultRowDto, ResultsDto } from '../../shared/protocol.ts';
import { displayName } from '../../shared/rules.ts';
import type { ContentRepo } from '../store/repositories.ts';

/**
 * A group's rows as JSON text (`{…,"reviewId":null},{…}`, without the brackets), with per row its sitting and where
 * its `null` is in the text.
 */
interface GroupText { text: string; sittingIds: (string | null)[]; nullAt: Uint32Array }

const REVIEW_ID_TAIL = 'null}';
const NULL = 'null';
/** At most this many rows kept (~200 bytes of text each): 150,000 is every group of a large school's year. */
export const RESULTS_CACHE_ROWS = 150_000;
/** The background build takes at most about this long per turn of the event loop (a group of 300: ~1 ms). */
const WARM_SLICE_MS = 4;

export class ResultsCache {
  /** by group id, least recently asked for first; all of one content generation */
  private readonly byGroup = new Map<string, GroupText>();
  private generation: number | undefined;
  private rowsKept = 0;
  /** the generation whose groups are being (or were) built in the background */
  private warmed: number | undefined;

  constructor(private readonly content: ContentRepo, private readonly maxRows = RESULTS_CACHE_ROWS) {}

  /**
   * The overview as JSON text: `head` (group and exam, computed by the caller for now) and the rows, each with the
   * id of the review running on its sitting (`activeBySitting`). The first request of a content generation also
   * starts building the other groups' rows in the background (below).
   */
  text(group: Group, head: Omit<ResultsDto, 'rows'>, activeBySitting: ReadonlyMap<string, string>): string {
    const rows = this.rows(group);
    this.warmSoon();
    // the same key order as `{ group, exam, rows }`: the rows go where the empty list was
    const shell = JSON.stringify({ ...head, rows: [] });
    let out = shell.slice(0, -2);
    let from = 0;
    if (activeBySitting.size > 0) {
      for (let i = 0; i < rows.sittingIds.length; i++) {
        const sittingId = rows.sittingIds[i];
        const reviewId = sittingId === null || sittingId === undefined ? undefined : activeBySitting.get(sittingId);
        if (reviewId === undefined) continue;
        const at = rows.nullAt[i]!;
        out += rows.text.slice(from, at) + JSON.stringify(reviewId);
        from = at + NULL.length;
      }
    }
    return `${out}${from === 0 ? rows.text : rows.text.slice(from)}]}`;
  }

  /** The group's rows of the content as it is now: kept, or built (and kept, dropping the least recently asked for). */
  private rows(group: Group): GroupText {
    const generation = this.content.generation;
    if (generation === undefined) return buildRows(this.content, group);
    this.follow(generation);
    const kept = this.byGroup.get(group.id);
    if (kept) {
      this.byGroup.delete(group.id); // most recently asked for last
      this.byGroup.set(group.id, kept);
      return kept;
    }
    const rows = buildRows(this.content, group);
    this.keep(group.id, rows);
    while (this.rowsKept > this.maxRows && this.byGroup.size > 1) {
      const [oldest, dropped] = this.byGroup.entries().next().value!;
      this.byGroup.delete(oldest);
      this.rowsKept -= dropped.sittingIds.length;
    }
    return rows;
  }

  /** The content changed: everything kept is of the old one. */
  private follow(generation: number): void {
    if (generation === this.generation) return;
    this.generation = generation;
    this.byGroup.clear();
    this.rowsKept = 0;
  }

  private keep(groupId: string, rows: GroupText): void {
    this.byGroup.set(groupId, rows);
    this.rowsKept += rows.sittingIds.length;
  }

  /**
   * Once per content generation, after a first request: the rows of every other group, in slices of about
   * {@link WARM_SLICE_MS} per turn of the event loop (~1 ms a group of 300), while the content stays the same and
   * they fit, so that a desk's first look at any group is as quick as its next. Nothing is dropped for it.
   */
  private warmSoon(): void {
    const generation = this.content.generation;
    if (generation === undefined || this.warmed === generation) return;
    this.warmed = generation;
    const ids = this.content.groups().map((g) => g.id);
    let next = 0;
    const step = () => {
      if (this.content.generation !== generation) return; // changed meanwhile: the next request starts again
      this.follow(generation);
      const until = performance.now() + WARM_SLICE_MS;
      while (next < ids.length && performance.now() < until) {
        const group = this.content.group(ids[next++]!);
        if (!group || this.byGroup.has(group.id)) continue;
        if (this.rowsKept + group.candidateNumbers.length > this.maxRows) return;
        this.keep(group.id, buildRows(this.content, group));
      }
      if (next < ids.length) setImmediate(step).unref();
    };
    setImmediate(step).unref();
  }
}

/** The rows of a group sorted by name, as one JSON text with `"reviewId":null` in each (docs/api.md: the row's fields). */
function buildRows(content: ContentRepo, group: Group): GroupText {
  const sittings = new Map(content.sittingsOfGroup(group.id).map((s) => [s.candidateNumber, s]));
  const rows = group.candidateNumbers.map((number) => {
    const c = content.candidate(number);
    const s = sittings.get(number);
    return {
      candidateNumber: number, name: c ? displayName(c) : number, sortName: c ? sortName(c) : number, ...(c?.className ? { className: c.className } : {}),
      ...(c?.accommodations ? { accommodations: c.accommodations } : {}),
      sittingId: s?.id ?? null, totalScore: s?.totalScore ?? null, maxScore: s?.maxScore ?? null, grade: s?.grade ?? null,
      reviewId: null,
    } satisfies ResultRowDto;
  });
  rows.sort((a, b) => compareNames(a.sortName, b.sortName));
  const texts = rows.map((row) => JSON.stringify(row));
  const nullAt = new Uint32Array(rows.length);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    at += texts[i]!.length;
    nullAt[i] = at - REVIEW_ID_TAIL.length;
    at += 1; // the comma
  }
  // flattened once here: a joined string kept as a tree of 300 pieces would be flattened (copied) by its first reader
  const text = texts.join(',');
  return { text, sittingIds: rows.map((row) => row.sittingId), nullAt };
}
