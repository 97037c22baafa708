/**
 * Issue 18 item 4 in the browser: the real kiosk page in Chromium, through a proxy in front of two `inzage serve`
 * processes (tests/support/servedCluster.ts), its process killed with SIGKILL right after the candidate moved to
 * another question. The page reconnects through the proxy to the other process and shows the same question again,
 * without the candidate doing anything. Skipped without PostgreSQL, Redis or Chromium, except under CI=true.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser, pairKioskPage, screenshot, watchErrors } from '../helpers/browser.ts';
import { loggedIn } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { servedCluster } from '../support/servedCluster.ts';

describe('kiosk page across a kill -9 of its server process (two processes behind a proxy)', function () {
  this.timeout(120_000);
  let browser: Browser;
  before(async function () { browser = await launchBrowser(this); });
  after(async () => { await browser?.close(); });
  const c = servedCluster({ graceSeconds: 30 });

  it('shows the same question again, from the other process, without the candidate doing anything', async () => {
    c.seed();
    const a = await c.serve('a');
    await eventually(() => a.leads(), { what: 'the first process runs the timers', timeout: 20_000 });
    const b = await c.serve('b');
    c.proxy.prefer('a');

    const boss = await loggedIn(b.base, 'boss');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      const kioskId = await pairKioskPage(page, c.proxy.base, boss, 'Station failover');
      await eventually(async () => (await c.presenceOf(kioskId)).join() === a.nodeId, { what: 'the page connected to a' });

      const start = await boss.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
      expect(start.status, start.text).to.equal(201);
      await page.getByRole('button', { name: 'Vraag 4', exact: true }).click();
      await page.getByRole('heading', { name: 'Vraag 4' }).waitFor();

      // the candidate is on question 4; its process dies at once (its last move perhaps not yet written)
      await a.kill();
      await eventually(() => c.proxy.openTo('a') === 0 && c.proxy.openTo('b') > 0, { what: 'the page reconnected through the proxy to b', timeout: 20_000 });
      await eventually(async () => (await c.presenceOf(kioskId)).join() === b.nodeId, { what: 'the page online on b only', timeout: 20_000 });
      await page.getByRole('heading', { name: 'Vraag 4' }).waitFor({ timeout: 20_000 });
      await eventually(async () => (await page.getByText('Verbinding verbroken').count()) === 0, { what: 'no connection notice' });
      expect(await page.getByText('Sanne de Vries').first().isVisible()).to.equal(true);
      await screenshot(page, 'kiosk-after-failover');

      // the same review, still running, at question 4 on the survivor too
      await eventually(async () => {
        const active = (await boss.call('GET', '/api/reviews')).json as { id: string; position: string }[];
        expect(active.map((r) => [r.id, r.position])).to.deep.equal([[start.json.id, 'bi4']]);
      }, { what: 'the review at question 4 on b' });
      expect(await c.auditCount('review.ended', start.json.id)).to.equal(0);
      expect(await c.auditCount('review.started', start.json.id)).to.equal(1);
      expect(errors.filter((e) => !/ERR_CONNECTION|WebSocket/.test(e))).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });
});
