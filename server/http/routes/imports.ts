/** Admin only: import upload (dry run first, then apply) and purge of candidate data. */
import express, { Router } from 'express';
import { PurgeBody, type ImportResultDto, type PurgeResultDto } from '../../../shared/protocol.ts';
import { importData } from '../../import/index.ts';
import { purgeEndingReviews } from '../../purge.ts';
import type { Ctx } from '../context.ts';
import { LIMITS } from '../limits.ts';
import { DomainError } from '../../../shared/errors.ts';
import { parse } from '../errors.ts';

export function importRoutes(ctx: Ctx): Router {
  const { store, auth, engine } = ctx;
  const r = Router();

  // The body is read only once the admin check passed: nobody else can make the server read 64 MB. Any JSON
  // value is read (not only an object or array), so that a file that is JSON but no import file is answered
  // like on the CLI, with its errors by path.
  r.post('/imports', auth.requireAdmin, express.json({ limit: LIMITS.importBytes, strict: false }), async (req, res) => {
    const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
    const result = await importData(store, req.body, { dryRun, actor: req.user!.username });
    if (!result.ok) throw new DomainError('invalid-input', `Het importbestand bevat ${result.errors!.length} fout(en); er is niets opgeslagen.`, { errors: result.errors });
    ctx.consoles.reviewsChanged();
    if (!dryRun) ctx.consoles.contentChanged('exams', 'results');
    res.json({ dryRun, counts: result.counts, exams: result.exams, warnings: result.warnings } satisfies ImportResultDto);
  });

  r.post('/purge', auth.requireAdmin, async (req, res) => {
    const body = parse(PurgeBody, req.body);
    const actor = req.user!.username;
    const counts = await purgeEndingReviews(store, engine, { examId: body.examId, before: body.before, dryRun: body.dryRun, actor });
    if (!body.dryRun) ctx.consoles.contentChanged('results');
    res.json({ dryRun: body.dryRun, counts } satisfies PurgeResultDto);
  });

  return r;
}
