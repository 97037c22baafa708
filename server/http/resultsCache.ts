/**
 * The results overview of a group (`GET /api/groups/:id/results`, docs/design.md: Results overview: built once per group), built once per
 * group and content generation, sent as text.
 *
 * A group's rows (candidate, sitting, scores) change only with the content (an import, a purge, a retention run):
 * they are looked up, sorted by name and serialised once, and kept while `ContentRepo.generation` stays the same
 * (a store without one gets them built on every request). Each row is kept as its JSON text up to its last field,
 * `reviewId`, the one live part (a review starts or ends without any content change): a request looks that up per
 * row in a map of the active reviews and joins the texts. The group's review status and the exam's follow the
 * server's clock and are computed per request. The answer is byte for byte what `res.json` of the same object
 * wrote before.
 */
import type { Group } from '../../shared/domain.ts';
import { compareNames, sortName } from '../../shared/names.ts';
import type { ResultRowDto, ResultsDto } from '../../shared/protocol.ts';
import { displayName } from '../../shared/rules.ts';
import type { ContentRepo } from '../store/repositories.ts';

/** A row as JSON text without the value of its last field: `{…,"reviewId":`. */
interface RowText { sittingId: string | null; head: string }
interface GroupRows { generation: number; rows: RowText[] }

const REVIEW_ID_TAIL = 'null}';

export class ResultsCache {
  private readonly byGroup = new Map<string, GroupRows>();

  /** `size`: the groups kept (least recently asked for dropped first); a full group's rows are ~60 KB of text. */
  constructor(private readonly content: ContentRepo, private readonly size = 64) {}

  /**
   * The overview as JSON text: `head` (group and exam, computed by the caller for now) and the rows, each with the
   * id of the review running on its sitting (`activeBySitting`).
   */
  text(group: Group, head: Omit<ResultsDto, 'rows'>, activeBySitting: ReadonlyMap<string, string>): string {
    const rows = this.rows(group);
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const reviewId = r.sittingId === null ? undefined : activeBySitting.get(r.sittingId);
      parts[i] = r.head + (reviewId === undefined ? REVIEW_ID_TAIL : `${JSON.stringify(reviewId)}}`);
    }
    // the same key order as `{ group, exam, rows }`: the rows go where the empty list was
    const shell = JSON.stringify({ ...head, rows: [] });
    return `${shell.slice(0, -2)}${parts.join(',')}]}`;
  }

  private rows(group: Group): RowText[] {
    const generation = this.content.generation;
    const kept = this.byGroup.get(group.id);
    if (kept && generation !== undefined && kept.generation === generation) {
      // most recently used last
      this.byGroup.delete(group.id);
      this.byGroup.set(group.id, kept);
      return kept.rows;
    }
    const rows = buildRows(this.content, group);
    if (generation === undefined) return rows;
    this.byGroup.delete(group.id);
    this.byGroup.set(group.id, { generation, rows });
    while (this.byGroup.size > this.size) this.byGroup.delete(this.byGroup.keys().next().value!);
    return rows;
  }
}

/** The rows of a group sorted by name, each as JSON text up to its `reviewId` (docs/api.md: the row's fields). */
function buildRows(content: ContentRepo, group: Group): RowText[] {
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
  return rows.map((row) => {
    const text = JSON.stringify(row);
    return { sittingId: row.sittingId, head: text.slice(0, -REVIEW_ID_TAIL.length) };
  });
}
