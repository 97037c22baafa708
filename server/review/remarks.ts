/**
 * Candidates' remarks ('Opmerking', docs/design.md: Remarks): the one thing a kiosk sends that changes stored data,
 * scoped to its own active review and to the questions of that review's exam. A remark is on disk before its ack; the
 * candidate replaces it until the review ends, an empty text withdraws it. Staff (supervisors and admins alike: they
 * are the school's examiners here) read the queue and mark a remark handled with a reply note.
 */
import { randomUUID } from 'node:crypto';
import type { Exam, Remark, ReviewSession, StaffUser } from '../../shared/domain.ts';
import { apiError, type Ack } from '../../shared/errors.ts';
import { compareNames, sortName } from '../../shared/names.ts';
import { RemarkPayload, type KioskRemark, type RemarkDto, type RemarkPatch } from '../../shared/protocol.ts';
import type { AuditBursts } from '../audit/bursts.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/index.ts';
import { candidateName, kioskRemark } from './payload.ts';
import { refusal, refusalError } from '../../shared/refusals.ts';

/** What the remarks need of the review engine: the kiosk's active review and its exam. */
export interface ActiveReviews {
  activeForKiosk(kioskId: string): ReviewSession | undefined;
  examOf(s: ReviewSession): Exam | undefined;
}

export interface RemarkFilter { examId?: string; groupId?: string; status?: Remark['status'] }

export class RemarkService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly reviews: ActiveReviews,
    private readonly bursts: AuditBursts,
    /** the remark count of reviews changed (consoles' `reviews:updated`), and the queue (`content:updated`) */
    private readonly changed: () => void,
  ) {}

  /** `review:remark` from a kiosk: its own active review only, a question of its exam only. */
  async fromKiosk(kioskId: string, raw: unknown, kioskName: string): Promise<Ack<KioskRemark | null>> {
    const p = RemarkPayload.safeParse(raw);
    if (!p.success) return { ok: false, error: refusalError('invalid-input', 'remark-invalid') };
    const s = this.reviews.activeForKiosk(kioskId);
    if (!s) return { ok: false, error: apiError('no-review') };
    const exam = this.reviews.examOf(s);
    const q = exam?.questions.find((x) => x.id === p.data.questionId);
    const summary = this.store.content.sittingSummary(s.sittingId);
    if (!exam || !q || !summary) return { ok: false, error: refusalError('not-found', 'question-not-in-review') };

    const text = p.data.text.trim();
    const existing = this.store.remarks.find(s.id, q.id);
    const now = new Date(this.clock.now()).toISOString();
    const audit = (details: Record<string, unknown>) => {
      // a kiosk can repeat this at will: the first change per question and kind in a burst is on disk before the ack
      const event = { actor: `kiosk:${kioskName}`, action: 'review.remarked', target: s.id } as const;
      return this.bursts.note(`remark:${s.id}`, `${q.id}:${String(details.kind ?? 'withdrawn')}`, details, { ...event, details }, event);
    };
    if (!text) {
      if (!existing) return { ok: true, data: null };
      // the text is candidate data: the audit line names the question, never what was written
      await Promise.all([this.store.remarks.remove(existing.id), audit({ questionId: q.id, withdrawn: true })]);
      this.changed();
      return { ok: true, data: null };
    }
    const remark: Remark = existing
      ? { ...existing, kind: p.data.kind, text, updatedAt: now, status: 'open' }
      : {
        id: randomUUID(), reviewId: s.id, sittingId: s.sittingId, examId: exam.id, groupId: summary.groupId,
        candidateNumber: summary.candidateNumber, questionId: q.id, questionNumber: q.number,
        kind: p.data.kind, text, createdAt: now, updatedAt: now, status: 'open',
      };
    await Promise.all([this.store.remarks.put(remark), audit({ questionId: q.id, kind: remark.kind, ...(existing ? { edited: true } : {}) })]);
    this.changed();
    return { ok: true, data: kioskRemark(remark) };
  }

  /** The examiner's queue, by exam, group, candidate (last name without prefix) and question. */
  list(filter: RemarkFilter): RemarkDto[] {
    const content = this.store.content;
    const keys = new Map<string, string>();
    const key = (number: string) => {
      let k = keys.get(number);
      if (k === undefined) {
        const c = content.candidate(number);
        k = c ? sortName(c) : number;
        keys.set(number, k);
      }
      return k;
    };
    return this.store.remarks.all()
      .filter((r) => (!filter.examId || r.examId === filter.examId) && (!filter.groupId || r.groupId === filter.groupId) && (!filter.status || r.status === filter.status))
      .map((r) => this.dto(r))
      .sort((a, b) => a.examTitle.localeCompare(b.examTitle, 'nl') || a.groupName.localeCompare(b.groupName, 'nl')
        || compareNames(key(a.candidateNumber), key(b.candidateNumber)) || a.questionNumber - b.questionNumber);
  }

  /** Mark handled (or open again) with a reply note; audited without the note or the remark's text. */
  async setStatus(id: string, patch: RemarkPatch, user: StaffUser): Promise<RemarkDto> {
    const remark = this.store.remarks.get(id);
    if (!remark) throw refusal('not-found', 'no-such-remark');
    const note = patch.note === undefined ? remark.note : patch.note.trim() || undefined;
    const { note: _old, ...rest } = remark;
    const updated: Remark = { ...rest, status: patch.status, ...(note ? { note } : {}), handledBy: user.username, handledAt: new Date(this.clock.now()).toISOString() };
    await Promise.all([
      this.store.remarks.put(updated),
      this.store.audit.append({ actor: user.username, action: 'remark.status-changed', target: remark.reviewId, details: { questionId: remark.questionId, from: remark.status, to: patch.status } }),
    ]);
    this.changed();
    return this.dto(updated);
  }

  private dto(r: Remark): RemarkDto {
    const { content } = this.store;
    return {
      id: r.id, reviewId: r.reviewId,
      examId: r.examId, examTitle: content.exam(r.examId)?.title ?? r.examId,
      groupId: r.groupId, groupName: content.group(r.groupId)?.name ?? r.groupId,
      candidateNumber: r.candidateNumber, candidateName: candidateName(content.candidate(r.candidateNumber), r.candidateNumber),
      questionId: r.questionId, questionNumber: r.questionNumber,
      kind: r.kind, text: r.text, createdAt: r.createdAt, updatedAt: r.updatedAt,
      status: r.status, note: r.note ?? null, handledBy: r.handledBy ?? null, handledAt: r.handledAt ?? null,
    };
  }
}
