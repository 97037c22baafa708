/**
 * An exam's review settings and retention as admins see and change them in the console (docs/design.md: The review,
 * Privacy): the rules between the two (the window must end before the data goes; a retention date lies in the
 * future and after the window), each change audited and told to consoles; a change that changes nothing is none.
 */
import type { Exam, ReviewSettings, StaffUser } from '../../shared/domain.ts';
import { refusal } from '../../shared/refusals.ts';
import { parse } from '../../shared/parse.ts';
import type { ExamDto, ExamRetentionResultDto, ExamReviewPatch, ExamReviewResultDto, RetentionDto } from '../../shared/protocol.ts';
import { inStep } from '../../shared/reveal.ts';
import { retentionEnd, reviewStatus } from '../../shared/rules.ts';
import { ReviewSettingsSchema } from '../../shared/schema.ts';
import type { Clock } from '../clock.ts';
import type { ServerConfig } from '../config.ts';
import type { Store } from '../store/index.ts';
import type { StoredExam } from '../store/examCatalog.ts';

type Patch = { [K in keyof ExamReviewPatch]?: ExamReviewPatch[K] };

export class ExamSettings {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly config: Pick<ServerConfig, 'retentionDays'>,
    private readonly changed: () => void,
  ) {}

  list(): ExamDto[] {
    const { content } = this.store;
    const counts = content.sittingCounts();
    const groups = new Map<string, number>();
    for (const g of content.groups()) groups.set(g.examId, (groups.get(g.examId) ?? 0) + 1);
    return content.exams().map((e) => ({
      id: e.id, title: e.title, subject: e.subject, level: e.level, central: e.central, questionCount: e.questions.length,
      review: { ...e.review, status: reviewStatus(e.review, this.clock.now()) },
      groupCount: groups.get(e.id) ?? 0,
      retention: this.retentionOf(e, counts),
    }));
  }

  /** `retainUntil` null: back to the default (the window's end + the server's retention days). */
  async setRetention(examId: string, retainUntil: string | null, actor: StaffUser): Promise<ExamRetentionResultDto> {
    const exam = this.exam(examId);
    if (retainUntil !== null) {
      if (Date.parse(retainUntil) <= this.clock.now()) throw refusal('invalid-input', 'retain-in-past');
      if (exam.review.closesAt && Date.parse(retainUntil) <= Date.parse(exam.review.closesAt)) {
        throw refusal('invalid-input', 'retain-before-window-end');
      }
    }
    if ((retainUntil ?? undefined) !== exam.retainUntil) {
      const updated = await this.store.content.setExamRetention(exam.id, retainUntil ?? undefined);
      await this.store.audit.append({ actor: actor.username, action: 'exam.retention-changed', target: exam.id, details: { from: exam.retainUntil ?? null, to: updated.retainUntil ?? null } });
      this.changed();
    }
    return { id: exam.id, retention: this.retentionOf(this.exam(exam.id)) };
  }

  /** Any of the settings (null clears a window boundary); the result is checked as a whole. */
  async setReview(examId: string, patch: Patch, actor: StaffUser): Promise<ExamReviewResultDto> {
    const exam = this.exam(examId);
    const merged: Record<string, unknown> = { ...exam.review, ...patch };
    for (const k of ['opensAt', 'closesAt'] as const) if (merged[k] === null) delete merged[k];
    // `reveal` and the older `showKey`/`showScheme` say the same thing twice: kept in step (shared/reveal.ts)
    const review = inStep(parse(ReviewSettingsSchema, merged), patch);
    if (review.opensAt && review.closesAt && Date.parse(review.opensAt) >= Date.parse(review.closesAt)) {
      throw refusal('invalid-input', 'window-ends-before-start');
    }
    const result = (r: ReviewSettings): ExamReviewResultDto => ({ id: exam.id, review: { ...r, status: reviewStatus(r, this.clock.now()) } });
    // a patch that changes nothing (empty, or the values already set) is not a change: no write, audit or broadcast
    const keys = Object.keys(ReviewSettingsSchema.shape) as (keyof ReviewSettings)[];
    if (keys.every((k) => JSON.stringify(review[k]) === JSON.stringify(exam.review[k]))) return result(exam.review);
    if (exam.retainUntil && review.closesAt && Date.parse(review.closesAt) >= Date.parse(exam.retainUntil)) {
      throw refusal('invalid-input', 'window-ends-after-retention');
    }
    const updated = await this.store.content.setExamReview(exam.id, review);
    await this.store.audit.append({ actor: actor.username, action: 'exam.review-changed', target: exam.id, details: { from: exam.review, to: review } });
    this.changed();
    return result(updated.review);
  }

  private exam(id: string): StoredExam {
    const exam = this.store.content.exam(id);
    if (!exam) throw refusal('not-found', 'no-such-exam');
    return exam;
  }

  private retentionOf(e: StoredExam, counts = this.store.content.sittingCounts()): RetentionDto {
    return {
      ...retentionEnd(e, this.config.retentionDays), importedAt: e.dataImportedAt ?? null,
      defaultDays: this.config.retentionDays, sittings: counts.get(e.id) ?? 0,
    };
  }
}
