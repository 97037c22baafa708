/**
 * Staff account changes made in the console (admin only; the routes check it), with everything that follows from
 * each: the audit line, logging a disabled or reset account out everywhere, ending the reviews a disabled supervisor
 * approved, telling consoles. The routes parse and answer; the rules live here.
 */
import type { EndReason, StaffUser } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/index.ts';
import type { DocSessionStore } from './sessionStore.ts';
import { hashPassword } from './passwords.ts';
import { createUser, setPassword, type CreateUserInput } from './users.ts';
import { refusal } from '../../shared/refusals.ts';

export interface StaffLinks {
  sessions: Pick<DocSessionStore, 'destroyAllOfUser'>;
  /** end the console sockets of a user (except one login's) */
  disconnectUser(userId: string, exceptSid?: string): void;
  /** end the active reviews that match */
  endReviews(pred: (s: { approvedById: string }) => boolean, reason: EndReason, actor: string): Promise<unknown>;
  usersChanged(): void;
}

export interface UserPatch { displayName?: string; role?: 'supervisor' | 'admin'; disabled?: boolean; resetPassword?: true }

export class StaffService {
  constructor(private readonly store: Store, private readonly clock: Clock, private readonly links: StaffLinks) {}

  async create(input: Omit<CreateUserInput, 'now'>, actor: StaffUser): Promise<{ user: StaffUser; password: string; generated: boolean }> {
    const created = await createUser(this.store.staff, { ...input, now: this.clock.now() });
    await this.store.audit.append({ actor: actor.username, action: 'user.created', target: created.user.id, details: { username: created.user.username, role: created.user.role } });
    this.links.usersChanged();
    return created;
  }

  /** Name, role, disabled, password reset; never the last active admin away. The password only when one was generated. */
  async patch(id: string, patch: UserPatch, actor: StaffUser): Promise<{ user: StaffUser; password?: string }> {
    const { staff, audit } = this.store;
    const user = staff.byId(id);
    if (!user) throw refusal('not-found', 'no-such-staff');
    const losesAdmin = user.role === 'admin' && !user.disabled && (patch.disabled === true || patch.role === 'supervisor');
    if (losesAdmin && staff.activeAdmins().length <= 1) throw new DomainError('last-admin');
    let updated: StaffUser = {
      ...user,
      ...(patch.displayName ? { displayName: patch.displayName } : {}),
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    };
    await staff.update(updated);
    let password: string | undefined;
    if (patch.resetPassword) {
      const reset = await setPassword(staff, user.username);
      updated = reset.user;
      password = reset.password;
      await audit.append({ actor: actor.username, action: 'user.password-reset', target: id, details: { username: user.username } });
    }
    if (patch.disabled !== undefined && patch.disabled !== user.disabled) {
      await audit.append({ actor: actor.username, action: patch.disabled ? 'user.disabled' : 'user.enabled', target: id, details: { username: user.username } });
    }
    if (patch.disabled || patch.resetPassword) {
      // a disabled account (or one whose password was reset) is logged out everywhere at once
      await this.links.sessions.destroyAllOfUser(id);
      this.links.disconnectUser(id);
    }
    if (patch.disabled) await this.links.endReviews((s) => s.approvedById === id, 'user-disabled', actor.username);
    this.links.usersChanged();
    return { user: updated, ...(password ? { password } : {}) };
  }

  /**
   * A user changed their own password (the caller checked the current one): stored, and every other login of theirs
   * ends (whoever knew the old password is out); the login with id `keepSid` stays.
   */
  async passwordChanged(user: StaffUser, newPassword: string, keepSid: string): Promise<StaffUser> {
    const updated: StaffUser = { ...user, passwordHash: await hashPassword(newPassword), mustChangePassword: false };
    await this.store.staff.update(updated);
    await this.links.sessions.destroyAllOfUser(user.id, keepSid);
    this.links.disconnectUser(user.id, keepSid);
    await this.store.audit.append({ actor: user.username, action: 'auth.password-changed', target: user.id, details: {} });
    return updated;
  }
}
