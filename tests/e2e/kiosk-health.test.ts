/**
 * Issue 16, item 3: a kiosk in review that leaves fullscreen raises an alert in the console (role="alert", and a
 * badge on its row in 'Actieve inzages') until it is fullscreen again; the Kiosks screen shows the kiosk's health.
 * Real browser actions: fullscreen entered by a click on the kiosk page (the lockdown asks for it at the first
 * interaction), left with `document.exitFullscreen()`.
 */
import { expect } from 'chai';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { loggedIn } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

const ALERT = 'Let op: Station 3 is niet meer schermvullend';

describe('kiosk health: leaving fullscreen in review alerts the console', function () {
  this.timeout(120_000);
  const e2e = useE2E({ noPageErrors: true });

  it('shows the alert while the kiosk is out of fullscreen, and its health on the Kiosks screen', async () => {
    const { base } = e2e.ts;
    const [boss, sup] = await Promise.all([loggedIn(base, 'boss'), loggedIn(base, 'sup1')]);
    const { page: kiosk } = await e2e.page();
    const kioskId = await pairKioskPage(kiosk, base, boss, 'Station 3');
    const { page: console } = await e2e.console('sup1');
    const health = async () => (await boss.call('GET', '/api/kiosks')).json.find((k: { id: string }) => k.id === kioskId).health;

    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
    expect(r.status, r.text).to.equal(201);
    await kiosk.getByRole('heading', { name: 'Vraag 1' }).waitFor();
    await console.getByRole('heading', { name: r.json.candidateName }).waitFor();

    // a click: the lockdown takes the page fullscreen (a user gesture), and the kiosk reports it
    await kiosk.getByRole('heading', { name: 'Vraag 1' }).click();
    await eventually(async () => (await health())?.fullscreen === true, { what: 'the kiosk reported fullscreen' });
    const alert = console.getByRole('alert').filter({ hasText: ALERT });
    expect(await alert.count()).to.equal(0);

    await kiosk.evaluate(() => document.exitFullscreen());
    await alert.waitFor();
    expect(await alert.textContent()).to.contain(r.json.candidateName);
    await console.getByText('Niet schermvullend').waitFor();
    await screenshot(console, 'console-kiosk-alert');

    // back in fullscreen: the alert goes
    await kiosk.getByRole('heading', { name: 'Vraag 1' }).click();
    await alert.waitFor({ state: 'detached' });
    const audited = (await e2e.ts.store.audit.readAll()).filter((ev) => ev.action === 'kiosk.left-page');
    expect(audited.map((ev) => [ev.target, ev.details.what])).to.deep.equal([[r.json.id, 'fullscreen']]);

    // the Kiosks screen: browser, screen size and state
    await console.getByRole('link', { name: 'Kiosks' }).click();
    const row = console.getByRole('row').filter({ has: console.getByRole('rowheader', { name: 'Station 3' }) });
    await row.getByText('schermvullend', { exact: false }).first().waitFor();
    expect(await row.textContent()).to.match(/Chrom\w* \d+/).and.to.match(/\d+ × \d+/).and.to.contain('app 0.1.0');
  });
});
