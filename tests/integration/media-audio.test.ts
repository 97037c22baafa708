/**
 * Issue 13, point 5, sound: a QTI item's audio (a WAV made in the test, `tests/support/sounds.ts`) and its
 * captions are stored content-addressed and served by the server itself, in parts as a media element asks
 * (Range: 206 Partial Content), to the kiosk whose active review's exam plays them, and to no other kiosk; the
 * pages' CSP lets media load from the server itself only.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { importData } from '../../server/import/index.ts';
import type { ReviewPayload } from '../../shared/protocol.ts';
import { startTestServer, type KioskSocket, type TestServer } from '../helpers/server.ts';
import { withSitting } from '../support/qti.ts';
import { reviewsOnTwoKiosks } from '../support/twoReviews.ts';
import { listeningPackage, SIGNATURES, wav } from '../support/sounds.ts';

const SOUND = wav(0.5);
const SOUND_NAME = `${createHash('sha256').update(SOUND).digest('hex')}.wav`;
const VTT_NAME = `${createHash('sha256').update(SIGNATURES.vtt).digest('hex')}.vtt`;

async function get(ts: TestServer, path: string, headers: Record<string, string> = {}) {
  const r = await fetch(ts.base + path, { headers });
  return { status: r.status, headers: r.headers, body: new Uint8Array(await r.arrayBuffer()) };
}

describe('GET /api/media: sound and captions to the kiosk whose active review plays them, in parts', function () {
  this.timeout(60_000);
  let ts: TestServer;
  let kioskA: KioskSocket;
  let kioskB: KioskSocket;
  let payloadA: ReviewPayload;
  let payloadB: ReviewPayload;

  before(async () => {
    ts = await startTestServer({ data: null });
    const listening = listeningPackage('luistertoets', SOUND);
    const other = listeningPackage('andere-toets', wav(0.25));
    const one = await importData(ts.store, withSitting(listening.file, { candidate: '150001', group: 'g-luister', sitting: 's-luister' }), { media: listening.media });
    const two = await importData(ts.store, withSitting(other.file, { candidate: '150002', group: 'g-ander', sitting: 's-ander' }), { media: other.media });
    expect(one.ok && two.ok, JSON.stringify([one, two]).slice(0, 2000)).to.equal(true);
    ({ kioskA, kioskB, payloadA, payloadB } = await reviewsOnTwoKiosks(ts, 's-luister', 's-ander'));
  });

  after(async () => {
    kioskA?.close();
    kioskB?.close();
    await ts?.close();
  });

  const urlOf = (payload: ReviewPayload, name: string) => {
    const m = new RegExp(`/api/media/${name.replace('.', '\\.')}\\?k=[^"\\\\]+`).exec(JSON.stringify(payload));
    if (!m) throw new Error(`no URL of ${name} in the payload`);
    return m[0];
  };

  it('stores the sound and its captions, and the item plays them with controls, through signed URLs', () => {
    expect(ts.store.media.has(SOUND_NAME)).to.equal(true);
    expect(ts.store.media.has(VTT_NAME)).to.equal(true);
    const stem = payloadA.questions[0]!.stem;
    expect(stem).to.match(new RegExp(`<audio controls><source src="/api/media/${SOUND_NAME}\\?k=[^"]+" type="audio/wav" /><track kind="captions" src="/api/media/${VTT_NAME}\\?k=[^"]+" srclang="nl" label="Nederlands" /></audio>`));
  });

  it('answers a Range request with 206 and the part asked for, and a whole request with 200', async () => {
    const url = urlOf(payloadA, SOUND_NAME);
    const part = await get(ts, url, { range: 'bytes=0-43' });
    expect(part.status).to.equal(206);
    expect(part.headers.get('content-range')).to.equal(`bytes 0-43/${SOUND.byteLength}`);
    expect(part.headers.get('content-type')).to.equal('audio/wav');
    expect(part.headers.get('cache-control')).to.equal('private, no-store');
    expect(Buffer.from(part.body).equals(Buffer.from(SOUND.subarray(0, 44)))).to.equal(true);
    const tail = await get(ts, url, { range: `bytes=${SOUND.byteLength - 10}-` });
    expect(tail.status).to.equal(206);
    expect(Buffer.from(tail.body).equals(Buffer.from(SOUND.subarray(SOUND.byteLength - 10)))).to.equal(true);
    const whole = await get(ts, url);
    expect(whole.status).to.equal(200);
    expect(whole.headers.get('accept-ranges')).to.equal('bytes');
    expect(Buffer.from(whole.body).equals(Buffer.from(SOUND))).to.equal(true);
    const beyond = await get(ts, url, { range: `bytes=${SOUND.byteLength + 10}-` });
    expect([beyond.status, beyond.headers.get('content-range')]).to.deep.equal([416, `bytes */${SOUND.byteLength}`]);
    const captions = await get(ts, urlOf(payloadA, VTT_NAME));
    expect([captions.status, captions.headers.get('content-type')]).to.deep.equal([200, 'text/vtt; charset=utf-8']);
  });

  it('refuses the sound to a kiosk whose review is of another exam, in whole or in part, even with a grant signed for it', async () => {
    const forged = ts.app.ctx.grants.grant(payloadB.id, SOUND_NAME);
    expect((await get(ts, `/api/media/${SOUND_NAME}?k=${forged}`)).status).to.equal(403);
    expect((await get(ts, `/api/media/${SOUND_NAME}?k=${forged}`, { range: 'bytes=0-43' })).status).to.equal(403);
    expect(JSON.stringify(payloadB)).not.to.contain(SOUND_NAME); // B's exam plays another sound
    expect((await get(ts, `/api/media/${SOUND_NAME}`, { range: 'bytes=0-43' })).status).to.equal(401);
  });

  it('lets the pages load media from the server itself only (CSP media-src)', async () => {
    const csp = (await fetch(`${ts.base}/kiosk/`)).headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("media-src 'self'");
  });
});
