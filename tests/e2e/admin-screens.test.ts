/**
 * The console's administration screens end to end: 'Examens' (review settings, 'Gegevens verwijderen'),
 * 'Importeren', 'Medewerkers' and 'Auditlog'. Real server (port 0, temporary data, the sample fixture), real
 * Chromium; elements are found by role and accessible name, and every change is checked on the server too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { checkJsonText } from '../../shared/jsonText.ts';
import { isoToLocalInput, localDayToIso, localInputToIso } from '../../admin/src/components/local-time.ts';
import { screenshot } from '../helpers/browser.ts';
import {
  FIXTURES, StaffClient, connectKiosk, loggedIn, once, pairKiosk, startTestServer, type TestServer,
} from '../helpers/server.ts';
import { logIn, useE2E, type OpenPage } from '../support/e2e.ts';
import { sql } from '../support/pg.ts';
import { pgSchemaOf } from '../support/stored.ts';

const VIEWPORT = { width: 1280, height: 860 };
const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

async function section(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

const sample = () => JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));

interface ExamJson { id: string; review: Record<string, unknown>; retention: Record<string, unknown> }

describe('console administration: local times and import text', () => {
  const inAmsterdam = (fn: () => void) => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Amsterdam';
    try {
      fn();
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  };

  it('sends a local date-time with the offset of its own date, and shows a stored one in local time', () => inAmsterdam(() => {
    expect(localInputToIso('2026-01-15T08:00')).to.equal('2026-01-15T08:00:00+01:00');
    expect(localInputToIso('2026-06-01T17:00')).to.equal('2026-06-01T17:00:00+02:00');
    expect(localInputToIso('')).to.equal(null);
    expect(localInputToIso('15-01-2026 08:00')).to.equal(undefined);
    expect(isoToLocalInput('2026-06-01T15:00:00Z')).to.equal('2026-06-01T17:00');
    expect(isoToLocalInput(undefined)).to.equal('');
    expect(localDayToIso('2026-03-29')).to.equal('2026-03-29T00:00:00+01:00');
    expect(localDayToIso('2026-03-29', true)).to.equal('2026-03-29T23:59:59.999+02:00');
  }));

  it('says where an import file stops being JSON', () => {
    expect(checkJsonText('\ufeff{"a": [1, 2]}')).to.deep.equal({ ok: true, text: '{"a": [1, 2]}' });
    expect(checkJsonText('{\n  "a": [1, 2,]\n}')).to.deep.equal({ ok: false, line: 2, column: 14, found: ']' });
    expect(checkJsonText('{"a": 1 "b": 2}')).to.deep.equal({ ok: false, line: 1, column: 9, found: '"' });
    expect(checkJsonText('{"a": [1, 2')).to.deep.equal({ ok: false, line: 1, column: 12, found: null });
    expect(checkJsonText('')).to.deep.equal({ ok: false, line: 1, column: 1, found: null });
  });
});

describe('console administration (e2e): exams, import, staff, audit log, purge', function () {
  this.timeout(90_000);
  // the console's pages must log no errors (failed loads of expected 4xx answers aside)
  const e2e = useE2E({ server: { config: CONFIG }, noPageErrors: true });
  let ts: TestServer;
  let admin: StaffClient;

  const open = (username?: string, base?: string): Promise<OpenPage> => e2e.console(username, { base, viewport: VIEWPORT, acceptDownloads: true });

  const exam = async (id: string) => ((await admin.call('GET', '/api/exams')).json as ExamJson[]).find((e) => e.id === id)!;
  const groupIds = async () => ((await admin.call('GET', '/api/groups')).json as { id: string }[]).map((g) => g.id).sort();

  before(async () => {
    ({ ts } = e2e);
    admin = await loggedIn(ts.base, 'boss');
  });

  it('changes an exam’s review settings in local time and shows the new status; supervisors get neither screen nor API', async () => {
    const { page } = await open('boss');
    await section(page, 'Examens');
    const table = page.getByRole('table', { name: /Examens en inzage-instellingen/ });
    const ma = table.getByRole('row', { name: /Maatschappijleer/ });
    await ma.getByText('Inzage niet toegestaan').waitFor();
    expect(await table.getByRole('row').count()).to.equal(6); // header + five exams
    expect(await table.getByRole('row', { name: /Nask KB/ }).textContent()).to.contain('Inzageperiode verstreken').and.contain('Centraal examen');
    expect(await ma.textContent()).to.not.contain('Centraal examen');
    await screenshot(page, 'console-admin-exams');

    // a short visible label, so that the table fits; the accessible name says what and which exam
    const edit = ma.getByRole('button', { name: 'Inzage-instellingen wijzigen: Maatschappijleer' });
    expect(await edit.textContent()).to.equal('Wijzigen');
    await edit.click();
    const dialog = page.getByRole('dialog', { name: 'Inzage-instellingen: Maatschappijleer' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Inzage toegestaan').isChecked()).to.equal(false);
    expect(await dialog.getByLabel('Maximale duur (minuten)').inputValue()).to.equal('30');
    await dialog.getByLabel('Inzage toegestaan').check();
    // a winter start and a summer end: each gets the offset of its own date
    await dialog.getByLabel('Begin inzageperiode').fill('2026-01-15T08:00');
    await dialog.getByLabel('Einde inzageperiode').fill('2026-01-10T17:00');
    await dialog.getByLabel('Maximale duur (minuten)').fill('45');
    // the reveal policy: 'Nee' is what showScheme false said, so only that boolean is sent
    await dialog.getByLabel('Correctievoorschrift tonen').selectOption('never');
    expect(await dialog.getByLabel('Antwoordsleutel tonen').inputValue()).to.equal('on-request');
    expect(await dialog.getByLabel('Bij welke vragen').inputValue()).to.equal('all');
    expect(await dialog.getByLabel('Score per vraag').inputValue()).to.equal('shown');

    // the server refuses an end before the start, and says so; nothing is stored
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'De inzageperiode moet eindigen na het begin.' }).waitFor();
    expect((await exam('ma-kb-2026')).review.allowed).to.equal(false);
    await screenshot(page, 'console-admin-exam-settings-error');

    await dialog.getByLabel('Einde inzageperiode').fill('2099-06-01T17:00');
    await screenshot(page, 'console-admin-exam-settings');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'De inzage-instellingen van ‘Maatschappijleer’ zijn opgeslagen. Status: Inzage mogelijk.' }).waitFor();
    await ma.getByText('Inzage mogelijk').waitFor();
    expect(await ma.textContent()).to.contain('max. 45 minuten').and.contain('antwoordsleutel: ja').and.contain('correctievoorschrift: nee');
    expect((await exam('ma-kb-2026')).review).to.deep.equal({
      allowed: true, opensAt: '2026-01-15T08:00:00+01:00', closesAt: '2099-06-01T17:00:00+02:00',
      maxMinutes: 45, showKey: true, showScheme: false, status: 'open',
    });

    // clearing a boundary sends null: Frans KB had not opened yet, without a start it is open
    const fr = table.getByRole('row', { name: /Frans KB/ });
    await fr.getByText('Inzageperiode nog niet begonnen').waitFor();
    await fr.getByRole('button', { name: 'Inzage-instellingen wijzigen: Frans KB' }).click();
    const frDialog = page.getByRole('dialog', { name: 'Inzage-instellingen: Frans KB' });
    expect(await frDialog.getByLabel('Begin inzageperiode').inputValue()).to.equal('2099-01-01T08:00');
    await frDialog.getByLabel('Begin inzageperiode').fill('');
    await frDialog.getByRole('button', { name: 'Opslaan' }).click();
    await fr.getByText('Inzage mogelijk').waitFor();
    const frReview = (await exam('fr-kb-2026')).review;
    expect(frReview).to.not.have.property('opensAt');
    expect(frReview.closesAt).to.equal('2099-02-01T17:00:00+01:00');

    const audit = await admin.call('GET', '/api/audit?action=exam.review-changed');
    expect((audit.json.events as { target: string }[]).map((e) => e.target)).to.deep.equal(['ma-kb-2026', 'fr-kb-2026']);

    // a supervisor: no 'Examens' in the menu, no access by address, 403 from the API
    const sup = await open('sup1');
    expect(await sup.page.getByRole('navigation').getByRole('link').allTextContents()).to.deep.equal(['Afnamegroepen', 'Kiosks', 'Opmerkingen']);
    await sup.page.goto(`${ts.base}/admin/#/examens`);
    await sup.page.getByRole('heading', { name: 'Geen toegang', level: 1 }).waitFor();
    const sup1 = await loggedIn(ts.base, 'sup1');
    for (const [method, path, body] of [
      ['GET', '/api/exams', undefined], ['PATCH', '/api/exams/ma-kb-2026/review', { allowed: false }], ['GET', '/api/users', undefined],
      ['GET', '/api/audit', undefined], ['POST', '/api/imports?dryRun=1', sample()], ['POST', '/api/purge', { examId: 'fr-kb-2026', dryRun: true }],
    ] as const) {
      expect((await sup1.call(method, path, body)).status, `${method} ${path}`).to.equal(403);
    }
  });

  it('shows when each exam’s candidate data is removed, and sets or resets an exam’s date', async () => {
    const { page } = await open('boss');
    await section(page, 'Examens');
    const table = page.getByRole('table', { name: /Examens en inzage-instellingen/ });
    await table.getByRole('columnheader', { name: 'Kandidaatgegevens' }).waitFor();
    const bi = table.getByRole('row', { name: /Biologie KB/ });
    // review until 1 January 2099, 17:00 (+01:00); the default keeps the data 180 days after that
    await bi.getByText('standaard, 180 dagen na de inzage').waitFor();
    expect(await bi.textContent()).to.contain('verwijderd op 30 jun 2099');
    expect((await exam('bi-kb-2026')).retention).to.include({ until: '2099-06-30T16:00:00.000Z', explicit: false, basis: 'review', defaultDays: 180, sittings: 3 });
    // a window that closed 30 June 2026, its data imported today: kept 180 days after the import
    const ns = await exam('ns-kb-2026');
    expect(ns.retention).to.include({ explicit: false, basis: 'import', defaultDays: 180 });
    expect(Date.parse(String(ns.retention.until)) - Date.parse(String(ns.retention.importedAt))).to.equal(180 * 86_400_000);
    await table.getByRole('row', { name: /Nask KB/ }).getByText(/^standaard, 180 dagen na de import van \d+ \w+ \d{4}$/).waitFor();

    await bi.getByRole('button', { name: 'Bewaartermijn wijzigen: Biologie KB' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bewaartermijn: Biologie KB' });
    await dialog.getByLabel('Verwijderen op').fill('2099-03-01');
    await screenshot(page, 'console-admin-exam-retention');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'De kandidaatgegevens van ‘Biologie KB’ worden verwijderd op' }).waitFor();
    await bi.getByText('vastgelegd voor dit examen').waitFor();
    expect((await exam('bi-kb-2026')).retention).to.include({ until: '2099-02-28T23:00:00.000Z', explicit: true });

    await bi.getByRole('button', { name: 'Bewaartermijn wijzigen: Biologie KB' }).click();
    expect(await dialog.getByLabel('Verwijderen op').inputValue()).to.equal('2099-03-01');
    await dialog.getByRole('button', { name: /Standaard gebruiken/ }).click();
    await bi.getByText('standaard, 180 dagen na de inzage').waitFor();
    expect((await exam('bi-kb-2026')).retention).to.include({ until: '2099-06-30T16:00:00.000Z', explicit: false });
    const audit = await admin.call('GET', '/api/audit?action=exam.retention-changed');
    expect((audit.json.events as { details: unknown }[]).map((e) => e.details)).to.deep.equal([
      { from: null, to: '2099-03-01T00:00:00+01:00' }, { from: '2099-03-01T00:00:00+01:00', to: null },
    ]);
  });

  it('imports a file after a dry run with counts and warnings; an invalid file lists every error by its path and writes nothing', async () => {
    const { page } = await open('boss');
    await section(page, 'Importeren');
    const groupsBefore = await groupIds();
    const input = page.getByLabel('Importbestand');

    // not JSON at all: said where, nothing sent
    await input.setInputFiles({ name: 'kapot.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "format": "inzage/v1",\n  "exams": [,]\n}') });
    const notJson = page.getByRole('alert').filter({ hasText: 'Dit bestand is geen geldige JSON (regel 3, kolom 13). Er is niets opgeslagen.' });
    await notJson.waitFor();
    expect(await notJson.textContent()).to.contain('kapot.json');
    expect(await notJson.getByRole('listitem').allTextContents()).to.deep.equal(['regel 3, kolom 13: onverwacht teken ‘,’']);
    await screenshot(page, 'console-admin-import-not-json');

    // valid JSON, invalid content: every error with its JSON path
    const data = sample();
    const bad = {
      format: 'inzage/v1',
      exams: [{ ...data.exams[3], id: 'x-1', questions: [{ ...data.exams[3].questions[0], key: ['E'] }] }],
      groups: [{ id: 'g-x', name: 'Nieuwe groep', examId: 'onbekend', startsAt: '2026-11-14T13:00:00+01:00', candidateNumbers: ['999'] }],
    };
    await input.setInputFiles({ name: 'fout.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad, null, 2)) });
    const errors = page.getByRole('alert').filter({ hasText: 'Het importbestand bevat 3 fout(en). Er is niets opgeslagen.' });
    await errors.waitFor();
    expect(await errors.getByRole('listitem').allTextContents()).to.deep.equal([
      'exams[0].questions[0].key: onbekende optie "E"',
      'groups[0].examId: onbekend examen "onbekend"',
      'groups[0].candidateNumbers[0]: onbekende kandidaat "999"',
    ]);
    expect(await page.getByRole('button', { name: 'Importeren', exact: true }).count()).to.equal(0);
    await screenshot(page, 'console-admin-import-errors');
    expect(await groupIds()).to.deep.equal(groupsBefore);

    // a valid file: a new candidate in a new group with a sitting (one score the key contradicts), one changed class
    const good = {
      format: 'inzage/v1',
      candidates: [{ number: '120099', firstName: 'Lotte', lastName: 'Bakker', className: '4K3' }, { ...data.candidates[2], className: '4K3' }],
      groups: [{ id: 'g-fr-2', name: 'Frans KB — lokaal 9', examId: 'fr-kb-2026', startsAt: '2026-11-14T13:00:00+01:00', candidateNumbers: ['120099'] }],
      sittings: [{
        id: 's-fr-120099', groupId: 'g-fr-2', candidateNumber: '120099', startedAt: '2026-11-14T13:00:00+01:00',
        submittedAt: '2026-11-14T14:00:00+01:00', grade: 5.5,
        responses: [{ questionId: 'fr1', response: ['B'], score: 0 }, { questionId: 'fr2', response: 'Un texte.', score: 2 }],
      }],
    };
    // hold the server's answer a moment, to see the progress indicator
    let release = () => {};
    const held = new Promise<void>((res) => { release = res; });
    await page.route('**/api/imports?dryRun=1', async (route) => {
      await held;
      await route.continue();
    });
    await input.setInputFiles({ name: 'frans-lokaal-9.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    const progress = page.getByRole('progressbar', { name: 'De server controleert het bestand…' });
    await progress.waitFor();
    expect(await input.isDisabled()).to.equal(true);
    await screenshot(page, 'console-admin-import-progress');
    release();
    await page.unrouteAll();
    const checked = page.getByRole('region', { name: 'Controle geslaagd' });
    await checked.waitFor();
    await progress.waitFor({ state: 'detached' });
    const counts = checked.getByRole('table', { name: 'Wat de import zal veranderen' });
    const row = async (kind: string) => (await counts.getByRole('row', { name: kind }).getByRole('cell').allTextContents());
    expect(await counts.getByRole('columnheader').allTextContents()).to.deep.equal(['Soort', 'Nieuw', 'Bijgewerkt', 'Ongewijzigd']);
    expect(await row('Examens')).to.deep.equal(['0', '0', '0']);
    expect(await row('Kandidaten')).to.deep.equal(['1', '1', '0']);
    expect(await row('Afnamegroepen')).to.deep.equal(['1', '0', '0']);
    expect(await row('Afnames')).to.deep.equal(['1', '0', '0']);
    const warnings = checked.getByRole('region', { name: 'Waarschuwingen (1)' });
    expect(await warnings.getByRole('listitem').allTextContents()).to.deep.equal(['sittings[0].responses[0]: het antwoord is goed, maar kreeg 0 van 1 punten']);
    // the dry run wrote nothing
    expect(await groupIds()).to.deep.equal(groupsBefore);
    await screenshot(page, 'console-admin-import-dry-run');

    await checked.getByRole('button', { name: 'Importeren', exact: true }).click();
    const done = page.getByRole('region', { name: 'Geïmporteerd' });
    await done.getByRole('status').filter({ hasText: '‘frans-lokaal-9.json’ is geïmporteerd.' }).waitFor();
    expect(await done.getByRole('table', { name: 'Wat de import heeft veranderd' }).getByRole('row', { name: 'Afnamegroepen' }).getByRole('cell').allTextContents())
      .to.deep.equal(['1', '0', '0']);
    await screenshot(page, 'console-admin-import-done');
    expect(await groupIds()).to.deep.equal([...groupsBefore, 'g-fr-2'].sort());
    const sittings = await admin.call('GET', '/api/candidates/120099/sittings');
    expect(sittings.json.candidate.className).to.equal('4K3');

    // 'Nog een bestand importeren' starts over; the same file again changes nothing
    await done.getByRole('button', { name: 'Nog een bestand importeren' }).click();
    await input.setInputFiles({ name: 'frans-lokaal-9.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    await page.getByText('Alles in dit bestand is al geïmporteerd: importeren verandert niets.').waitFor();
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await checked.waitFor({ state: 'detached' });
    expect(await input.inputValue()).to.equal('');
  });

  it('says it is loading until the list arrives, and shows a failed load in an alert with ‘Opnieuw proberen’', async () => {
    const { page } = await open('boss');
    // the first load of the staff list waits for the test, then fails; the retry goes to the server
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let requests = 0;
    await page.route('**/api/users', async (route) => {
      if (++requests > 1) return route.continue();
      await held;
      await route.fulfill({
        status: 429, contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'rate-limited', message: 'Te veel pogingen. Probeer het later opnieuw.' } }),
      });
    });
    await section(page, 'Medewerkers');
    await page.getByRole('status').filter({ hasText: 'Bezig met laden…' }).waitFor();
    release();
    const alert = page.getByRole('alert').filter({ hasText: 'Laden mislukt: Te veel pogingen. Probeer het later opnieuw.' });
    await alert.waitFor();
    expect(await page.getByRole('table', { name: /Medewerkers/ }).count()).to.equal(0);
    await alert.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await page.getByRole('table', { name: /Medewerkers/ }).getByRole('row', { name: /boss/ }).waitFor();
    await alert.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').filter({ hasText: 'Bezig met laden…' }).count()).to.equal(0);
    expect(requests).to.equal(2);
  });

  it('adds a supervisor with a one-time password; disabling logs their console out; resets a password; refuses to disable the last admin', async () => {
    const { page } = await open('boss');
    await section(page, 'Medewerkers');
    const table = page.getByRole('table', { name: /Medewerkers/ });
    await table.getByRole('row', { name: /boss/ }).getByText('Beheerder').waitFor();
    expect(await table.getByRole('row', { name: /sup1/ }).textContent()).to.contain('Toezichthouder').and.contain('Actief');

    await page.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    const form = page.getByRole('region', { name: 'Medewerker toevoegen' });
    await form.getByLabel('Gebruikersnaam').fill('Jan de Boer');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await form.getByRole('alert').filter({ hasText: 'Gebruikersnaam: alleen kleine letters' }).waitFor();
    await form.getByLabel('Gebruikersnaam').fill('jdeboer');
    await form.getByLabel('Naam', { exact: true }).fill('Jan de Boer');
    expect(await form.getByLabel('Rol').inputValue()).to.equal('supervisor');
    await form.getByRole('button', { name: 'Toevoegen' }).click();

    const secret = page.getByRole('region', { name: 'Eenmalig wachtwoord voor Jan de Boer' });
    await secret.waitFor();
    const password = (await secret.getByRole('code').textContent())!.trim();
    expect(password).to.have.length.greaterThanOrEqual(10);
    expect(await secret.textContent()).to.contain('maar één keer getoond').and.contain('‘jdeboer’');
    await page.getByRole('status').filter({ hasText: 'Jan de Boer (jdeboer) is toegevoegd.' }).waitFor();
    const jan = table.getByRole('row', { name: /jdeboer/ });
    expect(await jan.textContent()).to.contain('Toezichthouder').and.contain('Actief').and.contain('Moet wachtwoord wijzigen');
    await screenshot(page, 'console-admin-staff-password');
    await secret.getByRole('button', { name: 'Ik heb het wachtwoord overgedragen' }).click();
    await secret.waitFor({ state: 'detached' });

    // the same username again is refused in words
    await page.getByRole('button', { name: 'Medewerker toevoegen' }).click();
    await form.getByLabel('Gebruikersnaam').fill('jdeboer');
    await form.getByRole('button', { name: 'Toevoegen' }).click();
    await form.getByRole('alert').filter({ hasText: 'Er is al een medewerker met de gebruikersnaam ‘jdeboer’.' }).waitFor();
    await form.getByRole('button', { name: 'Annuleren' }).click();

    // Jan logs in (a second browser), chooses a password and sees the console
    const second = await open();
    await logIn(second.page, 'jdeboer', password);
    await second.page.getByLabel('Huidig wachtwoord').fill(password);
    await second.page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('Jan-zijn-eigen-1');
    await second.page.getByLabel('Herhaal nieuw wachtwoord').fill('Jan-zijn-eigen-1');
    await second.page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await second.page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();

    // Jan approves a review on a kiosk
    const confirm = page.getByRole('dialog', { name: 'Medewerker uitschakelen?' });
    const station = await pairKiosk(ts.base, admin, 'Station 1');
    const { socket: kiosk } = await connectKiosk(ts.base, station.token);
    try {
      const janApi = new StaffClient(ts.base);
      expect((await janApi.login('jdeboer', 'Jan-zijn-eigen-1')).status).to.equal(200);
      const started = once(kiosk, 'review:started');
      expect((await janApi.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: station.id })).status).to.equal(201);
      await started;
      const ended = once<{ reason: string }>(kiosk, 'review:ended');

      // disabling asks first, says what it does, logs Jan's console out at once and ends Jan's review
      await jan.getByRole('button', { name: 'Uitschakelen: Jan de Boer (jdeboer)' }).click();
      await confirm.waitFor();
      expect(await confirm.textContent()).to.contain('wordt meteen overal uitgelogd').and.contain('inzages die Jan de Boer heeft goedgekeurd worden beëindigd');
      await confirm.getByText('Er loopt nu 1 inzage die Jan de Boer heeft goedgekeurd.').waitFor();
      await screenshot(page, 'console-admin-staff-disable');
      await confirm.getByRole('button', { name: 'Uitschakelen' }).click();
      await confirm.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: 'Jan de Boer is uitgeschakeld en uitgelogd.' }).waitFor();
      await jan.getByText('Uitgeschakeld').waitFor();
      await second.page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();
      expect((await ended).reason).to.equal('user-disabled');
      expect((await admin.call('GET', '/api/reviews')).json).to.deep.equal([]);
    } finally {
      kiosk.close();
    }
    expect((await new StaffClient(ts.base).login('jdeboer', 'Jan-zijn-eigen-1')).status).to.equal(401);

    // and back: 'Inschakelen'
    await jan.getByRole('button', { name: 'Inschakelen: Jan de Boer (jdeboer)' }).click();
    await jan.getByText('Actief').waitFor();
    expect((await new StaffClient(ts.base).login('jdeboer', 'Jan-zijn-eigen-1')).status).to.equal(200);

    // a password reset shows the new one-time password once; the old one stops working
    const sup2 = table.getByRole('row', { name: /sup2/ });
    await sup2.getByRole('button', { name: /^Wachtwoord resetten: / }).click();
    const reset = page.getByRole('dialog', { name: 'Wachtwoord resetten?' });
    expect(await reset.textContent()).to.contain('krijgt een nieuw eenmalig wachtwoord');
    await reset.getByRole('button', { name: 'Wachtwoord resetten' }).click();
    const resetSecret = page.getByRole('region', { name: /^Eenmalig wachtwoord voor / });
    await resetSecret.waitFor();
    const fresh = (await resetSecret.getByRole('code').textContent())!.trim();
    await sup2.getByText('Moet wachtwoord wijzigen').waitFor();
    const client = new StaffClient(ts.base);
    expect((await client.login('sup2')).status).to.equal(401);
    const login = await client.login('sup2', fresh);
    expect(login.status).to.equal(200);
    expect(login.json.user.mustChangePassword).to.equal(true);
    await resetSecret.getByRole('button', { name: 'Ik heb het wachtwoord overgedragen' }).click();

    // the only admin cannot disable themselves: the server's refusal in words
    const boss = table.getByRole('row', { name: /boss/ });
    expect(await boss.textContent()).to.contain('(u)');
    await boss.getByRole('button', { name: /^Uitschakelen: / }).click();
    await confirm.getByText('Dit is uw eigen account: u wordt zelf ook uitgelogd.').waitFor();
    await confirm.getByRole('button', { name: 'Uitschakelen' }).click();
    await confirm.getByRole('alert').filter({ hasText: 'De laatste beheerder kan niet worden uitgeschakeld.' }).waitFor();
    await screenshot(page, 'console-admin-staff-last-admin');
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await boss.getByText('Actief').waitFor();
    await screenshot(page, 'console-admin-staff');
  });

  it('filters the audit log, says the chain verifies, and exports the same selection as CSV', async () => {
    const { page } = await open('boss');
    await section(page, 'Auditlog');
    await page.getByRole('status').filter({ hasText: 'Keten gecontroleerd: in orde' }).waitFor();
    const table = page.getByRole('table', { name: /Gebeurtenissen/ });
    const all = (await admin.call('GET', '/api/audit')).json.events as { action: string; actor: string }[];
    await page.getByRole('table', { name: `Gebeurtenissen (${all.length})` }).waitFor();
    expect(await table.getByRole('row').count()).to.equal(all.length + 1);
    expect(await page.getByLabel('Actie', { exact: true }).locator('option').first().textContent()).to.equal('Alle');

    await page.getByLabel('Actie', { exact: true }).selectOption({ label: 'Medewerker uitgeschakeld' });
    await page.getByLabel('Medewerker').fill('boss');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    await page.getByLabel('Van').fill(today);
    await page.getByLabel('Tot').fill(today);
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByRole('table', { name: 'Gebeurtenissen (1)' }).waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).to.equal(2);
    const cells = await rows.nth(1).getByRole('cell').allTextContents();
    // local time in Dutch notation, day above time
    const [y, m, d] = today.split('-');
    expect(cells[0]).to.match(new RegExp(`^${d}-${m}-${y} \\d{2}:\\d{2}:\\d{2}$`));
    expect(cells[1]).to.equal('boss');
    expect(cells[2]).to.equal('Medewerker uitgeschakelduser.disabled');
    // the target in words (the stored id stays at hand), the details as 'label: value' lines with the JSON behind
    const event = rows.nth(1);
    expect(cells[3]).to.equal('jdeboer');
    expect(await event.getByRole('cell').nth(3).getAttribute('title')).to.match(/^[0-9a-f-]{36}$/);
    expect(await event.getByRole('term').allTextContents()).to.deep.equal(['Gebruikersnaam']);
    expect(await event.getByRole('definition').allTextContents()).to.deep.equal(['jdeboer']);
    const raw = event.getByRole('group').filter({ hasText: 'Als JSON' });
    expect(await raw.getByRole('code').last().isVisible()).to.equal(false);
    await event.getByText('Als JSON').click();
    expect(await raw.getByRole('code').last().textContent()).to.equal('{"username":"jdeboer"}');
    await page.getByRole('status').filter({ hasText: 'Keten gecontroleerd: in orde' }).waitFor();
    await screenshot(page, 'console-admin-audit');

    // the export carries the same filter, and a plain link downloads it with the session cookie
    const link = page.getByRole('link', { name: 'Exporteren als CSV' });
    const href = (await link.getAttribute('href'))!;
    const q = new URL(href, ts.base).searchParams;
    expect([q.get('action'), q.get('actor'), q.get('format')]).to.deep.equal(['user.disabled', 'boss', 'csv']);
    expect(q.get('from')).to.match(new RegExp(`^${today}T00:00:00\\+0[12]:00$`));
    expect(q.get('to')).to.match(new RegExp(`^${today}T23:59:59\\.999\\+0[12]:00$`));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect([q.get('delimiter'), q.get('lang')], 'the Dutch console downloads for Dutch Excel').to.deep.equal([';', 'nl']);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(csv).to.have.length(2);
    expect(csv[0]).to.match(/^nr;tijdstip;door;actie;onderwerp;naam onderwerp;/);
    expect(csv[1]).to.match(/^\d+;\S+[+-]\d\d:\d\d;boss;user\.disabled;[0-9a-f-]{36};jdeboer;/);

    // 'Wissen' shows everything again
    await page.getByRole('button', { name: 'Wissen' }).click();
    await page.getByRole('table', { name: `Gebeurtenissen (${all.length})` }).waitFor();
    expect(await page.getByLabel('Medewerker').inputValue()).to.equal('');

    // a change of review settings: one line per changed setting, times in local time (stored with an offset)
    await page.getByLabel('Actie', { exact: true }).selectOption({ label: 'Inzage-instellingen gewijzigd' });
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByRole('table', { name: 'Gebeurtenissen (2)' }).waitFor();
    // newest first: Frans KB lost its start, Maatschappijleer was opened
    const changes = rows.nth(1);
    expect(await changes.getByRole('cell').nth(3).textContent()).to.equal('fr-kb-2026');
    const fields = Object.fromEntries(await Promise.all((await changes.getByRole('term').all()).map(async (term, i) =>
      [await term.textContent(), await changes.getByRole('definition').nth(i).textContent()])));
    expect(fields).to.deep.equal({ 'Begin inzageperiode': '1 jan 2099, 08:00 → —' });
    const first = rows.nth(2);
    expect(await first.getByRole('cell').nth(3).textContent()).to.equal('ma-kb-2026');
    const firstFields = await first.getByRole('definition').allTextContents();
    expect(await first.getByRole('term').allTextContents()).to.deep.equal([
      'Inzage toegestaan', 'Begin inzageperiode', 'Einde inzageperiode', 'Maximale duur (minuten)', 'Correctievoorschrift tonen',
    ]);
    expect(firstFields).to.deep.equal(['nee → ja', '— → 15 jan 2026, 08:00', '— → 1 jun 2099, 17:00', '30 → 45', 'ja → nee']);
    await screenshot(page, 'console-admin-audit-settings');
  });

  it('reports a broken audit chain in an alert, naming the line', async () => {
    const ts2 = await startTestServer({ config: CONFIG });
    try {
      await loggedIn(ts2.base, 'boss');
      await loggedIn(ts2.base, 'sup1');
      const schema = pgSchemaOf(ts2.store);
      if (schema) {
        // INZAGE_TEST_STORE=pg: someone edits line 2 in the table (the append-only trigger refuses; an owner can switch it off)
        expect((await sql(schema, 'SELECT seq FROM audit_log')).length).to.be.greaterThan(2);
        await sql(schema, 'ALTER TABLE audit_log DISABLE TRIGGER USER');
        await sql(schema, `UPDATE audit_log SET line = replace(line, '"actor":"', '"actor":"x') WHERE seq = 2`);
        await sql(schema, 'ALTER TABLE audit_log ENABLE TRIGGER USER');
      } else {
        const file = join(ts2.dataDir, 'audit.jsonl');
        const lines = (await readFile(file, 'utf8')).split('\n');
        expect(lines.length).to.be.greaterThan(2);
        // someone edits line 2 by hand
        lines[1] = lines[1]!.replace('"actor":"', '"actor":"x');
        await writeFile(file, lines.join('\n'));
      }
      const { page } = await open('boss', ts2.base);
      await section(page, 'Auditlog');
      const alert = page.getByRole('alert').filter({ hasText: 'Keten verbroken bij regel 2' });
      await alert.waitFor();
      expect(await alert.textContent()).to.contain('niet meer betrouwbaar');
      expect(await page.getByText('Keten gecontroleerd: in orde').count()).to.equal(0);
      await screenshot(page, 'console-admin-audit-broken');
    } finally {
      await ts2.close();
    }
  });

  it('shows the audit log 200 at a time: older events on request until there are none; a new filter starts again', async () => {
    // a busy exam day: enough events for three pages
    await Promise.all(Array.from({ length: 450 }, (_, i) => ts.store.audit.append({ actor: 'bulk', action: 'kiosk.renamed', target: `k${i}`, details: { name: `Station ${i}` } })));
    const { page } = await open('boss');
    await section(page, 'Auditlog');
    const all = ((await admin.call('GET', '/api/audit')).json.events as { seq: number }[]).map((e) => String(e.seq)).reverse();
    expect(all.length).to.be.greaterThan(400).and.at.most(600);
    const table = page.getByRole('table', { name: /Gebeurtenissen/ });
    const more = page.getByRole('button', { name: 'Oudere gebeurtenissen laden' });

    await page.getByRole('table', { name: 'Gebeurtenissen (200, er zijn er meer)' }).waitFor();
    expect(await table.getByRole('rowheader').allTextContents()).to.deep.equal(all.slice(0, 200));
    await more.click();
    await page.getByRole('table', { name: 'Gebeurtenissen (400, er zijn er meer)' }).waitFor();
    expect(await table.getByRole('rowheader').allTextContents()).to.deep.equal(all.slice(0, 400));
    await more.click();
    await page.getByRole('table', { name: `Gebeurtenissen (${all.length})`, exact: true }).waitFor();
    // every event once, newest first, down to the very first
    expect(await table.getByRole('rowheader').allTextContents()).to.deep.equal(all);
    expect(all.at(-1)).to.equal('1');
    expect(await more.count()).to.equal(0);

    // a new filter starts again from the newest
    await page.getByLabel('Medewerker').fill('bulk');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.getByRole('table', { name: 'Gebeurtenissen (200, er zijn er meer)' }).waitFor();
    const bulk = ((await admin.call('GET', '/api/audit?actor=bulk')).json.events as { seq: number }[]).map((e) => String(e.seq)).reverse();
    expect(await table.getByRole('rowheader').allTextContents()).to.deep.equal(bulk.slice(0, 200));
    await more.waitFor();
  });

  it('purges one exam’s candidate data: dry run first, then a confirmed purge, with the counts', async () => {
    const { page } = await open('boss');
    await section(page, 'Examens');
    const purge = page.getByRole('region', { name: 'Gegevens verwijderen' });
    const expected = (await admin.call('POST', '/api/purge', { examId: 'fr-kb-2026', dryRun: true })).json.counts;
    expect(expected).to.deep.equal({ sittings: 2, groups: 2, candidates: 1 });
    const groupsBefore = await groupIds();

    // nothing chosen yet
    await purge.getByRole('button', { name: 'Proef' }).click();
    await purge.getByRole('alert').filter({ hasText: 'Kies een examen' }).waitFor();

    await purge.getByLabel('Examen', { exact: true }).selectOption({ label: 'Frans KB' });
    await purge.getByRole('button', { name: 'Proef' }).click();
    const preview = purge.getByRole('status');
    await preview.getByText('Proef: bij verwijderen van ‘Frans KB’ gaat weg').waitFor();
    const shown = async (scope: typeof preview) => Object.fromEntries(await Promise.all(['Afnames', 'Afnamegroepen', 'Kandidaten'].map(async (k) =>
      [k, Number(await scope.getByRole('definition').nth(['Afnames', 'Afnamegroepen', 'Kandidaten'].indexOf(k)).textContent())])));
    expect(await shown(preview)).to.deep.equal({ Afnames: 2, Afnamegroepen: 2, Kandidaten: 1 });
    expect(await groupIds()).to.deep.equal(groupsBefore);
    await preview.getByRole('button', { name: 'Verwijderen' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-admin-purge-dry-run');

    await preview.getByRole('button', { name: 'Verwijderen' }).click();
    const confirm = page.getByRole('dialog', { name: 'Gegevens definitief verwijderen?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).to.contain('De kandidaatgegevens van ‘Frans KB’ worden definitief verwijderd').and.contain('kan niet ongedaan worden gemaakt');
    await screenshot(page, 'console-admin-purge-confirm');
    // 'Annuleren' keeps everything
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await groupIds()).to.deep.equal(groupsBefore);

    await preview.getByRole('button', { name: 'Verwijderen' }).click();
    await confirm.getByRole('button', { name: 'Verwijderen' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await purge.getByText('De gegevens van ‘Frans KB’ zijn verwijderd.').waitFor();
    expect(await shown(purge.getByRole('status'))).to.deep.equal({ Afnames: 2, Afnamegroepen: 2, Kandidaten: 1 });
    expect(await groupIds()).to.deep.equal(groupsBefore.filter((g) => g !== 'g-fr-1' && g !== 'g-fr-2'));
    // the exam stays, now without groups
    await page.getByRole('table', { name: /Examens en inzage-instellingen/ }).getByRole('row', { name: /Frans KB/ }).getByText('0 afnamegroepen').waitFor();
    const audit = (await admin.call('GET', '/api/audit?action=data.purged')).json.events;
    expect(audit).to.have.length(1);
    expect(audit[0].details).to.deep.equal({ examId: 'fr-kb-2026', sittings: 2, groups: 2, candidates: 1 });
    await screenshot(page, 'console-admin-purge-done');

    // before a date: nothing that old
    await purge.getByLabel('Vóór datum').check();
    await purge.getByLabel('Datum', { exact: true }).fill('2000-01-01');
    await purge.getByRole('button', { name: 'Proef' }).click();
    await purge.getByText('Er is niets te verwijderen.').waitFor();
    expect(await purge.getByRole('button', { name: 'Verwijderen' }).count()).to.equal(0);
  });
});
