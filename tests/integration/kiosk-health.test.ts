/**
 * Kiosk health (issue 16, item 3): a paired kiosk's `kiosk:health` is validated and kept in memory for
 * `GET /api/kiosks`; during a review, leaving fullscreen, the focus or visibility alerts the consoles
 * (`kiosk:alert`, then `kiosk:back`) and is audited once per burst; outside a review nothing is alerted or audited.
 */
import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import type { KioskHealth } from '../../shared/protocol.ts';
import {
  consoleSocket, heardDuring, kioskSocket, loggedIn, once, onlineKiosk, startReviewOn, startTestServer,
  type KioskSocket, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

const T0 = Date.parse('2026-06-05T10:00:00Z');
const FINE: KioskHealth = {
  browser: 'Chromium', version: '131.0.6778.85', screen: { width: 1920, height: 1080 },
  fullscreen: true, focused: true, visible: true, appVersion: '0.1.0',
};

describe('kiosk health', function () {
  this.timeout(60_000);
  let ts: TestServer;
  let clock: FakeClock;
  let boss: StaffClient;
  let sup: StaffClient;
  const closing: { close(): unknown }[] = [];
  beforeEach(async () => {
    clock = new FakeClock(T0);
    ts = await startTestServer({ clock });
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
  });
  afterEach(async () => {
    for (const s of closing.splice(0)) s.close();
    await ts.close();
  });

  const report = (socket: KioskSocket, h: unknown) => socket.timeout(5000).emitWithAck('kiosk:health', h as KioskHealth);
  const leftLines = async () => (await ts.store.audit.readAll()).filter((e) => e.action === 'kiosk.left-page');
  async function kiosk(name: string) {
    const k = await onlineKiosk(ts.base, boss, name);
    closing.push(k.socket);
    return k;
  }
  async function console_() {
    const c = consoleSocket(ts.base, sup);
    closing.push(c);
    await once(c, 'reviews:updated');
    return c;
  }

  it('keeps the last valid report for GET /api/kiosks; an invalid one gets a coded ack and changes nothing', async () => {
    const k = await kiosk('Station 1');
    const listed = async () => (await boss.call('GET', '/api/kiosks')).json.find((x: { id: string }) => x.id === k.id);
    expect((await listed()).health).to.equal(null);
    expect(await report(k.socket, FINE)).to.deep.equal({ ok: true });
    for (const bad of [
      { ...FINE, fullscreen: 'yes' },
      { ...FINE, screen: { width: -1, height: 10 } },
      { ...FINE, extra: 1 },
      { ...FINE, browser: 'x'.repeat(61) },
      null,
    ]) {
      const ack = await report(k.socket, bad);
      expect(ack, JSON.stringify(bad)).to.deep.include({ ok: false });
      expect(ack.error.code).to.equal('invalid-input');
    }
    const row = await listed();
    expect(row.health).to.deep.equal({ ...FINE, at: new Date(T0).toISOString() });
    expect(row).to.have.property('lastSeenAt');
    // memory only: nothing of it in the stored kiosk
    expect(JSON.stringify(ts.store.kiosks.all())).not.to.contain('131.0.6778.85');
  });

  it('refuses a report from an unpaired socket', async () => {
    const s = kioskSocket(ts.base);
    closing.push(s);
    await once(s, 'pairing:code');
    const ack = await report(s, FINE);
    expect(ack.ok).to.equal(false);
    expect(ack.error.code).to.equal('no-review');
  });

  it('outside a review: no alert and no audit line', async () => {
    const k = await kiosk('Station 2');
    const c = await console_();
    await report(k.socket, FINE);
    const heard = await heardDuring(c, 'kiosk:alert', () => report(k.socket, { ...FINE, fullscreen: false, focused: false }));
    expect(heard).to.deep.equal([]);
    expect(await leftLines()).to.deep.equal([]);
  });

  it('during a review: alerts the consoles until the kiosk is back, audited once per burst with a count', async () => {
    const k = await kiosk('Station 3');
    const c = await console_();
    await report(k.socket, FINE);
    const { review } = await startReviewOn(ts.base, sup, k, 's-bi-120003');

    const alert = once(c, 'kiosk:alert');
    expect(await report(k.socket, { ...FINE, fullscreen: false })).to.deep.equal({ ok: true });
    expect(await alert).to.deep.include({ kioskId: k.id, kioskName: 'Station 3', reviewId: review.id, what: 'fullscreen' });
    expect((await alert).candidateName).to.be.a('string').and.not.equal('');
    let lines = await leftLines();
    expect(lines.map((e) => [e.target, e.details.what, e.actor])).to.deep.equal([[review.id, 'fullscreen', 'kiosk:Station 3']]);

    // still out of fullscreen, also hidden: a new alert of its own; not back yet
    const hidden = once(c, 'kiosk:alert');
    await report(k.socket, { ...FINE, fullscreen: false, visible: false, focused: false });
    expect((await hidden).what).to.be.oneOf(['focus', 'hidden']);
    // a console that connects while the alert is open gets it at once
    const late = consoleSocket(ts.base, sup);
    closing.push(late);
    const open = await once(late, 'kiosk:alert');
    expect(open).to.deep.include({ kioskId: k.id, reviewId: review.id });
    const back = once(c, 'kiosk:back');
    await report(k.socket, FINE);
    expect(await back).to.deep.include({ kioskId: k.id, reviewId: review.id });

    // flapping: each leaving alerts, the audit log gets no new first lines, only a count when the burst closes
    const before = (await leftLines()).length;
    for (let i = 0; i < 20; i++) {
      const again = once(c, 'kiosk:alert');
      await report(k.socket, { ...FINE, fullscreen: false });
      await again;
      await report(k.socket, FINE);
    }
    expect((await leftLines()).length).to.equal(before);
    clock.advance(61_000);
    const summary = await eventually(async () => (await leftLines()).find((e) => e.details.repeats) ?? false, { what: 'the burst summary' });
    const fullscreen = (summary.details.repeats as { what: string; count: number }[]).find((r) => r.what === 'fullscreen');
    expect(fullscreen?.count).to.equal(20);
    lines = await leftLines();
    expect(lines.length).to.equal(before + 1);
  });
});
