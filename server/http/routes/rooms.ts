/** /api/rooms: the exam rooms (staff); creating, changing (name, Safe Exam Browser) and removing them (admin). */
import { Router } from 'express';
import { CreateRoomBody, EmptyBody, PatchRoomBody, type RoomDto } from '../../../shared/protocol.ts';
import type { Ctx } from '../context.ts';
import { param, parse } from '../errors.ts';

export function roomRoutes(ctx: Ctx): Router {
  const { auth, rooms } = ctx;
  const r = Router();
  const one = (id: string) => rooms.list().find((x) => x.id === id)!;
  r.get('/', auth.requireStaff(), (_req, res) => {
    res.json(rooms.list() satisfies RoomDto[]);
  });
  r.post('/', auth.requireAdmin, async (req, res) => {
    const { name } = parse(CreateRoomBody, req.body);
    const room = await rooms.create(name, req.user!);
    res.status(201).json(one(room.id) satisfies RoomDto);
  });
  r.patch('/:id', auth.requireAdmin, async (req, res) => {
    const id = param(req, 'id');
    const patch = parse(PatchRoomBody, req.body);
    await rooms.patch(id, patch, req.user!);
    res.json(one(id) satisfies RoomDto);
  });
  r.delete('/:id', auth.requireAdmin, async (req, res) => {
    parse(EmptyBody, req.body);
    await rooms.remove(param(req, 'id'), req.user!);
    res.status(204).end();
  });
  return r;
}
