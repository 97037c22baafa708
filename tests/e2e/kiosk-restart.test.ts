/** The kiosk in Chromium across a server restart: the review comes back at the candidate's question. */
import { expect } from 'chai';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { loggedIn, startTestServer } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

describe('kiosk across a server restart', function () {
  this.timeout(90_000);
  const e2e = useE2E();

  it('brings the same question back after the server restarts on the same data', async () => {
    let { ts } = e2e;
    const boss = await loggedIn(ts.base, 'boss');
    const { page, errors } = await e2e.page({ viewport: { width: 1280, height: 800 } });
    // the page's WebSocket handshakes, to see the resume hint (shared/transport.ts) it sends after losing a review
    const handshakes: string[] = [];
    page.on('websocket', (ws) => handshakes.push(ws.url()));
    const kioskId = await pairKioskPage(page, ts.base, boss, 'Station herstart');

    const sup = await loggedIn(ts.base, 'sup1');
    const start = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
    expect(start.status, start.text).to.equal(201);
    await page.getByRole('button', { name: 'Vraag 4', exact: true }).click();
    await page.getByRole('heading', { name: 'Vraag 4' }).waitFor();
    // the kiosk shows question 4 at once and tells the server; wait until the server has it (a coalesced write)
    await eventually(() => ts.app.ctx.engine.get(start.json.id)?.position === 'bi4', { what: 'the server has question 4' });
    await ts.store.flush();

    const { dataDir, base } = ts;
    const port = Number(new URL(base).port);
    // a kiosk without a review says nothing of one
    expect(handshakes.length).to.be.greaterThan(0);
    expect(handshakes.filter((u) => /[?&]resume=/.test(u))).to.deep.equal([]);
    const before = handshakes.length;
    await ts.close({ keepData: true });
    await page.getByText('Verbinding verbroken').first().waitFor({ timeout: 10_000 });
    expect(await page.getByRole('heading', { name: 'Vraag 4' }).count()).to.equal(0); // hidden while away

    ts = e2e.ts = await startTestServer({ dataDir, port });
    await page.getByRole('heading', { name: 'Vraag 4' }).waitFor({ timeout: 20_000 });
    // every handshake since it lost the server said it had a review: a restarted server serves those first
    const since = handshakes.slice(before);
    expect(since.length).to.be.greaterThan(0);
    expect(since.filter((u) => new URL(u).searchParams.get('resume') !== '1')).to.deep.equal([]);
    expect(await page.getByText('Sanne de Vries').first().isVisible()).to.equal(true);
    await screenshot(page, 'kiosk-after-restart');
    const active = await (await loggedIn(ts.base, 'sup1')).call('GET', '/api/reviews');
    expect(active.json[0]).to.include({ id: start.json.id, position: 'bi4' });
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket/.test(e))).to.deep.equal([]);
  });
});
