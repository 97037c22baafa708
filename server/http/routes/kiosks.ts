/**
 * /api/kiosks: the list (staff); pairing, renaming and unpairing, and the files that set up a station — a launch kit
 * per kiosk, a Safe Exam Browser config — (admin).
 */
import { Router, type Request } from 'express';
import { DomainError } from '../../../shared/errors.ts';
import { EmptyBody, KioskRoomBody, LaunchKitKindParam, PairKioskBody, RenameKioskBody, SebConfigBody, type KioskDto, type KioskRefDto } from '../../../shared/protocol.ts';
import { RateLimiter } from '../../auth/rateLimit.ts';
import { launchKit, safeKioskUrl } from '../../kiosks/launchKits.ts';
import { sebConfig } from '../../seb/sebConfig.ts';
import type { Ctx } from '../context.ts';
import { param, parse } from '../errors.ts';
import { refusal } from '../../../shared/refusals.ts';

export function kioskRoutes(ctx: Ctx): Router {
  const { kiosks, auth, clock, config } = ctx;
  const r = Router();
  const failures = new RateLimiter(config.pairingMaxFailures, 10 * 60_000, () => clock.now());
  // several processes: the failures are counted for all of them (server/cluster/backoff.ts)
  const shared = ctx.sharedLimits;
  const blocked = async (who: string) => (shared ? (await shared.hits('pair-failures', who)) >= config.pairingMaxFailures : failures.blocked(who));
  const failed = async (who: string) => (shared ? shared.hit('pair-failures', who, 10 * 60_000) : failures.hit(who));
  r.get('/', auth.requireStaff(), (_req, res) => {
    res.json(kiosks.dtos() satisfies KioskDto[]);
  });
  r.post('/', auth.requireAdmin, async (req, res) => {
    const body = parse(PairKioskBody, req.body);
    const who = req.user!.id;
    if (await blocked(who)) throw new DomainError('rate-limited');
    try {
      const k = await kiosks.pair(body.code, body.name, req.user!, body.roomId ?? null);
      res.status(201).json({ id: k.id, name: k.name } satisfies KioskRefDto);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'pairing-code-unknown') await failed(who);
      throw e;
    }
  });
  r.patch('/:id', auth.requireAdmin, async (req, res) => {
    const body = parse(RenameKioskBody, req.body);
    const k = await kiosks.rename(param(req, 'id'), body.name, req.user!);
    res.json({ id: k.id, name: k.name } satisfies KioskRefDto);
  });
  // the kiosk page of this server as the admin's browser reaches it (the stations are in the same network)
  const kioskUrl = (req: Request) => safeKioskUrl(`${req.protocol}://${req.get('host')}/kiosk/`);
  r.post('/seb-config', auth.requireAdmin, (req, res) => {
    const { quitPassword } = parse(SebConfigBody, req.body);
    const seb = sebConfig({ kioskUrl: kioskUrl(req), quitPassword });
    // the Config Key SEB will send for these settings: what a room's or kiosk's SEB check is set to
    res.set('X-SEB-Config-Key', seb.configKey).type('application/seb').attachment('inzage-kiosk.seb').send(seb.file);
  });
  r.get('/:id/launch-kit/:kind', auth.requireAdmin, (req, res) => {
    const kind = parse(LaunchKitKindParam, req.params.kind);
    const kiosk = kiosks.kiosk(param(req, 'id'));
    if (!kiosk) throw refusal('not-found', 'no-such-kiosk');
    const kit = launchKit(kind, kioskUrl(req), kiosk.name);
    res.type(kit.contentType).attachment(kit.fileName).send(kit.body);
  });
  r.patch('/:id/room', auth.requireAdmin, async (req, res) => {
    const { roomId } = parse(KioskRoomBody, req.body);
    const k = await ctx.rooms.moveKiosk(param(req, 'id'), roomId, req.user!);
    res.json({ id: k.id, name: k.name, roomId: k.roomId ?? null } satisfies KioskRefDto);
  });
  r.delete('/:id', auth.requireAdmin, async (req, res) => {
    parse(EmptyBody, req.body);
    await kiosks.unpair(param(req, 'id'), req.user!);
    res.status(204).end();
  });
  return r;
}
