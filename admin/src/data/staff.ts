/** Staff accounts (admin). */
import type { PublicUser } from '../../../shared/domain.ts';
import type { CreateUserBody, PatchUserBody, UserResultDto } from '../../../shared/protocol.ts';
import { request } from './http.ts';

export function listUsers(signal?: AbortSignal): Promise<PublicUser[]> {
  return request('/users', { signal });
}

/** Without a password the server generates one, returns it once, and the user must change it at first login. */
export function createStaffUser(body: CreateUserBody): Promise<UserResultDto> {
  return request('/users', { method: 'POST', body });
}

/** Disabling (or a password reset) logs the user out everywhere; 409 `last-admin` protects the last admin. */
export function patchStaffUser(id: string, body: PatchUserBody): Promise<UserResultDto> {
  return request(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
