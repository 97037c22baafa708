/** /api/imports (admin only): an import file, as a dry run first, then applied. */
import express, { Router } from 'express';
import type { ImportResultDto } from '../../../shared/protocol.ts';
import { importData } from '../../import/index.ts';
import type { Ctx } from '../context.ts';
import { LIMITS } from '../limits.ts';
import { DomainError } from '../../../shared/errors.ts';

export function importRoutes(ctx: Ctx): Router {
  const { store, auth } = ctx;
  const r = Router();

  // The body is read only once the admin check passed: nobody else can make the server read 64 MB. Any JSON
  // value is read (not only an object or array), so that a file that is JSON but no import file is answered
  // like on the CLI, with its errors by path.
  r.post('/', auth.requireAdmin, express.json({ limit: LIMITS.importBytes, strict: false }), async (req, res) => {
    const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
    const result = await importData(store, req.body, { dryRun, actor: req.user!.username });
    if (!result.ok) throw new DomainError('invalid-input', `Het importbestand bevat ${result.errors!.length} fout(en); er is niets opgeslagen.`, { errors: result.errors });
    ctx.consoles.reviewsChanged();
    if (!dryRun) ctx.consoles.contentChanged('exams', 'results');
    res.json({ dryRun, counts: result.counts, exams: result.exams, warnings: result.warnings } satisfies ImportResultDto);
  });

  return r;
}
