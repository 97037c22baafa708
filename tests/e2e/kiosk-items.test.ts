/**
 * A real QTI package (QTI 2.2, Onyx) on the kiosk, in real Chromium against the real server (issue 13): read by the
 * QTI import, imported with a sitting through the API, reviewed: the item's text as in the exam with the
 * candidate's response in place, and the key in place on request. Every interaction family: kiosk-item-replay.test.ts.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { importData } from '../../server/import/index.ts';
import { packageFromFolder, readQtiPackage } from '../../server/import/qti/index.ts';
import { pairKioskPage } from '../helpers/browser.ts';
import { loggedIn, type StaffClient } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';
import { SAXONY, withSitting } from '../support/qti.ts';

/** The Saxony package read by the QTI import, with one sitting; and the pictures it brings. */
function saxonyWithSitting() {
  const r = readQtiPackage(packageFromFolder(SAXONY));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  const file = withSitting(r.file, {
    candidate: '150001', group: 'g-sachsen', sitting: 's-sachsen-150001',
    responses: [
      { questionId: 'Choicetruefalse_176040516', response: { RESPONSE_27628688: ['choice_1416143937'] }, score: 0 },
      { questionId: 'Choicesingle_853928446', response: { RESPONSE_30705996: ['choice_313388598'] }, score: 1 },
      { questionId: 'TextEntry_883368511', response: { RESPONSE_1: ['Brocken'] }, score: 0 },
    ],
  });
  return { file, media: r.media };
}

describe('kiosk: QTI items from a real package', function () {
  this.timeout(90_000);
  const e2e = useE2E();
  let boss: StaffClient;
  let sup: StaffClient;
  let page: Page;

  before(async () => {
    const { ts } = e2e;
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    // the import of a package (its pictures with it), as `inzage import PACKAGE` does; the JSON route takes no pictures
    const { file, media } = saxonyWithSitting();
    const imported = await importData(ts.store, file, { media, actor: 'test' });
    expect(imported.ok, JSON.stringify(imported).slice(0, 2000)).to.equal(true);
    ({ page } = await e2e.page({ viewport: { width: 1280, height: 800 } }));
    const kioskId = await pairKioskPage(page, ts.base, boss, 'Station 1');
    await eventually(() => ts.app.ctx.kiosks.isOnline(kioskId));
    const started = await sup.call('POST', '/api/reviews', { sittingId: 's-sachsen-150001', kioskId });
    expect(started.status, started.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
  });

  const part = () => page.getByRole('article').getByRole('group', { name: 'Onderdeel 1', exact: true });
  const options = (tag: string) => part().getByRole('listitem').filter({ hasText: tag });

  it('shows a choice item\'s text and its options with the candidate\'s choice marked, and the key in place on request', async () => {
    await page.getByRole('article').getByText('Das Bundesland Sachsen ist eines der neuen Bundesländer').waitFor();
    expect(await options('Jouw antwoord').allInnerTexts()).to.have.length(1);
    expect(await options('Jouw antwoord').innerText()).to.contain('Falsch');
    await page.getByRole('button', { name: 'Antwoordsleutel' }).click();
    await page.getByRole('region', { name: 'Antwoordsleutel' }).waitFor();
    await eventually(async () => expect(await options('Juist antwoord').allInnerTexts()).to.have.length(1));
    expect(await options('Juist antwoord').innerText()).to.contain('Richtig');
  });

  it('shows the candidate\'s choice as its picture, loaded from the server with the review\'s grant', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Vraag 2', exact: true }).click();
    const picture = options('Jouw antwoord').locator('img');
    await picture.waitFor();
    expect(await picture.getAttribute('src')).to.match(/^\/api\/media\/[0-9a-f]{64}\.jpg\?k=[0-9a-f-]+\.[A-Za-z0-9_-]{43}$/);
    // decoded: the request was allowed by the page's CSP and answered with the picture
    await eventually(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
  });

  it('shows a text entry item with the candidate\'s words in the gap of its sentence', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Vraag 9', exact: true }).click();
    await eventually(async () => expect((await page.getByRole('article').innerText()).replace(/\s+/g, ' ')).to.match(/Mit 1215 Metern ist der Jouw antwoord: Brocken die höchste Erhebung/));
  });
});
