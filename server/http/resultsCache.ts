/**
 * The results overview of a group (`GET /api/groups/:id/results`, docs/design.md: Results overview: built once per
 * group), built once per group and content generation, sent as bytes.
 *
 * A group's rows (candidate, sitting, scores) change only with the content (an import, a purge, a retention run):
 * they are looked up, sorted by name and serialised once, and kept while `ContentRepo.generation` stays the same
 * (a store without one gets them built on every request). Every group is built in the background once the content
 * is read (the server's start) and again after the first request of a new generation, in slices paced to keep out of
 * the way of what the server is doing (below), up to
 * {@link RESULTS_CACHE_ROWS} rows. A group's rows are kept as one UTF-8 buffer, each row with `"reviewId":null`, and
 * where each row's `null` is: the review id is the one live part (a review starts or ends without any content
 * change), so a request looks it up per row in a map of the active reviews and puts the few there are in place of
 * their `null`. One buffer per group, outside the JavaScript heap: the cache is ~20 MB for 100,000 rows that no
 * garbage collection copies or marks (kept as strings, the background build promoted all of it through the young
 * generation, and its scavenges were the overview's slowest answers), and a request copies it once into its answer
 * instead of the string being encoded again. The group's review status and the exam's follow the server's clock
 * and are computed per request. The answer is byte for byte what `res.json` of the same object wrote before.
 */
import type { Group } from '../../shared/domain.ts';
import { compareNames, sortName } from '../../shared/names.ts';
import type { ResultsDto } from '../../shared/protocol.ts';
import { displayName } from '../../shared/rules.ts';
import type { SittingSummary } from '../store/content.ts';
import type { ContentRepo } from '../store/repositories.ts';

/**
 * A group's rows as UTF-8 JSON (`{…,"reviewId":null},{…}`, without the brackets), with per row its sitting and the
 * byte offset of its `null`.
 */
interface GroupRows { bytes: Buffer; sittingIds: (string | null)[]; nullAt: Uint32Array }

const REVIEW_ID_TAIL = 'null}';
const NULL = 'null';
const CLOSE = Buffer.from(']}');
/** At most this many rows kept (~200 bytes each): 150,000 is every group of a large school's year. */
export const RESULTS_CACHE_ROWS = 150_000;
/**
 * The background build: at most this long a slice, a slice at most every {@link WARM_EVERY_MS}, and none when the
 * process used more than {@link WARM_BUSY} of a core since the last one (a restart's kiosks reconnecting, starts, an
 * import): a request that comes in during a slice waits for the rest of it, and the build takes at most ~15% of the
 * event loop. A group of 300 takes ~1 ms; every group of the benchmark's 100,000 sittings ~2 s of an idle server.
 * (The process's CPU time, not the event loop's utilisation: a CPU profiler's signals make an idle loop look busy.)
 */
const WARM_SLICE_MS = 2;
const WARM_EVERY_MS = 10;
const WARM_BUSY = 0.5;

export class ResultsCache {
  /** by group id, least recently asked for first; all of one content generation */
  private readonly byGroup = new Map<string, GroupRows>();
  private generation: number | undefined;
  private rowsKept = 0;
  /** the generation whose groups are being (or were) built in the background, and the end of that build */
  private warmed: number | undefined;
  private warming: Promise<void> = Promise.resolve();

  constructor(private readonly content: ContentRepo, private readonly maxRows = RESULTS_CACHE_ROWS) {}

  /**
   * The overview as UTF-8 JSON: `head` (group and exam, computed by the caller) and the rows, each with the id of the
   * review running on its sitting (`activeBySitting`). The first request of a content generation also starts
   * building the other groups' rows in the background ({@link warm}).
   */
  answer(group: Group, head: Omit<ResultsDto, 'rows'>, activeBySitting: ReadonlyMap<string, string>): Buffer {
    const rows = this.rows(group);
    void this.warm();
    // the same key order as `{ group, exam, rows }`: the rows go where the empty list was
    const shell = JSON.stringify({ ...head, rows: [] });
    const pieces: Buffer[] = [Buffer.from(shell.slice(0, -2))];
    let from = 0;
    if (activeBySitting.size > 0) {
      for (let i = 0; i < rows.sittingIds.length; i++) {
        const sittingId = rows.sittingIds[i];
        const reviewId = sittingId === null || sittingId === undefined ? undefined : activeBySitting.get(sittingId);
        if (reviewId === undefined) continue;
        const at = rows.nullAt[i]!;
        pieces.push(rows.bytes.subarray(from, at), Buffer.from(JSON.stringify(reviewId)));
        from = at + NULL.length;
      }
    }
    pieces.push(from === 0 ? rows.bytes : rows.bytes.subarray(from), CLOSE);
    return Buffer.concat(pieces);
  }

  /** The group's rows of the content as it is now: kept, or built (and kept, dropping the least recently asked for). */
  private rows(group: Group): GroupRows {
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

  private keep(groupId: string, rows: GroupRows): void {
    this.byGroup.set(groupId, rows);
    this.rowsKept += rows.sittingIds.length;
  }

  /**
   * Once per content generation (the server calls it when the content is read; a request, for a generation that
   * moved since): the rows of every group not kept yet, in the background, while the content stays the same and they
   * fit, so that a desk's first look at any group is as quick as its next. Nothing is dropped for it. Paced
   * ({@link WARM_SLICE_MS}, {@link WARM_BUSY}): the build waits while the server is busy with other work. Resolves
   * when it is done (or has stopped: the rows no longer fit).
   */
  warm(): Promise<void> {
    const generation = this.content.generation;
    if (generation === undefined || !this.content.isReady) return Promise.resolve();
    if (this.warmed === generation) return this.warming;
    this.warmed = generation;
    let done!: () => void;
    this.warming = new Promise<void>((resolve) => { done = resolve; });
    const ids = this.content.groups().map((g) => g.id);
    let next = 0;
    // the process's CPU time and the clock at the end of the last slice: what it used since is other work
    let mark = { at: performance.now(), cpu: process.cpuUsage() };
    const step = () => {
      // changed meanwhile (an import; at a start, the upgrade that stamps import times): build the new content's
      if (this.content.generation !== generation) return void this.warm().then(done);
      const used = process.cpuUsage(mark.cpu);
      const busy = (used.user + used.system) / 1_000 > WARM_BUSY * (performance.now() - mark.at);
      if (!busy) {
        this.follow(generation);
        const until = performance.now() + WARM_SLICE_MS;
        while (next < ids.length && performance.now() < until) {
          const group = this.content.group(ids[next++]!);
          if (!group || this.byGroup.has(group.id)) continue;
          if (this.rowsKept + group.candidateNumbers.length > this.maxRows) return done();
          this.keep(group.id, buildRows(this.content, group));
        }
      }
      mark = { at: performance.now(), cpu: process.cpuUsage() };
      if (next < ids.length) setTimeout(step, WARM_EVERY_MS).unref();
      else done();
    };
    setTimeout(step, WARM_EVERY_MS).unref();
    return this.warming;
  }
}

/** The end of every row: its review id is its last field (ResultRowDto's key order), and no row is without one. */
const ROW_END = Buffer.from(`"reviewId":${REVIEW_ID_TAIL}`);

/**
 * The rows of a group sorted by name, as UTF-8 JSON with `"reviewId":null` in each (docs/api.md: the row's fields):
 * `JSON.stringify` of the row objects (the route's own before the cache) in one call, encoded once, and each row's
 * `null` found in the bytes: `"reviewId":null}` can only be a row's end, as a quote inside a string is escaped.
 */
function buildRows(content: ContentRepo, group: Group): GroupRows {
  const sittings = new Map<string, SittingSummary>();
  for (const s of content.sittingsOfGroup(group.id)) sittings.set(s.candidateNumber, s);
  const rows = group.candidateNumbers.map((number) => {
    const c = content.candidate(number);
    const s = sittings.get(number);
    // ResultRowDto's fields in the order of the object the route built before, without spreads for the optional ones
    const row: Record<string, unknown> = { candidateNumber: number, name: c ? displayName(c) : number, sortName: c ? sortName(c) : number };
    if (c?.className) row.className = c.className;
    if (c?.accommodations) row.accommodations = c.accommodations;
    row.sittingId = s?.id ?? null;
    row.totalScore = s?.totalScore ?? null;
    row.maxScore = s?.maxScore ?? null;
    row.grade = s?.grade ?? null;
    row.reviewId = null;
    return row;
  });
  rows.sort((a, b) => compareNames(a.sortName as string, b.sortName as string));
  const text = JSON.stringify(rows);
  // outside the JavaScript heap: no garbage collection copies or marks it (the brackets go, per answer)
  const all = Buffer.from(text);
  const bytes = all.subarray(1, all.length - 1);
  return { bytes, sittingIds: rows.map((row) => row.sittingId as string | null), nullAt: nullOffsets(bytes, rows) };
}

/**
 * Where each row's `null` is in `bytes`: found by its end, `"reviewId":null}`, which only a row's last field can be
 * (a quote inside a string is escaped; an accommodation has numbers and booleans only). Should the text hold one
 * more than there are rows, each row is measured on its own instead.
 */
function nullOffsets(bytes: Buffer, rows: readonly Record<string, unknown>[]): Uint32Array {
  const nullAt = new Uint32Array(rows.length);
  let from = 0;
  for (let i = 0; i < rows.length; i++) {
    const end = bytes.indexOf(ROW_END, from);
    if (end < 0) throw new Error(`results overview: row ${i} of ${rows.length} has no review id`);
    from = end + ROW_END.length;
    nullAt[i] = from - REVIEW_ID_TAIL.length;
  }
  if (bytes.indexOf(ROW_END, from) < 0) return nullAt;
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    at += Buffer.byteLength(JSON.stringify(rows[i]));
    nullAt[i] = at - REVIEW_ID_TAIL.length;
    at += 1; // the comma
  }
  return nullAt;
}
