/** Staff accounts: creating them and setting passwords, for the console (staffService.ts) and the CLI (`inzage user …`). */
import { randomUUID } from 'node:crypto';
import type { PublicUser, Role, StaffUser } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import type { StaffRepo } from '../store/repositories.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import { WEAK_PASSWORD_MESSAGE, isWeakPassword } from './passwordPolicy.ts';
import { refusal } from '../../shared/refusals.ts';

export const USERNAME_RE = /^[a-z0-9._-]{2,40}$/;
export const MIN_PASSWORD = 10;

export function publicUser({ passwordHash: _h, ...u }: StaffUser): PublicUser {
  return u;
}

/** A password someone chose (not generated): long enough, not the username, not a common or breached one. */
export function checkChosenPassword(password: string, username: string): void {
  if (password.length < MIN_PASSWORD) throw refusal('invalid-input', 'password-too-short', { min: MIN_PASSWORD });
  if (isWeakPassword(password, username)) throw new DomainError('weak-password', WEAK_PASSWORD_MESSAGE);
}

export interface CreateUserInput { username: string; role: Role; displayName?: string; password?: string; now?: number }

/**
 * Creates a user. With a password it is used as is; without one a password is generated, returned once,
 * and the user must change it at first login.
 */
export async function createUser(staff: StaffRepo, input: CreateUserInput): Promise<{ user: StaffUser; password: string; generated: boolean }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_RE.test(username)) throw refusal('invalid-input', 'username-format');
  if (staff.byUsername(username)) throw refusal('conflict', 'username-taken', { username });
  if (input.password !== undefined) checkChosenPassword(input.password, username);
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  const user: StaffUser = {
    id: randomUUID(),
    username,
    displayName: input.displayName?.trim() || username,
    role: input.role,
    passwordHash: await hashPassword(password),
    disabled: false,
    mustChangePassword: generated,
    createdAt: new Date(input.now ?? Date.now()).toISOString(),
  };
  await staff.add(user);
  return { user, password, generated };
}

/** Sets a new password; without one a password is generated and must be changed at next login. */
export async function setPassword(staff: StaffRepo, username: string, password?: string): Promise<{ user: StaffUser; password: string; generated: boolean }> {
  const user = staff.byUsername(username);
  if (!user) throw refusal('not-found', 'no-such-username', { username });
  if (password !== undefined) checkChosenPassword(password, user.username);
  const generated = password === undefined;
  const pw = password ?? generatePassword();
  const updated: StaffUser = { ...user, passwordHash: await hashPassword(pw), mustChangePassword: generated };
  await staff.update(updated);
  return { user: updated, password: pw, generated };
}
