import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { PAIRING_CODE, pairKioskPage } from '../helpers/browser.ts';
import { loggedIn, type StaffClient } from '../helpers/server.ts';
import { expectNoViolations } from '../support/axe.ts';
import { useE2E } from '../support/e2e.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const CONFIG_KEY = sha256('the settings of room B2.14');

/** A kiosk in a room that requires Safe Exam Browser, in a browser: refused with a clear message, let in under SEB. */
describe('kiosk in a Safe Exam Browser room (browser)', function () {
  this.timeout(60_000);
  const e2e = useE2E();
  let boss: StaffClient;
  before(async () => {
    boss = await loggedIn(e2e.ts.base, 'boss');
  });

  /** The pages of `context` from now on as in SEB: its JavaScript API holds the Config Key hashed with the page's URL. */
  const inSeb = (context: BrowserContext) => context.addInitScript(([hash]) => {
    (window as unknown as { SafeExamBrowser: unknown }).SafeExamBrowser = { security: { configKey: hash } };
  }, [sha256(`${e2e.ts.base}/kiosk/${CONFIG_KEY}`)]);

  it('says SEB is required instead of showing the idle screen, and connects once SEB\'s JavaScript API proves the key', async () => {
    const { context, page } = await e2e.page();
    const kioskId = await pairKioskPage(page, e2e.ts.base, boss, 'Station SEB');
    const room = await boss.call('POST', '/api/rooms', { name: 'Lokaal B2.14' });
    await boss.call('PATCH', `/api/kiosks/${kioskId}/room`, { roomId: room.json.id });
    await boss.call('PATCH', `/api/rooms/${room.json.id}`, { seb: { configKeys: [CONFIG_KEY] } });
    const alert = page.getByRole('alert').filter({ hasText: 'Safe Exam Browser verplicht' });
    await alert.waitFor();
    expect(await page.getByText('Station SEB').count(), 'nothing of the station shows').to.equal(0);
    await expectNoViolations(page, 'kiosk: refused for want of Safe Exam Browser (the connection screen)');

    // the same station in SEB: its JavaScript API holds the Config Key hashed with the page's URL
    await inSeb(context);
    await page.reload();
    await page.getByText('Station SEB').first().waitFor();
    expect(await alert.count()).to.equal(0);
  });

  it('pairing into a room that requires SEB: refused in the console and on the kiosk without SEB, paired into that room under SEB', async () => {
    const room = await boss.call('POST', '/api/rooms', { name: 'Examenzaal' });
    await boss.call('PATCH', `/api/rooms/${room.json.id}`, { seb: { configKeys: [CONFIG_KEY] } });
    const { context, page: kiosk } = await e2e.page();
    await kiosk.goto(`${e2e.ts.base}/kiosk/`);
    const code = (await kiosk.getByText(PAIRING_CODE).first().textContent())!.trim();

    const { page } = await e2e.console('boss');
    await page.getByRole('navigation').getByRole('link', { name: 'Kiosks', exact: true }).click();
    await page.getByRole('button', { name: 'Kiosk koppelen' }).click();
    const form = page.getByRole('region', { name: 'Nieuwe kiosk koppelen' });
    const pair = async (code: string) => {
      await form.getByLabel('Koppelcode').fill(code);
      await form.getByLabel('Naam').fill('Zaal 1');
      await form.getByLabel('Lokaal').selectOption({ label: 'Examenzaal' });
      await form.getByRole('button', { name: 'Koppelen', exact: true }).click();
    };
    await pair(code);
    await form.getByRole('alert').filter({ hasText: 'Lokaal ‘Examenzaal’ vereist Safe Exam Browser' }).waitFor();
    await kiosk.getByRole('alert').filter({ hasText: 'Koppelen geweigerd: het gekozen lokaal vereist Safe Exam Browser' }).waitFor();
    // the code still shows: nothing was paired
    await kiosk.getByText(PAIRING_CODE).first().waitFor();
    expect((await boss.call('GET', '/api/kiosks')).json.some((k: { name: string }) => k.name === 'Zaal 1')).to.equal(false);
    await expectNoViolations(kiosk, 'kiosk: pairing refused for want of Safe Exam Browser');

    // the same station opened in SEB: a fresh code, and pairing into the room succeeds
    await inSeb(context);
    await kiosk.reload();
    const fresh = (await kiosk.getByText(PAIRING_CODE).first().textContent())!.trim();
    expect(fresh).to.not.equal(code);
    await pair(fresh);
    await page.getByRole('status').filter({ hasText: 'Kiosk ‘Zaal 1’ is gekoppeld in Examenzaal.' }).waitFor();
    await kiosk.getByText('Zaal 1').first().waitFor();
    const listed = (await boss.call('GET', '/api/kiosks')).json.find((k: { name: string }) => k.name === 'Zaal 1');
    expect(listed.roomId).to.equal(room.json.id);
  });
});
