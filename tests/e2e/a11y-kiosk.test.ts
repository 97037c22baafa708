/**
 * axe-core over every kiosk screen, in Dutch and in English (`?lang=en`): 'Verbinden…' (the server not yet
 * reached), pairing, idle, a review with a choice question's key revealed and an open question's marking scheme
 * revealed, the 'Uitloggen' question, and the end screen. The text size and language controls belong to the review only; at 200 % text the banner
 * wraps a long exam title and keeps 'Examennummer' readable. Real server, real Chromium under the kiosk's CSP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { text, type Lang } from '../../kiosk/src/i18n.ts';
import { PAIRING_CODE, screenshot } from '../helpers/browser.ts';
import { FIXTURES, loggedIn, type StaffClient } from '../helpers/server.ts';
import { expectNoViolations } from '../support/axe.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

const LONG_TITLE = 'Biologie KB — centraal examen 2026, eerste tijdvak, tweede deel: planten, dieren, schimmels en bacteriën in en om de sloot, de akker en het weiland';

/** The sample data, Biologie KB with a title long enough to need two lines at large text. */
function fixture(): object {
  const data = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  data.exams.find((e: { id: string }) => e.id === 'bi-kb-2026').title = LONG_TITLE;
  return data;
}

describe('kiosk accessibility: every screen passes axe-core, display settings only in the review (e2e)', function () {
  this.timeout(120_000);
  const e2e = useE2E({ server: { data: fixture() }, noPageErrors: true });
  let boss: StaffClient;
  let sup: StaffClient;

  before(async () => {
    [boss, sup] = await Promise.all([loggedIn(e2e.ts.base, 'boss'), loggedIn(e2e.ts.base, 'sup1')]);
  });

  /** A kiosk page in `lang`, paired as `name` once its pairing screen has been checked. Returns its id. */
  async function pairedKiosk(page: Page, lang: Lang, name: string): Promise<string> {
    const T = (key: Parameters<typeof text>[1]) => text(lang, key as never);
    await page.goto(`${e2e.ts.base}/kiosk/${lang === 'en' ? '?lang=en' : ''}`);
    await page.getByRole('heading', { name: T('pairingCode') }).waitFor();
    await expectNoViolations(page, `pairing (${lang})`);
    await expectNoDisplaySettings(page, lang, 'pairing');
    const code = (await page.getByText(PAIRING_CODE).first().textContent())!.trim();
    const paired = await boss.call('POST', '/api/kiosks', { code, name });
    expect(paired.status, paired.text).to.equal(201);
    await page.getByRole('heading', { name: T('waiting') }).waitFor();
    const id = paired.json.id as string;
    // a start is refused (kiosk-offline) until the server has the kiosk online with its new token
    await eventually(async () => (await sup.call('GET', '/api/kiosks')).json.some((k: { id: string; online: boolean }) => k.id === id && k.online));
    return id;
  }

  async function expectNoDisplaySettings(page: Page, lang: Lang, where: string) {
    expect(await page.getByRole('group', { name: text(lang, 'textSize') }).count(), `text size controls on ${where}`).to.equal(0);
    expect(await page.getByRole('button', { name: text(lang, 'otherLanguage') }).count(), `language button on ${where}`).to.equal(0);
  }

  for (const lang of ['nl', 'en'] as const) {
    it(`'Verbinden…' while the server is not reached (${lang})`, async () => {
      const { page } = await e2e.page({ viewport: { width: 1280, height: 800 } });
      // the connection is held: its WebSocket opens to nobody and its polling requests are never answered
      await page.routeWebSocket(/\/socket\.io\//, () => {});
      await page.route('**/socket.io/**', () => {});
      await page.goto(`${e2e.ts.base}/kiosk/${lang === 'en' ? '?lang=en' : ''}`);
      await page.getByRole('status').filter({ hasText: text(lang, 'connecting') }).waitFor();
      await expectNoViolations(page, `connecting (${lang})`);
      await expectNoDisplaySettings(page, lang, 'connecting');
      expect(await page.getByRole('heading', { name: text(lang, 'pairingCode') }).count(), 'still connecting').to.equal(0);
    });

    it(`pairing, idle, a review with a key and a scheme revealed, 'Uitloggen', the end (${lang})`, async () => {
      const { page } = await e2e.page({ viewport: { width: 1280, height: 800 } });
      // the kiosk's own clock, so that the end screen stays while it is checked (it gives way after 5 s)
      await page.clock.install();
      const kioskId = await pairedKiosk(page, lang, `Station ${lang}`);
      await expectNoViolations(page, `idle (${lang})`);
      await expectNoDisplaySettings(page, lang, 'idle');

      const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId });
      expect(r.status, r.text).to.equal(201);
      await page.getByRole('heading', { name: text(lang, 'question', { n: 1 }) }).waitFor();
      await page.getByRole('group', { name: text(lang, 'textSize') }).waitFor();
      await page.getByRole('button', { name: text(lang, 'answerKey') }).click();
      await page.getByRole('region', { name: text(lang, 'answerKey') }).waitFor();
      await expectNoViolations(page, `a review, question 1 with its key (${lang})`);

      await page.getByRole('navigation').getByRole('button', { name: text(lang, 'question', { n: 7 }), exact: true }).click();
      await page.getByRole('heading', { name: text(lang, 'question', { n: 7 }) }).waitFor();
      await page.getByRole('button', { name: text(lang, 'markingScheme') }).click();
      await page.getByRole('region', { name: text(lang, 'markingScheme') }).waitFor();
      await expectNoViolations(page, `a review, an open question with its scheme (${lang})`);

      const banner = page.getByRole('banner');
      await banner.getByRole('button', { name: text(lang, 'logout') }).click();
      const confirm = page.getByRole('dialog', { name: text(lang, 'logoutTitle') });
      await confirm.waitFor();
      await expectNoViolations(page, `'Uitloggen' asks first (${lang})`);
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'hidden' });

      // (a short step: a long jump would fire the connection's own ping timeout too)
      await page.clock.pauseAt((await page.evaluate('Date.now()') as number) + 200);
      const end = await sup.call('DELETE', `/api/reviews/${r.json.id}`);
      expect(end.status, end.text).to.be.oneOf([200, 204]);
      await page.getByRole('heading', { name: text(lang, 'ended') }).waitFor();
      await expectNoViolations(page, `the end screen (${lang})`, { clockPaused: true });
      await expectNoDisplaySettings(page, lang, 'the end screen');
      await page.clock.resume();
      await page.getByRole('heading', { name: text(lang, 'waiting') }).waitFor();
    });
  }

  it('wraps a long exam title at 200 % text and keeps ‘Examennummer’ readable, on a 1280 × 800 screen', async () => {
    const { page } = await e2e.page({ viewport: { width: 1280, height: 800 } });
    const kioskId = await pairedKiosk(page, 'nl', 'Station groot');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId });
    expect(r.status, r.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Groter' }).click();
    expect(await page.getByRole('button', { name: 'Groter' }).isDisabled(), 'at 200 %').to.equal(true);
    const banner = page.getByRole('banner');
    const title = banner.getByText(LONG_TITLE, { exact: true });
    const label = banner.getByText('Examennummer', { exact: true });
    const shown = await title.evaluate((el) => {
      const line = el.parentElement!;
      // the text's own boxes, one per line (the span itself may be one block box)
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = [...range.getClientRects()];
      return {
        // nothing of the line is hidden by overflow: it is as wide and as high as its content
        clipped: line.scrollWidth > line.clientWidth || line.scrollHeight > line.clientHeight,
        lines: new Set(rects.map((q) => Math.round(q.top))).size,
        inWindow: rects.every((q) => q.left >= 0 && q.right <= innerWidth),
      };
    });
    expect(shown).to.deep.equal({ clipped: false, lines: shown.lines, inWindow: true });
    expect(shown.lines, 'the long title wraps').to.be.at.least(2);
    expect(await label.isVisible()).to.equal(true);
    const box = (await label.boundingBox())!;
    expect(box.width, "'Examennummer' is not hidden visually").to.be.greaterThan(20);
    expect(box.x + box.width).to.be.at.most(1280);
    expect(await page.getByText('120002', { exact: false }).first().isVisible()).to.equal(true);
    await screenshot(page, 'kiosk-200-long-title');
    await sup.call('DELETE', `/api/reviews/${r.json.id}`);
  });
});
