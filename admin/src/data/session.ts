/**
 * The staff session as the console sees it: unknown (asking the server), anonymous, or a user (who may first
 * have to change the password). One owner; `SessionController` re-renders its host on every change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MeDto } from '../../../shared/protocol.ts';
import * as api from './auth.ts';
import { onAuthProblem } from './http.ts';

export type SessionState =
  | { status: 'unknown' }
  | { status: 'anonymous'; reason?: 'logged-out' | 'expired' }
  | { status: 'authenticated'; user: MeDto };

let state: SessionState = { status: 'unknown' };
const listeners = new Set<() => void>();

function set(next: SessionState) {
  state = next;
  for (const fn of listeners) fn();
}

export function session(): SessionState {
  return state;
}

/** Ask the server who we are (at start, and whenever the live connection was dropped by the server). */
export async function refresh(): Promise<void> {
  const user = await api.me();
  if (user) set({ status: 'authenticated', user });
  else if (state.status !== 'anonymous') set({ status: 'anonymous', reason: state.status === 'authenticated' ? 'expired' : undefined });
}

export async function login(username: string, password: string): Promise<void> {
  const user = await api.login(username, password);
  set({ status: 'authenticated', user });
}

export async function logout(): Promise<void> {
  try {
    await api.logout();
  } finally {
    set({ status: 'anonymous', reason: 'logged-out' });
  }
}

/** 'Mijn lokalen' (docs/design.md: Rooms): kept on the server's login session, so a reload keeps it. */
export async function chooseRooms(roomIds: readonly string[]): Promise<void> {
  const user = await api.putRooms(roomIds);
  if (state.status === 'authenticated' && state.user.id === user.id) set({ status: 'authenticated', user });
}

/** The rooms this login supervises ('Mijn lokalen'); empty: all. */
export function myRooms(user: MeDto | undefined): readonly string[] {
  return user?.rooms ?? [];
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await api.changePassword(currentPassword, newPassword);
  await refresh();
}

onAuthProblem((err) => {
  if (err.code === 'unauthenticated' && state.status === 'authenticated') set({ status: 'anonymous', reason: 'expired' });
  if (err.code === 'password-change-required' && state.status === 'authenticated' && !state.user.mustChangePassword) {
    set({ status: 'authenticated', user: { ...state.user, mustChangePassword: true } });
  }
});

export class SessionController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  get state(): SessionState {
    return state;
  }
  hostConnected() {
    listeners.add(this.update);
  }
  hostDisconnected() {
    listeners.delete(this.update);
  }
}
