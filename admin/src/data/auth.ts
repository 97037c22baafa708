/** The staff session over HTTP: log in and out, who am I, change the password, the session's rooms. */
import type { LoginDto, MeDto } from '../../../shared/protocol.ts';
import { ApiError, request } from './http.ts';

export async function login(username: string, password: string): Promise<MeDto> {
  return (await request<LoginDto>('/auth/login', { method: 'POST', body: { username, password } })).user;
}

/** The current staff user, or `null` when not logged in. */
export async function me(): Promise<MeDto | null> {
  try {
    return (await request<LoginDto>('/auth/me')).user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function logout(): Promise<void> {
  return request('/auth/logout', { method: 'POST' });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

/** 'Mijn lokalen': the rooms this login session supervises ([]: all); the user as the server now has it. */
export async function putRooms(roomIds: readonly string[]): Promise<MeDto> {
  return (await request<LoginDto>('/auth/rooms', { method: 'PUT', body: { roomIds } })).user;
}
