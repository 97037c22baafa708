/**
 * A running review for console tests that need one on screen ('Actieve inzages', a busy kiosk): pairs a
 * simulated kiosk (a real socket.io client that acknowledges `review:started` as a kiosk does) and starts a
 * review of `sittingId` on it over the HTTP API, approved by `approver`. Close the returned socket afterwards.
 */
import { expect } from 'chai';
import { connectKiosk, loggedIn, once, pairKiosk, type KioskSocket } from '../helpers/server.ts';

export async function startRunningReview(base: string, approver: string, sittingId = 's-bi-120001', kioskName = 'Station 3'): Promise<KioskSocket> {
  const station = await pairKiosk(base, await loggedIn(base, 'boss'), kioskName);
  const kiosk = (await connectKiosk(base, station.token)).socket;
  const started = once(kiosk, 'review:started');
  const r = await (await loggedIn(base, approver)).call('POST', '/api/reviews', { sittingId, kioskId: station.id });
  expect(r.status, r.text).to.equal(201);
  await started;
  return kiosk;
}
