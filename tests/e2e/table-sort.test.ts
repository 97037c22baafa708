/**
 * The console's other tables sort from their headers like the groups and results do (table-sort.ts): 'Kiosks'
 * (name, room, status, last seen), 'Medewerkers' (person, role, state) and 'Opmerkingen' (candidate, question,
 * kind, status). Each sortable header holds a real button and carries `aria-sort`. Real server, real Chromium,
 * kiosks as real socket.io clients; the remarks are placed by those kiosks.
 */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import {
  type KioskSocket, connectKiosk, loggedIn, onlineKiosk, pairKiosk, startReviewOn, type StaffClient,
} from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';

async function section(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** the text of each body row's header cell (the row's name), first line only */
const rowNames = async (table: Locator) =>
  (await table.locator('tbody th[scope="row"]').allInnerTexts()).map((t) => t.trim().split('\n')[0]!.trim());

const sortBy = async (table: Locator, column: string) => {
  await table.getByRole('columnheader', { name: column }).getByRole('button').click();
};
const sortOf = (table: Locator, column: string) => table.getByRole('columnheader', { name: column }).getAttribute('aria-sort');

describe('console tables sort from their headers: kiosks, staff, remarks', function () {
  this.timeout(90_000);
  const e2e = useE2E({ noPageErrors: true });
  let boss: StaffClient, sup1: StaffClient;
  const sockets: KioskSocket[] = [];

  before(async () => {
    [boss, sup1] = await Promise.all([loggedIn(e2e.ts.base, 'boss'), loggedIn(e2e.ts.base, 'sup1')]);
  });
  after(() => { for (const s of sockets) s.close(); });

  it("sorts 'Kiosks' by name, status and last seen", async () => {
    // 'Station C' was seen once and went away; 'Station A' is online; 'Station B' is online with a review
    const c = await pairKiosk(e2e.ts.base, boss, 'Station C');
    const seen = await connectKiosk(e2e.ts.base, c.token);
    seen.socket.close();
    const a = await onlineKiosk(e2e.ts.base, boss, 'Station A');
    const b = await onlineKiosk(e2e.ts.base, boss, 'Station B');
    sockets.push(a.socket, b.socket);
    await startReviewOn(e2e.ts.base, sup1, b, 's-bi-120001');

    const { page } = await e2e.console('boss');
    await section(page, 'Kiosks');
    const table = page.getByRole('table', { name: /Gekoppelde kiosks/ });
    // C's disconnect reaches the server on its own time: wait until the console shows it offline
    await table.getByRole('row', { name: /Station C/ }).getByText('offline', { exact: true }).waitFor();
    await table.getByRole('row', { name: /Station B/ }).getByText(/in inzage/).waitFor();
    expect(await sortOf(table, 'Naam')).to.equal('ascending');
    expect(await rowNames(table)).to.deep.equal(['Station A', 'Station B', 'Station C']);
    await sortBy(table, 'Naam');
    expect(await sortOf(table, 'Naam')).to.equal('descending');
    expect(await rowNames(table)).to.deep.equal(['Station C', 'Station B', 'Station A']);
    // status: in review, then free, then offline
    await sortBy(table, 'Status');
    expect([await sortOf(table, 'Status'), await sortOf(table, 'Naam')]).to.deep.equal(['ascending', 'none']);
    expect(await rowNames(table)).to.deep.equal(['Station B', 'Station A', 'Station C']);
    // last seen, newest first on the second press: the online ones ("nu") before the one seen earlier
    await sortBy(table, 'Laatst gezien');
    await sortBy(table, 'Laatst gezien');
    expect(await sortOf(table, 'Laatst gezien')).to.equal('descending');
    expect((await rowNames(table)).at(-1)).to.equal('Station C');
  });

  it("sorts 'Medewerkers' by role and state", async () => {
    const { page } = await e2e.console('boss');
    await section(page, 'Medewerkers');
    const table = page.getByRole('table', { name: /Medewerkers/ });
    await table.getByRole('row', { name: /boss/ }).waitFor();
    const roles = async () => (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((t) => t.trim());
    expect(await sortOf(table, 'Rol')).to.equal('none');
    await sortBy(table, 'Rol');
    expect(await sortOf(table, 'Rol')).to.equal('ascending');
    const up = await roles();
    expect(up[0]).to.equal('Beheerder');
    expect(up.at(-1)).to.equal('Toezichthouder');
    await sortBy(table, 'Rol');
    expect(await sortOf(table, 'Rol')).to.equal('descending');
    expect(await roles()).to.deep.equal([...up].reverse());
  });

  it("sorts 'Opmerkingen' by question and status", async () => {
    const k = await onlineKiosk(e2e.ts.base, boss, 'Station R');
    sockets.push(k.socket);
    await startReviewOn(e2e.ts.base, sup1, k, 's-bi-120003');
    const remark = (questionId: string, text: string) =>
      k.socket.timeout(5000).emitWithAck('review:remark', { questionId, kind: 'other', text } as never) as Promise<any>;
    expect((await remark('bi7', 'Vraag zeven was onduidelijk.')).ok).to.equal(true);
    expect((await remark('bi2', 'Vraag twee heeft twee goede antwoorden.')).ok).to.equal(true);

    const { page } = await e2e.console('sup1');
    await section(page, 'Opmerkingen');
    const table = page.getByRole('table', { name: /Opmerkingen van kandidaten/ });
    const texts = async () => (await table.locator('tbody td.text').allInnerTexts()).map((t) => t.trim());
    await table.getByRole('row').filter({ hasText: 'Vraag zeven' }).waitFor();
    await sortBy(table, 'Vraag');
    expect(await sortOf(table, 'Vraag')).to.equal('ascending');
    expect(await texts()).to.deep.equal(['Vraag twee heeft twee goede antwoorden.', 'Vraag zeven was onduidelijk.']);
    await sortBy(table, 'Vraag');
    expect(await sortOf(table, 'Vraag')).to.equal('descending');
    expect(await texts()).to.deep.equal(['Vraag zeven was onduidelijk.', 'Vraag twee heeft twee goede antwoorden.']);
    await sortBy(table, 'Status');
    expect([await sortOf(table, 'Status'), await sortOf(table, 'Vraag')]).to.deep.equal(['ascending', 'none']);
  });
});
