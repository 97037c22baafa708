/**
 * Issue 14 item 7: while a review's kiosk is offline, `ReviewDto.offlineEndsAt` says when the review ends unless the
 * kiosk is back — the end of the grace period, or the time limit if that comes first — and is null once it is back.
 * Consoles hear it in `reviews:updated`. Real server and sockets, the fake clock.
 */
import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import { connectKiosk, consoleSocket, loggedIn, once, pairKiosk, startTestServer, type TestServer } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

describe('reviews: when a review with its kiosk offline ends', function () {
  this.timeout(60_000);
  const t0 = Date.parse('2026-06-05T10:00:00Z');
  const clock = new FakeClock(t0);
  let ts: TestServer;

  before(async () => {
    ts = await startTestServer({ clock, config: { graceMs: 60_000 } });
  });
  after(() => ts.close());

  it('says the grace period’s end while the kiosk is away, the time limit when that is sooner, and null when it is back', async () => {
    const [sup, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
    const k = await pairKiosk(ts.base, boss, 'Station 1');
    const kiosk = (await connectKiosk(ts.base, k.token)).socket;
    const consoleIo = consoleSocket(ts.base, sup);
    try {
      const started = once(kiosk, 'review:started');
      const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      await started;
      const review = async () => ((await sup.call('GET', '/api/reviews')).json as { id: string; kioskOnline: boolean; offlineEndsAt: string | null; endsAt: string }[])[0]!;
      expect((await review()).offlineEndsAt).to.equal(null);

      const heard: { offlineEndsAt: string | null }[][] = [];
      consoleIo.on('reviews:updated', (list: { offlineEndsAt: string | null }[]) => heard.push(list));
      clock.advance(1000);
      kiosk.disconnect();
      await eventually(async () => !(await review()).kioskOnline);
      const graceEnd = new Date(t0 + 1000 + 60_000).toISOString();
      expect((await review()).offlineEndsAt).to.equal(graceEnd);
      await eventually(() => heard.some((list) => list[0]?.offlineEndsAt === graceEnd));

      const back = once(kiosk, 'kiosk:state');
      kiosk.connect();
      await back;
      await eventually(async () => (await review()).kioskOnline);
      expect((await review()).offlineEndsAt).to.equal(null);

      // 20 seconds before the time limit, the limit comes before the grace period's end
      const endsAt = Date.parse((await review()).endsAt);
      clock.set(endsAt - 20_000);
      kiosk.disconnect();
      await eventually(async () => !(await review()).kioskOnline);
      expect((await review()).offlineEndsAt).to.equal(new Date(endsAt).toISOString());
    } finally {
      consoleIo.close();
      kiosk.close();
    }
  });
});
