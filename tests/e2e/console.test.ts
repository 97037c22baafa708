/**
 * The console end to end: real server (port 0, temporary data), real Chromium, simulated kiosks as real
 * socket.io clients. Elements are found by role and accessible name — the labels of docs/design.md: Transport.
 */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { createUser } from '../../server/auth/users.ts';
import { FakeClock } from '../../server/clock.ts';
import { href, parseRoute, type Route } from '../../admin/src/router.ts';
import { screenshot } from '../helpers/browser.ts';
import {
  connectKiosk, kioskSocket, loggedIn, once, pairKiosk, startTestServer,
  type KioskSocket, type PairedKiosk, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { logIn, useE2E } from '../support/e2e.ts';

const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

const activeReviews = (page: Page) => page.getByRole('complementary', { name: 'Actieve inzages' });

/** The ids of the reviews running now, as the server says. */
const runningReviews = async (staff: StaffClient) => ((await staff.call('GET', '/api/reviews')).json as { id: string }[]).map((r) => r.id);

/** The start area of one sitting on the candidate screen, by exam title. */
const sittingCard = (page: Page, examTitle: string) => page.getByRole('article', { name: examTitle });

/** `repeat`: the sitting had a review before, so the console asks first ('Opnieuw inzage starten?'): yes. */
async function startFromConsole(page: Page, base: string, candidate: string, groupId: string, examTitle: string, kioskName: string, { repeat = false } = {}): Promise<Locator> {
  await page.goto(`${base}/admin/#/kandidaat/${candidate}?groep=${groupId}`);
  const card = sittingCard(page, examTitle);
  await card.getByLabel('Kiosk').selectOption({ label: kioskName });
  await card.getByRole('button', { name: 'Start inzage' }).click();
  if (repeat) await page.getByRole('dialog', { name: 'Opnieuw inzage starten?' }).getByRole('button', { name: 'Toch starten' }).click();
  return card;
}

describe('console routes', () => {
  it('reads and writes the hash routes, so back/forward and bookmarks work', () => {
    const routes: Route[] = [
      { name: 'groups' },
      { name: 'results', groupId: 'g-bi 1/a' },
      { name: 'candidate', number: '120001', groupId: 'g-bi-1' },
      { name: 'candidate', number: '120001' },
      { name: 'kiosks' },
      { name: 'admin', section: 'audit' },
    ];
    for (const r of routes) expect(parseRoute(href(r))).to.deep.equal(r.name === 'candidate' && !r.groupId ? { ...r, groupId: undefined } : r);
    expect(parseRoute('')).to.deep.equal({ name: 'groups' });
    expect(parseRoute('#/groepen/x/y')).to.deep.equal({ name: 'not-found' });
    expect(parseRoute('#/onbekend')).to.deep.equal({ name: 'not-found' });
    expect(href({ name: 'admin', section: 'staff' })).to.equal('#/medewerkers');
  });
});

describe('console (e2e): staff login, the flow to Start inzage, live sessions, kiosk pairing', function () {
  this.timeout(90_000);
  // the console's pages must log no errors (failed loads of expected 4xx answers aside)
  const e2e = useE2E({ server: { config: CONFIG }, noPageErrors: true });
  let ts: TestServer;
  let admin: StaffClient;
  let station3: PairedKiosk;
  let station4: PairedKiosk;
  let kiosk3: KioskSocket;
  let kiosk4: KioskSocket;
  const open = (username?: string) => e2e.console(username);

  before(async () => {
    ({ ts } = e2e);
    admin = await loggedIn(ts.base, 'boss');
    station3 = await pairKiosk(ts.base, admin, 'Station 3');
    station4 = await pairKiosk(ts.base, admin, 'Station 4');
    kiosk3 = (await connectKiosk(ts.base, station3.token)).socket;
    kiosk4 = (await connectKiosk(ts.base, station4.token)).socket;
  });

  afterEach(async () => {
    // every test starts with no running reviews
    const running = await admin.call('GET', '/api/reviews');
    for (const r of running.json as { id: string }[]) await admin.call('DELETE', `/api/reviews/${r.id}`);
  });

  after(async () => {
    kiosk3?.close();
    kiosk4?.close();
  });

  it('refuses a wrong password with the generic text and logs in with the right one', async () => {
    const { page } = await open();
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    await logIn(page, 'sup1', 'niet-het-wachtwoord');
    await page.getByRole('alert').filter({ hasText: 'Gebruikersnaam of wachtwoord onjuist.' }).waitFor();
    await screenshot(page, 'console-login-error');

    await logIn(page, 'sup1');
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allTextContents()).to.deep.equal(['Afnamegroepen', 'Kiosks', 'Opmerkingen']);
    await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await page.getByRole('heading', { name: 'Actieve inzages' }).waitFor();
    await activeReviews(page).getByText('Er lopen geen inzages.').waitFor();
    await screenshot(page, 'console-groups');
  });

  it('asks for a new password at the first login', async () => {
    const { password } = await createUser(ts.store.staff, { username: 'nieuw', role: 'supervisor', displayName: 'Nieuwe Collega' });
    const { page } = await open();
    await logIn(page, 'nieuw', password);
    await page.getByRole('heading', { name: 'Wachtwoord wijzigen' }).waitFor();
    await page.getByLabel('Huidig wachtwoord').fill(password);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Een-nieuw-wachtwoord-1');
    await page.getByLabel('Herhaal nieuw wachtwoord').fill('Een-ander-wachtwoord-2');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('alert').filter({ hasText: 'De nieuwe wachtwoorden zijn niet gelijk.' }).waitFor();
    await screenshot(page, 'console-password');

    await page.getByLabel('Herhaal nieuw wachtwoord').fill('Een-nieuw-wachtwoord-1');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    expect(await page.getByRole('banner').textContent()).to.contain('Nieuwe Collega');
  });

  it('walks the source’s flow to ‘Start inzage’; the kiosk receives the review and the console follows it live', async () => {
    const { page } = await open('sup1');
    const group = page.getByRole('row', { name: /Biologie KB — lokaal 4/ });
    await group.getByRole('button', { name: 'Inzien examenresultaten' }).click();

    await page.getByRole('heading', { name: 'Biologie KB — lokaal 4', level: 1 }).waitFor();
    await page.getByText('Inzage mogelijk').first().waitFor();
    const table = page.getByRole('table', { name: /Kandidaten en resultaten/ });
    const sanne = table.getByRole('row', { name: /Sanne de Vries/ });
    expect(await sanne.textContent()).to.match(/120001/).and.match(/\d+(,\d+)? \/ \d+/);
    for (const name of ['Examennummer', 'Naam', 'Score', 'Cijfer']) expect(await table.getByRole('columnheader', { name, exact: true }).count(), name).to.equal(1);
    // many buttons read 'Inzage': each is named with its own row's name, for a screen reader
    const sanneOpen = sanne.getByRole('button', { name: 'Inzage: Sanne de Vries', exact: true });
    expect((await sanneOpen.textContent())?.trim()).to.equal('Inzage');
    const names = await table.getByRole('rowheader').allTextContents();
    expect(names.length).to.be.greaterThan(1);
    for (const name of names) expect(await table.getByRole('button', { name: `Inzage: ${name}`, exact: true }).count(), name).to.equal(1);
    // in last-name order: El Amrani, Jansen, de Vries
    expect(names).to.deep.equal(['Mohammed El Amrani', 'Emma Jansen', 'Sanne de Vries']);
    await screenshot(page, 'console-results');

    await sanne.getByRole('button', { name: 'Inzage: Sanne de Vries', exact: true }).click();
    await page.getByRole('heading', { name: 'Sanne de Vries', level: 1 }).waitFor();
    // the sitting from the group we came from comes first
    expect(await page.getByRole('article').first().getByRole('heading').first().textContent()).to.equal('Biologie KB');
    const card = sittingCard(page, 'Biologie KB');
    const chooser = card.getByLabel('Kiosk');
    expect(await chooser.locator('option').allTextContents()).to.deep.equal(['Station 3', 'Station 4']);
    await chooser.selectOption({ label: 'Station 3' });
    await screenshot(page, 'console-sitting');

    const started = once<{ id: string; candidate: { name: string }; questions: { id: string }[] }>(kiosk3, 'review:started');
    await card.getByRole('button', { name: 'Start inzage' }).click();
    const payload = await started;
    expect(payload.candidate.name).to.equal('Sanne de Vries');
    await card.getByRole('status').filter({ hasText: 'De inzage loopt op Station 3.' }).waitFor();

    const panel = activeReviews(page);
    const end = panel.getByRole('button', { name: 'Beëindigen: Sanne de Vries op Station 3' });
    await end.waitFor();
    expect(await end.textContent()).to.equal('Beëindigen');
    const count = payload.questions.length;
    await panel.getByText(`Vraag 1 van ${count}`).waitFor();
    expect(await panel.getByRole('timer').textContent()).to.match(/^(30:00|29:[0-5]\d)Resterende tijd$/);
    expect(await panel.textContent()).to.contain('Biologie KB').and.contain('Station 3');

    // the candidate moves on: the console shows it
    const ack = await kiosk3.emitWithAck('review:navigate', { questionId: payload.questions[1]!.id });
    expect(ack).to.deep.equal({ ok: true });
    await panel.getByText(`Vraag 2 van ${count}`).waitFor();

    // the other sitting of the same candidate cannot start meanwhile, and says why
    await sittingCard(page, 'Wiskunde KB (schoolexamen)').getByText('Voor deze kandidaat loopt al een inzage van een ander examen op Station 3.').waitFor();
    await screenshot(page, 'console-started');

    await page.goBack();
    await page.getByRole('heading', { name: 'Biologie KB — lokaal 4', level: 1 }).waitFor();
    await table.getByRole('row', { name: /Sanne de Vries/ }).getByText('Inzage loopt').waitFor();
    expect(await table.getByRole('row', { name: /Sanne de Vries/ }).getByRole('button', { name: 'Inzage: Sanne de Vries', exact: true }).count()).to.equal(0);

    // the kiosks screen says which station is in use, and by whom
    await page.getByRole('navigation').getByRole('link', { name: 'Kiosks' }).click();
    const kiosks = page.getByRole('table', { name: /Gekoppelde kiosks/ });
    await kiosks.getByRole('row', { name: /Station 3/ }).getByText('in inzage: Sanne de Vries').waitFor();
    await kiosks.getByRole('row', { name: /Station 4/ }).getByText('online').waitFor();
    await screenshot(page, 'console-kiosks-in-use');
  });

  it('finds a candidate at the desk by name or number, and narrows the groups and the results as one types', async () => {
    const { page } = await open('sup1');
    const find = page.getByRole('search', { name: 'Kandidaat zoeken' });
    await find.getByLabel('Examennummer, naam of klas').fill('amrani');
    await find.getByRole('button', { name: 'Zoeken' }).click();
    const hits = page.getByRole('table', { name: /Gevonden kandidaten/ });
    const hit = hits.getByRole('row', { name: /Mohammed El Amrani/ });
    await hit.waitFor();
    expect(await hit.getByRole('cell').allTextContents()).to.deep.equal(['120002', '4K1', '3', 'Inzage']);
    await screenshot(page, 'console-find-candidate');

    await find.getByLabel('Examennummer, naam of klas').fill('nergens');
    await find.getByLabel('Examennummer, naam of klas').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Geen kandidaat gevonden voor ‘nergens’.' }).waitFor();
    expect(await hits.count()).to.equal(0);

    await find.getByLabel('Examennummer, naam of klas').fill('120001');
    await find.getByRole('button', { name: 'Zoeken' }).click();
    await hits.getByRole('row', { name: /Sanne de Vries/ }).getByRole('button', { name: 'Inzage: Sanne de Vries', exact: true }).click();
    await page.getByRole('heading', { name: 'Sanne de Vries', level: 1 }).waitFor();
    await sittingCard(page, 'Biologie KB').getByRole('button', { name: 'Start inzage' }).waitFor();
    await page.goBack();

    // the groups list narrows as one types: by group, exam or room, without diacritics
    const groups = page.getByRole('table', { name: /Afnamegroepen/ });
    await groups.getByRole('row', { name: /Biologie KB — lokaal 4/ }).waitFor();
    const before = await groups.getByRole('row').count();
    expect(before).to.be.greaterThan(2);
    await page.getByLabel('Afnamegroepen filteren').fill('wiskunde');
    await groups.getByRole('caption').filter({ hasText: /\(1 van \d+\)/ }).waitFor();
    expect(await groups.getByRole('row').count()).to.equal(2); // the header and one group
    await page.getByLabel('Afnamegroepen filteren').fill('geen zulke groep');
    await page.getByRole('status').filter({ hasText: 'Geen afnamegroep gevonden voor ‘geen zulke groep’.' }).waitFor();
    await page.getByLabel('Afnamegroepen filteren').fill('');
    await groups.waitFor();
    expect(await groups.getByRole('row').count()).to.equal(before);

    // and the results of a group, by name, number or class
    await groups.getByRole('row', { name: /Biologie KB — lokaal 4/ }).getByRole('button', { name: 'Inzien examenresultaten' }).click();
    const table = page.getByRole('table', { name: /Kandidaten en resultaten/ });
    await table.getByRole('row', { name: /Emma Jansen/ }).waitFor();
    await page.getByLabel('Zoeken in deze afnamegroep').fill('4k1');
    await table.getByRole('caption').filter({ hasText: '(2 van 3)' }).waitFor();
    expect(await table.getByRole('row', { name: /Emma Jansen/ }).count()).to.equal(0);
    await page.getByLabel('Zoeken in deze afnamegroep').fill('120003');
    await table.getByRole('row', { name: /Emma Jansen/ }).waitFor();
    expect(await table.getByRole('row').count()).to.equal(2);
  });

  it('follows an exam\'s settings changed elsewhere while its results are open', async () => {
    const { page } = await open('sup1');
    await page.goto(`${ts.base}/admin/#/groepen/g-bi-1`);
    const table = page.getByRole('table', { name: /Kandidaten en resultaten/ });
    const sanne = table.getByRole('row', { name: /Sanne de Vries/ });
    await sanne.getByRole('button', { name: 'Inzage: Sanne de Vries', exact: true }).waitFor();
    await page.getByLabel('Zoeken in deze afnamegroep').fill('4k1');
    try {
      // an admin closes review for this exam elsewhere: the rows say so at once, the filter stays
      expect((await admin.call('PATCH', '/api/exams/bi-kb-2026/review', { allowed: false })).status).to.equal(200);
      await sanne.getByText('Inzage niet toegestaan').waitFor();
      expect(await page.getByText('Inzage niet toegestaan').count()).to.be.greaterThan(0);
      expect(await page.getByLabel('Zoeken in deze afnamegroep').inputValue()).to.equal('4k1');
    } finally {
      expect((await admin.call('PATCH', '/api/exams/bi-kb-2026/review', { allowed: true })).status).to.equal(200);
    }
    await sanne.getByRole('button', { name: 'Inzage: Sanne de Vries', exact: true }).waitFor();
  });

  it('ends a review with ‘Beëindigen’ after a confirmation: the kiosk is told, the row leaves and a notice says why', async () => {
    const sup1 = await loggedIn(ts.base, 'sup1');
    const started = once(kiosk4, 'review:started');
    const r = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: station4.id });
    expect(r.status, r.text).to.equal(201);
    await started;
    const reviewId = r.json.id as string;

    const { page } = await open('sup2');
    const panel = activeReviews(page);
    const end = panel.getByRole('button', { name: 'Beëindigen: Emma Jansen op Station 4' });
    await end.waitFor();
    expect(await panel.textContent()).to.contain(`Goedgekeurd door`).and.contain('sup1');

    // the kiosk drops out (the session waits for it during the grace period): flagged, then back
    kiosk4.close();
    await panel.getByText('kiosk offline').waitFor();
    await screenshot(page, 'console-active-reviews');
    kiosk4 = (await connectKiosk(ts.base, station4.token)).socket;
    await panel.getByText('kiosk offline').waitFor({ state: 'detached' });

    // 'Beëindigen' asks first, in a modal dialog naming the candidate and the station
    const confirm = page.getByRole('dialog', { name: 'Inzage beëindigen?' });
    expect(await end.textContent()).to.equal('Beëindigen');
    await end.click();
    await confirm.waitFor();
    expect(await confirm.textContent()).to.contain('De inzage van Emma Jansen op Station 4 wordt beëindigd. De kandidaat ziet dan niets meer.');
    await screenshot(page, 'console-end-confirm');
    // 'Annuleren' leaves it running
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await runningReviews(admin)).to.deep.equal([reviewId]);
    await end.waitFor();
    // and so does Esc
    await end.click();
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect(await runningReviews(admin)).to.deep.equal([reviewId]);
    expect((await admin.call('GET', '/api/audit?action=review.ended')).json.events.filter((e: { target: string }) => e.target === reviewId)).to.deep.equal([]);

    // confirming ends it
    const ended = once<{ reason: string }>(kiosk4, 'review:ended');
    await end.click();
    await confirm.getByRole('button', { name: 'Beëindigen', exact: true }).click();
    expect((await ended).reason).to.equal('ended-by-supervisor');
    await confirm.waitFor({ state: 'hidden' });
    const notices = panel.getByRole('status');
    await notices.getByText('De inzage van Emma Jansen op Station 4 is beëindigd.').waitFor();
    expect(await notices.textContent()).to.contain('De inzage van Emma Jansen op Station 4 is beëindigd. Een toezichthouder heeft de inzage beëindigd.');
    await end.waitFor({ state: 'detached' });
    await panel.getByText('Er lopen geen inzages.').waitFor();
    expect(await runningReviews(admin)).to.deep.equal([]);
    // the button that had focus is gone: focus continues from the panel's heading
    expect(await panel.getByRole('heading', { name: 'Actieve inzages' }).evaluate((h) => (h.getRootNode() as ShadowRoot).activeElement === h)).to.equal(true);
    await screenshot(page, 'console-review-ended');

    // in English the notice reads as naturally
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('complementary', { name: 'Active reviews' }).getByRole('status');
    await english.getByText('The review of Emma Jansen on Station 4 has ended.').waitFor();
    expect(await english.textContent()).to.contain('The review of Emma Jansen on Station 4 has ended. A supervisor ended the review.');
    await page.getByRole('button', { name: 'Nederlands' }).click();
  });

  it('says so when the review it asks about ends before ‘Beëindigen’ is confirmed', async () => {
    const sup1 = await loggedIn(ts.base, 'sup1');
    const started = once(kiosk4, 'review:started');
    const r = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: station4.id });
    expect(r.status, r.text).to.equal(201);
    await started;
    const { page } = await open('sup2');
    const end = activeReviews(page).getByRole('button', { name: 'Beëindigen: Emma Jansen op Station 4' });
    await end.click();
    const confirm = page.getByRole('dialog', { name: 'Inzage beëindigen?' });
    await confirm.waitFor();
    // meanwhile someone else ends it
    expect((await admin.call('DELETE', `/api/reviews/${r.json.id}`)).status).to.equal(204);
    await confirm.getByText('De inzage van Emma Jansen op Station 4 is inmiddels al beëindigd.').waitFor();
    expect(await confirm.getByRole('button', { name: 'Beëindigen', exact: true }).count()).to.equal(0);
    await confirm.getByRole('button', { name: 'Sluiten' }).click();
    await confirm.waitFor({ state: 'hidden' });
  });

  it('shows the server’s refusal when the chosen kiosk became busy meanwhile', async () => {
    const { page } = await open('sup1');
    await page.goto(`${ts.base}/admin/#/kandidaat/120002?groep=g-bi-1`);
    const card = sittingCard(page, 'Biologie KB');
    const chooser = card.getByLabel('Kiosk');
    await chooser.selectOption({ label: 'Station 3' });

    // another supervisor sends someone else to Station 3
    const sup2 = await loggedIn(ts.base, 'sup2');
    const started = once(kiosk3, 'review:started');
    expect((await sup2.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: station3.id })).status).to.equal(201);
    await started;
    await chooser.locator('option', { hasText: 'Station 3 (bezet)' }).waitFor({ state: 'attached' });
    expect(await chooser.locator('option', { hasText: 'Station 3 (bezet)' }).isDisabled()).to.equal(true);
    // the supervisor's choice is kept (never silently another station), so the server has the word
    expect(await chooser.inputValue()).to.equal(station3.id);

    await card.getByRole('button', { name: 'Start inzage' }).click();
    await card.getByRole('alert').filter({ hasText: 'Op deze kiosk loopt al een inzage.' }).waitFor();
    await screenshot(page, 'console-refused-busy');

    // a free kiosk works
    await chooser.selectOption({ label: 'Station 4' });
    const started4 = once(kiosk4, 'review:started');
    await card.getByRole('button', { name: 'Start inzage' }).click();
    await started4;
    await card.getByText('De inzage loopt op Station 4.').waitFor();
  });

  it('says that review is no longer allowed for an expired central exam, with the CvTE referral', async () => {
    const { page } = await open('sup1');
    await page.getByRole('row', { name: /Nask KB — lokaal 5/ }).getByRole('button', { name: 'Inzien examenresultaten' }).click();
    await page.getByRole('heading', { name: 'Nask KB — lokaal 5', level: 1 }).waitFor();
    await page.getByText('College voor Toetsen en Examens (CvTE)').waitFor();
    const row = page.getByRole('row', { name: /Sanne de Vries/ });
    await row.getByText('Inzageperiode verstreken').waitFor();
    expect(await row.getByRole('button').count()).to.equal(0);
    await screenshot(page, 'console-results-expired');
  });

  it('shows per group whether review can start, and on the results why not and until when', async () => {
    const { page } = await open('sup1');
    const groups = page.getByRole('table', { name: /Afnamegroepen/ });
    await groups.getByRole('row', { name: /Biologie KB — lokaal 4/ }).waitFor();
    // in words, under the exam's title in the row's header
    const status = async (group: string) => (await groups.getByRole('row', { name: new RegExp(group) }).getByRole('rowheader').textContent())!.trim();
    expect(await status('Biologie KB — lokaal 4')).to.match(/Biologie KB\s+Inzage mogelijk$/);
    expect(await status('Maatschappijleer — lokaal 6')).to.match(/Maatschappijleer\s+Inzage niet toegestaan$/);
    expect(await status('Frans KB — lokaal 7')).to.match(/Frans KB\s+Inzageperiode nog niet begonnen$/);
    expect(await status('Nask KB — lokaal 5')).to.match(/Nask KB\s+Inzageperiode verstreken$/);

    // not allowed: no period next to it ('geen beperking' would contradict it), and what can be done
    await groups.getByRole('row', { name: /Maatschappijleer — lokaal 6/ }).getByRole('button', { name: 'Inzien examenresultaten' }).click();
    const summary = page.getByRole('region', { name: 'Inzage', exact: true });
    await summary.getByText('Voor dit examen is inzage niet toegestaan. Een beheerder kan dit wijzigen bij Examens.').waitFor();
    expect(await summary.getByRole('term').allTextContents()).to.deep.equal(['Maximale duur']);
    expect(await summary.textContent()).to.not.contain('geen beperking');
    await screenshot(page, 'console-results-not-allowed');

    // not open yet: from when
    await page.goto(`${ts.base}/admin/#/groepen/g-fr-1`);
    await summary.getByText('De inzageperiode begint op 1 jan 2099, 08:00. Tot dan kan er geen inzage starten.').waitFor();
    expect(await summary.getByRole('term').allTextContents()).to.deep.equal(['Inzageperiode', 'Maximale duur']);
  });

  /** A second server on a fake clock with one paired, connected kiosk ('Station 1') and sup1's console on it. */
  async function onClock(clock: FakeClock, body: (s: { ts2: TestServer; kiosk: PairedKiosk; socket: KioskSocket; page: Page }) => Promise<void>) {
    const ts2 = await startTestServer({ clock, config: CONFIG });
    try {
      const boss = await loggedIn(ts2.base, 'boss');
      const kiosk = await pairKiosk(ts2.base, boss, 'Station 1');
      const { socket } = await connectKiosk(ts2.base, kiosk.token);
      try {
        const c = await e2e.console('sup1', { base: ts2.base });
        await body({ ts2, kiosk, socket, page: c.page });
      } finally {
        socket.close();
      }
    } finally {
      await ts2.close();
    }
  }

  it('shows the server’s CvTE message when the period expires while the sitting is open', async () => {
    // Nask KB (central) closes 2026-06-30 17:00 (+02:00): load the screen just before, click just after.
    const clock = new FakeClock(Date.parse('2026-06-30T14:55:00Z'));
    await onClock(clock, async ({ ts2, page }) => {
      await page.goto(`${ts2.base}/admin/#/kandidaat/120001?groep=g-ns-1`);
      const card = sittingCard(page, 'Nask KB');
      await card.getByLabel('Kiosk').selectOption({ label: 'Station 1' });
      clock.advance(10 * 60_000);
      await card.getByRole('button', { name: 'Start inzage' }).click();
      const alert = card.getByRole('alert');
      await alert.filter({ hasText: 'College voor Toetsen en Examens (CvTE)' }).waitFor();
      expect(await alert.textContent()).to.contain('De inzageperiode is verstreken');
      // the screen catches up with the server: the status now says so, and the chooser is gone
      await card.getByText('Inzageperiode verstreken').waitFor();
      await card.getByRole('button', { name: 'Start inzage' }).waitFor({ state: 'detached' });
      await screenshot(page, 'console-refused-expired');
    });
  });

  it('marks a review that ends soon in words that stay true while its timer runs down', async () => {
    const clock = new FakeClock(Date.now());
    await onClock(clock, async ({ ts2, kiosk, socket, page }) => {
      const sup1 = await loggedIn(ts2.base, 'sup1');
      const started = once(socket, 'review:started');
      expect((await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: kiosk.id })).status).to.equal(201);
      await started;
      const panel = activeReviews(page);
      await panel.getByRole('button', { name: 'Beëindigen: Sanne de Vries op Station 1' }).waitFor();
      expect(await panel.getByText('Bijna voorbij').count()).to.equal(0);
      // Biologie KB allows 30 minutes: the server warns 5 minutes before the end
      const warned = once(socket, 'review:warning');
      clock.advance(25 * 60_000 + 1000);
      await warned;
      await panel.getByText('Bijna voorbij').waitFor();
      expect(await panel.textContent()).to.not.contain('Nog 5 minuten');
    });
  });

  it('‘Uitloggen’ asks first while this supervisor’s reviews run, then ends them, and other consoles hear why', async () => {
    const watcher = await open('sup2');
    const { page } = await open('sup1');
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    const started = once(kiosk4, 'review:started');
    // reviewed before in this suite ('shows the server’s refusal when the chosen kiosk became busy meanwhile')
    const card = await startFromConsole(page, ts.base, '120002', 'g-bi-1', 'Biologie KB', 'Station 4', { repeat: true });
    const reviewId = ((await started) as { id: string }).id;
    await card.getByText('De inzage loopt op Station 4.').waitFor();
    await activeReviews(watcher.page).getByRole('button', { name: 'Beëindigen: Mohammed El Amrani op Station 4' }).waitFor();

    // someone with no review of their own running logs out at once, and nothing else ends
    const other = await open('sup2');
    await other.page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    await activeReviews(other.page).getByRole('button', { name: 'Beëindigen: Mohammed El Amrani op Station 4' }).waitFor();
    await other.page.getByRole('button', { name: 'Uitloggen' }).click();
    await other.page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    expect(await runningReviews(admin)).to.deep.equal([reviewId]);

    // the approving supervisor is asked first, with the candidate and the station
    const logout = page.getByRole('button', { name: 'Uitloggen' });
    const confirm = page.getByRole('dialog', { name: 'Uitloggen?' });
    await logout.click();
    await confirm.waitFor();
    expect(await confirm.textContent()).to.contain('Uitloggen beëindigt ook de inzage die u hebt gestart:');
    expect(await confirm.getByRole('listitem').allTextContents()).to.deep.equal(['Mohammed El Amrani op Station 4']);
    await screenshot(page, 'console-logout-confirm');
    // 'Annuleren' and Esc keep the review and the login
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await runningReviews(admin)).to.deep.equal([reviewId]);
    await logout.click();
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect(await runningReviews(admin)).to.deep.equal([reviewId]);
    await page.getByRole('heading', { name: 'Mohammed El Amrani', level: 1 }).waitFor();
    expect((await page.request.get(`${ts.base}/api/auth/me`)).status()).to.equal(200);

    const ended = once<{ reason: string }>(kiosk4, 'review:ended');
    await logout.click();
    await confirm.getByRole('button', { name: 'Uitloggen' }).click();
    expect((await ended).reason).to.equal('supervisor-logged-out');
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
    await page.getByText('U bent uitgelogd.').waitFor();
    const notices = activeReviews(watcher.page).getByRole('status');
    await notices.getByText('De inzage van Mohammed El Amrani op Station 4 is beëindigd.').waitFor();
    expect(await notices.textContent()).to.contain('De toezichthouder die de inzage startte, is uitgelogd.');
    expect(await runningReviews(admin)).to.deep.equal([]);
  });

  it('fits a window 800 px wide: no console screen scrolls sideways', async () => {
    const sup1 = await loggedIn(ts.base, 'sup1');
    const started = once(kiosk3, 'review:started');
    expect((await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: station3.id })).status).to.equal(201);
    await started;
    const c = await open('boss');
    const { page } = c;
    await page.setViewportSize({ width: 800, height: 900 });
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    // 'Actieve inzages' (above the screen at this width) shows the running review
    await activeReviews(page).getByRole('button', { name: 'Beëindigen: Sanne de Vries op Station 3' }).waitFor();
    const screens: [string, string, Locator][] = [
      ['groups', '#/groepen', page.getByRole('table', { name: /Afnamegroepen/ })],
      ['results', '#/groepen/g-bi-1', page.getByRole('table', { name: /Kandidaten en resultaten/ })],
      ['candidate', '#/kandidaat/120002?groep=g-bi-1', page.getByRole('button', { name: 'Start inzage' }).first()],
      ['kiosks', '#/kiosks', page.getByRole('table', { name: /Gekoppelde kiosks/ })],
      ['exams', '#/examens', page.getByRole('table', { name: /Examens en inzage-instellingen/ })],
      ['import', '#/importeren', page.getByLabel('Importbestand')],
      ['staff', '#/medewerkers', page.getByRole('table', { name: /Medewerkers/ })],
      ['audit', '#/auditlog', page.getByRole('table', { name: /Gebeurtenissen/ })],
    ];
    const overflow: string[] = [];
    for (const [name, hash, ready] of screens) {
      await page.goto(`${ts.base}/admin/${hash}`);
      await ready.waitFor();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
      if (scrollWidth > innerWidth) overflow.push(`${name}: ${scrollWidth} > ${innerWidth}`);
      await screenshot(page, `console-800-${name}`);
    }
    expect(overflow).to.deep.equal([]);
  });

  it('pairs a kiosk by its code (admin), renames it and unpairs it after a confirmation dialog', async () => {
    const { page } = await open('boss');
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allTextContents()).to.deep.equal(['Afnamegroepen', 'Kiosks', 'Opmerkingen', 'Lokalen', 'Examens', 'Importeren', 'Medewerkers', 'Auditlog']);
    await nav.getByRole('link', { name: 'Kiosks' }).click();
    await page.getByRole('heading', { name: 'Kiosks', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: /Gekoppelde kiosks/ });
    await table.getByRole('row', { name: /Station 3/ }).getByText('online').waitFor();

    // a new kiosk shows its code
    const fresh = kioskSocket(ts.base);
    try {
      const { code } = await once<{ code: string }>(fresh, 'pairing:code');
      const paired = once<{ token: string; kiosk: { id: string; name: string } }>(fresh, 'kiosk:paired');
      await page.getByRole('button', { name: 'Kiosk koppelen' }).click();
      await page.getByLabel('Koppelcode').fill('ZZZ-999');
      await page.getByLabel('Naam', { exact: true }).fill('Station 9');
      await page.getByRole('button', { name: 'Koppelen', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Deze koppelcode is onbekend of verlopen.' }).waitFor();

      await page.getByLabel('Koppelcode').fill(`${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase());
      await screenshot(page, 'console-kiosk-pairing');
      await page.getByRole('button', { name: 'Koppelen', exact: true }).click();
      expect((await paired).kiosk.name).to.equal('Station 9');
      await page.getByRole('status').filter({ hasText: 'Kiosk ‘Station 9’ is gekoppeld.' }).waitFor();
      await table.getByRole('row', { name: /Station 9/ }).waitFor();
    } finally {
      fresh.close();
    }
    await screenshot(page, 'console-kiosks');

    await table.getByRole('row', { name: /Station 9/ }).getByRole('button', { name: 'Hernoemen' }).click();
    const rename = page.getByRole('dialog', { name: 'Kiosk hernoemen' });
    await rename.getByLabel('Nieuwe naam').fill('Station 10');
    await rename.getByRole('button', { name: 'Opslaan' }).click();
    await table.getByRole('row', { name: /Station 10/ }).waitFor();
    await rename.waitFor({ state: 'hidden' });

    await table.getByRole('row', { name: /Station 10/ }).getByRole('button', { name: 'Ontkoppelen' }).click();
    const confirm = page.getByRole('dialog', { name: 'Kiosk ontkoppelen?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).to.contain('‘Station 10’ wordt ontkoppeld');
    await screenshot(page, 'console-kiosk-unpair');
    // 'Annuleren' keeps it
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await table.getByRole('row', { name: /Station 10/ }).count()).to.equal(1);

    await table.getByRole('row', { name: /Station 10/ }).getByRole('button', { name: 'Ontkoppelen' }).click();
    await confirm.getByRole('button', { name: 'Ontkoppelen' }).click();
    await page.getByRole('status').filter({ hasText: 'Kiosk ‘Station 10’ is ontkoppeld.' }).waitFor();
    await table.getByRole('row', { name: /Station 10/ }).waitFor({ state: 'detached' });
    const kiosks = await admin.call('GET', '/api/kiosks');
    expect((kiosks.json as { name: string }[]).map((k) => k.name)).to.not.include('Station 10');
  });

  it('hides the admin sections and pairing from supervisors', async () => {
    const { page } = await open('sup1');
    await page.getByRole('navigation').getByRole('link', { name: 'Kiosks' }).click();
    await page.getByRole('heading', { name: 'Kiosks', level: 1 }).waitFor();
    await page.getByRole('row', { name: /Station 3/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Kiosk koppelen' }).count()).to.equal(0);
    expect(await page.getByRole('button', { name: 'Ontkoppelen' }).count()).to.equal(0);
    await page.goto(`${ts.base}/admin/#/medewerkers`);
    await page.getByRole('heading', { name: 'Geen toegang', level: 1 }).waitFor();
  });

  it('switches to English and remembers it; back and forward follow the screens', async () => {
    const { page } = await open('sup1');
    await page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('heading', { name: 'Active reviews' }).waitFor();
    await page.getByRole('row', { name: /Biologie KB — lokaal 4/ }).getByRole('button', { name: 'View exam results' }).click();
    await page.getByRole('columnheader', { name: 'Grade' }).waitFor();
    await page.reload();
    await page.getByRole('columnheader', { name: 'Grade' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('en');
    await screenshot(page, 'console-english');
    await page.goBack();
    await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { name: 'Biologie KB — lokaal 4', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('columnheader', { name: 'Cijfer' }).waitFor();
  });
});
