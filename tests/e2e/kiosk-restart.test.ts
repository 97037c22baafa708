/** The kiosk in Chromium across a server restart: the review comes back at the candidate's question. */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, pairKioskPage, screenshot, watchErrors } from '../helpers/browser.ts';
import { loggedIn, startTestServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

describe('kiosk across a server restart', function () {
  this.timeout(90_000);
  let browser: Browser;
  let ts: TestServer;
  let page: Page;

  before(async function () {
    browser = await launchBrowser(this);
    ts = await startTestServer();
  });
  after(async () => {
    await browser?.close();
    await ts?.close();
  });

  it('brings the same question back after the server restarts on the same data', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = watchErrors(page);
    const kioskId = await pairKioskPage(page, ts.base, boss, 'Station herstart');

    const sup = await loggedIn(ts.base, 'sup1');
    const start = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
    expect(start.status, start.text).to.equal(201);
    await page.getByRole('button', { name: 'Vraag 4', exact: true }).click();
    await page.getByRole('heading', { name: 'Vraag 4' }).waitFor();
    // the kiosk shows question 4 at once and tells the server; wait until the server has it (a coalesced write)
    await eventually(() => ts.app.ctx.engine.get(start.json.id)?.position === 'bi4', { what: 'the server has question 4' });
    await ts.store.reviews.flush();

    const { dataDir, base } = ts;
    const port = Number(new URL(base).port);
    await ts.close({ keepData: true });
    await page.getByText('Verbinding verbroken').first().waitFor({ timeout: 10_000 });
    expect(await page.getByRole('heading', { name: 'Vraag 4' }).count()).to.equal(0); // hidden while away

    ts = await startTestServer({ dataDir, port });
    await page.getByRole('heading', { name: 'Vraag 4' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('Sanne de Vries').first().isVisible()).to.equal(true);
    await screenshot(page, 'kiosk-after-restart');
    const active = await (await loggedIn(ts.base, 'sup1')).call('GET', '/api/reviews');
    expect(active.json[0]).to.include({ id: start.json.id, position: 'bi4' });
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket/.test(e))).to.deep.equal([]);
  });
});
