/**
 * Rooms in the console end to end (issue 16): the Kiosks screen's 'Lokaal' column and select, the launch kits per
 * kiosk, the Safe Exam Browser config with its Config Key. Real server (the sample fixture), real Chromium; every
 * change is checked on the server too.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { StaffClient, loggedIn, pairKiosk } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';

const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

async function section(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('console rooms (e2e): kiosks in rooms, launch kits, Safe Exam Browser', function () {
  this.timeout(90_000);
  const e2e = useE2E({ server: { config: CONFIG }, noPageErrors: true });
  let admin: StaffClient;

  before(async () => {
    admin = await loggedIn(e2e.ts.base, 'boss');
  });

  const kioskRoom = async (id: string) => ((await admin.call('GET', '/api/kiosks')).json as { id: string; roomId: string | null }[]).find((k) => k.id === id)!.roomId;

  it('puts a kiosk in a room with its row’s select and back in none; supervisors see the room but cannot change it', async () => {
    const station = await pairKiosk(e2e.ts.base, admin, 'Station Lokaal');
    const room = (await admin.call('POST', '/api/rooms', { name: 'B2.14' })).json as { id: string };
    const { page } = await e2e.console('boss');
    await section(page, 'Kiosks');
    const select = page.getByRole('combobox', { name: 'Lokaal van Station Lokaal' });
    await select.selectOption({ label: 'B2.14' });
    await page.getByRole('status').filter({ hasText: 'Kiosk ‘Station Lokaal’ staat nu in B2.14.' }).waitFor();
    expect(await kioskRoom(station.id)).to.equal(room.id);
    await select.selectOption({ label: 'Geen lokaal' });
    await page.getByRole('status').filter({ hasText: 'Kiosk ‘Station Lokaal’ staat nu in geen lokaal.' }).waitFor();
    expect(await kioskRoom(station.id)).to.equal(null);
    await select.selectOption({ label: 'B2.14' });
    await page.getByRole('status').filter({ hasText: 'staat nu in B2.14' }).waitFor();

    const sup = await e2e.console('sup1');
    await section(sup.page, 'Kiosks');
    const row = sup.page.getByRole('row').filter({ has: sup.page.getByRole('rowheader', { name: 'Station Lokaal' }) });
    await row.getByRole('cell', { name: 'B2.14' }).waitFor();
    expect(await sup.page.getByRole('combobox').count()).to.equal(0);
    expect(await sup.page.getByRole('region', { name: 'Safe Exam Browser' }).count()).to.equal(0);
  });

  it('downloads a kiosk’s launch kits, each holding this server’s kiosk address', async () => {
    await pairKiosk(e2e.ts.base, admin, 'Station Kit');
    const { page } = await e2e.console('boss', { acceptDownloads: true });
    await section(page, 'Kiosks');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Station Kit' }) });
    await row.getByRole('button', { name: 'Startbestanden' }).click();
    const dialog = page.getByRole('dialog', { name: 'Startbestanden voor ‘Station Kit’' });
    for (const name of ['Startbestand Linux', 'systemd-service', 'Windows (Edge-kiosk)']) {
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name }).click()]);
      const text = await readFile((await download.path())!, 'utf8');
      expect(text, name).to.contain(`${e2e.ts.base}/kiosk/`);
    }
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('downloads the Safe Exam Browser config for a quit password and shows its Config Key; a short password is refused', async () => {
    const { page } = await e2e.console('boss', { acceptDownloads: true });
    await section(page, 'Kiosks');
    const seb = page.getByRole('region', { name: 'Safe Exam Browser' });
    const password = seb.getByLabel('Wachtwoord om af te sluiten');
    await password.fill('kort');
    await seb.getByRole('button', { name: 'Configuratie downloaden' }).click();
    await seb.getByRole('alert').filter({ hasText: 'Het wachtwoord moet minstens 8 tekens hebben.' }).waitFor();
    await password.fill('Afsluiten-2026');
    const [download] = await Promise.all([page.waitForEvent('download'), seb.getByRole('button', { name: 'Configuratie downloaden' }).click()]);
    expect(download.suggestedFilename()).to.equal('inzage-kiosk.seb');
    const file = await readFile((await download.path())!, 'utf8');
    expect(file).to.contain('<plist').and.contain(`${e2e.ts.base}/kiosk/`);
    const key = await seb.getByRole('textbox', { name: 'Config Key' }).inputValue();
    expect(key).to.match(/^[0-9a-f]{64}$/);
    const direct = await admin.call('POST', '/api/kiosks/seb-config', { quitPassword: 'Afsluiten-2026' });
    expect(direct.headers.get('x-seb-config-key')).to.equal(key);
  });
});
