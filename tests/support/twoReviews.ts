/** Two paired kiosks, each with a review started on it by a supervisor: for tests of what one may see of the other's. */
import { expect } from 'chai';
import type { ReviewPayload } from '../../shared/protocol.ts';
import { connectKiosk, loggedIn, once, pairKiosk, type KioskSocket, type StaffClient, type TestServer } from '../helpers/server.ts';

export interface TwoReviews { sup: StaffClient; kioskA: KioskSocket; kioskB: KioskSocket; payloadA: ReviewPayload; payloadB: ReviewPayload }

/** Reviews of sitting `a` on 'Station A' and of sitting `b` on 'Station B'; close the kiosks after. */
export async function reviewsOnTwoKiosks(ts: TestServer, a: string, b: string): Promise<TwoReviews> {
  const boss = await loggedIn(ts.base, 'boss');
  const sup = await loggedIn(ts.base, 'sup1');
  const [pa, pb] = [await pairKiosk(ts.base, boss, 'Station A'), await pairKiosk(ts.base, boss, 'Station B')];
  const kioskA = (await connectKiosk(ts.base, pa.token)).socket;
  const kioskB = (await connectKiosk(ts.base, pb.token)).socket;
  const startedA = once<ReviewPayload>(kioskA, 'review:started');
  expect((await sup.call('POST', '/api/reviews', { sittingId: a, kioskId: pa.id })).status).to.equal(201);
  const payloadA = await startedA;
  const startedB = once<ReviewPayload>(kioskB, 'review:started');
  expect((await sup.call('POST', '/api/reviews', { sittingId: b, kioskId: pb.id })).status).to.equal(201);
  const payloadB = await startedB;
  return { sup, kioskA, kioskB, payloadA, payloadB };
}
