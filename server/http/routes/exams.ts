/** /api/exams (admin only): the exams with their review settings and retention, and changing those (review/examSettings.ts). */
import { Router } from 'express';
import { ExamRetentionBody, ExamReviewPatch, type ExamDto, type ExamRetentionResultDto, type ExamReviewResultDto } from '../../../shared/protocol.ts';
import type { Ctx } from '../context.ts';
import { param, parse } from '../errors.ts';

export function examRoutes(ctx: Ctx): Router {
  const { auth, exams } = ctx;
  const r = Router();
  r.use(auth.requireAdmin);

  r.get('/', (_req, res) => {
    res.json(exams.list() satisfies ExamDto[]);
  });

  r.patch('/:id/retention', async (req, res) => {
    const id = param(req, 'id');
    const { retainUntil } = parse(ExamRetentionBody, req.body);
    res.json((await exams.setRetention(id, retainUntil, req.user!)) satisfies ExamRetentionResultDto);
  });

  r.patch('/:id/review', async (req, res) => {
    const id = param(req, 'id');
    const patch = parse(ExamReviewPatch, req.body);
    res.json((await exams.setReview(id, patch, req.user!)) satisfies ExamReviewResultDto);
  });

  return r;
}
