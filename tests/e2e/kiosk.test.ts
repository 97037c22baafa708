/**
 * The kiosk in real Chromium against the real server: pairing, idle, the read-only replay of every question
 * type with its key or scheme, navigation reported to the server, connection loss, the end of a session
 * (and that nothing of the candidate stays behind), lockdown, language and text size (the layout at every
 * zoom step on common screens), the logout confirmation, unpairing.
 * Reviews are started by a real staff session over the HTTP API, as the console does.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { PAIRING_CODE, pairKioskPage, screenshot } from '../helpers/browser.ts';
import { FIXTURES, loggedIn, type StaffClient, type TestServer } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

const TOKEN_KEY = 'inzage.kioskToken';
const CODE = PAIRING_CODE;

/** The long exam's match question: a right-hand item long enough to wrap, one of three pairs wrong. */
const LONG_MATCH = {
  id: 'lz2', number: 2, type: 'match', maxScore: 2, stem: '<p>Tekst 2 begint hier. Koppel elk orgaan aan zijn belangrijkste functie.</p>',
  left: [{ id: 'hart', text: 'hart' }, { id: 'long', text: 'longen' }, { id: 'nier', text: 'nieren' }],
  right: [
    { id: 'pomp', text: 'bloed rondpompen' },
    { id: 'gas', text: 'zuurstof opnemen uit de ingeademde lucht en koolstofdioxide afgeven aan de lucht die je uitademt' },
    { id: 'filter', text: 'afvalstoffen uit het bloed filteren' },
  ],
  key: [['hart', 'pomp'], ['long', 'gas'], ['nier', 'filter']],
};

/**
 * The sample data, with a numeric tolerance and a multi-line open answer to show; and a long exam for the
 * layout at large text: 30 questions with long stems, a long title and a long candidate name.
 */
function fixture(): any {
  const data = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  const bi = data.exams.find((e: any) => e.id === 'bi-kb-2026');
  bi.questions.find((q: any) => q.id === 'bi6').tolerance = 0.5;
  const s = data.sittings.find((x: any) => x.id === 's-bi-120002');
  s.responses.find((r: any) => r.questionId === 'bi7').response = "Weet ik niet.\nMisschien omdat het 's nachts donker is.";
  s.grade = 3.2;

  const filler = 'In een sloot langs een weiland leven waterplanten, algen, watervlooien en stekelbaarsjes. '.repeat(4);
  const questions = Array.from({ length: 30 }, (_, i) => i === 1 ? LONG_MATCH : {
    id: `lz${i + 1}`, number: i + 1, type: 'choice', maxScore: 1, multiple: false, key: ['B'],
    stem: `<p>Tekst ${i + 1} begint hier. ${filler}</p><p>Welke bewering over deze tekst is juist?</p>`,
    options: ['A', 'B', 'C', 'D'].map((id) => ({ id, text: `Bewering ${id} over de waterplanten en de algen in de sloot` })),
  });
  data.exams.push({
    id: 'lz-kb-2026', title: 'Nederlands KB — centraal examen 2026, 1e tijdvak: leesvaardigheid', subject: 'Nederlands', level: 'KB', central: true,
    review: { allowed: true, opensAt: '2026-01-01T08:00:00+01:00', closesAt: '2099-01-01T17:00:00+01:00', maxMinutes: 30, showKey: true, showScheme: true },
    questions,
  });
  data.candidates.push({ number: '120004', firstName: 'Anne-Fleur', lastNamePrefix: 'van den', lastName: 'Heuvel-Brouwer', className: '4K2' });
  data.groups.push({ id: 'g-lz-1', name: 'Nederlands KB — lokaal 9', examId: 'lz-kb-2026', startsAt: '2026-05-20T09:00:00+02:00', candidateNumbers: ['120004'] });
  data.sittings.push({
    id: 's-lz-120004', groupId: 'g-lz-1', candidateNumber: '120004', startedAt: '2026-05-20T09:01:00+02:00', submittedAt: '2026-05-20T10:30:00+02:00', grade: 6.1,
    responses: questions.map((q) => q === LONG_MATCH
      ? { questionId: q.id, response: [['hart', 'pomp'], ['long', 'gas'], ['nier', 'pomp']], score: 1 }
      : { questionId: q.id, response: q.number % 5 === 0 ? null : ['B'], score: q.number % 5 === 0 ? 0 : 1 }),
  });
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

/** Does the element have keyboard focus (document.activeElement, followed through the shadow roots)? */
function isFocused(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a === el;
  });
}

/**
 * Is the element's first line on screen and not covered by anything else: the topmost element at a point
 * just inside its top-left corner (followed through the shadow roots) is the element or inside it.
 */
function uncovered(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + 3;
    const y = r.top + Math.min(r.height / 2, 10);
    if (r.width === 0 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    let hit: Element | null = document.elementFromPoint(x, y);
    while (hit && hit.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    for (let n: Node | null = hit; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === el) return true;
    return false;
  });
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

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

/**
 * An init script: the token in localStorage, and the name of the screen the kiosk app renders after each of its
 * updates, in `window.screens` (its class wrapped as it is defined).
 */
function recordScreens([key, token]: [string, string]): void {
  localStorage.setItem(key, token);
  const w = window as unknown as { screens: string[] };
  w.screens = [];
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    if (name === 'ksk-app') {
      const proto = ctor.prototype as { updated?: (this: HTMLElement & { renderRoot: ParentNode }, ...a: unknown[]) => void };
      const updated = proto.updated;
      proto.updated = function (...a) {
        w.screens.push(this.renderRoot.firstElementChild?.localName ?? '');
        updated?.apply(this, a);
      };
    }
    define(name, ctor, options);
  };
}

describe('kiosk in a real browser', function () {
  this.timeout(90_000);
  const e2e = useE2E({ server: { data: fixture() } });
  let ts: TestServer;
  let boss: StaffClient;
  let sup: StaffClient;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let kioskId = '';

  before(async () => {
    ({ ts } = e2e);
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    ({ context, page, errors } = await e2e.page({ viewport: { width: 1280, height: 800 } }));
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


  const tokenCookie = async () => (await context.cookies(`${ts.base}/kiosk/`)).find((c) => c.name === 'inzage-kiosk');

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
    // and a copy in a cookie of the kiosk's own path, for the page's idle screen (server/http/kioskPage.ts)
    const cookie = await tokenCookie();
    expect(cookie?.value).to.equal(s.local[TOKEN_KEY]);
    expect([cookie?.path, cookie?.sameSite, cookie?.httpOnly]).to.deep.equal(['/kiosk/', 'Strict', false]);
    expect(cookie!.expires).to.be.greaterThan(Date.now() / 1000 + 300 * 86_400);
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

  it('comes with its idle screen in the page: shown without the script, and the app never shows "Verbinden…" before it', async () => {
    const cookies = await context.cookies(`${ts.base}/kiosk/`);
    const token = await page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY);
    // the page alone
    const viewport = { width: 1280, height: 800 };
    const bare = await e2e.page({ javaScriptEnabled: false, viewport });
    await bare.context.addCookies(cookies);
    await bare.page.goto(`${ts.base}/kiosk/`);
    const boxes = async (p: Page) => Promise.all([
      p.getByRole('heading', { name: 'Wacht op een inzage…', level: 1 }).boundingBox(),
      p.getByText('Station 3', { exact: true }).boundingBox(),
    ]);
    await bare.page.getByRole('heading', { name: 'Wacht op een inzage…', level: 1 }).waitFor();
    const before = await boxes(bare.page);
    await bare.context.close();
    // the app's own idle screen (ksk-idle) takes its place without a jump: the page's copy of its layout holds
    await page.setViewportSize(viewport);
    const after = await boxes(page);
    for (const [i, box] of before.entries()) {
      expect(Math.abs(box!.y - after[i]!.y), `${i}: ${JSON.stringify([box, after[i]])}`).to.be.below(1.5);
      expect(Math.abs(box!.x - after[i]!.x), `${i}: ${JSON.stringify([box, after[i]])}`).to.be.below(1.5);
    }
    // with the script: every screen the app renders, from its first (a fresh context: no cache)
    const screens = async (withCookie: boolean) => {
      const o = await e2e.page();
      if (withCookie) await o.context.addCookies(cookies);
      await o.context.addInitScript(recordScreens, [TOKEN_KEY, token!] as [string, string]);
      await o.page.goto(`${ts.base}/kiosk/`);
      await o.page.getByRole('heading', { name: 'Wacht op een inzage…', level: 1 }).waitFor();
      await eventually(async () => expect(await o.page.evaluate(() => (document.querySelector('ksk-app') as any).conn.state.connection)).to.equal('online'));
      const seen = await o.page.evaluate(() => (window as unknown as { screens: string[] }).screens);
      // a kiosk paired before the cookie existed (the token in localStorage only) gets it at its next load
      expect((await o.context.cookies(`${ts.base}/kiosk/`)).find((c) => c.name === 'inzage-kiosk')?.value).to.equal(token);
      await o.context.close();
      return seen.filter((x, i) => x !== seen[i - 1]);
    };
    expect(await screens(true)).to.deep.equal(['ksk-idle']);
    expect(await screens(false)).to.deep.equal(['ksk-status', 'ksk-idle']); // without the cookie: 'Verbinden…' first
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
      // the number is the button's visible label; its score is drawn beside it (generated content, not text)
      expect((await first.textContent())!.trim()).to.equal('1');
      const described = async (b: Locator) =>
        b.evaluate((el) => {
          const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
          const root = el.getRootNode() as ShadowRoot;
          return ids.map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim();
        });
      expect(await described(first)).to.equal('Beantwoord, 0 van 1 punt');
      expect(await described(nav.getByRole('button', { name: 'Vraag 5', exact: true }))).to.equal('Niet beantwoord, 0 van 1 punt');
      expect(await described(nav.getByRole('button', { name: 'Vraag 2', exact: true }))).to.equal('Beantwoord, 1 van 2 punten');
      // read-only: the one form is the candidate's remark ('Opmerking'), the deliberate exception
      const fields = 'input, textarea, select, [contenteditable]';
      expect(await page.getByRole('region', { name: 'Opmerking' }).locator(fields).count()).to.equal(4);
      expect(await page.locator(fields).count()).to.equal(4);
    });

    it('replays a single choice with the candidate\'s choice marked, and the key beside it', async () => {
      const options = page.getByRole('listitem').filter({ hasText: 'Jouw antwoord' });
      expect(await options.count()).to.equal(1);
      expect(await options.textContent()).to.contain('Mitochondrion');
      await page.getByText('0 van 1 punt').first().waitFor();
      const toggle = button('Antwoordsleutel');
      expect(await toggle.getAttribute('aria-expanded')).to.equal('false');
      // by keyboard: the button keeps focus while the key is fetched (held back here until we have looked)
      // and once it is shown, so Tab goes on from there rather than from the top of the page
      const engine = ts.app.ctx.engine;
      const reveal = engine.reveal;
      let release = () => {};
      const held = new Promise<void>((res) => (release = res));
      engine.reveal = async (...args) => (await held, reveal.apply(engine, args));
      try {
        await toggle.focus();
        await page.keyboard.press('Enter');
        await page.getByRole('status').filter({ hasText: 'Laden…' }).waitFor();
        expect(await isFocused(toggle), 'focus stays on the toggle while the key is fetched').to.equal(true);
      } finally {
        release();
        engine.reveal = reveal;
      }
      const correct = page.getByRole('listitem').filter({ hasText: 'Juist antwoord' });
      await correct.first().waitFor();
      expect(await correct.count()).to.equal(1);
      expect(await correct.textContent()).to.contain('Bladgroenkorrel');
      expect(await toggle.getAttribute('aria-expanded')).to.equal('true');
      const region = page.getByRole('region', { name: 'Antwoordsleutel' });
      expect(await toggle.getAttribute('aria-controls')).to.equal(await region.getAttribute('id'));
      expect(await isFocused(toggle), 'focus stays on the toggle').to.equal(true);
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
      expect(await isFocused(button('Antwoordsleutel')), 'a click leaves focus on the toggle too').to.equal(true);
      await screenshot(page, 'kiosk-order-key');
    });

    it('replays a match question as pairs; with the key, marks each pair and gives the right partner of a wrong one', async () => {
      await navigator().getByRole('button', { name: 'Vraag 4', exact: true }).click();
      await heading('Vraag 4').waitFor();
      const yours = page.getByRole('region', { name: 'Jouw antwoord' });
      const pairs = (await yours.getByRole('listitem').allTextContents()).map(norm);
      expect(pairs).to.deep.equal(['Hart → gekoppeld aan Gaswisseling', 'Longen → gekoppeld aan Bloed rondpompen']);
      await button('Antwoordsleutel').click();
      const key = page.getByRole('region', { name: 'Antwoordsleutel' });
      await key.waitFor();
      const keyPairs = (await key.getByRole('listitem').allTextContents()).map(norm);
      expect(keyPairs).to.deep.equal(['Hart → gekoppeld aan Bloed rondpompen', 'Longen → gekoppeld aan Gaswisseling']);
      // in words and with an icon, not by colour alone
      expect((await yours.getByRole('listitem').allTextContents()).map(norm)).to.deep.equal([
        'Hart → gekoppeld aan Gaswisseling, ✗ Fout, juist: Bloed rondpompen',
        'Longen → gekoppeld aan Bloed rondpompen, ✗ Fout, juist: Gaswisseling',
      ]);
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
      ts.app.ctx.kiosks.channel.warn(kioskId, endsAt);
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
      // the one-column layout at 200 %: the question is in view without scrolling the page
      expect(await uncovered(heading('Vraag 3'))).to.equal(true);
      await screenshot(page, 'kiosk-zoom-200');
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

    it("asks before 'Uitloggen' ends the review, in a modal dialog; 'Annuleren' and Esc keep it running", async () => {
      const logout = page.getByRole('banner').getByRole('button', { name: 'Uitloggen' });
      const dialog = page.getByRole('dialog', { name: 'Inzage beëindigen?' });
      await logout.click();
      await dialog.waitFor();
      expect(await dialog.evaluate((d) => d.matches(':modal')), 'opened with showModal: the page behind is inert').to.equal(true);
      await dialog.getByText('Na het uitloggen kun je niet meer terug naar je examen.', { exact: false }).waitFor();
      // the safe choice has focus; Tab moves between the dialog's two buttons
      const cancel = dialog.getByRole('button', { name: 'Annuleren' });
      expect(await isFocused(cancel)).to.equal(true);
      await page.keyboard.press('Tab');
      expect(await isFocused(dialog.getByRole('button', { name: 'Uitloggen' }))).to.equal(true);
      await page.keyboard.press('Shift+Tab');
      expect(await isFocused(cancel)).to.equal(true);
      await screenshot(page, 'kiosk-logout-confirm');
      await cancel.click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await isFocused(logout), "focus back on 'Uitloggen'").to.equal(true);
      // Esc cancels as well
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await isFocused(logout)).to.equal(true);
      // nothing was sent: the review still runs on the server, and on screen
      expect(ts.app.ctx.engine.activeForKiosk(kioskId)).not.to.equal(undefined);
      expect(await activeReview()).not.to.equal(undefined);
      await heading('Vraag 3').waitFor();
    });

    it("ends on 'Uitloggen' once confirmed, and afterwards nothing of the candidate is left in the page or in storage", async () => {
      await page.getByRole('banner').getByRole('button', { name: 'Uitloggen' }).click();
      await page.getByRole('dialog', { name: 'Inzage beëindigen?' }).getByRole('button', { name: 'Uitloggen' }).click();
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

  describe('display settings', () => {
    const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

    it('keeps the language and text size across a reconnect, and resets them once the review is over', async () => {
      const base = await rootSize();
      const id = await startReview('s-bi-120001');
      await heading('Vraag 1').waitFor();
      await button('English').click();
      await button('Larger').click();
      await button('Larger').click();
      expect(await rootSize()).to.be.closeTo(base * 1.5, 0.5);
      // the connection drops and comes back: the same review, still in English at 150 %
      ts.app.io.of('/kiosk').disconnectSockets(true);
      await page.getByRole('alert').filter({ hasText: 'Connection lost — reconnecting…' }).waitFor();
      await heading('Question 1').waitFor();
      expect(await page.locator('html').getAttribute('lang')).to.equal('en');
      expect(await rootSize()).to.be.closeTo(base * 1.5, 0.5);
      // the end screen still speaks the candidate's language; the next candidate starts in Dutch at 100 %
      const r = await sup.call('DELETE', `/api/reviews/${id}`);
      expect(r.status, r.text).to.be.oneOf([200, 204]);
      await heading('The review has ended').waitFor();
      await heading('Wacht op een inzage…').waitFor({ timeout: 10_000 });
      expect(await page.locator('html').getAttribute('lang')).to.equal('nl');
      expect(await rootSize()).to.be.closeTo(base, 0.5);
      // the display settings belong to the review: none on the idle screen
      expect(await page.getByRole('group', { name: 'Tekstgrootte' }).count()).to.equal(0);
      expect(await button('Kleiner').count()).to.equal(0);
    });
  });

  describe('large text on common screens', () => {
    const STEPS = [100, 125, 150, 175, 200];
    let id = '';
    before(async () => {
      id = await startReview('s-lz-120004');
      await heading('Vraag 1').waitFor();
    });
    after(async () => {
      if (id) await sup.call('DELETE', `/api/reviews/${id}`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await heading('Wacht op een inzage…').waitFor({ timeout: 10_000 });
    });

    async function go(n: number): Promise<void> {
      await navigator().getByRole('button', { name: `Vraag ${n}`, exact: true }).click();
      await heading(`Vraag ${n}`).waitFor();
    }

    /** What every zoom step must keep: the page fits, the question gets the room, every control is reachable. */
    async function checkLayout(at: string): Promise<void> {
      await go(1);
      const view = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: innerWidth, height: innerHeight }));
      expect(view.scrollWidth, `${at}: no sideways scrolling of the page`).to.be.at.most(view.width);
      expect(await uncovered(heading('Vraag 1')), `${at}: the question's heading in view`).to.equal(true);
      expect(await uncovered(page.getByText(/^Tekst 1 begint hier/)), `${at}: the start of the stem in view`).to.equal(true);
      // the banner stays one short row: name, score, time left and 'Uitloggen' side by side, all in view
      const banner = (await page.getByRole('banner').boundingBox())!;
      const name = (await page.getByRole('heading', { name: 'Anne-Fleur van den Heuvel-Brouwer', level: 1 }).boundingBox())!;
      const logout = (await page.getByRole('banner').getByRole('button', { name: 'Uitloggen' }).boundingBox())!;
      expect(banner.height / view.height, `${at}: banner height`).to.be.below(0.2);
      expect(logout.y < name.y + name.height && name.y < logout.y + logout.height, `${at}: 'Uitloggen' in the name's row`).to.equal(true);
      for (const part of [page.getByRole('timer'), page.getByText(/^Score: \d+ van 31 punten$/), page.getByRole('banner').getByRole('button', { name: 'Uitloggen' })]) {
        expect(await uncovered(part), `${at}: ${part}`).to.equal(true);
      }
      // the question, with 'Vorige'/'Volgende', gets most of the height
      const main = (await page.getByRole('main').boundingBox())!;
      expect(main.height / view.height, `${at}: height of the question area`).to.be.at.least(0.6);
      // the text size and language controls sit beside the navigator, not in a band of their own
      const tools = (await page.getByRole('group', { name: 'Tekstgrootte' }).boundingBox())!;
      const nav = (await navigator().boundingBox())!;
      const besideMain = tools.x + tools.width <= main.x + 1;
      const inNavRow = tools.y >= nav.y - 1 && tools.y + tools.height <= nav.y + nav.height + 1;
      expect(besideMain || inNavRow, `${at}: text size controls beside the navigator`).to.equal(true);
      // in the side column the legend stays in view under the questions (their list scrolls on its own)
      if (besideMain) {
        for (const key of ['Beantwoord', 'Niet beantwoord']) expect(await uncovered(page.getByText(key, { exact: true })), `${at}: legend '${key}'`).to.equal(true);
      }
      // every question can be reached: the last navigator button scrolls into view (in its own scroller) and works
      await go(30);
      expect(await uncovered(heading('Vraag 30')), `${at}: last question`).to.equal(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${at}: still no sideways scrolling`).to.equal(true);
    }

    it('keeps every zoom step usable on a 1366 × 768 screen', async () => {
      await page.setViewportSize({ width: 1366, height: 768 });
      for (const [i, pct] of STEPS.entries()) {
        if (i) await button('Groter').click();
        await checkLayout(`1366×768 at ${pct} %`);
        await go(1);
        await screenshot(page, `kiosk-1366-zoom-${pct}`);
      }
      expect(await button('Groter').isDisabled()).to.equal(true);
      for (let i = 1; i < STEPS.length; i++) await button('Kleiner').click();
    });

    for (const [width, height] of [[1920, 1080], [1280, 800]] as const) {
      it(`keeps every zoom step usable on a ${width} × ${height} screen`, async () => {
        await page.setViewportSize({ width, height });
        for (const [i, pct] of STEPS.entries()) {
          if (i) await button('Groter').click();
          await checkLayout(`${width}×${height} at ${pct} %`);
        }
        await screenshot(page, `kiosk-${width}-zoom-200`);
        for (let i = 1; i < STEPS.length; i++) await button('Kleiner').click();
      });
    }

    it('keeps long match pairs in aligned columns, and marks them with the key', async () => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      for (const pct of [100, 200]) {
        await go(2);
        const toggle = button('Antwoordsleutel');
        if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
        const yours = page.getByRole('region', { name: 'Jouw antwoord' });
        const rows = yours.getByRole('listitem');
        await rows.first().getByText('✓ Goed').waitFor();
        expect((await rows.allTextContents()).map(norm)).to.deep.equal([
          'hart → gekoppeld aan bloed rondpompen, ✓ Goed',
          `longen → gekoppeld aan ${LONG_MATCH.right[1]!.text}, ✓ Goed`,
          'nieren → gekoppeld aan bloed rondpompen, ✗ Fout, juist: afvalstoffen uit het bloed filteren',
        ]);
        // left → right stays on one line, in columns: a long item wraps within its own column
        const lefts = await Promise.all(['hart', 'longen', 'nieren'].map((t) => yours.getByText(t, { exact: true }).boundingBox()));
        const longRight = (await yours.getByText(/^gekoppeld aan zuurstof opnemen/).boundingBox())!;
        const shortRight = (await yours.getByText(/^gekoppeld aan bloed rondpompen$/).first().boundingBox())!;
        expect(new Set(lefts.map((b) => Math.round(b!.x))).size, `${pct} %: left column`).to.equal(1);
        expect(Math.abs(longRight.y - lefts[1]!.y), `${pct} %: the long item starts beside 'longen'`).to.be.below(lefts[1]!.height / 2);
        expect(longRight.x).to.be.above(lefts[1]!.x + lefts[1]!.width);
        expect(longRight.x).to.be.closeTo(shortRight.x, 1);
        await screenshot(page, `kiosk-match-long-${pct}`);
        if (pct === 100) for (let i = 1; i < STEPS.length; i++) await button('Groter').click();
      }
      for (let i = 1; i < STEPS.length; i++) await button('Kleiner').click();
    });
  });

  describe('afterwards', () => {
  it('says where the exam withholds the key or scheme, and ends when the supervisor ends it', async () => {
    const id = await startReview('s-wi-120002');
    await heading('Vraag 1').waitFor();
    await page.getByText('Wiskunde KB (schoolexamen)').waitFor();
    expect(await button('Antwoordsleutel').count()).to.equal(0);
    await page.getByText('De antwoordsleutel wordt bij dit examen niet getoond.').waitFor();
    await button('Volgende').click();
    await heading('Vraag 2').waitFor();
    expect(await button('Correctievoorschrift').count()).to.equal(0);
    await page.getByText('Het correctievoorschrift wordt bij dit examen niet getoond.').waitFor();
    await button('English').click();
    await page.getByText('The marking scheme is not shown for this exam.').waitFor();
    await button('Nederlands').click();
    const r = await sup.call('DELETE', `/api/reviews/${id}`);
    expect(r.status, r.text).to.be.oneOf([200, 204]);
    await heading('De inzage is beëindigd').waitFor();
    await page.getByText('Beëindigd door de toezichthouder').waitFor();
    expect(await deepText(page)).not.to.contain('El Amrani');
  });

  it('tells the candidate when the review ended while the connection was down, then shows the idle screen', async () => {
    await heading('Wacht op een inzage…').waitFor({ timeout: 10_000 });
    const id = await startReview('s-bi-120001');
    await heading('Vraag 1').waitFor();
    const grace = ts.app.ctx.config.graceMs;
    ts.app.ctx.config.graceMs = 200;
    try {
      // the network goes: the kiosk cannot reconnect, and the server ends the review after the grace period
      await context.setOffline(true);
      ts.app.io.of('/kiosk').disconnectSockets(true);
      await page.getByRole('alert').filter({ hasText: 'Verbinding verbroken — opnieuw verbinden…' }).waitFor();
      await eventually(async () => expect(ts.app.ctx.engine.get(id)?.endReason).to.equal('kiosk-disconnected'), { timeout: 10_000 });
    } finally {
      ts.app.ctx.config.graceMs = grace;
      await context.setOffline(false);
    }
    // back online: not silently idle, but the end and why
    await heading('De inzage is beëindigd').waitFor({ timeout: 20_000 });
    await page.getByText('De verbinding met de kiosk is verbroken').waitFor();
    expect(await deepText(page)).not.to.contain('Sanne');
    await screenshot(page, 'kiosk-ended-while-away');
    await heading('Wacht op een inzage…').waitFor({ timeout: 10_000 });
  });

  it('tells it too when the kiosk had already let go of the hidden review (away longer than a minute)', async () => {
    // a second station in its own browser context, with a page clock that can be moved on
    const other = await e2e.context({ viewport: { width: 1280, height: 800 } });
    const grace = ts.app.ctx.config.graceMs;
    try {
      const p2 = await other.newPage();
      await p2.clock.install();
      const station4 = await pairKioskPage(p2, ts.base, boss, 'Station 4');
      await p2.getByRole('heading', { name: 'Wacht op een inzage…' }).waitFor();
      await eventually(async () => expect(ts.app.ctx.kiosks.isOnline(station4)).to.equal(true));
      const started = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: station4 });
      expect(started.status, started.text).to.equal(201);
      await p2.getByRole('heading', { name: 'Vraag 1' }).waitFor();

      ts.app.ctx.config.graceMs = 200;
      await other.setOffline(true);
      ts.app.io.of('/kiosk').disconnectSockets(true); // (the first station just reconnects)
      await p2.getByRole('alert').filter({ hasText: 'Verbinding verbroken' }).waitFor();
      await eventually(async () => expect(ts.app.ctx.engine.get(started.json.id)?.endReason).to.equal('kiosk-disconnected'), { timeout: 10_000 });
      // a minute on, the kiosk drops the hidden review from memory
      await p2.clock.fastForward(61_000);
      await eventually(async () => expect(await p2.evaluate(() => (document.querySelector('ksk-app') as any).conn.state.screen.name)).to.equal('idle'));
      expect(await deepText(p2)).not.to.contain('Emma');
      await other.setOffline(false);
      // move the page's clock on a second at a time until a reconnection attempt gets through: one that fails
      // (the network back a moment later than the page thinks) schedules the next on the fake clock, which only
      // moves when told; small steps, so the end screen (shown for ENDED_SCREEN_MS) is not skipped past
      await eventually(async () => {
        await p2.clock.fastForward(1_000);
        await p2.getByRole('heading', { name: 'De inzage is beëindigd' }).waitFor({ timeout: 1_000 });
      }, { timeout: 40_000, what: 'the end screen after reconnecting' });
      await p2.getByText('De verbinding met de kiosk is verbroken').waitFor();
    } finally {
      ts.app.ctx.config.graceMs = grace;
      await other.close();
    }
    await eventually(async () => expect(ts.app.ctx.kiosks.isOnline(kioskId)).to.equal(true));
  });

  it('shows the end of the review when an admin unpairs the kiosk during it, then the pairing code; forgets its token', async () => {
    await startReview('s-bi-120003');
    await page.getByText('Emma Jansen').waitFor();
    const r = await boss.call('DELETE', `/api/kiosks/${kioskId}`);
    expect(r.status, r.text).to.be.oneOf([200, 204]);
    await heading('De inzage is beëindigd').waitFor();
    await page.getByText('De kiosk is ontkoppeld').waitFor();
    await page.getByText('Deze kiosk moet opnieuw worden gekoppeld; zo dadelijk verschijnt een koppelcode.').waitFor();
    for (const text of [await deepText(page), await page.evaluate(() => JSON.stringify((document.querySelector('ksk-app') as any).conn.state))]) {
      expect(text).not.to.contain('Emma');
    }
    expect(Object.keys((await storage()).local)).to.deep.equal([]);
    expect(await tokenCookie()).to.equal(undefined);
    await screenshot(page, 'kiosk-ended-unpaired');
    // then, after a few seconds, the pairing screen
    await heading('Koppelcode').waitFor({ timeout: 10_000 });
    await page.getByText(CODE).waitFor();
    expect(Object.keys((await storage()).local)).to.deep.equal([]);
  });

  it('forgets a token the server no longer knows and shows a pairing code', async () => {
    await page.evaluate((k) => localStorage.setItem(k, 'revoked-or-unknown-token'), TOKEN_KEY);
    await page.reload();
    await heading('Koppelcode').waitFor();
    await page.getByText(CODE).waitFor();
    expect(Object.keys((await storage()).local)).to.deep.equal([]);
    expect(await tokenCookie()).to.equal(undefined);
  });

  it('logged no errors in the browser console', () => {
    // a refused handshake is logged by Chromium as a failed WebSocket; nothing else may be
    // (and the emulated network loss, as refused connections)
    expect(errors.filter((e) => !/WebSocket connection .* failed|kiosk-unknown|ERR_INTERNET_DISCONNECTED/.test(e))).to.deep.equal([]);
  });
  });
});
