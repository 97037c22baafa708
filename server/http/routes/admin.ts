/** Administration (admin only): audit log, exams' review settings and retention, staff accounts. */
import { Router } from 'express';
import type { Exam, PublicUser, StaffUser } from '../../../shared/domain.ts';
import {
  AuditQuery, CreateUserBody, ExamRetentionBody, ExamReviewPatch, PatchUserBody,
  type AuditDto, type ExamDto, type ExamRetentionResultDto, type ExamReviewResultDto, type RetentionDto, type UserResultDto,
} from '../../../shared/protocol.ts';
import { ReviewSettingsSchema } from '../../../shared/schema.ts';
import { retentionEnd, reviewStatus } from '../../../shared/rules.ts';
import { auditCsv } from '../../audit/csv.ts';
import { AuditFilterError, auditMatcher } from '../../audit/filter.ts';
import { publicUser } from '../../auth/users.ts';
import type { Ctx } from '../context.ts';
import { DomainError } from '../../../shared/errors.ts';
import { param, parse } from '../errors.ts';

export function adminRoutes(ctx: Ctx): Router {
  const { store, clock, config, auth, consoles, staff } = ctx;
  const r = Router();
  r.use(auth.requireAdmin);

  r.get('/audit', async (req, res) => {
    const q = parse(AuditQuery, req.query);
    let match;
    try {
      match = auditMatcher(q);
    } catch (e) {
      if (e instanceof AuditFilterError) throw new DomainError('invalid-input', 'Ongeldige datum in het filter.');
      throw e;
    }
    // an export is always complete; only the JSON list is paged, and only when asked: a page is read from the
    // end of the log as far as it needs, so its cost does not grow with the log
    const page = q.format === 'csv' || q.limit === undefined
      ? { events: (await store.audit.readAll()).filter(match) }
      : await store.audit.page(match, q.limit, q.before);
    const verdict = await store.audit.verify();
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment('inzage-audit.csv').send(auditCsv(page.events));
      return;
    }
    res.json({ ...page, verified: verdict.ok, ...(verdict.problem ? { problem: verdict.problem } : {}) } satisfies AuditDto);
  });

  const retentionOf = (e: Exam, counts = store.content.sittingCounts()): RetentionDto =>
    ({ ...retentionEnd(e, config.retentionDays), defaultDays: config.retentionDays, sittings: counts.get(e.id) ?? 0 });

  r.get('/exams', (_req, res) => {
    const counts = store.content.sittingCounts();
    res.json(store.content.exams().map((e) => ({
      id: e.id, title: e.title, subject: e.subject, level: e.level, central: e.central, questionCount: e.questions.length,
      review: { ...e.review, status: reviewStatus(e.review, clock.now()) },
      groupCount: store.content.groups().filter((g) => g.examId === e.id).length,
      retention: retentionOf(e, counts),
    }) satisfies ExamDto));
  });

  r.patch('/exams/:id/retention', async (req, res) => {
    const exam = store.content.exam(param(req, 'id'));
    if (!exam) throw new DomainError('not-found', 'Dit examen bestaat niet.');
    const { retainUntil } = parse(ExamRetentionBody, req.body);
    if (retainUntil !== null) {
      if (Date.parse(retainUntil) <= clock.now()) throw new DomainError('invalid-input', 'De bewaardatum moet in de toekomst liggen; gegevens nu verwijderen kan onder ‘Gegevens verwijderen’.');
      if (exam.review.closesAt && Date.parse(retainUntil) <= Date.parse(exam.review.closesAt)) {
        throw new DomainError('invalid-input', 'De gegevens moeten bewaard blijven tot na het einde van de inzageperiode.');
      }
    }
    if ((retainUntil ?? undefined) !== exam.retainUntil) {
      const updated = await store.content.setExamRetention(exam.id, retainUntil ?? undefined);
      await store.audit.append({ actor: req.user!.username, action: 'exam.retention-changed', target: exam.id, details: { from: exam.retainUntil ?? null, to: updated.retainUntil ?? null } });
      consoles.contentChanged('exams');
    }
    res.json({ id: exam.id, retention: retentionOf(store.content.exam(exam.id)!) } satisfies ExamRetentionResultDto);
  });

  r.patch('/exams/:id/review', async (req, res) => {
    const exam = store.content.exam(param(req, 'id'));
    if (!exam) throw new DomainError('not-found', 'Dit examen bestaat niet.');
    const patch = parse(ExamReviewPatch, req.body);
    const merged: Record<string, unknown> = { ...exam.review, ...patch };
    for (const k of ['opensAt', 'closesAt'] as const) if (merged[k] === null) delete merged[k];
    const review = parse(ReviewSettingsSchema, merged);
    if (review.opensAt && review.closesAt && Date.parse(review.opensAt) >= Date.parse(review.closesAt)) {
      throw new DomainError('invalid-input', 'De inzageperiode moet eindigen na het begin.');
    }
    const status = (r: typeof review): ExamReviewResultDto => ({ id: exam.id, review: { ...r, status: reviewStatus(r, clock.now()) } });
    // a patch that changes nothing (empty, or the values already set) is not a change: no write, audit or broadcast
    const keys = Object.keys(ReviewSettingsSchema.shape) as (keyof typeof review)[];
    if (keys.every((k) => review[k] === exam.review[k])) return void res.json(status(exam.review));
    if (exam.retainUntil && review.closesAt && Date.parse(review.closesAt) >= Date.parse(exam.retainUntil)) {
      throw new DomainError('invalid-input', 'De inzageperiode moet eindigen voordat de gegevens worden verwijderd (de bewaardatum van dit examen).');
    }
    const updated = await store.content.setExamReview(exam.id, review);
    await store.audit.append({ actor: req.user!.username, action: 'exam.review-changed', target: exam.id, details: { from: exam.review, to: review } });
    consoles.contentChanged('exams');
    res.json(status(updated.review));
  });

  r.get('/users', (_req, res) => {
    res.json(store.staff.all().map(publicUser) satisfies PublicUser[]);
  });

  r.post('/users', async (req, res) => {
    const body = parse(CreateUserBody, req.body);
    const { user, password, generated } = await staff.create(body, req.user!);
    res.status(201).json({ user: publicUser(user), ...(generated ? { password } : {}) } satisfies UserResultDto);
  });

  r.patch('/users/:id', async (req, res) => {
    const id = param(req, 'id');
    const body = parse(PatchUserBody, req.body);
    const { user, password } = await staff.patch(id, body, req.user!);
    res.json({ user: publicUser(user), ...(password ? { password } : {}) } satisfies UserResultDto);
  });

  return r;
}
