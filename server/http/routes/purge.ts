/** /api/purge (admin only): remove candidate data by exam or date (a dry run counts); running reviews of it end first. */
import { Router } from 'express';
import { PurgeBody, type PurgeResultDto } from '../../../shared/protocol.ts';
import { purgeEndingReviews } from '../../purge.ts';
import type { Ctx } from '../context.ts';
import { parse } from '../errors.ts';

export function purgeRoutes(ctx: Ctx): Router {
  const { store, auth, engine } = ctx;
  const r = Router();

  r.post('/', auth.requireAdmin, async (req, res) => {
    const body = parse(PurgeBody, req.body);
    const actor = req.user!.username;
    const counts = await purgeEndingReviews(store, engine, { examId: body.examId, before: body.before, dryRun: body.dryRun, actor });
    if (!body.dryRun) ctx.consoles.contentChanged('results');
    res.json({ dryRun: body.dryRun, counts } satisfies PurgeResultDto);
  });

  return r;
}
