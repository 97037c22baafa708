import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { pairKioskPage } from '../helpers/browser.ts';
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
    const url = `${e2e.ts.base}/kiosk/`;
    await context.addInitScript(([hash]) => {
      (window as unknown as { SafeExamBrowser: unknown }).SafeExamBrowser = { security: { configKey: hash } };
    }, [sha256(url + CONFIG_KEY)]);
    await page.reload();
    await page.getByText('Station SEB').first().waitFor();
    expect(await alert.count()).to.equal(0);
  });
});
