/**
 * The kiosk in real Chromium against the real server: pairing, idle, the read-only replay of every question
 * type with its key or scheme, navigation reported to the server, connection loss, the end of a session
 * (and that nothing of the candidate stays behind), lockdown, language and text size, unpairing.
 * Reviews are started by a real staff session over the HTTP API, as the console does.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchErrors } from '../helpers/browser.ts';
import { FIXTURES, loggedIn, sleep, startTestServer, type StaffClient, type TestServer } from '../helpers/server.ts';

const TOKEN_KEY = 'inzage.kioskToken';
const CODE = /^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$/;

/** The sample data, with a numeric tolerance and a multi-line open answer to show. */
function fixture(): any {
  const data = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  const bi = data.exams.find((e: any) => e.id === 'bi-kb-2026');
  bi.questions.find((q: any) => q.id === 'bi6').tolerance = 0.5;
  const s = data.sittings.find((x: any) => x.id === 's-bi-120002');
  s.responses.find((r: any) => r.questionId === 'bi7').response = "Weet ik niet.\nMisschien omdat het 's nachts donker is.";
  s.grade = 3.2;
  return data;
}

/**
 * Every text node and attribute value of the page, shadow roots included: what a reader of the DOM could get
 * at. (A string, so that the test runner's transpiler adds no helpers to code run in the page.)
 */
const DEEP_TEXT = `(() => {
  const out = [];
  const stack = [document.documentElement];
  while (stack.length) {
    const n = stack.pop();
    if (n.nodeType === Node.TEXT_NODE) out.push(n.data);
    if (n instanceof Element) {
      for (const a of n.attributes) out.push(a.value);
      if (n.shadowRoot) stack.push(n.shadowRoot);
    }
    stack.push(...n.childNodes);
  }
  return out.join(' ');
})()`;

function deepText(page: Page): Promise<string> {
  return page.evaluate(DEEP_TEXT) as Promise<string>;
}

/** Fires synthetic events at the page and reports which the lockdown cancelled. */
const LOCKDOWN_PROBE = `(() => {
  const fire = (e) => (document.body.dispatchEvent(e), e.defaultPrevented);
  const key = (init) => fire(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  const ev = (type) => fire(new Event(type, { bubbles: true, cancelable: true }));
  const link = document.createElement('a');
  link.href = 'https://example.org/';
  document.body.append(link);
  const linkClick = (link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })) === false);
  link.remove();
  return {
    linkClick,
    contextmenu: fire(new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
    copy: ev('copy'), cut: ev('cut'), paste: ev('paste'), dragstart: ev('dragstart'), drop: ev('drop'), selectstart: ev('selectstart'),
    print: key({ key: 'p', ctrlKey: true }),
    save: key({ key: 's', ctrlKey: true }),
    copyKey: key({ key: 'c', ctrlKey: true }),
    selectAll: key({ key: 'a', metaKey: true }),
    viewSource: key({ key: 'u', ctrlKey: true }),
    reload: key({ key: 'F5' }),
    reloadKey: key({ key: 'r', ctrlKey: true }),
    devtools: key({ key: 'I', ctrlKey: true, shiftKey: true }),
    f12: key({ key: 'F12' }),
    back: key({ key: 'ArrowLeft', altKey: true }),
    forward: key({ key: 'ArrowRight', altKey: true }),
    tab: key({ key: 'Tab' }),
    shiftTab: key({ key: 'Tab', shiftKey: true }),
    arrow: key({ key: 'ArrowRight' }),
    enter: key({ key: 'Enter' }),
    space: key({ key: ' ' }),
  };
})()`;

describe('kiosk in a real browser', function () {
  this.timeout(90_000);
  let browser: Browser;
  let ts: TestServer;
  let boss: StaffClient;
  let sup: StaffClient;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let kioskId = '';

  before(async function () {
    browser = await launchBrowser(this);
    ts = await startTestServer({ data: fixture() });
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await ts?.close();
  });

  const heading = (name: string | RegExp) => page.getByRole('heading', { name });
  const button = (name: string | RegExp, exact = true) => page.getByRole('button', { name, exact });
  const navigator = () => page.getByRole('navigation');

  async function activeReview(): Promise<any> {
    const r = await sup.call('GET', '/api/reviews');
    expect(r.status).to.equal(200);
    return (r.json as any[]).find((x) => x.kioskId === kioskId);
  }

  async function startReview(sittingId: string): Promise<string> {
    const r = await sup.call('POST', '/api/reviews', { sittingId, kioskId });
    expect(r.status, r.text).to.equal(201); // 201 only once the kiosk has acknowledged the rendered review
    return r.json.id;
  }

  async function eventually(check: () => Promise<unknown>, ms = 5000): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      try {
        await check();
        return;
      } catch (e) {
        if (Date.now() > until) throw e;
        await sleep(50);
      }
    }
  }

  async function storage(): Promise<{ local: Record<string, string>; session: number; idb: unknown[]; caches: string[] }> {
    return page.evaluate(async () => ({
      local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k) ?? ''])),
      session: sessionStorage.length,
      idb: await indexedDB.databases(),
      caches: 'caches' in self ? await caches.keys() : [],
    }));
  }

  describe('pairing', () => {
  it('shows a pairing code, and after pairing by an admin the idle screen with the station name', async () => {
    const response = await page.goto(`${ts.base}/kiosk/`);
    expect(response?.status()).to.equal(200);
    await heading('Koppelcode').waitFor();
    const code = page.getByText(CODE);
    await code.waitFor();
    const shown = (await code.textContent())!.trim();
    await page.getByText('Vraag de beheerder deze code in te voeren in de console bij Kiosks → Kiosk koppelen').waitFor();
    expect(await page.locator('html').getAttribute('lang')).to.equal('nl');
    await screenshot(page, 'kiosk-pairing');

    const r = await boss.call('POST', '/api/kiosks', { code: shown, name: 'Station 3' });
    expect(r.status, r.text).to.equal(201);
    kioskId = r.json.id;

    await heading('Wacht op een inzage…').waitFor();
    await page.getByText('Station 3').waitFor();
    const s = await storage();
    expect(Object.keys(s.local)).to.deep.equal([TOKEN_KEY]);
    expect(s.local[TOKEN_KEY]).to.have.length.greaterThan(20);
    await eventually(async () => {
      const k = (await sup.call('GET', '/api/kiosks')).json.find((x: any) => x.id === kioskId);
      expect(k.online).to.equal(true);
    });
    await screenshot(page, 'kiosk-idle');
  });

  it('keeps the pairing after a reload: the stored token brings it straight back to idle', async () => {
    await page.reload();
    await heading('Wacht op een inzage…').waitFor();
    await page.getByText('Station 3').waitFor();
  });

  it('shows the new station name when an admin renames it', async () => {
    const r = await boss.call('PATCH', `/api/kiosks/${kioskId}`, { name: 'Station 3 (raam)' });
    expect(r.status, r.text).to.equal(200);
    await page.getByText('Station 3 (raam)').waitFor();
    await boss.call('PATCH', `/api/kiosks/${kioskId}`, { name: 'Station 3' });
    await page.getByText('Station 3', { exact: true }).waitFor();
  });
  });

  describe('a review', () => {
    before(async () => {
      await startReview('s-bi-120002');
    });

    it('shows the candidate, the exam, the score, the grade and the time left', async () => {
      await heading('Vraag 1').waitFor();
      await page.getByText('Mohammed El Amrani').waitFor();
      await page.getByText('Examennummer 120002').waitFor();
      await page.getByText('Biologie KB').waitFor();
      await page.getByText('Score: 1 van 12 punten').waitFor();
      await page.getByText('Cijfer: 3,2').waitFor();
      await page.getByText('Resterende tijd').waitFor();
      expect(await page.getByRole('timer').getAttribute('aria-label')).to.match(/^Resterende tijd (29|30):\d\d$/);
      expect(await page.getByRole('banner').count()).to.be.greaterThan(0);
      expect(await page.getByRole('main').count()).to.equal(1);
    });

    it('has a navigator with a button per question, its state in the description and aria-current', async () => {
      const nav = navigator();
      for (let n = 1; n <= 7; n++) await expect(await nav.getByRole('button', { name: `Vraag ${n}`, exact: true }).count()).to.equal(1);
      const first = nav.getByRole('button', { name: 'Vraag 1', exact: true });
      expect(await first.getAttribute('aria-current')).to.equal('step');
      expect((await first.textContent())!.trim()).to.match(/^1\s/);
      const described = async (b: Locator) =>
        b.evaluate((el) => {
          const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
          const root = el.getRootNode() as ShadowRoot;
          return ids.map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim();
        });
      expect(await described(first)).to.equal('Beantwoord, 0 van 1 punt');
      expect(await described(nav.getByRole('button', { name: 'Vraag 5', exact: true }))).to.equal('Niet beantwoord, 0 van 1 punt');
      expect(await described(nav.getByRole('button', { name: 'Vraag 2', exact: true }))).to.equal('Beantwoord, 1 van 2 punten');
      expect(await page.locator('input, textarea, select, [contenteditable]').count()).to.equal(0);
    });

    it('replays a single choice with the candidate\'s choice marked, and the key beside it', async () => {
      const options = page.getByRole('listitem').filter({ hasText: 'Jouw antwoord' });
      expect(await options.count()).to.equal(1);
      expect(await options.textContent()).to.contain('Mitochondrion');
      await page.getByText('0 van 1 punt').first().waitFor();
      await button('Antwoordsleutel').click();
      const correct = page.getByRole('listitem').filter({ hasText: 'Juist antwoord' });
      await correct.first().waitFor();
      expect(await correct.count()).to.equal(1);
      expect(await correct.textContent()).to.contain('Bladgroenkorrel');
      expect(await button('Antwoordsleutel').getAttribute('aria-expanded')).to.equal('true');
      await screenshot(page, 'kiosk-choice-key');
    });

    it('replays a multiple choice, and the stem stays sanitised', async () => {
      await navigator().getByRole('button', { name: 'Vraag 2', exact: true }).click();
      await heading('Vraag 2').waitFor();
      await page.getByText('Meer dan één antwoord mogelijk.').waitFor();
      const mine = page.getByRole('listitem').filter({ hasText: 'Jouw antwoord' });
      expect(await mine.count()).to.equal(2);
      expect(await mine.allTextContents()).to.satisfy((t: string[]) => t.some((x) => x.includes('Koolstofdioxide')) && t.some((x) => x.includes('Zuurstof')));
      expect(await page.title()).to.equal('Inzage'); // the imported <script> never ran
      await screenshot(page, 'kiosk-choice-multiple');
      await button('Antwoordsleutel').click();
      const correct = page.getByRole('listitem').filter({ hasText: 'Juist antwoord' });
      await eventually(async () => expect(await correct.count()).to.equal(2));
    });

    it('replays an order question as a numbered list, and the correct order on request', async () => {
      await navigator().getByRole('button', { name: 'Vraag 3', exact: true }).click();
      await heading('Vraag 3').waitFor();
      const yours = page.getByRole('region', { name: 'Jouw antwoord' });
      expect((await yours.getByRole('listitem').allTextContents()).map((s) => s.trim())).to.deep.equal(['Konijn', 'Gras', 'Vos']);
      expect(await yours.locator('ol').count()).to.equal(1);
      await button('Antwoordsleutel').click();
      const key = page.getByRole('region', { name: 'Antwoordsleutel' });
      await key.waitFor();
      expect((await key.getByRole('listitem').allTextContents()).map((s) => s.trim())).to.deep.equal(['Gras', 'Konijn', 'Vos']);
      await screenshot(page, 'kiosk-order-key');
    });

    it('replays a match question as pairs, and the correct pairs on request', async () => {
      await navigator().getByRole('button', { name: 'Vraag 4', exact: true }).click();
      await heading('Vraag 4').waitFor();
      const yours = page.getByRole('region', { name: 'Jouw antwoord' });
      const pairs = (await yours.getByRole('listitem').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
      expect(pairs).to.deep.equal(['Hart → gekoppeld aan Gaswisseling', 'Longen → gekoppeld aan Bloed rondpompen']);
      await button('Antwoordsleutel').click();
      const key = page.getByRole('region', { name: 'Antwoordsleutel' });
      await key.waitFor();
      const keyPairs = (await key.getByRole('listitem').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
      expect(keyPairs).to.deep.equal(['Hart → gekoppeld aan Bloed rondpompen', 'Longen → gekoppeld aan Gaswisseling']);
      await screenshot(page, 'kiosk-match-key');
    });

    it("shows an unanswered short-answer question as 'Niet beantwoord', and the accepted answers", async () => {
      await navigator().getByRole('button', { name: 'Vraag 5', exact: true }).click();
      await heading('Vraag 5').waitFor();
      await page.getByRole('region', { name: 'Jouw antwoord' }).getByText('Niet beantwoord').waitFor();
      await button('Antwoordsleutel').click();
      const key = page.getByRole('region', { name: 'Antwoordsleutel' });
      await key.getByText('bladgroen', { exact: true }).waitFor();
      await key.getByText('chlorofyl', { exact: true }).waitFor();
      await screenshot(page, 'kiosk-text-key');
    });

    it('replays a numeric answer, and the value with its tolerance', async () => {
      await navigator().getByRole('button', { name: 'Vraag 6', exact: true }).click();
      await heading('Vraag 6').waitFor();
      await page.getByRole('region', { name: 'Jouw antwoord' }).getByText('23', { exact: true }).waitFor();
      await button('Antwoordsleutel').click();
      const key = page.getByRole('region', { name: 'Antwoordsleutel' });
      await key.getByText('46', { exact: true }).waitFor();
      await key.getByText('marge ± 0,5').waitFor();
      await screenshot(page, 'kiosk-numeric-key');
    });

    it('replays an open answer with its line breaks, and the marking scheme on request', async () => {
      await navigator().getByRole('button', { name: 'Vraag 7', exact: true }).click();
      await heading('Vraag 7').waitFor();
      expect(await button('Antwoordsleutel').count()).to.equal(0);
      const answer = page.getByRole('region', { name: 'Jouw antwoord' }).locator('p');
      expect(await answer.innerText()).to.equal("Weet ik niet.\nMisschien omdat het 's nachts donker is.");
      expect(await answer.evaluate((el) => getComputedStyle(el).whiteSpace)).to.equal('pre-wrap');
      await screenshot(page, 'kiosk-open');
      await button('Correctievoorschrift').click();
      const scheme = page.getByRole('region', { name: 'Correctievoorschrift' });
      await scheme.getByText('1 punt: zonder licht geen fotosynthese', { exact: false }).waitFor();
      await screenshot(page, 'kiosk-open-scheme');
      // folding it away and out again needs no second request
      await button('Correctievoorschrift').click();
      await scheme.waitFor({ state: 'detached' });
      await button('Correctievoorschrift').click();
      await scheme.waitFor();
    });

    it("keeps revealed keys while the review lasts: back on 'Vraag 3' the key is still shown", async () => {
      await navigator().getByRole('button', { name: 'Vraag 3', exact: true }).click();
      await page.getByRole('region', { name: 'Antwoordsleutel' }).waitFor();
    });

    it("tells the server every move: navigator, 'Vorige'/'Volgende' and arrow keys", async () => {
      await eventually(async () => expect((await activeReview()).position).to.equal('bi3'));
      await button('Volgende').click();
      await heading('Vraag 4').waitFor();
      await eventually(async () => expect((await activeReview()).position).to.equal('bi4'));
      await button('Vorige').click();
      await button('Vorige').click();
      await heading('Vraag 2').waitFor();
      await eventually(async () => expect((await activeReview()).position).to.equal('bi2'));
      const current = navigator().getByRole('button', { name: 'Vraag 2', exact: true });
      expect(await current.getAttribute('aria-current')).to.equal('step');
      await current.focus();
      await page.keyboard.press('ArrowRight');
      await heading('Vraag 3').waitFor();
      await page.keyboard.press('ArrowRight');
      await heading('Vraag 4').waitFor();
      // focus follows, so the next arrow works from the new question
      expect(await navigator().getByRole('button', { name: 'Vraag 4', exact: true }).evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).to.equal(true);
      await page.keyboard.press('End');
      await heading('Vraag 7').waitFor();
      expect(await button('Volgende').isDisabled()).to.equal(true);
      await page.keyboard.press('Home');
      await heading('Vraag 1').waitFor();
      expect(await button('Vorige').isDisabled()).to.equal(true);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await heading('Vraag 3').waitFor();
      await eventually(async () => expect((await activeReview()).position).to.equal('bi3'));
    });

    it('hides the review while the connection is down, and comes back at the same question', async () => {
      // the server drops the kiosk's connection; the kiosk reconnects by itself
      ts.app.io.of('/kiosk').disconnectSockets(true);
      await page.getByRole('alert').filter({ hasText: 'Verbinding verbroken — opnieuw verbinden…' }).waitFor();
      const text = await deepText(page);
      expect(text).not.to.contain('El Amrani');
      expect(text).not.to.contain('Vraag 3');
      await screenshot(page, 'kiosk-offline');
      await heading('Vraag 3').waitFor();
      await page.getByText('Mohammed El Amrani').waitFor();
      // the key already revealed is still cached
      await page.getByRole('region', { name: 'Antwoordsleutel' }).waitFor();
    });

    it('shows a warning when time is almost up', async () => {
      // the hub's own push, as the engine's timer sends it five minutes before the end
      const { endsAt } = await activeReview();
      ts.app.ctx.kiosks.warn(kioskId, endsAt);
      const warning = page.getByRole('alert').filter({ hasText: 'Let op: de tijd is bijna om.' });
      await warning.waitFor();
      const at = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' }).format(new Date(endsAt));
      expect(await warning.textContent()).to.contain(`De inzage eindigt om ${at}.`);
      await screenshot(page, 'kiosk-warning');
    });

    it('switches to English and back, and scales the text from 100 to 200 %', async () => {
      await button('English').click();
      await heading('Question 3').waitFor();
      expect(await page.locator('html').getAttribute('lang')).to.equal('en');
      await page.getByText('Score: 1 of 12 points').waitFor();
      await button('Previous').waitFor();
      await button('Nederlands').click();
      await heading('Vraag 3').waitFor();
      expect(await page.locator('html').getAttribute('lang')).to.equal('nl');

      const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const base = await rootSize();
      expect(await button('Kleiner').isDisabled()).to.equal(true);
      for (let i = 0; i < 4; i++) await button('Groter').click();
      expect(await button('Groter').isDisabled()).to.equal(true);
      expect(await rootSize()).to.be.closeTo(base * 2, 0.5);
      await screenshot(page, 'kiosk-zoom-200');
      // the one-column layout at 200 %: the question is reached by scrolling the page, nothing is cut off
      await heading('Vraag 3').scrollIntoViewIfNeeded();
      expect(await heading('Vraag 3').isVisible()).to.equal(true);
      await screenshot(page, 'kiosk-zoom-200-question');
      for (let i = 0; i < 4; i++) await button('Kleiner').click();
      expect(await rootSize()).to.be.closeTo(base, 0.5);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await screenshot(page, 'kiosk-1920');
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('blocks copying, the context menu and browser shortcuts, but not the keyboard', async () => {
      const prevented = (await page.evaluate(LOCKDOWN_PROBE)) as Record<string, boolean>;
      const blocked = ['contextmenu', 'copy', 'cut', 'paste', 'dragstart', 'drop', 'selectstart', 'print', 'save', 'copyKey', 'selectAll', 'viewSource', 'reload', 'reloadKey', 'devtools', 'f12', 'back', 'forward', 'linkClick'];
      for (const k of blocked) expect(prevented[k], k).to.equal(true);
      for (const k of ['tab', 'shiftTab', 'arrow', 'enter', 'space']) expect(prevented[k], k).to.equal(false);
      expect(await page.evaluate(() => getComputedStyle(document.body).userSelect)).to.equal('none');
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => getComputedStyle(document.body).display)).to.equal('none');
      await page.emulateMedia({ media: 'screen' });
    });

    it("ends on 'Uitloggen', and afterwards nothing of the candidate is left in the page or in storage", async () => {
      await button('Uitloggen').click();
      await heading('De inzage is beëindigd').waitFor();
      await page.getByText('De kandidaat is uitgelogd').waitFor();
      await screenshot(page, 'kiosk-ended');
      expect(await activeReview()).to.equal(undefined);
      for (const text of [await deepText(page), await page.evaluate(() => JSON.stringify((document.querySelector('ksk-app') as any).conn.state))]) {
        for (const s of ['El Amrani', '120002', 'Mitochondrion', 'Biologie', 'Gaswisseling']) expect(text).not.to.contain(s);
      }
      const s = await storage();
      expect(Object.keys(s.local)).to.deep.equal([TOKEN_KEY]);
      expect(s.session).to.equal(0);
      expect(s.idb).to.deep.equal([]);
      expect(s.caches).to.deep.equal([]);
      // then, after a few seconds, the idle screen again
      await heading('Wacht op een inzage…').waitFor({ timeout: 8000 });
    });
  });

  describe('afterwards', () => {
  it('shows no key or scheme button where the exam withholds them, and ends when the supervisor ends it', async () => {
    const id = await startReview('s-wi-120002');
    await heading('Vraag 1').waitFor();
    await page.getByText('Wiskunde KB (schoolexamen)').waitFor();
    expect(await button('Antwoordsleutel').count()).to.equal(0);
    await button('Volgende').click();
    await heading('Vraag 2').waitFor();
    expect(await button('Correctievoorschrift').count()).to.equal(0);
    const r = await sup.call('DELETE', `/api/reviews/${id}`);
    expect(r.status, r.text).to.be.oneOf([200, 204]);
    await heading('De inzage is beëindigd').waitFor();
    await page.getByText('Beëindigd door de toezichthouder').waitFor();
    expect(await deepText(page)).not.to.contain('El Amrani');
  });

  it('goes back to pairing when an admin unpairs it, and forgets its token', async () => {
    const r = await boss.call('DELETE', `/api/kiosks/${kioskId}`);
    expect(r.status, r.text).to.be.oneOf([200, 204]);
    await heading('Koppelcode').waitFor();
    await page.getByText(CODE).waitFor();
    expect(Object.keys((await storage()).local)).to.deep.equal([]);
  });

  it('forgets a token the server no longer knows and shows a pairing code', async () => {
    await page.evaluate((k) => localStorage.setItem(k, 'revoked-or-unknown-token'), TOKEN_KEY);
    await page.reload();
    await heading('Koppelcode').waitFor();
    await page.getByText(CODE).waitFor();
    expect(Object.keys((await storage()).local)).to.deep.equal([]);
  });

  it('logged no errors in the browser console', () => {
    // a refused handshake is logged by Chromium as a failed WebSocket; nothing else may be
    expect(errors.filter((e) => !/WebSocket connection .* failed|kiosk-unknown/.test(e))).to.deep.equal([]);
  });
  });
});
