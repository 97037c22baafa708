/**
 * /api/auth — login (anyone), logout, me and password change (staff; allowed while a change is due), the session's
 * rooms ('Mijn lokalen', staff).
 * Credentials come from the JSON body only; passport-local would also read the query string, so that is refused.
 */
import { Router } from 'express';
import { UNKNOWN_ACCOUNT, type StaffUser } from '../../../shared/domain.ts';
import { EmptyBody, LoginBody, MyRoomsBody, PasswordBody, type LoginDto, type MeDto } from '../../../shared/protocol.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { LoginLimits } from '../../auth/loginLimits.ts';
import { WEAK_PASSWORD_MESSAGE, isWeakPassword } from '../../auth/passwordPolicy.ts';
import type { Store } from '../../store/index.ts';
import type { Ctx } from '../context.ts';
import { DomainError } from '../../../shared/errors.ts';
import { parse } from '../errors.ts';
import { refusal } from '../../../shared/refusals.ts';

/** `rooms`: the session's 'Mijn lokalen', without rooms removed since (docs/design.md: Rooms). */
export const meDto = (u: StaffUser, rooms: readonly string[] | undefined, store: Store): MeDto => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, mustChangePassword: u.mustChangePassword,
  rooms: rooms ? rooms.filter((id) => store.rooms.get(id)) : null,
});

export function authRoutes(ctx: Ctx): Router {
  const { store, clock, config, auth, engine, consoles, bursts } = ctx;
  const r = Router();
  const now = () => clock.now();
  const limits = new LoginLimits(config, now, ctx.sharedLimits);

  /**
   * A failed login in the audit log: per client IP a burst, the first failure per account and reason written
   * at once, repeats summarised (docs/design.md: The audit log). A name that is no account is not stored: it may
   * be a password typed into the wrong field, and an attacker would choose it.
   */
  const auditFailure = (typed: string, ip: string, reason: 'invalid-credentials' | 'rate-limited' | 'wrong-current-password') => {
    const account = store.staff.byUsername(typed) ? typed : UNKNOWN_ACCOUNT;
    const details = { ip, reason };
    return bursts.note(`login-failed:${ip}`, `${account}\n${reason}`, { account, reason },
      { actor: account, action: 'auth.login-failed', target: account, details },
      { actor: 'system', action: 'auth.login-failed', target: ip, details: { ip } });
  };

  r.post('/login', async (req, res, next) => {
    if (req.query.username !== undefined || req.query.password !== undefined) {
      throw refusal('invalid-input', 'credentials-in-url');
    }
    const body = parse(LoginBody, req.body);
    const username = body.username.toLowerCase();
    const ip = req.ip ?? 'unknown';
    // reserved before the hash: guesses sent in parallel each count
    const attempt = await limits.begin(username, ip);
    if (!attempt.ok) {
      await auditFailure(username, ip, 'rate-limited');
      res.set('Retry-After', String(Math.ceil(attempt.waitMs / 1000)));
      throw new DomainError('rate-limited');
    }
    let user: StaffUser | false;
    try {
      user = await new Promise<StaffUser | false>((resolve, reject) => {
        auth.passport.authenticate('local', { session: false }, (err: unknown, u: StaffUser | false) => (err ? reject(err) : resolve(u)))(req, res, next);
      });
    } catch (e) {
      await limits.aborted(username, ip);
      throw e;
    }
    if (!user) {
      await limits.failed(username, ip);
      await auditFailure(username, ip, 'invalid-credentials');
      throw new DomainError('invalid-credentials');
    }
    await limits.succeeded(username, ip);
    // passport regenerates the session on login (a fixed session id cannot be carried over)
    await new Promise<void>((resolve, reject) => req.login(user, (err) => (err ? reject(err) : resolve())));
    req.session.createdAt = clock.now();
    await store.audit.append({ actor: user.username, action: 'auth.login', target: user.id, details: { ip } });
    res.json({ user: meDto(user, undefined, store) } satisfies LoginDto);
  });

  r.get('/me', auth.requireStaff({ allowMustChange: true }), (req, res) => {
    res.json({ user: meDto(req.user!, req.session.rooms, store) } satisfies LoginDto);
  });

  /**
   * 'Mijn lokalen': the rooms this login session supervises, kept on the session (so a reload keeps them and the
   * next login asks again); the console shows only their kiosks and reviews. A view, not a permission: any staff
   * member may choose any room, or all ([]). An unknown room is refused (`not-found`), nothing changed.
   */
  r.put('/rooms', auth.requireStaff(), (req, res) => {
    const { roomIds } = parse(MyRoomsBody, req.body);
    const unique = [...new Set(roomIds)];
    if (unique.some((id) => !store.rooms.get(id))) throw refusal('not-found', 'room-gone');
    req.session.rooms = unique;
    res.json({ user: meDto(req.user!, unique, store) } satisfies LoginDto);
  });

  r.post('/logout', auth.requireStaff({ allowMustChange: true }), async (req, res) => {
    parse(EmptyBody, req.body);
    const user = req.user!;
    const sid = req.sessionID;
    await engine.finishWhere((s) => s.approvedById === user.id, 'supervisor-logged-out', user.username);
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    consoles.disconnectSession(sid);
    await store.audit.append({ actor: user.username, action: 'auth.logout', target: user.id, details: {} });
    res.clearCookie(auth.cookieName, { path: '/', httpOnly: true, sameSite: 'strict', secure: config.secureCookies });
    res.status(204).end();
  });

  /**
   * The current password is checked under the same limits as a login (same counters: a stolen session cannot
   * guess the password it would need to take the account over), reserved before the hash. A change ends the
   * user's other login sessions (HTTP and console sockets) and gives this one a new id; the reviews the user
   * approved keep running, since the user is still logged in here (docs/design.md: Security model, Sessions).
   * A wrong current password, and a check refused for backing off, are audited as failed logins of the account.
   */
  r.post('/password', auth.requireStaff({ allowMustChange: true }), async (req, res) => {
    const body = parse(PasswordBody, req.body);
    const user = req.user!;
    if (body.newPassword === body.currentPassword) throw refusal('invalid-input', 'same-password');
    if (isWeakPassword(body.newPassword, user.username)) throw new DomainError('weak-password', WEAK_PASSWORD_MESSAGE);
    const ip = req.ip ?? 'unknown';
    const attempt = await limits.begin(user.username, ip);
    if (!attempt.ok) {
      await auditFailure(user.username, ip, 'rate-limited');
      res.set('Retry-After', String(Math.ceil(attempt.waitMs / 1000)));
      throw new DomainError('rate-limited');
    }
    let ok: boolean;
    try {
      ok = await verifyPassword(body.currentPassword, user.passwordHash);
    } catch (e) {
      await limits.aborted(user.username, ip);
      throw e;
    }
    if (!ok) {
      await limits.failed(user.username, ip);
      // audited like a failed login: a stolen session guessing the password it needs to take the account over
      await auditFailure(user.username, ip, 'wrong-current-password');
      throw refusal('invalid-credentials', 'wrong-current-password');
    }
    await limits.succeeded(user.username, ip);
    // every other login of this user ends; this one gets a new id (passport regenerates the session on login),
    // keeping its absolute lifetime
    const oldSid = req.sessionID;
    const updated = await ctx.staff.passwordChanged(user, body.newPassword, oldSid);
    const { createdAt = clock.now(), rooms } = req.session;
    await new Promise<void>((resolve, reject) => req.login(updated, (err) => (err ? reject(err) : resolve())));
    req.session.createdAt = createdAt;
    if (rooms) req.session.rooms = rooms;
    consoles.moveSession(oldSid, req.sessionID);
    res.status(204).end();
  });

  return r;
}
