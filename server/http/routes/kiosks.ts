/** /api/kiosks: the list (staff); pairing, renaming and unpairing (admin). */
import { Router } from 'express';
import { DomainError } from '../../../shared/errors.ts';
import { EmptyBody, PairKioskBody, RenameKioskBody, type KioskDto, type KioskRefDto } from '../../../shared/protocol.ts';
import { RateLimiter } from '../../auth/rateLimit.ts';
import type { Ctx } from '../context.ts';
import { param, parse } from '../errors.ts';

export function kioskRoutes(ctx: Ctx): Router {
  const { kiosks, auth, clock, config } = ctx;
  const r = Router();
  const failures = new RateLimiter(config.pairingMaxFailures, 10 * 60_000, () => clock.now());
  r.get('/', auth.requireStaff(), (_req, res) => {
    res.json(kiosks.dtos() satisfies KioskDto[]);
  });
  r.post('/', auth.requireAdmin, async (req, res) => {
    const body = parse(PairKioskBody, req.body);
    const who = req.user!.id;
    if (failures.blocked(who)) throw new DomainError('rate-limited');
    try {
      const k = await kiosks.pair(body.code, body.name, req.user!);
      res.status(201).json({ id: k.id, name: k.name } satisfies KioskRefDto);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'pairing-code-unknown') failures.hit(who);
      throw e;
    }
  });
  r.patch('/:id', auth.requireAdmin, async (req, res) => {
    const body = parse(RenameKioskBody, req.body);
    const k = await kiosks.rename(param(req, 'id'), body.name, req.user!);
    res.json({ id: k.id, name: k.name } satisfies KioskRefDto);
  });
  r.delete('/:id', auth.requireAdmin, async (req, res) => {
    parse(EmptyBody, req.body);
    await kiosks.unpair(param(req, 'id'), req.user!);
    res.status(204).end();
  });
  return r;
}
