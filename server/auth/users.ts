/** Staff accounts in the state document: used by the HTTP routes and by the CLI (`inzage user …`). */
import { randomUUID } from 'node:crypto';
import type { PublicUser, Role, StaffUser } from '../../shared/domain.ts';
import type { Store } from '../store/index.ts';
import { generatePassword, hashPassword } from './passwords.ts';
import { WEAK_PASSWORD_MESSAGE, isWeakPassword } from './passwordPolicy.ts';

export const USERNAME_RE = /^[a-z0-9._-]{2,40}$/;
export const MIN_PASSWORD = 10;

export class UserError extends Error {
  constructor(public readonly code: 'conflict' | 'not-found' | 'invalid-input' | 'last-admin' | 'weak-password', message: string) {
    super(message);
  }
}

export function publicUser({ passwordHash: _h, ...u }: StaffUser): PublicUser {
  return u;
}

export function findUser(store: Store, username: string): StaffUser | undefined {
  const name = username.trim().toLowerCase();
  return store.state.data.users.find((u) => u.username === name);
}

export function findUserById(store: Store, id: string): StaffUser | undefined {
  return store.state.data.users.find((u) => u.id === id);
}

export function activeAdmins(store: Store): StaffUser[] {
  return store.state.data.users.filter((u) => u.role === 'admin' && !u.disabled);
}

/** A password someone chose (not generated): long enough, not the username, not a common or breached one. */
export function checkChosenPassword(password: string, username: string): void {
  if (password.length < MIN_PASSWORD) throw new UserError('invalid-input', `Het wachtwoord moet minstens ${MIN_PASSWORD} tekens hebben.`);
  if (isWeakPassword(password, username)) throw new UserError('weak-password', WEAK_PASSWORD_MESSAGE);
}

export interface CreateUserInput { username: string; role: Role; displayName?: string; password?: string; now?: number }

/**
 * Creates a user. With a password it is used as is; without one a password is generated, returned once,
 * and the user must change it at first login.
 */
export async function createUser(store: Store, input: CreateUserInput): Promise<{ user: StaffUser; password: string; generated: boolean }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME_RE.test(username)) throw new UserError('invalid-input', 'Gebruikersnaam: 2 tot 40 kleine letters, cijfers, ".", "_" of "-".');
  if (findUser(store, username)) throw new UserError('conflict', `Er bestaat al een medewerker met de gebruikersnaam "${username}".`);
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
  store.state.data.users = [...store.state.data.users, user];
  await store.state.write();
  return { user, password, generated };
}

/** Sets a new password; without one a password is generated and must be changed at next login. */
export async function setPassword(store: Store, username: string, password?: string): Promise<{ user: StaffUser; password: string; generated: boolean }> {
  const user = findUser(store, username);
  if (!user) throw new UserError('not-found', `Er is geen medewerker met de gebruikersnaam "${username}".`);
  if (password !== undefined) checkChosenPassword(password, user.username);
  const generated = password === undefined;
  const pw = password ?? generatePassword();
  const updated: StaffUser = { ...user, passwordHash: await hashPassword(pw), mustChangePassword: generated };
  store.state.data.users = store.state.data.users.map((u) => (u.id === user.id ? updated : u));
  await store.state.write();
  return { user: updated, password: pw, generated };
}
