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
import { UserError, activeAdmins, createUser, publicUser, setPassword } from '../../auth/users.ts';
import type { Ctx } from '../context.ts';
import { HttpError, param, parse } from '../errors.ts';

export function adminRoutes(ctx: Ctx): Router {
  const { store, clock, config, auth, engine, consoles } = ctx;
  const r = Router();
  r.use(auth.requireAdmin);

  r.get('/audit', async (req, res) => {
    const q = parse(AuditQuery, req.query);
    let match;
    try {
      match = auditMatcher(q);
    } catch (e) {
      if (e instanceof AuditFilterError) throw new HttpError('invalid-input', 'Ongeldige datum in het filter.');
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
    if (!exam) throw new HttpError('not-found', 'Dit examen bestaat niet.');
    const { retainUntil } = parse(ExamRetentionBody, req.body);
    if (retainUntil !== null) {
      if (Date.parse(retainUntil) <= clock.now()) throw new HttpError('invalid-input', 'De bewaardatum moet in de toekomst liggen; gegevens nu verwijderen kan onder ‘Gegevens verwijderen’.');
      if (exam.review.closesAt && Date.parse(retainUntil) <= Date.parse(exam.review.closesAt)) {
        throw new HttpError('invalid-input', 'De gegevens moeten bewaard blijven tot na het einde van de inzageperiode.');
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
    if (!exam) throw new HttpError('not-found', 'Dit examen bestaat niet.');
    const patch = parse(ExamReviewPatch, req.body);
    const merged: Record<string, unknown> = { ...exam.review, ...patch };
    for (const k of ['opensAt', 'closesAt'] as const) if (merged[k] === null) delete merged[k];
    const review = parse(ReviewSettingsSchema, merged);
    if (review.opensAt && review.closesAt && Date.parse(review.opensAt) >= Date.parse(review.closesAt)) {
      throw new HttpError('invalid-input', 'De inzageperiode moet eindigen na het begin.');
    }
    const status = (r: typeof review): ExamReviewResultDto => ({ id: exam.id, review: { ...r, status: reviewStatus(r, clock.now()) } });
    // a patch that changes nothing (empty, or the values already set) is not a change: no write, audit or broadcast
    const keys = Object.keys(ReviewSettingsSchema.shape) as (keyof typeof review)[];
    if (keys.every((k) => review[k] === exam.review[k])) return void res.json(status(exam.review));
    if (exam.retainUntil && review.closesAt && Date.parse(review.closesAt) >= Date.parse(exam.retainUntil)) {
      throw new HttpError('invalid-input', 'De inzageperiode moet eindigen voordat de gegevens worden verwijderd (de bewaardatum van dit examen).');
    }
    const updated = await store.content.setExamReview(exam.id, review);
    await store.audit.append({ actor: req.user!.username, action: 'exam.review-changed', target: exam.id, details: { from: exam.review, to: review } });
    consoles.contentChanged('exams');
    res.json(status(updated.review));
  });

  const userError = (e: unknown): never => {
    if (e instanceof UserError) throw new HttpError(e.code, e.message);
    throw e;
  };

  r.get('/users', (_req, res) => {
    res.json(store.state.data.users.map(publicUser) satisfies PublicUser[]);
  });

  r.post('/users', async (req, res) => {
    const body = parse(CreateUserBody, req.body);
    const { user, password, generated } = await createUser(store, { ...body, now: clock.now() }).catch(userError);
    await store.audit.append({ actor: req.user!.username, action: 'user.created', target: user.id, details: { username: user.username, role: user.role } });
    consoles.contentChanged('users');
    res.status(201).json({ user: publicUser(user), ...(generated ? { password } : {}) } satisfies UserResultDto);
  });

  r.patch('/users/:id', async (req, res) => {
    const id = param(req, 'id');
    const body = parse(PatchUserBody, req.body);
    const user = store.state.data.users.find((u) => u.id === id);
    if (!user) throw new HttpError('not-found', 'Deze medewerker bestaat niet.');
    const losesAdmin = user.role === 'admin' && !user.disabled && (body.disabled === true || body.role === 'supervisor');
    if (losesAdmin && activeAdmins(store).length <= 1) throw new HttpError('last-admin');
    let updated: StaffUser = { ...user, ...(body.displayName ? { displayName: body.displayName } : {}), ...(body.role ? { role: body.role } : {}), ...(body.disabled !== undefined ? { disabled: body.disabled } : {}) };
    store.state.data.users = store.state.data.users.map((u) => (u.id === id ? updated : u));
    await store.state.write();
    let password: string | undefined;
    if (body.resetPassword) {
      const reset = await setPassword(store, user.username).catch(userError);
      updated = reset.user;
      password = reset.password;
      await store.audit.append({ actor: req.user!.username, action: 'user.password-reset', target: id, details: { username: user.username } });
    }
    if (body.disabled !== undefined && body.disabled !== user.disabled) {
      await store.audit.append({ actor: req.user!.username, action: body.disabled ? 'user.disabled' : 'user.enabled', target: id, details: { username: user.username } });
    }
    if (body.disabled || body.resetPassword) {
      // a disabled account (or one whose password was reset) is logged out everywhere at once
      await auth.sessionStore.destroyAllOfUser(id);
      consoles.disconnectUser(id);
    }
    if (body.disabled) await engine.finishWhere((s) => s.approvedById === id, 'user-disabled', req.user!.username);
    consoles.contentChanged('users');
    res.json({ user: publicUser(updated), ...(password ? { password } : {}) } satisfies UserResultDto);
  });

  return r;
}
