/**
 * The console's live lists from deltas (docs/design.md: Consoles: lists as deltas; issue 17), end to end: real
 * server, real Chromium, simulated kiosks as real socket.io clients. 'Actieve inzages' and the Kiosks screen follow
 * starts, ends, renames, a kiosk going offline and an unpairing while the socket carries the full lists once (at
 * connect) and then only `lists:delta`; a delta from another server run makes the console ask `lists:sync`.
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { PASSWORD, connectKiosk, loggedIn, once, pairKiosk, type KioskSocket, type PairedKiosk, type StaffClient, type TestServer } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

const CONFIG = { loginFreeFailuresPerIp: 1000, loginFreeFailuresPerAccountIp: 100, loginFreeFailuresPerAccount: 100 };

/**
 * The Socket.IO events on /admin a page received and sent, by event name, in order: over HTTP long-polling (the
 * connection starts there; a poll's body holds packets separated by U+001E) and over the websocket after the upgrade.
 */
function socketEvents(page: Page): { received: string[]; sent: string[] } {
  const log = { received: [] as string[], sent: [] as string[] };
  const eventsOf = (payload: string | Buffer | null) => String(payload ?? '').split('\x1e')
    .map((packet) => /^42\/admin,(?:\d+)?\["([^"]+)"/.exec(packet)?.[1]).filter((e): e is string => !!e);
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => log.received.push(...eventsOf(payload)));
    ws.on('framesent', ({ payload }) => log.sent.push(...eventsOf(payload)));
  });
  page.on('request', (req) => {
    if (req.url().includes('/socket.io/') && req.method() === 'POST') log.sent.push(...eventsOf(req.postData()));
  });
  page.on('response', async (res) => {
    if (!res.url().includes('/socket.io/') || res.request().method() !== 'GET') return;
    log.received.push(...eventsOf(await res.text().catch(() => '')));
  });
  return log;
}
const count = (events: string[], name: string) => events.filter((e) => e === name).length;

describe('console (e2e): Actieve inzages and Kiosks live from deltas', function () {
  this.timeout(90_000);
  const e2e = useE2E({ server: { config: CONFIG }, noPageErrors: true });
  let ts: TestServer;
  let boss: StaffClient;
  let sup1: StaffClient;
  let stationA: PairedKiosk;
  let stationB: PairedKiosk;
  let kioskA: KioskSocket;
  let kioskB: KioskSocket;

  before(async () => {
    ({ ts } = e2e);
    [boss, sup1] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    stationA = await pairKiosk(ts.base, boss, 'Station Delta A');
    stationB = await pairKiosk(ts.base, boss, 'Station Delta B');
    kioskA = (await connectKiosk(ts.base, stationA.token)).socket;
    kioskB = (await connectKiosk(ts.base, stationB.token)).socket;
  });
  after(() => {
    kioskA.close();
    kioskB.close();
  });

  it('updates both screens from lists:delta, with the full lists only at connect; a foreign delta makes it sync', async () => {
    // the websocket listener goes on before the console loads, so it sees every frame
    const context = await e2e.context({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const frames = socketEvents(page);
    await page.goto(`${ts.base}/admin/`);
    await page.getByLabel('Gebruikersnaam').fill('sup2');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD('sup2'));
    await page.getByRole('button', { name: 'Inloggen' }).click();

    await page.getByRole('navigation').getByRole('link', { name: 'Kiosks' }).click();
    const kiosks = page.getByRole('table', { name: /Gekoppelde kiosks/ });
    const panel = page.getByRole('complementary', { name: 'Actieve inzages' });
    const rowA = () => kiosks.getByRole('row', { name: /Station Delta A/ });
    await rowA().getByText('online').waitFor();
    await panel.getByText('Er lopen geen inzages.').waitFor();
    await eventually(() => count(frames.received, 'lists:version') === 1, { what: 'the version after the full lists' });
    const fullsAtConnect = count(frames.received, 'kiosks:updated');
    expect(fullsAtConnect).to.equal(1);

    // a start: the panel lists it, the kiosk row says whose review it runs
    const started = once(kioskA, 'review:started');
    const r = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: stationA.id });
    expect(r.status, r.text).to.equal(201);
    await started;
    await panel.getByRole('button', { name: 'Beëindigen: Sanne de Vries op Station Delta A' }).waitFor();
    await rowA().getByText('in inzage: Sanne de Vries').waitFor();

    // a rename, and the other kiosk going offline
    expect((await boss.call('PATCH', `/api/kiosks/${stationB.id}`, { name: 'Station Delta B2' })).status).to.equal(200);
    await kiosks.getByRole('row', { name: /Station Delta B2/ }).getByText('online').waitFor();
    kioskB.close();
    await kiosks.getByRole('row', { name: /Station Delta B2/ }).getByText('offline').waitFor();

    // the end: gone from the panel, the station free again
    expect((await sup1.call('DELETE', `/api/reviews/${r.json.id}`)).status).to.equal(204);
    await panel.getByText('Er lopen geen inzages.').waitFor();
    await rowA().getByText('in inzage', { exact: false }).waitFor({ state: 'detached' });

    // a delta from another server run (another epoch) is not applied: the console asks for the full lists
    const syncs = count(frames.sent, 'lists:sync');
    ts.app.io.of('/admin').emit('lists:delta', { epoch: 'another-run', seq: 1, kiosks: { upsert: [], removed: [stationA.id] } });
    await eventually(() => count(frames.sent, 'lists:sync') === syncs + 1, { what: 'the console asks lists:sync' });
    await eventually(() => count(frames.received, 'kiosks:updated') === fullsAtConnect + 1, { what: 'the full lists again' });
    await rowA().getByText('online').waitFor();

    // an unpairing after the sync still arrives as a delta
    const deltasBefore = count(frames.received, 'lists:delta');
    expect((await boss.call('DELETE', `/api/kiosks/${stationB.id}`, {})).status).to.equal(204);
    await kiosks.getByRole('row', { name: /Station Delta B2/ }).waitFor({ state: 'detached' });
    expect(count(frames.received, 'lists:delta')).to.be.greaterThan(deltasBefore);
    expect(count(frames.received, 'kiosks:updated')).to.equal(fullsAtConnect + 1);
    expect(count(frames.received, 'reviews:updated')).to.equal(fullsAtConnect + 1);
    expect(count(frames.received, 'lists:delta')).to.be.at.least(5);
  });
});
