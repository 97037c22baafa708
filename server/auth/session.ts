/**
 * Staff authentication (docs/design.md: Security model): passport-local over scrypt hashes, express-session in a persistent
 * store, idle (rolling cookie) and absolute timeouts, and the guards every route names.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Role, StaffUser } from '../../shared/domain.ts';
import type { Clock } from '../clock.ts';
import type { ServerConfig } from '../config.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Store } from '../store/index.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { DocSessionStore } from './sessionStore.ts';
import { refusal } from '../../shared/refusals.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport's req.user is our staff user
    interface User extends StaffUser {}
  }
}
declare module 'express-session' {
  interface SessionData {
    createdAt: number;
    /** the rooms this login supervises ('Mijn lokalen', PUT /api/auth/rooms); unset: not chosen yet */
    rooms?: string[];
  }
}

export const SESSION_COOKIE = 'inzage.sid';
/**
 * The session cookie's name. Under TLS it carries the `__Host-` prefix: a browser then takes it only with
 * `Secure`, `Path=/` and no `Domain`, so neither plain HTTP nor another host under the same domain can set or
 * overwrite it (cookie tossing, session fixation from a sibling subdomain).
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

export interface Auth {
  sessionMiddleware: RequestHandler;
  passport: passport.PassportStatic;
  sessionStore: DocSessionStore;
  /** The session cookie's name (`__Host-inzage.sid` under TLS). */
  cookieName: string;
  /** Staff only (any role); refuses while the password must be changed, except where `allowMustChange`. */
  requireStaff: (opts?: { allowMustChange?: boolean }) => RequestHandler;
  requireAdmin: RequestHandler;
  /** The session is past its absolute lifetime. */
  expired(req: { session?: Partial<session.SessionData> }): boolean;
}

export function createAuth(store: Store, clock: Clock, config: ServerConfig): Auth {
  const sessionStore = new DocSessionStore(store.loginSessions, () => clock.now());
  const cookieName = sessionCookieName(config.secureCookies);
  const sessionMiddleware = session({
    name: cookieName,
    secret: config.secret,
    store: sessionStore,
    resave: false,
    saveUninitialized: false,
    rolling: true, // the idle timeout restarts with every request
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, maxAge: config.idleTimeoutMs, path: '/' },
  });

  const pp = new passport.Passport();
  pp.use(
    new LocalStrategy({ usernameField: 'username', passwordField: 'password', session: true }, (username, password, done) => {
      const user = store.staff.byUsername(username);
      // compare against a dummy hash for unknown users, so that timing tells nothing
      const check = user && !user.disabled ? verifyPassword(password, user.passwordHash) : dummyHash().then((h) => verifyPassword(password, h)).then(() => false);
      check.then((ok) => done(null, ok && user ? user : false), done);
    }),
  );
  pp.serializeUser((user, done) => done(null, (user as StaffUser).id));
  pp.deserializeUser((id: string, done) => {
    const user = store.staff.byId(id);
    done(null, user && !user.disabled ? user : false);
  });

  const expired = (req: { session?: Partial<session.SessionData> }) =>
    !!req.session?.createdAt && clock.now() - req.session.createdAt > config.absoluteTimeoutMs;

  const requireStaff = (opts: { allowMustChange?: boolean } = {}): RequestHandler => (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return next(new DomainError('unauthenticated'));
    if (expired(req)) {
      req.session.destroy(() => next(refusal('unauthenticated', 'session-expired')));
      return;
    }
    if (req.user.mustChangePassword && !opts.allowMustChange) return next(new DomainError('password-change-required'));
    next();
  };
  const staff = requireStaff();
  const requireAdmin: RequestHandler = (req, res, next) =>
    staff(req, res, (err?: unknown) => (err ? next(err) : req.user!.role === ('admin' satisfies Role) ? next() : next(new DomainError('forbidden'))));

  return { sessionMiddleware, passport: pp as unknown as passport.PassportStatic, sessionStore, cookieName, requireStaff, requireAdmin, expired };
}
