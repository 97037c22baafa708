/** /api/users (admin only): staff accounts; the rules and their consequences live in auth/staffService.ts. */
import { Router } from 'express';
import type { PublicUser } from '../../../shared/domain.ts';
import { CreateUserBody, PatchUserBody, type UserResultDto } from '../../../shared/protocol.ts';
import { publicUser } from '../../auth/users.ts';
import type { Ctx } from '../context.ts';
import { param, parse } from '../errors.ts';

export function userRoutes(ctx: Ctx): Router {
  const { store, auth, staff } = ctx;
  const r = Router();
  r.use(auth.requireAdmin);

  r.get('/', (_req, res) => {
    res.json(store.staff.all().map(publicUser) satisfies PublicUser[]);
  });

  r.post('/', async (req, res) => {
    const body = parse(CreateUserBody, req.body);
    const { user, password, generated } = await staff.create(body, req.user!);
    res.status(201).json({ user: publicUser(user), ...(generated ? { password } : {}) } satisfies UserResultDto);
  });

  r.patch('/:id', async (req, res) => {
    const id = param(req, 'id');
    const body = parse(PatchUserBody, req.body);
    const { user, password } = await staff.patch(id, body, req.user!);
    res.json({ user: publicUser(user), ...(password ? { password } : {}) } satisfies UserResultDto);
  });

  return r;
}
