/** Rooms (docs/design.md: Rooms): the list (staff); creating, renaming, removing, the SEB requirement (admin). */
import type { RoomDto } from '../../../shared/protocol.ts';
import { request } from './http.ts';

export function listRooms(signal?: AbortSignal): Promise<RoomDto[]> {
  return request('/rooms', { signal });
}

export function createRoom(name: string): Promise<RoomDto> {
  return request('/rooms', { method: 'POST', body: { name } });
}

export function renameRoom(id: string, name: string): Promise<RoomDto> {
  return request(`/rooms/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

/** Requires Safe Exam Browser with these Config Keys for the room's kiosks; `null` lifts the requirement. */
export function setRoomSeb(id: string, configKeys: string[] | null): Promise<RoomDto> {
  return request(`/rooms/${encodeURIComponent(id)}`, { method: 'PATCH', body: { seb: configKeys ? { configKeys } : null } });
}

export function removeRoom(id: string): Promise<void> {
  return request(`/rooms/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
