/**
 * Issue 14 item 7: events a busy desk cannot miss. A kiosk offline during a review, 'Bijna voorbij' and an ended
 * review show as toasts (live regions, closable, never taking the focus) and as a count in the tab title; candidates
 * are listed by last name without prefixes, table columns sort with `aria-sort`; the row buttons carry the row's
 * name; staff change their own password from the console header at any time. Real server on a fake clock, real
 * Chromium, simulated kiosks as real socket.io clients.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createUser } from '../../server/auth/users.ts';
import { FakeClock } from '../../server/clock.ts';
import { pairKioskPage, screenshot } from '../helpers/browser.ts';
import { FIXTURES, connectKiosk, loggedIn, once, pairKiosk, StaffClient, type KioskSocket, type PairedKiosk } from '../helpers/server.ts';
import { expectNoViolations } from '../support/axe.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

/** sample.json with four more candidates in 'Biologie KB — lokaal 4' (scores 5, 10, 3, 9 of 12), three with a last-name prefix. */
function data() {
  const d = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  const extra = [
    { number: '120011', firstName: 'Jacobus', lastNamePrefix: "van 't", lastName: 'Hoff', className: '4K2', score: 5 },
    { number: '120012', firstName: 'Anna', lastName: 'Bakker', className: '4K1', score: 10 },
    { number: '120013', firstName: 'Kees', lastNamePrefix: 'ter', lastName: 'Horst', className: '4K3', score: 3 },
    { number: '120014', firstName: 'Piet', lastNamePrefix: 'van der', lastName: 'Berg', className: '4K2', score: 9 },
  ];
  const template = d.sittings.find((s: { id: string }) => s.id === 's-bi-120001');
  for (const { score, ...c } of extra) {
    d.candidates.push(c);
    d.groups.find((g: { id: string }) => g.id === 'g-bi-1').candidateNumbers.push(c.number);
    let left = score; // the template's points, as far as `score` goes
    const responses = template.responses.map((r: { score: number }) => {
      const got = Math.min(r.score, left);
      left -= got;
      return { ...r, score: got };
    });
    d.sittings.push({ ...template, id: `s-bi-${c.number}`, candidateNumber: c.number, responses });
  }
  return d;
}

const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

describe('console (e2e): events a busy desk cannot miss, name order, sortable columns', function () {
  this.timeout(90_000);
  const clock = new FakeClock(Date.now());
  const e2e = useE2E({ server: { clock, data: data(), config: CONFIG }, noPageErrors: true });
  let admin: StaffClient;
  let station: PairedKiosk;
  let kiosk: KioskSocket;

  before(async () => {
    // the clock was made when mocha loaded this file, maybe long before the suite runs: the browser counts on real time
    clock.set(Date.now());
    admin = await loggedIn(e2e.ts.base, 'boss');
    station = await pairKiosk(e2e.ts.base, admin, 'Station 7');
    kiosk = (await connectKiosk(e2e.ts.base, station.token)).socket;
  });
  afterEach(async () => {
    // each test starts with its kiosk online and no review running, whatever the one before left
    if (!kiosk.connected) {
      const back = once(kiosk, 'kiosk:state');
      kiosk.connect();
      await back;
    }
    for (const r of (await admin.call('GET', '/api/reviews')).json as { id: string }[]) await admin.call('DELETE', `/api/reviews/${r.id}`);
  });
  after(() => kiosk?.close());

  const results = (page: Page) => page.getByRole('table', { name: /Kandidaten en resultaten/ });
  const names = async (page: Page) => (await results(page).locator('tbody th[scope="row"] > span:first-child').allTextContents());

  it('lists the candidates by last name without prefix, and sorts by any column from its header', async () => {
    const { page } = await e2e.console('sup1');
    // the groups: newest first, by any column on request
    const groups = page.getByRole('table', { name: /Afnamegroepen/ });
    const groupNames = async () => (await groups.locator('tbody th[scope="row"]').allTextContents()).map((t) => t.trim().split(/\s{2,}|\n/)[0]);
    expect(await groups.getByRole('columnheader', { name: 'Datum' }).getAttribute('aria-sort')).to.equal('descending');
    await groups.getByRole('columnheader', { name: 'Afnamegroep en examen' }).getByRole('button').click();
    expect(await groups.getByRole('columnheader', { name: 'Afnamegroep en examen' }).getAttribute('aria-sort')).to.equal('ascending');
    expect(await groups.getByRole('columnheader', { name: 'Datum' }).getAttribute('aria-sort')).to.equal('none');
    expect((await groupNames())[0]).to.match(/^Biologie KB — lokaal 4/);
    expect((await groupNames()).at(-1)).to.match(/^Wiskunde KB — lokaal 8/);
    // the group's own button carries the group's name
    await page.getByRole('button', { name: 'Inzien examenresultaten: Biologie KB — lokaal 4', exact: true }).click();
    await results(page).waitFor();
    const byLastName = ['Anna Bakker', 'Piet van der Berg', 'Mohammed El Amrani', "Jacobus van 't Hoff", 'Kees ter Horst', 'Emma Jansen', 'Sanne de Vries'];
    expect(await names(page)).to.deep.equal(byLastName);
    const header = (name: string) => results(page).getByRole('columnheader', { name });
    expect(await header('Naam').getAttribute('aria-sort')).to.equal('ascending');
    expect(await header('Score').getAttribute('aria-sort')).to.equal('none');

    // each 'Inzage' names its candidate for a screen reader; the visible label stays 'Inzage'
    const open = results(page).getByRole('button', { name: "Inzage: Jacobus van 't Hoff", exact: true });
    expect((await open.textContent())?.trim()).to.equal('Inzage');

    await header('Naam').getByRole('button').click();
    expect(await header('Naam').getAttribute('aria-sort')).to.equal('descending');
    expect(await names(page)).to.deep.equal([...byLastName].reverse());

    // by score (a number, not text): the highest first on the second press
    const score = header('Score').getByRole('button', { name: 'Score' });
    await score.click();
    expect(await header('Score').getAttribute('aria-sort')).to.equal('ascending');
    expect(await header('Naam').getAttribute('aria-sort')).to.equal('none');
    await score.click();
    expect(await header('Score').getAttribute('aria-sort')).to.equal('descending');
    expect((await names(page)).slice(0, 3)).to.deep.equal(['Sanne de Vries', 'Anna Bakker', 'Piet van der Berg']);
    // the button keeps the focus: the order can be turned again from the keyboard
    await page.keyboard.press('Enter');
    expect(await header('Score').getAttribute('aria-sort')).to.equal('ascending');
    await screenshot(page, 'console-results-sorted');
    await expectNoViolations(page, 'the results sorted by score');

    // the candidate search lists by last name too
    await page.getByRole('link', { name: 'Afnamegroepen', exact: true }).click();
    await page.getByLabel('Examennummer, naam of klas').fill('van');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('button', { name: "Inzage: Jacobus van 't Hoff", exact: true }).waitFor();
  });

  it('shows a kiosk going offline, ‘Bijna voorbij’ and the end as toasts and in the tab title', async () => {
    clock.set(Date.now()); // the server's 'now' as the browser's, for the countdown
    const sup = await loggedIn(e2e.ts.base, 'sup1');
    const { page } = await e2e.console('sup2');
    const started = once(kiosk, 'review:started');
    const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120011', kioskId: station.id });
    expect(r.status, r.text).to.equal(201);
    await started;
    await page.getByRole('complementary', { name: 'Actieve inzages' }).getByRole('heading', { name: "Jacobus van 't Hoff" }).waitFor();
    const title = /^Afnamegroepen — Inzage$/;
    expect(await page.title()).to.match(title);
    await page.getByRole('link', { name: 'Afnamegroepen', exact: true }).focus();

    // the kiosk drops: an alert with the seconds until the review ends unless it is back
    kiosk.disconnect();
    const urgent = page.getByRole('alert').filter({ hasText: "Let op: Station 7 is offline tijdens de inzage van Jacobus van 't Hoff." });
    await urgent.waitFor();
    expect(await urgent.textContent()).to.contain('Komt de kiosk niet terug, dan eindigt de inzage over');
    const timer = urgent.getByRole('timer');
    const first = (await timer.textContent())?.trim() ?? '';
    expect(first).to.match(/^[01]:\d\d$/);
    const secondsOf = (text: string) => Number(text.split(':')[0]) * 60 + Number(text.split(':')[1]);
    expect(secondsOf(first)).to.be.within(1, 60);
    // it counts down
    await eventually(async () => secondsOf((await timer.textContent())?.trim() ?? '') < secondsOf(first), { timeout: 5000 });
    expect(await page.title()).to.equal('(1) Afnamegroepen — Inzage');
    // a toast never takes the focus
    expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('ADM-APP');
    expect(await page.getByRole('link', { name: 'Afnamegroepen', exact: true }).evaluate((a) => (a.getRootNode() as ShadowRoot).activeElement === a)).to.equal(true);
    await screenshot(page, 'console-toast-offline');
    await expectNoViolations(page, 'a kiosk offline toast');

    // back in time: the alert goes
    const back = once(kiosk, 'kiosk:state');
    kiosk.connect();
    await back;
    await urgent.waitFor({ state: 'detached' });

    // the desk looks again (the window gets the focus back): the title stops counting
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await eventually(async () => (await page.title()) === 'Afnamegroepen — Inzage');

    // five minutes before the end: 'Bijna voorbij'
    clock.advance(25 * 60_000);
    const polite = page.getByRole('status', { name: 'Meldingen' });
    await polite.filter({ hasText: 'Bijna voorbij' }).getByRole('timer').waitFor();
    expect(await polite.textContent()).to.contain("De inzage van Jacobus van 't Hoff op Station 7 eindigt over");
    expect(await page.title()).to.equal('(1) Afnamegroepen — Inzage');

    // another supervisor ends it: the end replaces the warning
    const ended = once(kiosk, 'review:ended');
    expect((await sup.call('DELETE', `/api/reviews/${r.json.id}`)).status).to.be.oneOf([200, 204]);
    await ended;
    await polite.getByText("De inzage van Jacobus van 't Hoff op Station 7 is beëindigd.").waitFor();
    expect(await polite.textContent()).to.contain('Een toezichthouder heeft de inzage beëindigd.');
    expect(await polite.textContent()).to.not.contain('Bijna voorbij');
    expect(await page.title()).to.equal('(1) Afnamegroepen — Inzage');
    await screenshot(page, 'console-toast-ended');
    await expectNoViolations(page, 'an ended review toast');

    // closing the toast: gone, and the title counts nothing
    await polite.getByRole('button', { name: "Melding sluiten: Jacobus van 't Hoff" }).click();
    await polite.getByText('is beëindigd').waitFor({ state: 'detached' });
    expect(await page.title()).to.equal('Afnamegroepen — Inzage');
  });

  it('orders ‘Actieve inzages’ by kiosk, by last name or by time left', async () => {
    const sup = await loggedIn(e2e.ts.base, 'sup1');
    const second = await pairKiosk(e2e.ts.base, admin, 'Station 6');
    const other = (await connectKiosk(e2e.ts.base, second.token)).socket;
    try {
      for (const [sittingId, k, socket] of [['s-bi-120014', station, kiosk], ['s-bi-120013', second, other]] as const) {
        const started = once(socket, 'review:started');
        const r = await sup.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
        expect(r.status, r.text).to.equal(201);
        await started;
        clock.advance(60_000); // the second ends a minute later
      }
      const { page } = await e2e.console('sup2');
      const panel = page.getByRole('complementary', { name: 'Actieve inzages' });
      const who = () => panel.getByRole('heading', { level: 3 }).allTextContents();
      await eventually(async () => (await who()).length === 2);
      // by kiosk: Station 6 before Station 7
      expect(await who()).to.deep.equal(['Kees ter Horst', 'Piet van der Berg']);
      await panel.getByLabel('Volgorde').selectOption({ label: 'Achternaam' });
      expect(await who()).to.deep.equal(['Piet van der Berg', 'Kees ter Horst']);
      await panel.getByLabel('Volgorde').selectOption({ label: 'Resterende tijd' });
      expect(await who()).to.deep.equal(['Piet van der Berg', 'Kees ter Horst']);
      await panel.getByLabel('Volgorde').selectOption({ label: 'Kiosk' });
      expect(await who()).to.deep.equal(['Kees ter Horst', 'Piet van der Berg']);
      for (const r of (await sup.call('GET', '/api/reviews')).json as { id: string }[]) await sup.call('DELETE', `/api/reviews/${r.id}`);
    } finally {
      other.close();
    }
  });

  it('lets staff change their own password from the header at any time', async () => {
    const { password } = await createUser(e2e.ts.store.staff, { username: 'wissel', role: 'supervisor', displayName: 'Wim Wissel', password: 'Oud-wachtwoord-2026!' });
    expect(password).to.equal('Oud-wachtwoord-2026!');
    const { page } = await e2e.console();
    await page.getByLabel('Gebruikersnaam').fill('wissel');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();

    const opener = page.getByRole('banner').getByRole('button', { name: 'Wachtwoord wijzigen' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Wachtwoord wijzigen' });
    await dialog.waitFor();
    // the focus is in its first field
    expect(await dialog.getByLabel('Huidig wachtwoord').evaluate((i) => (i.getRootNode() as ShadowRoot).activeElement === i)).to.equal(true);
    await expectNoViolations(page, "the dialog 'Wachtwoord wijzigen'");
    await dialog.getByRole('button', { name: 'Annuleren' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await opener.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).to.equal(true);

    await opener.click();
    await dialog.getByLabel('Huidig wachtwoord').fill('niet-het-wachtwoord');
    await dialog.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Nieuw-wachtwoord-2026!');
    await dialog.getByLabel('Herhaal nieuw wachtwoord').fill('Nieuw-wachtwoord-2026!');
    await dialog.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Het huidige wachtwoord is onjuist.' }).waitFor();

    await dialog.getByLabel('Huidig wachtwoord').fill(password);
    await dialog.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Uw wachtwoord is gewijzigd.' }).waitFor();
    expect(await opener.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)).to.equal(true);
    // still logged in, on the same screen
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    const me = await page.request.get(`${e2e.ts.base}/api/auth/me`);
    expect(me.status(), await me.text()).to.equal(200);
    await screenshot(page, 'console-password-changed');

    // the new password logs in, the old one no longer does
    expect((await new StaffClient(e2e.ts.base).login('wissel', 'Nieuw-wachtwoord-2026!')).status).to.equal(200);
    expect((await new StaffClient(e2e.ts.base).login('wissel', password)).status).to.equal(401);
  });
});

describe('kiosk (e2e): an order question marks the wrong positions as a match question marks the wrong pairs', function () {
  this.timeout(90_000);
  const e2e = useE2E();

  it('marks each position of the candidate’s order once the key is shown, in words and with an icon', async () => {
    const { page, errors } = await e2e.page({ viewport: { width: 1280, height: 800 } });
    const kioskId = await pairKioskPage(page, e2e.ts.base, await loggedIn(e2e.ts.base, 'boss'), 'Station 8');
    const r = await (await loggedIn(e2e.ts.base, 'sup1')).call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId });
    expect(r.status, r.text).to.equal(201);
    await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Vraag 3', exact: true }).click();
    await page.getByRole('heading', { name: 'Vraag 3', exact: true }).waitFor();
    const yours = page.getByRole('region', { name: 'Jouw antwoord' });
    const positions = () => yours.getByRole('listitem').allTextContents().then((l) => l.map((t) => t.replace(/\s+/g, ' ').trim()));
    // before the key: the order only
    expect(await positions()).to.deep.equal(['Konijn', 'Gras', 'Vos']);
    await page.getByRole('button', { name: 'Antwoordsleutel' }).click();
    await yours.getByText('✗ Fout').first().waitFor();
    expect(await positions()).to.deep.equal(['Konijn, ✗ Fout, juist: Gras', 'Gras, ✗ Fout, juist: Konijn', 'Vos, ✓ Goed']);
    await screenshot(page, 'kiosk-order-marked');
    await expectNoViolations(page, 'an order question with its positions marked');
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });
});
