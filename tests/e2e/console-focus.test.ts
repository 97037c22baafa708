/**
 * Focus never drops to the page when the control that had it disappears: after logging in (to the first
 * screen's heading), after the first-login password change, after logging out (to the login's heading), and
 * after 'Start inzage' (to the line that says where the review runs). Real server, real Chromium.
 */
import { expect } from 'chai';
import { createUser } from '../../server/auth/users.ts';
import { connectKiosk, loggedIn, once, pairKiosk, type KioskSocket } from '../helpers/server.ts';
import { focusedElement } from '../support/deepDom.ts';
import { logIn, useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

describe('console focus when a screen or button is replaced (e2e)', function () {
  this.timeout(90_000);
  const e2e = useE2E({ server: { config: CONFIG }, noPageErrors: true });
  let kiosk: KioskSocket;

  before(async () => {
    const station = await pairKiosk(e2e.ts.base, await loggedIn(e2e.ts.base, 'boss'), 'Station 3');
    kiosk = (await connectKiosk(e2e.ts.base, station.token)).socket;
  });
  after(() => kiosk?.close());

  /** Focus lands on `expected` (it moves once the new screen has rendered). */
  const focusOn = (page: Parameters<typeof focusedElement>[0], expected: { tag: string; text: string }) =>
    eventually(async () => {
      const f = await focusedElement(page);
      expect({ tag: f.tag, text: f.text }).to.deep.equal(expected);
    }, { what: `focus on ${expected.tag} '${expected.text}'` });

  it('moves focus to the first screen’s heading after logging in, and to the login’s heading after logging out', async () => {
    const { page } = await e2e.console();
    await logIn(page, 'sup1');
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    await focusOn(page, { tag: 'h1', text: 'Afnamegroepen' });
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    await focusOn(page, { tag: 'h1', text: 'Inloggen' });
  });

  it('moves focus to the password change’s heading, and from there to the first screen’s', async () => {
    const { password } = await createUser(e2e.ts.store.staff, { username: 'nieuw', role: 'supervisor', displayName: 'Nieuwe Collega' });
    const { page } = await e2e.console();
    await logIn(page, 'nieuw', password);
    await focusOn(page, { tag: 'h1', text: 'Wachtwoord wijzigen' });
    await page.getByLabel('Huidig wachtwoord').fill(password);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Een-nieuw-wachtwoord-1');
    await page.getByLabel('Herhaal nieuw wachtwoord').fill('Een-nieuw-wachtwoord-1');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await focusOn(page, { tag: 'h1', text: 'Afnamegroepen' });
  });

  it('moves focus from ‘Start inzage’ to the line that says where the review runs', async () => {
    const { page } = await e2e.console('sup1');
    await page.goto(`${e2e.ts.base}/admin/#/kandidaat/120002?groep=g-bi-1`);
    const card = page.getByRole('article', { name: 'Biologie KB' });
    await card.getByLabel('Kiosk').selectOption({ label: 'Station 3' });
    // by keyboard, as a keyboard user would
    await card.getByRole('button', { name: 'Start inzage' }).focus();
    const started = once(kiosk, 'review:started'); // the kiosk acknowledges the review, as a real one does
    await page.keyboard.press('Enter');
    await started;
    const line = card.getByRole('status').filter({ hasText: 'De inzage loopt op Station 3.' });
    await line.waitFor();
    expect(await card.getByRole('button', { name: 'Start inzage' }).count()).to.equal(0);
    await focusOn(page, { tag: 'p', text: 'De inzage loopt op Station 3. De kandidaat kan daar beginnen.' });
  });
});
