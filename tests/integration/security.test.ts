import { expect } from 'chai';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { io } from 'socket.io-client';
import { WEB_ROOT } from '../../server/http/web.ts';
import { FakeClock } from '../../server/clock.ts';
import {
  StaffClient, connectKiosk, consoleSocket, heardDuring, loggedIn, once, pairKiosk, startTestServer, type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

type Role = 'anonymous' | 'kiosk' | 'supervisor' | 'admin';
/** Every /api route and the lowest role that may call it. */
const ROUTES: [string, string, 'staff' | 'admin', unknown?][] = [
  ['GET', '/api/auth/me', 'staff'],
  ['POST', '/api/auth/password', 'staff', { currentPassword: 'x', newPassword: 'yyyyyyyyyyyy' }],
  ['PUT', '/api/auth/rooms', 'staff', { roomIds: [] }],
  ['GET', '/api/groups', 'staff'],
  ['GET', '/api/groups/g-bi-1/results', 'staff'],
  ['GET', '/api/candidates/120001/sittings', 'staff'],
  ['GET', '/api/candidates?q=Sanne', 'staff'],
  ['GET', '/api/kiosks', 'staff'],
  ['POST', '/api/kiosks', 'admin', { code: 'AAA-AAA', name: 'x' }],
  ['PATCH', '/api/kiosks/nope', 'admin', { name: 'x' }],
  ['DELETE', '/api/kiosks/nope', 'admin'],
  ['GET', '/api/reviews', 'staff'],
  ['POST', '/api/reviews', 'staff', { sittingId: 's-ma-120002', kioskId: 'nope' }],
  ['GET', '/api/reviews/nope', 'staff'],
  ['DELETE', '/api/reviews/nope', 'staff'],
  ['GET', '/api/reviews/nope/report', 'staff'],
  ['GET', '/api/reviews/nope/report?format=json', 'staff'],
  ['GET', '/api/groups/g-bi-1/report', 'staff'],
  ['GET', '/api/groups/g-bi-1/reviews', 'staff'],
  ['GET', '/api/candidates/120001/reviews', 'staff'],
  ['GET', '/api/remarks', 'staff'],
  ['GET', '/api/remarks?format=csv', 'staff'],
  ['PATCH', '/api/remarks/nope', 'staff', { status: 'handled', note: 'x' }],
  ['GET', '/api/audit', 'admin'],
  ['POST', '/api/imports?dryRun=1', 'admin', { format: 'inzage/v1' }],
  ['GET', '/api/exams', 'admin'],
  ['PATCH', '/api/exams/bi-kb-2026/review', 'admin', { maxMinutes: 30 }],
  ['PATCH', '/api/exams/bi-kb-2026/retention', 'admin', { retainUntil: null }],
  ['GET', '/api/users', 'admin'],
  ['POST', '/api/users', 'admin', { username: 'x', role: 'nobody' }],
  ['PATCH', '/api/users/nope', 'admin', { displayName: 'x' }],
  ['POST', '/api/purge', 'admin', { examId: 'nope', dryRun: true }],
  // a kiosk loads media only through its review's grant (tests/integration/media.test.ts), never with its token
  ['GET', `/api/media/${'0'.repeat(64)}.png`, 'staff'],
];

describe('security: who may call what', () => {
  let ts: TestServer;
  let clients: Record<Role, StaffClient>;
  let kioskToken: string;

  before(async () => {
    ts = await startTestServer();
    const boss = await loggedIn(ts.base, 'boss');
    kioskToken = (await pairKiosk(ts.base, boss, 'Matrix')).token;
    const kiosk = new StaffClient(ts.base);
    clients = { anonymous: new StaffClient(ts.base), kiosk, supervisor: await loggedIn(ts.base, 'sup1'), admin: boss };
  });
  after(() => ts.close());

  for (const [method, path, needs, body] of ROUTES) {
    it(`${method} ${path}: ${needs === 'admin' ? 'admins only' : 'staff only'}`, async () => {
      const call = (role: Role) =>
        clients[role].call(method, path, body, role === 'kiosk' ? { authorization: `Bearer ${kioskToken}`, 'x-kiosk-token': kioskToken } : {});
      for (const role of ['anonymous', 'kiosk'] as const) {
        const r = await call(role);
        expect([r.status, r.json?.error?.code], role).to.deep.equal([401, 'unauthenticated']);
      }
      // allowed means: not refused for who is asking (the request itself may still be wrong)
      const refusals = ['unauthenticated', 'forbidden', 'password-change-required'];
      const sup = await call('supervisor');
      if (needs === 'admin') expect([sup.status, sup.json?.error?.code]).to.deep.equal([403, 'forbidden']);
      else expect(sup.json?.error?.code ?? 'ok', sup.text).not.to.be.oneOf(refusals);
      const admin = await call('admin');
      expect(admin.json?.error?.code ?? 'ok', admin.text).not.to.be.oneOf(refusals);
    });
  }

  it('answers every /api response with Cache-Control: no-store and the pages with a strict CSP', async () => {
    const r = await clients.supervisor.call('GET', '/api/groups');
    expect(r.headers.get('cache-control')).to.equal('no-store');
    const page = await fetch(`${ts.base}/kiosk/`);
    expect(page.headers.get('cache-control')).to.equal('no-store');
    const csp = (await fetch(`${ts.base}/admin/`)).headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("script-src 'self'");
    expect(csp).not.to.contain('unsafe-inline');
  });

  it('refuses a state-changing request from another origin or without one', async () => {
    const sup = clients.supervisor;
    const foreign = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: 'x' }, { origin: 'http://evil.example' });
    expect([foreign.status, foreign.json.error.code]).to.deep.equal([403, 'forbidden']);
    const r = await fetch(`${ts.base}/api/reviews`, { method: 'POST', headers: { cookie: sup.cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).to.equal(403);
    const form = await sup.call('POST', '/api/reviews', 'sittingId=x&kioskId=y', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).to.equal(400);
  });

  it('lets only staff log out', async () => {
    for (const role of ['anonymous', 'kiosk'] as const) {
      const r = await clients[role].call('POST', '/api/auth/logout', {}, role === 'kiosk' ? { authorization: `Bearer ${kioskToken}` } : {});
      expect([r.status, r.json?.error?.code]).to.deep.equal([401, 'unauthenticated']);
    }
  });

  it('serves the kiosk bundle compressed', async () => {
    const page = await (await fetch(`${ts.base}/kiosk/`)).text();
    const script = /<script type="module" src="(assets\/app-[\w-]+\.js)">/.exec(page)![1];
    const r = await fetch(`${ts.base}/kiosk/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-encoding')).to.equal('gzip');
    const api = await clients.supervisor.call('GET', '/api/groups', undefined, { 'accept-encoding': 'gzip' });
    expect(api.headers.get('content-encoding')).to.equal(null);
  });

  it('sends the copies the build compressed (brotli first, then gzip), the same bytes, each with its length', async () => {
    // raw bytes as they went over the wire (fetch would decompress them)
    const raw = (path: string, headers: Record<string, string>, method = 'GET') => new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((done, fail) => {
      const req = get(`${ts.base}${path}`, { headers, method }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on('error', fail);
    });
    const page = await (await fetch(`${ts.base}/kiosk/`)).text();
    const script = /<script type="module" src="assets\/(app-[\w-]+\.js)">/.exec(page)![1]!;
    const style = /href="assets\/(styles-[\w-]+\.css)"/.exec(page)![1]!;
    for (const [path, file] of [[`/kiosk/assets/${script}`, join(WEB_ROOT, 'kiosk', 'assets', script)], [`/kiosk/assets/${style}`, join(WEB_ROOT, 'kiosk', 'assets', style)], ['/admin/app.js', join(WEB_ROOT, 'admin', 'app.js')]] as const) {
      const plain = readFileSync(file);
      const br = await raw(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect([br.status, br.headers['content-encoding'], br.headers['vary']], path).to.deep.equal([200, 'br', 'Accept-Encoding']);
      expect(Number(br.headers['content-length']), 'the copy as it is, not compressed again').to.equal(statSync(`${file}.br`).size);
      expect(brotliDecompressSync(br.body).equals(plain), path).to.equal(true);
      expect(br.headers['content-type'], path).to.match(file.endsWith('.js') ? /javascript/ : /text\/css/);
      const gz = await raw(path, { 'accept-encoding': 'gzip, br;q=0' });
      expect([gz.headers['content-encoding'], Number(gz.headers['content-length'])], path).to.deep.equal(['gzip', statSync(`${file}.gz`).size]);
      expect(gunzipSync(gz.body).equals(plain), path).to.equal(true);
      const none = await raw(path, { 'accept-encoding': 'identity' });
      expect([none.headers['content-encoding'], none.body.equals(plain)], path).to.deep.equal([undefined, true]);
      const head = await raw(path, { 'accept-encoding': 'br' }, 'HEAD');
      expect([head.status, head.headers['content-encoding'], head.body.length], path).to.deep.equal([200, 'br', 0]);
    }
    // the kiosk's copies keep its files' caching; a copy older than its file is not sent (compressed per answer instead)
    expect((await raw(`/kiosk/assets/${script}`, { 'accept-encoding': 'br' })).headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    const styleFile = join(WEB_ROOT, 'kiosk', 'assets', style);
    const was = statSync(`${styleFile}.br`);
    try {
      utimesSync(`${styleFile}.br`, was.atime, new Date(statSync(styleFile).mtimeMs - 60_000));
      const stale = await raw(`/kiosk/assets/${style}`, { 'accept-encoding': 'br' });
      expect(stale.headers['content-length'], 'not the old copy').not.to.equal(String(was.size));
      expect(brotliDecompressSync(stale.body).equals(readFileSync(styleFile))).to.equal(true);
    } finally {
      utimesSync(`${styleFile}.br`, was.atime, was.mtime);
    }
    for (const odd of ['/kiosk/assets/app-NOTABUILD.js', '/kiosk/assets/%00.js', '/kiosk/assets/..%2F..%2Fpackage.js', '/kiosk/assets/%E0%A4%A.js']) {
      expect((await raw(odd, { 'accept-encoding': 'br' })).status, odd).to.be.oneOf([400, 404]);
    }
  });

  it('caches the kiosk\'s content-hashed files for good, and never its page', async () => {
    const pageRes = await fetch(`${ts.base}/kiosk/`);
    expect(pageRes.headers.get('cache-control')).to.equal('no-store');
    const page = await pageRes.text();
    // every script, module preload and style sheet the page names is one of the hashed files
    const named = [...page.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(named.length).to.be.at.least(2);
    for (const f of named) {
      expect(f).to.match(/^assets\/[\w-]+-[\w-]{8,}\.(js|css)$/);
      const r = await fetch(`${ts.base}/kiosk/${f}`);
      expect(r.status, f).to.equal(200);
      expect(r.headers.get('cache-control'), f).to.equal('public, max-age=31536000, immutable');
      expect(r.headers.get('content-type'), f).to.match(f.endsWith('.js') ? /javascript/ : /text\/css/);
    }
    // the page's own URLs stay uncached; a file no build made is not found (and not cached)
    for (const path of ['/kiosk/index.html', '/kiosk/icon.svg']) expect((await fetch(`${ts.base}${path}`)).headers.get('cache-control'), path).to.equal('no-store');
    const gone = await fetch(`${ts.base}/kiosk/assets/app-NOTABUILD.js`);
    expect(gone.status).to.equal(404);
    expect(gone.headers.get('cache-control') ?? '').not.to.contain('immutable');
  });

  it('redirects / to the console and answers /healthz', async () => {
    const r = await fetch(`${ts.base}/`, { redirect: 'manual' });
    expect(r.status).to.equal(302);
    expect(r.headers.get('location')).to.equal('/admin/');
    expect((await fetch(`${ts.base}/healthz`)).status).to.equal(200);
  });
});

describe('security: staff login', () => {
  let ts: TestServer;
  before(async () => {
    ts = await startTestServer({ data: null, config: { loginFreeFailuresPerAccountIp: 3, loginFreeFailuresPerIp: 1000 } });
  });
  after(() => ts.close());

  it('changes the session id at login and kills the old cookie at logout', async () => {
    const c = new StaffClient(ts.base);
    await c.call('GET', '/api/auth/me'); // no cookie is set for anonymous requests
    expect(c.cookie).to.equal('');
    const first = await loggedIn(ts.base, 'sup1');
    const firstCookie = first.cookie;
    expect(firstCookie).to.match(/^inzage\.sid=/);
    const relogin = await first.login('sup1');
    expect(relogin.status).to.equal(200);
    expect(first.cookie).not.to.equal(firstCookie);
    expect((await fetch(`${ts.base}/api/auth/me`, { headers: { cookie: firstCookie } })).status).to.equal(401);
    const before = first.cookie;
    expect((await first.logout()).status).to.equal(204);
    expect((await fetch(`${ts.base}/api/auth/me`, { headers: { cookie: before } })).status).to.equal(401);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const r = await new StaffClient(ts.base).login('sup2');
    const set = r.headers.get('set-cookie') ?? '';
    expect(set).to.match(/HttpOnly/i);
    expect(set).to.match(/SameSite=Strict/i);
  });

  it('refuses credentials in the query string', async () => {
    const r = await new StaffClient(ts.base).call('POST', '/api/auth/login?username=sup1&password=Geheim-sup1-2026!', {});
    expect(r.status).to.equal(400);
  });

  it('gives one generic error for a wrong password and an unknown user, and audits both', async () => {
    const a = await new StaffClient(ts.base).login('sup2', 'wrong-password');
    const b = await new StaffClient(ts.base).login('nobody', 'wrong-password');
    expect(a.status).to.equal(401);
    expect(b.status).to.equal(401);
    expect(a.json.error).to.deep.equal(b.json.error);
    const failed = (await ts.store.audit.readAll()).filter((e) => e.action === 'auth.login-failed');
    // a name that is no account is not kept (it may be a password typed into the wrong field)
    expect(failed.map((e) => e.actor)).to.include.members(['sup2', '(onbekend)']);
    expect(JSON.stringify(failed)).not.to.contain('wrong-password');
    expect(JSON.stringify(await ts.store.audit.readAll())).not.to.contain('nobody');
  });

  it('rate-limits failures per username, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) expect((await new StaffClient(ts.base).login('boss', 'nope-nope-nope')).status).to.equal(401);
    const r = await new StaffClient(ts.base).login('boss');
    expect([r.status, r.json.error.code]).to.deep.equal([429, 'rate-limited']);
  });

  it('disconnects the staff socket at logout and refuses sockets without a session', async () => {
    const c = await loggedIn(ts.base, 'sup1');
    const s = consoleSocket(ts.base, c);
    await once(s, 'kiosks:updated');
    const gone = once(s, 'disconnect');
    await c.logout();
    expect(await gone).to.equal('io server disconnect');
    const anon = io(`${ts.base}/admin`, { transports: ['websocket'], forceNew: true, reconnection: false });
    const err = await new Promise<Error>((res) => anon.once('connect_error', res));
    expect(err.message).to.equal('unauthenticated');
    anon.close();
  });

  it('requires a first-login password change before anything else', async () => {
    const { createUser } = await import('../../server/auth/users.ts');
    const { password } = await createUser(ts.store.staff, { username: 'newbie', role: 'supervisor' });
    const c = new StaffClient(ts.base);
    const login = await c.login('newbie', password);
    expect(login.json.user.mustChangePassword).to.equal(true);
    const blocked = await c.call('GET', '/api/groups');
    expect([blocked.status, blocked.json.error.code]).to.deep.equal([403, 'password-change-required']);
    const short = await c.call('POST', '/api/auth/password', { currentPassword: password, newPassword: 'short' });
    expect(short.status).to.equal(400);
    const ok = await c.call('POST', '/api/auth/password', { currentPassword: password, newPassword: 'een-veel-beter-wachtwoord' });
    expect(ok.status).to.equal(204);
    expect((await c.call('GET', '/api/groups')).status).to.equal(200);
  });
});

describe('security: kiosk tokens', () => {
  let ts: TestServer;
  before(async () => { ts = await startTestServer(); });
  after(() => ts.close());

  it('refuses an unknown token at the handshake with kiosk-unknown', async () => {
    const s = io(`${ts.base}/kiosk`, { transports: ['websocket'], auth: { token: 'not-a-real-token' }, forceNew: true, reconnection: false });
    const err = await new Promise<Error>((res) => s.once('connect_error', res));
    expect(err.message).to.equal('kiosk-unknown');
    s.close();
  });

  it('refuses a revoked token on reconnect', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    const k = await pairKiosk(ts.base, boss, 'Revoked');
    const { socket, state } = await connectKiosk(ts.base, k.token, { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    expect(state).to.deep.equal({ kiosk: { id: k.id, name: 'Revoked' }, review: null });
    const refused = new Promise<Error>((res) => socket.io.on('reconnect_attempt', () => socket.once('connect_error', res)));
    socket.io.engine.close(); // the connection drops; the client reconnects by itself
    await boss.call('DELETE', `/api/kiosks/${k.id}`);
    expect((await refused).message).to.equal('kiosk-unknown');
    socket.close();
  });

  it('pairs only with a live code, and the code works once', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    const wrong = await boss.call('POST', '/api/kiosks', { code: 'AAA-AAA', name: 'X' });
    expect([wrong.status, wrong.json.error.code]).to.deep.equal([404, 'pairing-code-unknown']);
    const s = io(`${ts.base}/kiosk`, { transports: ['websocket'], forceNew: true, reconnection: false });
    const { code } = await once(s, 'pairing:code');
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
    expect((await boss.call('POST', '/api/kiosks', { code: typed, name: 'Station 9' })).status).to.equal(201);
    expect((await boss.call('POST', '/api/kiosks', { code, name: 'Station 10' })).status).to.equal(404);
    s.close();
  });
});

describe('review windows and time limits (fake clock)', () => {
  const t0 = Date.parse('2026-06-05T10:00:00Z');
  let clock: FakeClock;
  let ts: TestServer;
  let sup: StaffClient, boss: StaffClient;
  before(async () => {
    clock = new FakeClock(t0);
    ts = await startTestServer({ clock, config: { graceMs: 60_000 } });
  });
  beforeEach(async () => {
    // logins follow the server's clock too: log in afresh at the start of every scenario
    clock.set(t0);
    sup = await loggedIn(ts.base, 'sup1');
    boss = await loggedIn(ts.base, 'boss');
  });
  after(() => ts.close());

  it('opens and closes the window with the clock', async () => {
    const k = await pairKiosk(ts.base, boss, 'Window');
    const { socket } = await connectKiosk(ts.base, k.token);
    clock.set(Date.parse('2026-06-30T16:00:00Z')); // ns closes 2026-06-30 17:00 +02:00 = 15:00Z
    sup = await loggedIn(ts.base, 'sup1');
    let r = await sup.call('POST', '/api/reviews', { sittingId: 's-ns-120001', kioskId: k.id });
    expect(r.json.error.code).to.equal('review-expired');
    clock.set(Date.parse('2026-06-30T14:59:00Z'));
    socket.once('review:started', (_p, ack) => ack({ ok: true }));
    r = await sup.call('POST', '/api/reviews', { sittingId: 's-ns-120001', kioskId: k.id });
    expect(r.status, r.text).to.equal(201);
    // a started session may run past the end of the window
    clock.set(Date.parse('2026-06-30T15:10:00Z'));
    expect(ts.app.ctx.engine.get(r.json.id)!.endedAt).to.equal(undefined);
    await sup.call('DELETE', `/api/reviews/${r.json.id}`);
    socket.close();
  });

  it('logs staff out after the idle timeout, and after the absolute timeout however busy they are', async () => {
    clock.set(t0);
    const idle = await loggedIn(ts.base, 'sup2');
    clock.advance(29 * 60_000);
    expect((await idle.call('GET', '/api/groups')).status).to.equal(200); // activity restarts the idle timer
    clock.advance(29 * 60_000);
    expect((await idle.call('GET', '/api/groups')).status).to.equal(200);
    clock.advance(30 * 60_000 + 1);
    expect((await idle.call('GET', '/api/groups')).status).to.equal(401);

    const busy = await loggedIn(ts.base, 'sup2');
    for (let i = 0; i < 36; i++) {
      clock.advance(20 * 60_000);
      expect((await busy.call('GET', '/api/groups')).status, `after ${(i + 1) * 20} minutes`).to.equal(200);
    }
    clock.advance(20 * 60_000); // 12 h 20 min after login
    const r = await busy.call('GET', '/api/groups');
    expect([r.status, r.json.error.code]).to.deep.equal([401, 'unauthenticated']);
  });

  it('disconnects a console socket once its login has timed out', async () => {
    const watching = consoleSocket(ts.base, sup);
    await once(watching, 'reviews:updated');
    const gone = once(watching, 'disconnect');
    clock.advance(29 * 60_000);
    expect(watching.connected).to.equal(true);
    clock.advance(2 * 60_000); // idle for 31 minutes: the next sweep drops it
    expect(await gone).to.equal('io server disconnect');
    const sessions = ts.store.loginSessions.entries().map(([, s]) => s);
    expect(sessions.every((x) => x.expires > clock.now()), 'timed-out logins are pruned from sessions.json').to.equal(true);
  });

  it('warns five minutes before the time limit and ends at it; every console hears of the end', async () => {
    clock.set(t0);
    const k = await pairKiosk(ts.base, boss, 'Limit');
    const { socket } = await connectKiosk(ts.base, k.token);
    const watcher = consoleSocket(ts.base, await loggedIn(ts.base, 'boss'));
    await once(watcher, 'reviews:updated');
    const started = once(socket, 'review:started');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
    const payload = await started;
    expect(Date.parse(payload.endsAt) - Date.parse(payload.startedAt)).to.equal(30 * 60_000);
    // the fake clock runs due timers inside advance(): a warning would be on its way before the round trip
    expect(await heardDuring(socket, 'review:warning', async () => clock.advance(24 * 60_000))).to.deep.equal([]);
    const warned = once(socket, 'review:warning');
    clock.advance(60_000);
    expect(await warned).to.deep.equal({ endsAt: payload.endsAt });
    const ended = once(socket, 'review:ended');
    const consoleEnded = once(watcher, 'review:ended');
    clock.advance(5 * 60_000);
    expect(await ended).to.deep.equal({ reason: 'time-limit' });
    expect(await consoleEnded).to.include({ id: r.json.id, reason: 'time-limit' });
    expect(ts.app.ctx.engine.get(r.json.id)!.endReason).to.equal('time-limit');
    socket.close();
    watcher.close();
  });

  it('keeps the session through a short disconnect and ends it after the grace period', async () => {
    clock.set(t0);
    const k = await pairKiosk(ts.base, boss, 'Grace');
    let { socket } = await connectKiosk(ts.base, k.token);
    const started = once(socket, 'review:started');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId: k.id });
    await started;
    await socket.timeout(2000).emitWithAck('review:navigate', { questionId: 'bi5' });
    socket.close();
    await eventually(() => !ts.app.ctx.kiosks.isOnline(k.id), { what: 'the server sees the kiosk go' });
    clock.advance(59_000);
    expect(ts.app.ctx.engine.get(r.json.id)!.endedAt).to.equal(undefined);
    const back = await connectKiosk(ts.base, k.token);
    expect(back.state.review.id).to.equal(r.json.id);
    expect(back.state.review.position).to.equal('bi5');
    // gone again: a start on this very kiosk while it is away is refused (the grace period does not make it
    // online), and starts nothing; its own review runs on until the grace period is over
    back.socket.close();
    await eventually(() => !ts.app.ctx.kiosks.isOnline(k.id), { what: 'the server sees the kiosk go again' });
    const offline = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: k.id });
    expect([offline.status, offline.json.error.code]).to.deep.equal([409, 'kiosk-offline']);
    expect(ts.app.ctx.engine.active().filter((s) => s.kioskId === k.id).map((s) => s.id)).to.deep.equal([r.json.id]);
    clock.advance(59_999);
    expect(ts.app.ctx.engine.get(r.json.id)!.endedAt).to.equal(undefined);
    clock.advance(2);
    expect(ts.app.ctx.engine.get(r.json.id)!.endReason).to.equal('kiosk-disconnected');
    socket = back.socket;
  });
});
