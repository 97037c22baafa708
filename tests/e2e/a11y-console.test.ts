/**
 * axe-core over every screen of the console, in Dutch and in English: no WCAG 2.0/2.1 A or AA violation on
 * the login (and its error), the first-login password change, every screen of the menu with a running review
 * in 'Actieve inzages', and the dialogs and results the screens open (exam settings, 'Beëindigen', 'Uitloggen',
 * the 'Kiosk koppelen' and 'Medewerker toevoegen' forms, an import checked and an import refused, a purge's dry run, an
 * unknown address). Real server, real Chromium under the product's CSP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { createUser } from '../../server/auth/users.ts';
import { FIXTURES, PASSWORD, type KioskSocket } from '../helpers/server.ts';
import { axeViolations, expectNoViolations } from '../support/axe.ts';
import { CONSOLE_SCREENS, consoleText, showScreen, type ConsoleLang } from '../support/consoleScreens.ts';
import { useE2E } from '../support/e2e.ts';
import { kioskIds, roomWith } from '../support/rooms.ts';
import { startRunningReview } from '../support/runningReview.ts';

const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

/** The part of a catalogue text before its first parameter. */
const prefix = (text: string) => text.split('{')[0]!;

describe('console accessibility: axe-core finds no WCAG 2.1 A/AA violation on any screen (e2e)', function () {
  this.timeout(180_000);
  const e2e = useE2E({ server: { config: CONFIG } });
  let kiosk: KioskSocket;

  // a review approved by boss: 'Actieve inzages' shows it, and 'Uitloggen' asks first
  before(async () => {
    kiosk = await startRunningReview(e2e.ts.base, 'boss');
    // the running review's kiosk stands in a room: 'Lokalen' has a row, 'Kiosks' a room
    await roomWith(e2e.ts.base, 'B2.14', await kioskIds(e2e.ts.base));
  });
  after(() => kiosk?.close());

  /** The console's login page in `lang` (the language switch is on the login page too). */
  async function loginPage(lang: ConsoleLang): Promise<Page> {
    const { page } = await e2e.console();
    await page.getByRole('heading', { name: consoleText('nl', 'login.title'), level: 1 }).waitFor();
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: consoleText('en', 'login.title'), level: 1 }).waitFor();
    }
    return page;
  }

  async function logIn(page: Page, lang: ConsoleLang, username: string, password: string) {
    await page.getByLabel(consoleText(lang, 'login.username')).fill(username);
    await page.getByLabel(consoleText(lang, 'login.password'), { exact: true }).fill(password);
    await page.getByRole('button', { name: consoleText(lang, 'login.submit') }).click();
  }

  /** Opens a modal dialog with `open`, checks the page with it, and closes it with Esc. */
  async function withDialog(page: Page, where: string, open: () => Promise<void>) {
    await open();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectNoViolations(page, where);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }

  it('the check itself runs under the console’s CSP, and names a violation and where it is', async () => {
    const page = await loginPage('nl');
    await expectNoViolations(page, 'login');
    // an image without a text alternative, put into the page
    await page.evaluate(`document.body.append(Object.assign(document.createElement('img'), { id: 'no-alt', src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }))`);
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).to.deep.equal(['image-alt']);
    const failure = await expectNoViolations(page, 'login with a bad image').then(() => '', (e: Error) => e.message);
    expect(failure).to.contain('axe-core on login with a bad image:').and.contain('image-alt (critical): Images must have alternative text').and.contain('#no-alt');
  });

  for (const lang of ['nl', 'en'] as const) {
    const T = (key: Parameters<typeof consoleText>[1]) => consoleText(lang, key);

    it(`login, its error and the first-login password change (${lang})`, async () => {
      const page = await loginPage(lang);
      await expectNoViolations(page, `login (${lang})`);
      await logIn(page, lang, 'sup1', 'niet-het-wachtwoord');
      await page.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
      await expectNoViolations(page, `login with an error (${lang})`);
      const { password } = await createUser(e2e.ts.store.staff, { username: `nieuw-${lang}`, role: 'supervisor', displayName: 'Nieuwe Collega' });
      await logIn(page, lang, `nieuw-${lang}`, password);
      await page.getByRole('heading', { name: T('password.title'), level: 1 }).waitFor();
      await expectNoViolations(page, `password change (${lang})`);
    });

    it(`every screen of the menu, with a running review beside it (${lang})`, async () => {
      const page = await loginPage(lang);
      await logIn(page, lang, 'boss', PASSWORD('boss'));
      await page.getByRole('heading', { name: T('groups.title'), level: 1 }).waitFor();
      await page.getByRole('complementary', { name: T('active.title') }).getByRole('button', { name: T('active.end'), exact: false }).waitFor();
      for (const screen of CONSOLE_SCREENS) {
        await showScreen(page, e2e.ts.base, screen, lang);
        await expectNoViolations(page, `${screen.name} (${lang})`);
      }
      await page.goto(`${e2e.ts.base}/admin/#/onbekend`);
      await page.getByRole('heading', { name: T('notfound.title'), level: 1 }).waitFor();
      await expectNoViolations(page, `an unknown address (${lang})`);
    });

    it(`the dialogs and results the screens open (${lang})`, async () => {
      const page = await loginPage(lang);
      await logIn(page, lang, 'boss', PASSWORD('boss'));
      await page.getByRole('heading', { name: T('groups.title'), level: 1 }).waitFor();
      const screen = (name: string) => showScreen(page, e2e.ts.base, CONSOLE_SCREENS.find((s) => s.name === name)!, lang);
      const main = page.getByRole('main');

      await withDialog(page, `'Beëindigen' (${lang})`, () => page.getByRole('complementary', { name: T('active.title') }).getByRole('button', { name: prefix(T('active.endLabel')) }).click());
      await withDialog(page, `'Uitloggen' with a running review (${lang})`, () => page.getByRole('banner').getByRole('button', { name: T('logout') }).click());

      const banner = page.getByRole('banner');
      await banner.getByText(T('myRooms.all')).click();
      await banner.getByRole('group', { name: T('myRooms.legend') }).getByRole('checkbox').first().waitFor();
      await expectNoViolations(page, `'Mijn lokalen' open (${lang})`);
      await banner.getByText(T('myRooms.all')).click();

      await screen('exams');
      await withDialog(page, `exam settings (${lang})`, () => main.getByRole('button', { name: prefix(T('exams.editLabel')) }).first().click());
      const purge = main.getByRole('region', { name: T('purge.title') });
      await purge.getByLabel(T('purge.exam'), { exact: true }).selectOption({ index: 1 });
      await purge.getByRole('button', { name: T('purge.dryRun') }).click();
      await purge.getByRole('button', { name: T('purge.delete') }).waitFor();
      await expectNoViolations(page, `a purge's dry run (${lang})`);

      await screen('kiosks');
      await main.getByRole('button', { name: T('kiosks.pair') }).click();
      await main.getByRole('heading', { name: T('kiosks.pairTitle') }).waitFor();
      await expectNoViolations(page, `'Kiosk koppelen' (${lang})`);
      await withDialog(page, `'Startbestanden' (${lang})`, () => main.getByRole('button', { name: T('kiosks.kits') }).first().click());

      await screen('rooms');
      await withDialog(page, `a room's 'Safe Exam Browser' (${lang})`, () => main.getByRole('button', { name: prefix(T('rooms.sebLabel')) }).first().click());
      await withDialog(page, `'Lokaal verwijderen' (${lang})`, () => main.getByRole('button', { name: prefix(T('rooms.removeLabel')) }).first().click());

      await screen('staff');
      await main.getByRole('button', { name: T('staff.add') }).click();
      await main.getByRole('region', { name: T('staff.add') }).waitFor();
      await expectNoViolations(page, `'Medewerker toevoegen' (${lang})`);

      await screen('import');
      const file = main.getByLabel(T('import.file.label'));
      await file.setInputFiles({ name: 'sample.json', mimeType: 'application/json', buffer: readFileSync(join(FIXTURES, 'sample.json')) });
      await main.getByRole('heading', { name: T('import.checkedTitle') }).waitFor();
      await expectNoViolations(page, `an import checked (${lang})`);
      await main.getByRole('button', { name: T('common.cancel') }).click();
      const broken = { format: 'inzage/v1', exams: [{ id: 'x' }], candidates: 'nee' };
      await main.getByLabel(T('import.file.label')).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
      await main.getByText(prefix(T('import.invalid'))).waitFor();
      await expectNoViolations(page, `an import refused (${lang})`);
    });
  }
});
