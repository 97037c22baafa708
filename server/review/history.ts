/**
 * The review history and the report ('proces-verbaal') of each review (docs/design.md: The review record). Reads
 * the records of reviews held (`ReviewRecordRepo`), the sessions still running (and ended sessions stored before
 * records existed, read as records without what was seen), and the audit log's lines about each review.
 */
import { refusal } from '../../shared/refusals.ts';
import type { ReviewSession } from '../../shared/domain.ts';
import { displayName } from '../../shared/rules.ts';
import type { HeldReviewDto, ReviewRecord, ReviewReportDto } from '../../shared/reviewRecord.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/index.ts';
import type { ReviewEngine } from './engine.ts';
import { recordOf } from './records.ts';

/** A record, or what a session running now (`active`) would record if it ended now. */
export interface Held { record: ReviewRecord; active: boolean }

export interface GroupReport {
  group: { id: string; name: string; startsAt: string };
  exam: { id: string; title: string };
  candidateCount: number;
  /** candidates with at least one review held or running */
  reviewedCount: number;
  reviews: HeldReviewDto[];
  generatedAt: string;
}

export class ReviewHistory {
  constructor(private readonly store: Store, private readonly engine: ReviewEngine, private readonly clock: Clock) {}

  /** The reviews of these sittings, held and running, newest first. */
  ofSittings(sittingIds: ReadonlySet<string>): Held[] {
    const held: Held[] = this.store.reviewRecords.ofSittings(sittingIds).map((record) => ({ record, active: false }));
    const known = new Set(held.map((h) => h.record.id));
    for (const s of this.store.reviews.all()) {
      if (!sittingIds.has(s.sittingId) || known.has(s.id)) continue;
      const h = this.fromSession(s);
      if (h) held.push(h);
    }
    return held.sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt));
  }

  get(id: string): Held | undefined {
    const record = this.store.reviewRecords.get(id);
    if (record) return { record, active: false };
    const s = this.store.reviews.get(id);
    return s ? this.fromSession(s) : undefined;
  }

  private fromSession(s: ReviewSession): Held | undefined {
    const summary = this.store.content.sittingSummary(s.sittingId);
    if (!summary) return undefined;
    return { record: recordOf(s, summary, this.engine.dto(s)), active: !s.endedAt };
  }

  dto({ record: r, active }: Held): HeldReviewDto {
    const content = this.store.content;
    const summary = content.sittingSummary(r.sittingId);
    const exam = summary ? content.examOfSitting(summary) : undefined;
    const c = content.candidate(r.candidateNumber);
    return {
      id: r.id, sittingId: r.sittingId, candidateNumber: r.candidateNumber, candidateName: c ? displayName(c) : r.candidateNumber,
      examTitle: exam?.title ?? '', kioskName: r.kioskName, approvedBy: r.approvedBy, approvedByName: r.approvedByName,
      startedAt: r.startedAt, endedAt: active ? null : r.endedAt, endReason: active ? null : r.endReason, remarkCount: r.remarkCount,
      viewedCount: r.viewed.length, questionCount: exam?.questions.length ?? 0, openedCount: r.opened.length,
    };
  }

  /** Everything the report of one review shows, its audit trail read back from its end line to its start. */
  async report(id: string): Promise<ReviewReportDto> {
    const held = this.get(id);
    if (!held) throw refusal('not-found', 'no-such-review');
    const r = held.record;
    const content = this.store.content;
    const summary = content.sittingSummary(r.sittingId);
    const exam = summary ? content.examOfSitting(summary) : undefined;
    const numberOf = (qid: string) => exam?.questions.find((q) => q.id === qid)?.number ?? 0;
    const lines = await this.store.audit.trail(r.id, 'review.started', held.active || r.endSeq === undefined ? undefined : r.endSeq + 1);
    const verdict = await this.store.audit.verify();
    const staff = r.endedBy ? this.store.staff.byId(r.endedBy) : undefined;
    return {
      review: {
        ...this.dto(held), groupId: r.groupId, groupName: content.group(r.groupId)?.name ?? '', examId: r.examId, endsAt: r.endsAt,
        endedBy: held.active ? null : (staff?.username ?? r.endedBy),
      },
      viewed: r.viewed.map((questionId) => ({ questionId, number: numberOf(questionId) })),
      opened: r.opened.map((o) => ({ ...o, number: numberOf(o.questionId) })),
      remarks: this.store.remarks.ofReview(r.id).map((m) => ({
        questionId: m.questionId, number: numberOf(m.questionId), kind: m.kind, text: m.text, status: m.status, note: m.note ?? null,
      })).sort((a, b) => a.number - b.number),
      audit: {
        lines: lines.map(({ seq, at, actor, action, details, prev, hash }) => ({ seq, at, actor, action, details, prev, hash })),
        verified: verdict.ok, problem: verdict.problem ? { seq: verdict.problem.seq, reason: verdict.problem.reason } : null, count: verdict.count,
      },
      generatedAt: new Date(this.clock.now()).toISOString(),
    };
  }

  /** The summary of one group: its reviews held and running, and how many of its candidates had one. */
  groupReport(groupId: string): GroupReport {
    const content = this.store.content;
    const group = content.group(groupId);
    if (!group) throw refusal('not-found', 'no-such-group');
    const held = this.ofSittings(new Set(content.sittingsOfGroup(group.id).map((s) => s.id)));
    return {
      group: { id: group.id, name: group.name, startsAt: group.startsAt },
      exam: { id: group.examId, title: content.exam(group.examId)?.title ?? '' },
      candidateCount: group.candidateNumbers.length,
      reviewedCount: new Set(held.map((h) => h.record.candidateNumber)).size,
      reviews: held.map((h) => this.dto(h)),
      generatedAt: new Date(this.clock.now()).toISOString(),
    };
  }
}

/**
 * At start: an ended session in reviews.json without a record — ended by a build before records, or by a crash
 * between its end line and its record — gets one now, before reviews.json drops it. Its record has no `endSeq`
 * (its report reads the audit trail back from the log's end).
 */
export async function adoptEndedSessions(store: Store, engine: ReviewEngine): Promise<number> {
  const recorded = new Set(store.reviewRecords.all().map((r) => r.id));
  const adopted = store.reviews.all().flatMap((s) => {
    if (!s.endedAt || recorded.has(s.id)) return [];
    const summary = store.content.sittingSummary(s.sittingId);
    return summary ? [recordOf(s, summary, engine.dto(s))] : [];
  });
  // one write for all of them: up to `keepEndedReviews` sessions at the first start after an upgrade
  await store.reviewRecords.putAll(adopted);
  return adopted.length;
}
