/** /api/reviews (staff): the active reviews, one review (also an ended one), start and end. */
import { Router } from 'express';
import { EmptyBody, StartReviewBody, type ReviewDetailDto, type ReviewDto } from '../../../shared/protocol.ts';
import type { Ctx } from '../context.ts';
import { DomainError } from '../../../shared/errors.ts';
import { param, parse } from '../errors.ts';

export function reviewRoutes(ctx: Ctx): Router {
  const { engine, auth } = ctx;
  const r = Router();
  r.use(auth.requireStaff());
  r.get('/', (_req, res) => {
    res.json(engine.dtos() satisfies ReviewDto[]);
  });
  r.post('/', async (req, res) => {
    const body = parse(StartReviewBody, req.body);
    res.status(201).json((await engine.start(body, req.user!)) satisfies ReviewDto);
  });
  r.get('/:id', (req, res) => {
    const s = engine.get(param(req, 'id'));
    if (!s) throw new DomainError('not-found');
    res.json((s.endedAt ? { ...engine.dto(s), endedAt: s.endedAt, endReason: s.endReason } : engine.dto(s)) satisfies ReviewDetailDto);
  });
  r.delete('/:id', async (req, res) => {
    parse(EmptyBody, req.body);
    await engine.endBySupervisor(param(req, 'id'), req.user!);
    res.status(204).end();
  });
  return r;
}
