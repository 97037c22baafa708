/**
 * Staff-authentication hardening (issue 11): the password change is rate-limited like a login, ends the user's
 * other sessions and rotates this one; new passwords are checked against common and breached ones; session ids
 * are stored hashed; the cookie is `__Host-` under TLS; TLS 1.2 offers only AEAD suites; a bad %-encoding in a
 * URL is a coded 400. Real servers, real HTTP, TLS and socket clients; time moves on the fake clock only.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { FakeClock } from '../../server/clock.ts';
import {
  PASSWORD, StaffClient, connectKiosk, consoleSocket, loggedIn, once, pairKiosk, roundTrip, startTestServer, tempDir,
  type TestServer,
} from '../helpers/server.ts';
import { removeDir } from '../support/dataDir.ts';
import { itFileStore, storedDocs, storedFileText, whereStored } from '../support/stored.ts';
import { eventually } from '../support/eventually.ts';

const T0 = Date.parse('2026-06-05T10:00:00Z');
const NEW_PASSWORD = 'Nieuw-wachtwoord-voor-sup1-2026';

/** The session id inside a signed express-session cookie value (`s:<sid>.<signature>`, URL-encoded). */
function sidOf(cookie: string): string {
  const value = decodeURIComponent(cookie.split('; ').find((c) => /^(__Host-)?inzage\.sid=/.test(c))!.split('=').slice(1).join('='));
  expect(value).to.match(/^s:/);
  return value.slice(2, value.lastIndexOf('.'));
}

describe('staff authentication hardening', function () {
  this.timeout(60_000);
  let ts: TestServer | null = null;
  let clock: FakeClock;
  const closers: { close(): void }[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) c.close();
    await ts?.close();
    ts = null;
  });
  const start = async (opts: Parameters<typeof startTestServer>[0] = {}) => {
    clock = new FakeClock(T0);
    ts = await startTestServer({ data: null, clock, ...opts });
    return ts;
  };

  describe('password change: the current password is limited like a login', () => {
    const change = (c: StaffClient, currentPassword: string, newPassword = NEW_PASSWORD) =>
      c.call('POST', '/api/auth/password', { currentPassword, newPassword });

    it('counts parallel wrong guesses, backs off with Retry-After (also for the right password), and lets the right one through after the wait', async () => {
      const { base } = await start();
      const sup1 = await loggedIn(base, 'sup1');
      // 8 wrong guesses at once: each is reserved before its hash, so only the 5 free ones are checked
      const statuses = (await Promise.all(Array.from({ length: 8 }, (_, i) => change(sup1, `wrong-guess-${i}`)))).map((r) => r.status);
      expect(statuses.filter((s) => s === 401), statuses.join(' ')).to.have.length(5);
      expect(statuses.filter((s) => s === 429), statuses.join(' ')).to.have.length(3);
      // backing off: even the right password is not checked now
      const refused = await change(sup1, PASSWORD('sup1'));
      expect([refused.status, refused.json.error.code, refused.headers.get('retry-after')]).to.deep.equal([429, 'rate-limited', '30']);
      expect(ts!.store.staff.byUsername('sup1')!.mustChangePassword).to.equal(false);
      const me = await sup1.call('GET', '/api/auth/me');
      expect(me.status).to.equal(200); // still logged in: a refused change changes nothing
      clock.advance(30_000);
      expect((await change(sup1, PASSWORD('sup1'))).status).to.equal(204);
      expect((await new StaffClient(base).login('sup1', NEW_PASSWORD)).status).to.equal(200);
    });

    it('shares the counters with the login: failed password changes slow down logins of that account from that address', async () => {
      const { base } = await start();
      const sup1 = await loggedIn(base, 'sup1');
      for (let i = 0; i < 5; i++) expect((await change(sup1, `wrong-${i}`)).status).to.equal(401);
      expect((await new StaffClient(base).login('sup1')).status).to.equal(429);
    });

    it('audits a wrong current password as a failed login of the account (never the typed password)', async () => {
      const { base } = await start();
      const sup1 = await loggedIn(base, 'sup1');
      expect((await change(sup1, 'wrong-guess-1')).status).to.equal(401);
      await ts!.store.flush();
      const failed = (await ts!.store.audit.readAll()).filter((e) => e.action === 'auth.login-failed');
      expect(failed.map((e) => [e.actor, e.details.reason])).to.deep.include(['sup1', 'wrong-current-password']);
      expect(JSON.stringify(await ts!.store.audit.readAll())).not.to.contain('wrong-guess-1');
    });
  });

  describe('password change: other sessions end, this one gets a new id', () => {
    it('logs the other login of the same user out (HTTP and console socket), keeps this one with a new cookie, and keeps the reviews it approved running', async () => {
      const { base } = await start({ data: 'sample.json' });
      const boss = await loggedIn(base, 'boss');
      const here = await loggedIn(base, 'sup1');
      const there = await loggedIn(base, 'sup1');
      const other = await loggedIn(base, 'sup2');
      const hereSock = consoleSocket(base, here);
      const thereSock = consoleSocket(base, there);
      const otherSock = consoleSocket(base, other);
      closers.push(hereSock, thereSock, otherSock);
      await Promise.all([once(hereSock, 'reviews:updated'), once(thereSock, 'reviews:updated'), once(otherSock, 'reviews:updated')]);
      // a review approved by sup1 in the other session
      const k = await pairKiosk(base, boss, 'Station 1');
      const { socket: kiosk } = await connectKiosk(base, k.token);
      closers.push(kiosk);
      const started = once(kiosk, 'review:started');
      const review = await there.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
      expect(review.status, review.text).to.equal(201);
      await started;

      const oldCookie = here.cookie;
      const thereGone = once(thereSock, 'disconnect');
      const r = await here.call('POST', '/api/auth/password', { currentPassword: PASSWORD('sup1'), newPassword: NEW_PASSWORD });
      expect(r.status, r.text).to.equal(204);
      expect(await thereGone).to.equal('io server disconnect');
      expect((await there.call('GET', '/api/auth/me')).status).to.equal(401);

      // this session: a new id, still logged in; the old cookie is dead
      expect(sidOf(here.cookie)).not.to.equal(sidOf(oldCookie));
      const me = await here.call('GET', '/api/auth/me');
      expect([me.status, me.json.user.username]).to.deep.equal([200, 'sup1']);
      const stale = new StaffClient(base);
      stale.cookie = oldCookie;
      expect((await stale.call('GET', '/api/auth/me')).status).to.equal(401);
      // its console socket and another user's stay connected, and the review goes on
      await roundTrip(hereSock);
      await roundTrip(otherSock);
      expect(hereSock.connected && otherSock.connected).to.equal(true);
      expect((await other.call('GET', '/api/auth/me')).status).to.equal(200);
      const active = await here.call('GET', '/api/reviews');
      expect(active.json.map((x: { id: string }) => x.id)).to.deep.equal([review.json.id]);
      // the console socket follows the new id: logging out now disconnects it
      const hereGone = once(hereSock, 'disconnect');
      expect((await here.logout()).status).to.equal(204);
      expect(await hereGone).to.equal('io server disconnect');
    });
  });

  describe('common and breached passwords', () => {
    it('refuses a common password (any case) and one equal to the username, with a coded error, and changes nothing', async () => {
      const { base, store } = await start();
      const sup1 = await loggedIn(base, 'sup1');
      const hashBefore = store.staff.byUsername('sup1')!.passwordHash;
      for (const newPassword of ['password123', 'PassWord123', 'qwertyuiop', 'Wachtwoord', ' 1234567890 ']) {
        const r = await sup1.call('POST', '/api/auth/password', { currentPassword: PASSWORD('sup1'), newPassword });
        expect([r.status, r.json.error.code], newPassword).to.deep.equal([400, 'weak-password']);
      }
      expect(store.staff.byUsername('sup1')!.passwordHash).to.equal(hashBefore);

      const boss = await loggedIn(base, 'boss');
      const same = await boss.call('POST', '/api/users', { username: 'docent.jansen', role: 'supervisor', password: 'Docent.Jansen' });
      expect([same.status, same.json.error.code]).to.deep.equal([400, 'weak-password']);
      const common = await boss.call('POST', '/api/users', { username: 'docent.jansen', role: 'supervisor', password: 'BASKETBALL' });
      expect([common.status, common.json.error.code]).to.deep.equal([400, 'weak-password']);
      expect(store.staff.all().map((u) => u.username)).not.to.include('docent.jansen');
      const fine = await boss.call('POST', '/api/users', { username: 'docent.jansen', role: 'supervisor', password: 'Lange-zin-over-de-toets-7' });
      expect(fine.status, fine.text).to.equal(201);
    });
  });

  describe('stored login sessions (sessions.json, or the login_sessions table)', () => {
    it('stores the hash of a session id, never the id, and the session survives a restart', async () => {
      const first = await start();
      const sup1 = await loggedIn(first.base, 'sup1');
      const sid = sidOf(sup1.cookie);
      await first.store.flush();
      const text = await storedFileText(whereStored(first), 'sessions.json');
      expect(text).not.to.include(sid);
      const stored = await storedDocs(whereStored(first), 'loginSessions');
      expect(stored.map((s) => s.id)).to.deep.equal([createHash('sha256').update(sid).digest('hex')]);
      await first.close({ keepData: true });
      ts = null;
      ts = await startTestServer({ data: null, clock, dataDir: first.dataDir });
      const again = new StaffClient(ts.base); // a new address: no kept-alive connection to the old server
      again.cookie = sup1.cookie;
      const me = await again.call('GET', '/api/auth/me');
      expect([me.status, me.json?.user?.username]).to.deep.equal([200, 'sup1']);
    });

    itFileStore('migrates a file from before (raw ids as keys) to hashes at start: nobody has to log in again', 'a sessions.json of an earlier build; PostgreSQL never stored a raw id', async () => {
      const first = await start();
      const sup1 = await loggedIn(first.base, 'sup1');
      const sid = sidOf(sup1.cookie);
      await first.close({ keepData: true });
      ts = null;
      // as an older version wrote it: keyed by the session id itself
      const file = join(first.dataDir, 'sessions.json');
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      doc.sessions = { [sid]: Object.values(doc.sessions)[0] };
      writeFileSync(file, JSON.stringify(doc));
      ts = await startTestServer({ data: null, clock, dataDir: first.dataDir });
      const again = new StaffClient(ts.base);
      again.cookie = sup1.cookie;
      expect((await again.call('GET', '/api/auth/me')).status).to.equal(200);
      await ts.store.flush();
      expect(readFileSync(file, 'utf8')).not.to.include(sid);
    });
  });

  describe('bad URLs', () => {
    it('answers a bad %-encoding in a path parameter with 400 invalid-url', async () => {
      const { base } = await start({ data: 'sample.json' });
      const boss = await loggedIn(base, 'boss');
      for (const [method, path, body] of [
        ['GET', '/api/groups/%E0%A4%A/results'],
        ['GET', '/api/candidates/%E0%A4%A/sittings'],
        ['PATCH', '/api/users/%E0%A4%A', { displayName: 'x' }],
        ['PATCH', '/api/exams/%ZZ/review', { allowed: true }],
      ] as const) {
        const r = await boss.call(method, path, body);
        expect([r.status, r.json?.error?.code], path).to.deep.equal([400, 'invalid-url']);
      }
    });
  });

  describe('TLS', () => {
    let dir: string;
    let cert: Buffer;
    let key: Buffer;
    before(() => {
      // a self-signed RSA certificate for 127.0.0.1, made here
      dir = tempDir('tls');
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
      cert = readFileSync(join(dir, 'cert.pem'));
      key = readFileSync(join(dir, 'key.pem'));
    });
    after(() => removeDir(dir));

    /** A request over TLS that trusts only the test certificate: status and headers. */
    const tlsCall = (base: string, method: string, path: string, body?: unknown, cookie = '') =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
        const url = new URL(path, base);
        const data = body === undefined ? undefined : JSON.stringify(body);
        const req = httpsRequest(url, {
          method, ca: cert,
          headers: { accept: 'application/json', origin: base, ...(data ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
        }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
        });
        req.on('error', reject);
        req.end(data);
      });

    /** Does a TLS handshake with these client settings succeed? Resolves to the cipher, or the error's message. */
    const handshake = (base: string, opts: { ciphers?: string; maxVersion?: 'TLSv1.2' | 'TLSv1.3' }) =>
      new Promise<{ ok: true; cipher: string; protocol: string | null } | { ok: false; error: string }>((resolve) => {
        const url = new URL(base);
        const socket = tlsConnect({ host: url.hostname, port: Number(url.port), ca: cert, ...opts }, () => {
          const result = { ok: true as const, cipher: socket.getCipher().name, protocol: socket.getProtocol() };
          socket.end();
          resolve(result);
        });
        socket.on('error', (e) => resolve({ ok: false, error: e.message }));
      });

    it('names the session cookie __Host-inzage.sid (Secure, Path=/, no Domain) under TLS, and it works', async () => {
      const { base } = await start({ tls: { cert, key } });
      const login = await tlsCall(base, 'POST', '/api/auth/login', { username: 'sup1', password: PASSWORD('sup1') });
      expect(login.status, login.text).to.equal(200);
      const setCookie = [login.headers['set-cookie']].flat().find((c) => c?.startsWith('__Host-inzage.sid='))!;
      expect(setCookie, String(login.headers['set-cookie'])).to.be.a('string');
      const attrs = setCookie.split(';').map((a) => a.trim().toLowerCase());
      expect(attrs).to.include.members(['secure', 'path=/', 'httponly', 'samesite=strict']);
      expect(attrs.some((a) => a.startsWith('domain='))).to.equal(false);
      const cookie = setCookie.split(';')[0]!;
      expect((await tlsCall(base, 'GET', '/api/auth/me', undefined, cookie)).status).to.equal(200);
      // the plain name is not a way in
      expect((await tlsCall(base, 'GET', '/api/auth/me', undefined, cookie.replace('__Host-', ''))).status).to.equal(401);
    });

    it('keeps the plain cookie name without TLS', async () => {
      const { base } = await start();
      const sup1 = await loggedIn(base, 'sup1');
      expect(sup1.cookie).to.match(/^inzage\.sid=/);
    });

    it('offers only ECDHE AEAD suites under TLS 1.2, and TLS 1.3 as before', async () => {
      const { base } = await start({ tls: { cert, key } });
      for (const cbc of ['ECDHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES256-SHA384', 'ECDHE-RSA-AES128-SHA', 'AES128-GCM-SHA256', 'DHE-RSA-AES128-GCM-SHA256']) {
        const r = await handshake(base, { ciphers: cbc, maxVersion: 'TLSv1.2' });
        expect(r.ok, `${cbc}: ${JSON.stringify(r)}`).to.equal(false);
      }
      for (const aead of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']) {
        expect(await handshake(base, { ciphers: aead, maxVersion: 'TLSv1.2' }), aead).to.deep.equal({ ok: true, cipher: aead, protocol: 'TLSv1.2' });
      }
      const modern = await handshake(base, {});
      expect(modern).to.include({ ok: true, protocol: 'TLSv1.3' });
    });
  });
});
