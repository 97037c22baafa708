/**
 * Rooms in the console end to end (issue 16): the Kiosks screen's 'Lokaal' column and select, the launch kits per
 * kiosk, the Safe Exam Browser config with its Config Key. Real server (the sample fixture), real Chromium; every
 * change is checked on the server too.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { StaffClient, kioskSocket, loggedIn, onlineKiosk, pairKiosk, startReviewOn, type KioskSocket } from '../helpers/server.ts';
import { roomWith } from '../support/rooms.ts';
import { useE2E } from '../support/e2e.ts';

const FINE = {
  browser: 'Chromium', version: '131.0.6778.85', screen: { width: 1920, height: 1080 },
  fullscreen: true, focused: true, visible: true, appVersion: '0.1.0',
};
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

  const rooms = async () => (await admin.call('GET', '/api/rooms')).json as { id: string; name: string; sebRequired: boolean }[];
  const kioskRoom = async (id: string) => ((await admin.call('GET', '/api/kiosks')).json as { id: string; roomId: string | null }[]).find((k) => k.id === id)!.roomId;

  it('adds a room on ‘Lokalen’ and puts a kiosk in it with its row’s select and back in none; supervisors see the room but cannot change it', async () => {
    const station = await pairKiosk(e2e.ts.base, admin, 'Station Lokaal');
    const { page } = await e2e.console('boss');
    await section(page, 'Lokalen');
    await page.getByRole('main').getByLabel('Nieuw lokaal').fill('B2.14');
    await page.getByRole('main').getByRole('button', { name: 'Lokaal toevoegen' }).click();
    const roomRow = page.getByRole('main').getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'B2.14' }) });
    await roomRow.waitFor();
    expect((await roomRow.getByRole('cell').allTextContents()).slice(0, 2)).to.deep.equal(['0', 'Niet vereist']);
    const room = (await rooms()).find((r) => r.name === 'B2.14')!;
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
    // 'Lokalen' counts it, from the live kiosks
    await section(page, 'Lokalen');
    await roomRow.getByRole('cell', { name: '1', exact: true }).waitFor();

    const sup = await e2e.console('sup1');
    await section(sup.page, 'Kiosks');
    const row = sup.page.getByRole('row').filter({ has: sup.page.getByRole('rowheader', { name: 'Station Lokaal' }) });
    await row.getByRole('cell', { name: 'B2.14' }).waitFor();
    expect(await sup.page.getByRole('combobox').count()).to.equal(0);
    expect(await sup.page.getByRole('region', { name: 'Safe Exam Browser' }).count()).to.equal(0);
  });

  it('adds, renames, requires Safe Exam Browser with checked Config Keys, lifts it and removes a room after a confirmation', async () => {
    const { page } = await e2e.console('boss');
    await section(page, 'Lokalen');
    const main = page.getByRole('main');
    await main.getByLabel('Nieuw lokaal').fill('Aula');
    await main.getByRole('button', { name: 'Lokaal toevoegen' }).click();
    await main.getByRole('status').filter({ hasText: 'Lokaal ‘Aula’ is toegevoegd.' }).waitFor();
    const room = () => rooms().then((list) => list.find((r) => r.name.startsWith('Aula')));
    expect((await room())?.sebRequired).to.equal(false);
    // the same name again (case ignored) is the server's conflict, shown in an alert
    await main.getByLabel('Nieuw lokaal').fill('aula');
    await main.getByRole('button', { name: 'Lokaal toevoegen' }).click();
    await main.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    expect((await rooms()).filter((r) => /^aula$/i.test(r.name))).to.have.length(1);

    await main.getByRole('button', { name: 'Hernoemen: Aula' }).click();
    let dialog = page.getByRole('dialog', { name: 'Lokaal hernoemen' });
    await dialog.getByLabel('Nieuwe naam').fill('Aula Noord');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await main.getByRole('status').filter({ hasText: 'Lokaal ‘Aula’ heet nu ‘Aula Noord’.' }).waitFor();
    expect((await room())?.name).to.equal('Aula Noord');

    await main.getByRole('button', { name: 'Safe Exam Browser: Aula Noord' }).click();
    dialog = page.getByRole('dialog', { name: 'Safe Exam Browser in Aula Noord' });
    await dialog.getByRole('checkbox', { name: 'Safe Exam Browser vereisen' }).check();
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Vul minstens één Config Key in.' }).waitFor();
    const good = 'ab'.repeat(32);
    await dialog.getByLabel('Config Keys').fill(`${good}\n\nniet-hex\n${'c'.repeat(63)}`);
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Geen Config Key van 64 hexadecimale tekens op regel 3, 4.' }).waitFor();
    expect((await room())?.sebRequired, 'nothing saved').to.equal(false);
    await dialog.getByLabel('Config Keys').fill(`${good.toUpperCase()}\n`);
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await main.getByRole('status').filter({ hasText: 'Lokaal ‘Aula Noord’ vereist nu Safe Exam Browser.' }).waitFor();
    expect((await room())?.sebRequired).to.equal(true);
    const row = main.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Aula Noord' }) });
    await row.getByRole('cell', { name: 'Vereist', exact: true }).waitFor();

    await main.getByRole('button', { name: 'Safe Exam Browser: Aula Noord' }).click();
    await dialog.getByRole('checkbox', { name: 'Safe Exam Browser vereisen' }).uncheck();
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await main.getByRole('status').filter({ hasText: 'Lokaal ‘Aula Noord’ vereist geen Safe Exam Browser meer.' }).waitFor();
    expect((await room())?.sebRequired).to.equal(false);

    await main.getByRole('button', { name: 'Verwijderen: Aula Noord' }).click();
    const confirm = page.getByRole('dialog', { name: 'Lokaal verwijderen?' });
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    expect(await room()).to.not.equal(undefined);
    await main.getByRole('button', { name: 'Verwijderen: Aula Noord' }).click();
    await confirm.getByRole('button', { name: 'Verwijderen' }).click();
    await main.getByRole('status').filter({ hasText: 'Lokaal ‘Aula Noord’ is verwijderd.' }).waitFor();
    expect(await room()).to.equal(undefined);
    await row.waitFor({ state: 'detached' });
  });

  it('a supervisor bound to one room sees only its kiosks and reviews: Kiosks, ‘Start inzage’, ‘Actieve inzages’, alerts; kept over a reload; ‘Alle lokalen’ shows all', async () => {
    const base = e2e.ts.base;
    const sockets: KioskSocket[] = [];
    try {
      const a1 = await onlineKiosk(base, admin, 'Noord 1');
      const a2 = await onlineKiosk(base, admin, 'Noord 2');
      const b1 = await onlineKiosk(base, admin, 'Zuid 1');
      const b0 = await onlineKiosk(base, admin, 'Aa Zuid');
      sockets.push(a1.socket, a2.socket, b1.socket, b0.socket);
      await roomWith(base, 'Noord', [a1.id, a2.id]);
      await roomWith(base, 'Zuid', [b1.id, b0.id]);
      await startReviewOn(base, admin, a1, 's-bi-120001');
      await startReviewOn(base, admin, b1, 's-bi-120002');

      const { page } = await e2e.console('sup1');
      const active = page.getByRole('complementary', { name: 'Actieve inzages' });
      await active.getByText('Zuid 1').waitFor();
      await active.getByText('Noord 1').waitFor();
      const header = page.getByRole('banner');
      await header.getByText('Mijn lokalen: alle').click();
      const rooms = header.getByRole('group', { name: 'Lokalen waar ik toezicht houd' });
      await rooms.getByRole('checkbox', { name: 'Noord' }).check();
      await header.getByText('Mijn lokalen: Noord').waitFor();
      await active.getByText('1 in andere lokalen').waitFor();
      expect(await active.getByText('Zuid 1').count()).to.equal(0);
      await active.getByText('Noord 1').waitFor();
      const all = active.getByRole('button', { name: 'Alle lokalen tonen' });
      await all.click();
      await active.getByText('Zuid 1').waitFor();
      expect(await all.getAttribute('aria-pressed')).to.equal('true');
      await all.click();
      await active.getByText('Zuid 1').waitFor({ state: 'detached' });

      // the Kiosks screen lists Noord's kiosks only, and says how many it leaves out
      await section(page, 'Kiosks');
      const main = page.getByRole('main');
      // (other tests' kiosks stand elsewhere too)
      await main.getByText(/^\d+ kiosks in andere lokalen worden niet getoond\. Kies ‘Alle lokalen’ onder Mijn lokalen/).waitFor();
      const names = await main.getByRole('rowheader').allTextContents();
      expect(names).to.include.members(['Noord 1', 'Noord 2']);
      expect(names).not.to.include.members(['Zuid 1']);
      expect(names).not.to.include('Aa Zuid');

      // a leave-the-page alert of another room's kiosk is not shown; one of Noord's is
      const report = (k: KioskSocket, fullscreen: boolean) => k.timeout(5000).emitWithAck('kiosk:health', { ...FINE, fullscreen });
      for (const k of [b1.socket, a1.socket]) expect((await report(k, true)).ok).to.equal(true);
      expect((await report(b1.socket, false)).ok).to.equal(true);
      expect((await report(a1.socket, false)).ok).to.equal(true);
      const alerts = page.getByRole('alert').filter({ hasText: 'niet meer schermvullend' });
      await alerts.filter({ hasText: 'Noord 1' }).waitFor();
      expect(await alerts.filter({ hasText: 'Zuid 1' }).count()).to.equal(0);

      // the choice is this login's, kept on the server: a reload keeps it
      await page.reload();
      await page.getByRole('banner').getByText('Mijn lokalen: Noord').waitFor();
      await page.getByRole('complementary', { name: 'Actieve inzages' }).getByText('Noord 1').waitFor();
      expect(await page.getByRole('complementary', { name: 'Actieve inzages' }).getByText('Zuid 1').count()).to.equal(0);

      // 'Start inzage' offers Noord's kiosks only: its free one chosen, no kiosk of Zuid
      await page.goto(`${base}/admin/#/kandidaat/120003?groep=g-bi-1`);
      const kiosk = page.getByRole('main').getByRole('combobox', { name: 'Kiosk' }).first();
      await kiosk.waitFor();
      expect(await kiosk.inputValue()).to.equal(a2.id);
      const offered = await kiosk.getByRole('option').allTextContents();
      expect(offered.filter((o) => o.includes('Zuid')), offered.join(' | ')).to.deep.equal([]);
      expect(offered.some((o) => o.startsWith('Noord 2'))).to.equal(true);

      // 'Alle lokalen' in the header: every room again, and so after a reload
      await page.getByRole('banner').getByText('Mijn lokalen: Noord').click();
      await page.getByRole('banner').getByRole('button', { name: 'Alle lokalen' }).click();
      await page.getByRole('banner').getByText('Mijn lokalen: alle').waitFor();
      await kiosk.getByRole('option', { name: /^Aa Zuid/ }).waitFor({ state: 'attached' });
      await page.getByRole('complementary', { name: 'Actieve inzages' }).getByText('Zuid 1').waitFor();
      await page.reload();
      await page.getByRole('banner').getByText('Mijn lokalen: alle').waitFor();
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it('the room map follows a review live: candidate on its tile, the question it is on, ‘Beëindigen’ confirmed, net beëindigd', async () => {
    const base = e2e.ts.base;
    const k = await onlineKiosk(base, admin, 'Kaart 1');
    const free = await onlineKiosk(base, admin, 'Kaart 2');
    try {
      const roomId = await roomWith(base, 'Kaartlokaal', [k.id, free.id]);
      const { page } = await e2e.console('sup1', { viewport: { width: 800, height: 1100 }, hasTouch: true });
      await page.goto(`${base}/admin/#/lokaal/${roomId}`);
      await page.getByRole('heading', { name: 'Lokaalkaart Kaartlokaal', level: 1 }).waitFor();
      const tiles = page.getByRole('list', { name: 'Kiosks in dit lokaal' });
      const tile = tiles.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kaart 1' }) });
      const other = tiles.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Kaart 2' }) });
      await tile.getByText('vrij', { exact: true }).waitFor();
      await other.getByText('vrij', { exact: true }).waitFor();

      const { payload } = await startReviewOn(base, admin, k, 's-bi-120003');
      await tile.getByText(payload.candidate.name).waitFor();
      await tile.getByText(payload.exam.title).waitFor();
      const total = payload.questions.length;
      await tile.getByText(`Vraag 1 van ${total}`).waitFor();
      const ack = await k.socket.timeout(5000).emitWithAck('review:navigate', { questionId: payload.questions[1].id });
      expect(ack.ok, JSON.stringify(ack)).to.equal(true);
      await tile.getByText(`Vraag 2 van ${total}`).waitFor();
      await other.getByText('vrij', { exact: true }).waitFor();

      // 'Beëindigen' on the tile asks first, as 'Actieve inzages' does
      const end = tile.getByRole('button', { name: `Beëindigen: ${payload.candidate.name} op Kaart 1` });
      const box = (await end.boundingBox())!;
      expect(box.height, 'a touch target').to.be.at.least(44);
      await end.click();
      const dialog = page.getByRole('dialog', { name: 'Inzage beëindigen?' });
      await dialog.getByRole('button', { name: 'Beëindigen' }).click();
      await tile.getByText('net beëindigd').waitFor();
      await tile.getByText(payload.candidate.name).waitFor();
      expect((await admin.call('GET', '/api/reviews')).json.filter((r: { kioskId: string }) => r.kioskId === k.id)).to.deep.equal([]);

      // a kiosk going offline shows on its tile
      free.socket.close();
      await other.getByText('offline', { exact: true }).waitFor();
    } finally {
      k.socket.close();
      free.socket.close();
    }
  });

  it('shows ‘Geweigerd: geen Safe Exam Browser’ for a kiosk of a room requiring SEB that connects without it', async () => {
    const station = await pairKiosk(e2e.ts.base, admin, 'Station SEB');
    const roomId = await roomWith(e2e.ts.base, 'SEB-lokaal', [station.id]);
    expect((await admin.call('PATCH', `/api/rooms/${roomId}`, { seb: { configKeys: ['cd'.repeat(32)] } })).status).to.equal(200);
    const { page } = await e2e.console('sup1');
    await section(page, 'Kiosks');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Station SEB' }) });
    await row.waitFor();
    expect(await row.getByText('Geweigerd: geen Safe Exam Browser').count()).to.equal(0);
    // the station connects as a plain browser: refused at the handshake
    const socket = kioskSocket(e2e.ts.base, station.token);
    try {
      const refused = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (e: Error) => resolve(e.message));
      });
      expect(refused).to.equal('seb-required');
    } finally {
      socket.close();
    }
    await row.getByText('Geweigerd: geen Safe Exam Browser').waitFor();
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
