/** /api/groups, /api/groups/:id/results, /api/candidates/:number/sittings — staff (supervisor or admin). */
import { Router } from 'express';
import type { Exam, Group } from '../../../shared/domain.ts';
import type { CandidateSittingsDto, GroupDto, ResultsDto } from '../../../shared/protocol.ts';
import { displayName, reviewStatus } from '../../../shared/rules.ts';
import type { Ctx } from '../context.ts';
import { HttpError, param } from '../errors.ts';

export function resultsRoutes(ctx: Ctx): Router {
  const { store, clock, auth, engine } = ctx;
  const content = store.content;
  const r = Router();
  r.use(auth.requireStaff());

  const groupDto = (g: Group): GroupDto => ({
    id: g.id, name: g.name, examId: g.examId, examTitle: content.exam(g.examId)?.title ?? '', startsAt: g.startsAt,
    candidateCount: g.candidateNumbers.length, ...(g.location ? { location: g.location } : {}),
  });
  const reviewOf = (exam: Exam) => ({
    allowed: exam.review.allowed, opensAt: exam.review.opensAt ?? null, closesAt: exam.review.closesAt ?? null,
    status: reviewStatus(exam.review, clock.now()), maxMinutes: exam.review.maxMinutes,
  });
  const activeBySitting = () => new Map(engine.active().map((s) => [s.sittingId, s.id]));

  r.get('/groups', (_req, res) => {
    const groups = content.groups().sort((a, b) => b.startsAt.localeCompare(a.startsAt) || a.name.localeCompare(b.name, 'nl'));
    res.json(groups.map(groupDto));
  });

  r.get('/groups/:id/results', (req, res) => {
    const group = content.group(param(req, 'id'));
    const exam = group && content.exam(group.examId);
    if (!group || !exam) throw new HttpError('not-found', 'Deze afnamegroep bestaat niet.');
    const sittings = new Map(content.sittingsOfGroup(group.id).map((s) => [s.candidateNumber, s]));
    const active = activeBySitting();
    const rows = group.candidateNumbers.map((number) => {
      const c = content.candidate(number);
      const s = sittings.get(number);
      return {
        candidateNumber: number, name: c ? displayName(c) : number, ...(c?.className ? { className: c.className } : {}),
        sittingId: s?.id ?? null, totalScore: s?.totalScore ?? null, maxScore: s?.maxScore ?? null, grade: s?.grade ?? null,
        reviewId: (s && active.get(s.id)) ?? null,
      };
    });
    rows.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const body: ResultsDto = { group: groupDto(group), exam: { id: exam.id, title: exam.title, central: exam.central, review: reviewOf(exam) }, rows };
    res.json(body);
  });

  r.get('/candidates/:number/sittings', (req, res) => {
    const number = param(req, 'number');
    const c = content.candidate(number);
    if (!c) throw new HttpError('not-found', 'Deze kandidaat bestaat niet.');
    const active = activeBySitting();
    const sittings = content.sittingsOfCandidate(number).flatMap((s) => {
      const exam = content.exam(s.examId);
      const group = content.group(s.groupId);
      if (!exam || !group) return [];
      return [{
        sittingId: s.id, groupId: group.id, groupName: group.name, examId: exam.id, examTitle: exam.title, central: exam.central,
        startedAt: s.startedAt, submittedAt: s.submittedAt, totalScore: s.totalScore, maxScore: s.maxScore, grade: s.grade ?? null,
        reviewStatus: reviewStatus(exam.review, clock.now()), reviewId: active.get(s.id) ?? null,
      }];
    });
    sittings.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    const body: CandidateSittingsDto = { candidate: { number, name: displayName(c), ...(c.className ? { className: c.className } : {}) }, sittings };
    res.json(body);
  });

  return r;
}
