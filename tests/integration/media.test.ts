/**
 * Issue 13, point 5: the pictures of exam content are served by the server itself, `GET /api/media/:file`, only to
 * logged-in staff and to a kiosk through the grant in its active review's payload, for a file that review's exam
 * shows. Refused: anonymous, a kiosk without a review, a kiosk whose review is of another exam, after the review
 * ended, a tampered grant, a path that tries to leave the media folder. The real BBQs package (the zip as
 * committed) and the real Saxony package are the exams.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importData } from '../../server/import/index.ts';
import { packageFromFolder, packageFromZip, readQtiPackage } from '../../server/import/qti/index.ts';
import type { ReviewPayload } from '../../shared/protocol.ts';
import { once, startTestServer, type KioskSocket, type StaffClient, type TestServer } from '../helpers/server.ts';
import { BBQS, SAXONY, withSitting } from '../support/qti.ts';
import { reviewsOnTwoKiosks } from '../support/twoReviews.ts';

const CUBIC = readFileSync(`${BBQS}/id-992e8bd3c9ac/images/cubic_xpw3d6m2xp3.png`);
const CUBIC_NAME = `${createHash('sha256').update(CUBIC).digest('hex')}.png`;
const BRIDGE = readFileSync(`${SAXONY}/media/f88c5aa2c6724a388fdbadc7133eb757.jpg`);
const BRIDGE_NAME = `${createHash('sha256').update(BRIDGE).digest('hex')}.jpg`;

function read(r: ReturnType<typeof readQtiPackage>) {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

/** Every media URL in a payload (HTML sources and pictures of parts). */
function mediaUrls(payload: unknown): string[] {
  return [...JSON.stringify(payload).matchAll(/\/api\/media\/[0-9a-f]{64}\.(?:png|jpg|gif|webp)\?k=[^"\\]+/g)].map((m) => m[0]);
}

async function get(ts: TestServer, path: string, cookie?: string) {
  const r = await fetch(ts.base + path, { headers: cookie ? { cookie } : {} });
  return { status: r.status, headers: r.headers, body: new Uint8Array(await r.arrayBuffer()) };
}

describe('GET /api/media: pictures to staff, and to the kiosk whose active review shows them', function () {
  this.timeout(60_000);
  let ts: TestServer;
  let sup: StaffClient;
  let kioskA: KioskSocket;
  let kioskB: KioskSocket;
  let payloadA: ReviewPayload;
  let payloadB: ReviewPayload;

  before(async () => {
    ts = await startTestServer({ data: null });
    const bbqs = read(readQtiPackage(packageFromZip(readFileSync(`${BBQS}/BBQsTest.zip`), 'BBQsTest.zip')));
    const saxony = read(readQtiPackage(packageFromFolder(SAXONY)));
    const one = await importData(ts.store, withSitting(bbqs.file, { candidate: '150001', group: 'g-bbqs', sitting: 's-bbqs' }), { media: bbqs.media });
    const two = await importData(ts.store, withSitting(saxony.file, { candidate: '150002', group: 'g-sax', sitting: 's-sax' }), { media: saxony.media });
    expect(one.ok && two.ok, JSON.stringify([one, two]).slice(0, 2000)).to.equal(true);
    // the real BBQs package: all 22 items, its photos on flickr left out with a warning each, its own picture stored
    expect(ts.store.content.exam('SPECTATUS-GENERATED-TEST')!.questions).to.have.length(22);
    expect(bbqs.warnings.filter((w) => w.includes('is on another server'))).to.have.length(4);
    expect([...bbqs.media.keys()]).to.deep.equal([CUBIC_NAME]);
    ({ sup, kioskA, kioskB, payloadA, payloadB } = await reviewsOnTwoKiosks(ts, 's-bbqs', 's-sax'));
  });

  after(async () => {
    kioskA?.close();
    kioskB?.close();
    await ts?.close();
  });

  const urlOf = (payload: ReviewPayload, name: string) => mediaUrls(payload).find((u) => u.startsWith(`/api/media/${name}?`))!;

  it('gives the kiosk its review\'s pictures through signed URLs, private and not to be stored', async () => {
    expect(mediaUrls(payloadA).length).to.be.greaterThan(0);
    expect(JSON.stringify(payloadA)).not.to.match(/\/api\/media\/[0-9a-f]{64}\.\w+"/); // every URL carries its grant
    const r = await get(ts, urlOf(payloadA, CUBIC_NAME));
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.equal('image/png');
    expect(r.headers.get('cache-control')).to.equal('private, no-store');
    expect(r.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(Buffer.from(r.body).equals(CUBIC)).to.equal(true);
    const other = await get(ts, urlOf(payloadB, BRIDGE_NAME));
    expect(other.status).to.equal(200);
    expect(other.headers.get('content-type')).to.equal('image/jpeg');
  });

  it('gives logged-in staff any stored picture, to be cached for good (its name is its content)', async () => {
    const r = await get(ts, `/api/media/${BRIDGE_NAME}`, sup.cookie);
    expect(r.status).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('private, max-age=31536000, immutable');
    expect(Buffer.from(r.body).equals(BRIDGE)).to.equal(true);
    expect((await get(ts, `/api/media/${'0'.repeat(64)}.png`, sup.cookie)).status).to.equal(404);
  });

  it('refuses anyone else: anonymous, and a kiosk without a review', async () => {
    expect((await get(ts, `/api/media/${CUBIC_NAME}`)).status).to.equal(401);
    // a grant for a review that does not exist, even one signed with the server's own key
    const unknown = ts.app.ctx.grants.grant('00000000-0000-4000-8000-000000000000', CUBIC_NAME);
    expect((await get(ts, `/api/media/${CUBIC_NAME}?k=${unknown}`)).status).to.equal(403);
  });

  it('refuses a kiosk a picture its review\'s exam does not show, even with a grant signed for it', async () => {
    // kiosk B reviews Saxony; the BBQs picture with B's own review, signed by the server's key
    const forged = ts.app.ctx.grants.grant(payloadB.id, CUBIC_NAME);
    expect((await get(ts, `/api/media/${CUBIC_NAME}?k=${forged}`)).status).to.equal(403);
    // and the grant for one file does not open another
    const grantA = urlOf(payloadA, CUBIC_NAME).split('?k=')[1]!;
    expect((await get(ts, `/api/media/${BRIDGE_NAME}?k=${grantA}`)).status).to.equal(403);
  });

  it('refuses a tampered grant', async () => {
    const url = urlOf(payloadA, CUBIC_NAME);
    const [path, grant] = url.split('?k=') as [string, string];
    const [review, sig] = grant.split('.') as [string, string];
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect((await get(ts, `${path}?k=${review}.${flipped}`)).status).to.equal(403);
    expect((await get(ts, `${path}?k=${payloadB.id}.${sig}`)).status).to.equal(403);
    expect((await get(ts, `${path}?k=`)).status).to.equal(403);
  });

  it('refuses a path that tries to leave the media folder', async () => {
    const grant = urlOf(payloadA, CUBIC_NAME).split('?k=')[1]!;
    for (const path of ['..%2Fsecret', '..%2F..%2Fstate.json', `%2E%2E%2F${CUBIC_NAME}`, `${CUBIC_NAME}%00.png`, `${CUBIC_NAME.toUpperCase()}`]) {
      const staff = await get(ts, `/api/media/${path}`, sup.cookie);
      expect(staff.status, path).to.equal(404);
      expect((await get(ts, `/api/media/${path}?k=${grant}`)).status, path).to.equal(403);
    }
    const bare = await get(ts, '/api/media/../secret', sup.cookie); // a client normalises this to /api/secret
    expect(bare.status).to.equal(404);
    expect(JSON.parse(Buffer.from(bare.body).toString())).to.deep.equal({ error: { code: 'not-found', message: 'Niet gevonden.' } });
  });

  it('refuses the kiosk\'s URL once its review has ended', async () => {
    const url = urlOf(payloadA, CUBIC_NAME);
    expect((await get(ts, url)).status).to.equal(200);
    const ended = once(kioskA, 'review:ended');
    expect((await sup.call('DELETE', `/api/reviews/${payloadA.id}`)).status).to.equal(204);
    await ended;
    expect((await get(ts, url)).status).to.equal(403);
  });
});
