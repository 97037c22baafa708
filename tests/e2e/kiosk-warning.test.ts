/**
 * Issue 11: the time-limit warning survives a reload of the kiosk page. The server runs on a fake clock, moved on
 * to the warning; the page, reloaded after it, gets the warning again with `kiosk:state` and shows it.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { FakeClock } from '../../server/clock.ts';
import { launchBrowser, pairKioskPage, screenshot, watchErrors } from '../helpers/browser.ts';
import { loggedIn, startTestServer, type TestServer } from '../helpers/server.ts';

const WARNING = 'Let op: de tijd is bijna om.';

/** The end time as the kiosk writes it (nl, HH:MM) for each moment within a few seconds of `at`. */
function endTimes(at: number): string[] {
  const f = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit' });
  return [...new Set([-5_000, 0, 5_000].map((d) => f.format(new Date(at + d))))];
}

describe('kiosk: the time-limit warning after a reload', function () {
  this.timeout(90_000);
  let browser: Browser;
  let ts: TestServer;
  let clock: FakeClock;
  let page: Page;
  let errors: string[];

  before(async function () {
    browser = await launchBrowser(this);
    clock = new FakeClock(Date.now());
    ts = await startTestServer({ clock });
    page = await browser.newPage();
    errors = watchErrors(page);
  });
  after(async () => {
    await browser?.close();
    await ts?.close();
  });

  it('shows the warning again once the page is reloaded after it was sent', async () => {
    const kioskId = await pairKioskPage(page, ts.base, await loggedIn(ts.base, 'boss'), 'Herladen');
    const sup = await loggedIn(ts.base, 'sup1');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
    expect(r.status, r.text).to.equal(201);
    const endsAt = Date.parse(r.json.endsAt);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: WARNING }).count()).to.equal(0);

    clock.advance(25 * 60_000); // five minutes before the end of the 30: the engine sends review:warning
    await page.getByRole('alert').filter({ hasText: WARNING }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
    const warning = page.getByRole('alert').filter({ hasText: WARNING });
    await warning.waitFor();
    // the end on this PC's clock: the server's end moved by how far the (fake) server clock is off from it
    const text = (await warning.textContent()) ?? '';
    const shown = /De inzage eindigt om (\d\d:\d\d)\./.exec(text)?.[1];
    expect(endTimes(endsAt + (Date.now() - clock.now())), text).to.include(shown);
    await screenshot(page, 'kiosk-warning-after-reload');
    expect(errors).to.deep.equal([]);
  });
});
