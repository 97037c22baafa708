/** A kiosk PC whose clock is off still counts down the real time left (the server sends its own clock). */
import { expect } from 'chai';
import { pairKioskPage } from '../helpers/browser.ts';
import { loggedIn } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';

describe('kiosk with a skewed clock', function () {
  this.timeout(60_000);
  const e2e = useE2E();

  it('shows the time left by the server, not by its own clock 10 minutes fast', async () => {
    const { ts } = e2e;
    const { page } = await e2e.page();
    await page.clock.setSystemTime(new Date(Date.now() + 10 * 60_000));
    const kioskId = await pairKioskPage(page, ts.base, await loggedIn(ts.base, 'boss'), 'Scheef');
    const sup = await loggedIn(ts.base, 'sup1');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
    expect(r.status, r.text).to.equal(201);
    const left = await page.getByText(/Resterende tijd/).first().locator('..').textContent();
    const [, mm] = /(\d+):\d\d/.exec(left ?? '') ?? [];
    expect(Number(mm), left ?? '').to.be.within(28, 30); // the exam allows 30 minutes; not 19–20
  });
});
