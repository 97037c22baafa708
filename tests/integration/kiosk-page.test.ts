/**
 * The kiosk's page with a paired kiosk's idle screen in it (server/http/kioskPage.ts; docs/design.md: The kiosk's
 * first screen): what the device token's cookie adds to `GET /kiosk/`, when it adds nothing, and that it opens
 * nothing else.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_ROOT } from '../../server/http/web.ts';
import { idleScreenHtml, kioskTokenOf } from '../../server/http/kioskPage.ts';
import { StaffClient, connectKiosk, loggedIn, pairKiosk, startReviewOn, startTestServer, type PairedKiosk, type TestServer } from '../helpers/server.ts';

const BUILT_PAGE = () => readFileSync(join(WEB_ROOT, 'kiosk', 'index.html'), 'utf8');
const CONFIG_KEY = 'c'.repeat(64);

async function page(base: string, path: string, cookie?: string, method = 'GET'): Promise<{ status: number; text: string; headers: Headers }> {
  const r = await fetch(base + path, { method, headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: r.status, text: await r.text(), headers: r.headers };
}
const cookieOf = (k: PairedKiosk) => `other=1; inzage-kiosk=${k.token}; more=2`;

describe('the kiosk page with its idle screen in it', () => {
  let ts: TestServer;
  let boss: StaffClient;
  let sup: StaffClient;
  let kiosk: PairedKiosk;

  before(async () => {
    ts = await startTestServer();
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    kiosk = await pairKiosk(ts.base, boss, 'Station <7> & "raam"');
  });
  after(() => ts.close());

  it('is the built page, unchanged, without the cookie', async () => {
    for (const path of ['/kiosk/', '/kiosk/index.html', '/kiosk/?lang=en']) {
      const r = await page(ts.base, path);
      expect(r.status, path).to.equal(200);
      expect(r.text, path).to.equal(BUILT_PAGE());
      expect(r.headers.get('cache-control'), path).to.equal('no-store');
    }
  });

  it('carries the station name, the waiting text and which kiosk it is, escaped, with the cookie', async () => {
    const r = await page(ts.base, '/kiosk/', cookieOf(kiosk));
    expect(r.status).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    expect(r.headers.get('content-type')).to.match(/^text\/html; charset=utf-8/);
    expect(r.text).to.contain(`<ksk-app data-kiosk-id="${kiosk.id}" data-kiosk-name="Station &lt;7&gt; &amp; &quot;raam&quot;">`);
    expect(r.text).to.contain('<p class="station">Station &lt;7&gt; &amp; &quot;raam&quot;</p>');
    expect(r.text).to.contain('<h1>Wacht op een inzage…</h1>');
    expect(r.text).to.contain('De toezichthouder start de inzage vanuit de console.');
    expect(r.text).not.to.contain('Inzage wordt geladen');
    // the rest of the page is the built one: its scripts, style sheet, and nothing inline for the CSP to allow
    expect(r.text.replace(/<ksk-app[\s\S]*<\/ksk-app>/, '')).to.equal(BUILT_PAGE().replace(/<ksk-app[\s\S]*<\/ksk-app>/, ''));
    expect(r.text).not.to.match(/<script(?![^>]*\bsrc=)|<style|\sstyle=/);
    expect(r.headers.get('content-security-policy')).to.equal((await page(ts.base, '/kiosk/')).headers.get('content-security-policy'));
    expect((await page(ts.base, '/kiosk/index.html', cookieOf(kiosk))).text).to.equal(r.text);
  });

  it('goes without Cross-Origin-Opener-Policy (a new renderer for every load); the rest keeps it, and every page its other headers', async () => {
    for (const cookie of [undefined, cookieOf(kiosk)]) {
      const r = await page(ts.base, '/kiosk/', cookie);
      expect(r.headers.get('cross-origin-opener-policy')).to.equal(null);
      expect(r.headers.get('content-security-policy')).to.contain("script-src 'self'");
      expect(r.headers.get('content-security-policy')).to.contain("frame-ancestors 'none'");
      expect(r.headers.get('x-frame-options')).to.equal('SAMEORIGIN');
      expect(r.headers.get('x-content-type-options')).to.equal('nosniff');
    }
    for (const path of ['/admin/', '/kiosk/icon.svg', '/api/auth/me']) {
      expect((await page(ts.base, path)).headers.get('cross-origin-opener-policy'), path).to.equal('same-origin');
    }
  });

  it('is in English with ?lang=en, as the app is', async () => {
    const r = await page(ts.base, '/kiosk/?lang=en', cookieOf(kiosk));
    expect(r.text).to.contain('<h1>Waiting for a review…</h1>');
    expect(r.text).to.contain('The supervisor starts the review from the console.');
  });

  it('answers HEAD without a body, and /kiosk by sending the browser to /kiosk/', async () => {
    const head = await page(ts.base, '/kiosk/', cookieOf(kiosk), 'HEAD');
    expect([head.status, head.text]).to.deep.equal([200, '']);
    const bare = await page(ts.base, '/kiosk', cookieOf(kiosk));
    expect(bare.status).to.equal(301);
    expect(bare.headers.get('location')).to.equal('/kiosk/');
  });

  it('is the plain page for a token nobody has, a malformed cookie, or another cookie of that name elsewhere in the header', async () => {
    for (const cookie of ['inzage-kiosk=not-a-paired-token', `inzage-kiosk=${kiosk.token}x`, 'inzage-kiosk=a;b', `inzage-kiosk="${kiosk.token}"`, `xinzage-kiosk=${kiosk.token}`, `inzage-kiosk=${'a'.repeat(201)}`]) {
      expect((await page(ts.base, '/kiosk/', cookie)).text, cookie).to.equal(BUILT_PAGE());
    }
  });

  it('is the plain page while the kiosk has a review running: a review only ever comes over the socket', async () => {
    const { socket } = await connectKiosk(ts.base, kiosk.token);
    try {
      const { review } = await startReviewOn(ts.base, sup, { id: kiosk.id, socket }, 's-bi-120002');
      const during = await page(ts.base, '/kiosk/', cookieOf(kiosk));
      expect(during.text).to.equal(BUILT_PAGE());
      expect(during.text).not.to.contain('Station');
      expect((await sup.call('DELETE', `/api/reviews/${review.id}`)).status).to.equal(204);
      expect((await page(ts.base, '/kiosk/', cookieOf(kiosk))).text).to.contain('<h1>Wacht op een inzage…</h1>');
    } finally {
      socket.close();
    }
  });

  it('is the plain page for a kiosk in a room that requires Safe Exam Browser (proven at the socket only)', async () => {
    const other = await pairKiosk(ts.base, boss, 'Zaal 2');
    const hall = (await boss.call('POST', '/api/rooms', { name: 'Examenzaal' })).json.id;
    expect((await boss.call('PATCH', `/api/kiosks/${other.id}/room`, { roomId: hall })).status).to.equal(200);
    expect((await page(ts.base, '/kiosk/', cookieOf(other))).text).to.contain('Zaal 2');
    expect((await boss.call('PATCH', `/api/rooms/${hall}`, { seb: { configKeys: [CONFIG_KEY] } })).json.sebRequired).to.equal(true);
    expect((await page(ts.base, '/kiosk/', cookieOf(other))).text).to.equal(BUILT_PAGE());
  });

  it('follows a rename at once, and is the plain page once the kiosk is unpaired', async () => {
    const k = await pairKiosk(ts.base, boss, 'Station 8');
    expect((await boss.call('PATCH', `/api/kiosks/${k.id}`, { name: 'Station 8 (raam)' })).status).to.equal(200);
    expect((await page(ts.base, '/kiosk/', cookieOf(k))).text).to.contain('<p class="station">Station 8 (raam)</p>');
    expect((await boss.call('DELETE', `/api/kiosks/${k.id}`)).status).to.be.oneOf([200, 204]);
    expect((await page(ts.base, '/kiosk/', cookieOf(k))).text).to.equal(BUILT_PAGE());
  });

  it('opens nothing else: the cookie is no credential for the API', async () => {
    for (const [method, path] of [['GET', '/api/kiosks'], ['GET', '/api/reviews'], ['GET', '/api/auth/me']] as const) {
      const r = await fetch(ts.base + path, { method, headers: { cookie: cookieOf(kiosk), origin: ts.base, accept: 'application/json' } });
      expect(r.status, path).to.equal(401);
    }
  });
});

describe('kioskPage helpers', () => {
  it('finds the token among other cookies, only as a whole base64url value of its own name', () => {
    expect(kioskTokenOf(undefined)).to.equal(null);
    expect(kioskTokenOf('inzage-kiosk=abc_DEF-123')).to.equal('abc_DEF-123');
    expect(kioskTokenOf('a=1; inzage-kiosk=abc; b=2')).to.equal('abc');
    expect(kioskTokenOf('a=1;inzage-kiosk=abc')).to.equal('abc');
    expect(kioskTokenOf('my-inzage-kiosk=abc')).to.equal(null);
    expect(kioskTokenOf('inzage-kiosk=ab.c')).to.equal(null);
    expect(kioskTokenOf('inzage-kiosk=')).to.equal(null);
  });

  it('writes the station name as text, and the generic name when a kiosk has none', () => {
    const html = idleScreenHtml({ id: 'k"1', name: '</p><script>x()</script>' }, 'nl');
    expect(html).to.contain('data-kiosk-id="k&quot;1"');
    expect(html).not.to.contain('<script>');
    expect(html).to.contain('&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(idleScreenHtml({ id: 'k', name: '' }, 'en')).to.contain('<p class="station">Review station</p>');
  });
});
