/**
 * The input limits of server/http/limits.ts, each just under and just over, and the coded refusals of what
 * Express itself turns away (JSON that does not parse, an unknown charset, a broken path, a body a route does
 * not take).
 */
import { expect } from 'chai';
import { request } from 'node:http';
import { FakeClock } from '../../server/clock.ts';
import { LIMITS } from '../../server/http/limits.ts';
import { connectKiosk, loggedIn, once, pairKiosk, StaffClient, startTestServer, type KioskSocket, type TestServer } from '../helpers/server.ts';
import { storeHash } from '../support/dataDir.ts';
import { eventPacket, messageBytes, rawAck, rawAckId, sendRaw } from '../support/rawSocket.ts';

/** `json` padded with spaces after it to exactly `bytes` bytes (still the same JSON). */
function padded(json: unknown, bytes: number): string {
  const text = JSON.stringify(json);
  return text + ' '.repeat(bytes - Buffer.byteLength(text));
}

/** A JSON POST as `client` over a bare HTTP request, the body as one Buffer (64 MB go without a copy). */
function rawPost(client: StaffClient, path: string, body: Buffer): Promise<{ status: number; text: string }> {
  const url = new URL(client.base + path);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length, origin: client.base, cookie: client.cookie, accept: 'application/json' },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('input limits and what Express refuses', function () {
  this.timeout(60_000);
  let ts: TestServer;
  let boss: StaffClient, sup: StaffClient;
  before(async () => {
    // a fake clock: a kiosk that reconnects leaves the same last-seen time, so the data directory can be compared
    ts = await startTestServer({ clock: new FakeClock(Date.parse('2026-06-05T10:00:00Z')) });
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
  });
  after(() => ts.close());

  describe('HTTP bodies', () => {
    it(`reads a JSON body of exactly ${LIMITS.jsonBytes} bytes, and refuses one byte more with 413 too-large`, async () => {
      const body = { sittingId: 's-nope', kioskId: 'k-nope' };
      const under = await sup.call('POST', '/api/reviews', padded(body, LIMITS.jsonBytes));
      expect([under.status, under.json.error.code]).to.deep.equal([404, 'not-found']); // read, then judged by the route
      const over = await sup.call('POST', '/api/reviews', padded(body, LIMITS.jsonBytes + 1));
      expect([over.status, over.json.error]).to.deep.equal([413, { code: 'too-large', message: 'Het verzoek is te groot.' }]);
    });

    it(`reads an import file of exactly ${LIMITS.importBytes / 1024 / 1024} MB, and refuses one byte more with 413 too-large`, async () => {
      const empty = Buffer.alloc(LIMITS.importBytes, ' ');
      empty.write(JSON.stringify({ format: 'inzage/v1', exams: [], candidates: [], groups: [], sittings: [] }));
      const under = await rawPost(boss, '/api/imports?dryRun=1', empty);
      expect(under.status, under.text.slice(0, 300)).to.equal(200);
      expect(JSON.parse(under.text).dryRun).to.equal(true);
      // one byte more is refused on its Content-Length (the server reads the body only to throw it away)
      const over = await rawPost(boss, '/api/imports?dryRun=1', Buffer.concat([empty, Buffer.from(' ')]));
      expect([over.status, JSON.parse(over.text).error.code]).to.deep.equal([413, 'too-large']);
    });

    it('reads an import body only for an admin: anyone else is refused before the server parses it', async () => {
      const notJson = `{${' '.repeat(LIMITS.jsonBytes * 4)}`; // over the small limit, and no JSON at all
      const anonymous = await new StaffClient(ts.base).call('POST', '/api/imports', notJson);
      expect([anonymous.status, anonymous.json.error.code]).to.deep.equal([401, 'unauthenticated']);
      const supervisor = await sup.call('POST', '/api/imports', notJson);
      expect([supervisor.status, supervisor.json.error.code]).to.deep.equal([403, 'forbidden']);
      const admin = await boss.call('POST', '/api/imports', notJson);
      expect([admin.status, admin.json.error]).to.deep.equal([400, { code: 'invalid-input', message: 'De invoer is geen geldige JSON.', details: { refusal: 'invalid-json' } }]);
    });

    it('answers every refusal of Express with a coded error whose status is its code\'s', async () => {
      const cases: [string, string, string, Record<string, string>, number, string][] = [
        ['POST', '/api/reviews', '{"sittingId":', {}, 400, 'invalid-input'],
        ['POST', '/api/reviews', '{}', { 'content-type': 'application/json; charset=latin1' }, 415, 'unsupported-media-type'],
        ['POST', '/api/reviews', '{}', { 'content-encoding': 'compress' }, 415, 'unsupported-media-type'],
        ['GET', '/api/reviews/%E0%A4%A', '', {}, 400, 'invalid-url'],
        ['GET', '/api/candidates/%F0%9F%98/sittings', '', {}, 400, 'invalid-url'],
      ];
      for (const [method, path, body, headers, status, code] of cases) {
        const r = await sup.call(method, path, body || undefined, headers);
        expect([r.status, r.json?.error?.code], `${method} ${path} ${JSON.stringify(headers)}`).to.deep.equal([status, code]);
        expect(r.json.error.message).to.be.a('string').and.not.match(/URI|decode|charset|Error/);
      }
    });

    it('refuses a body on a route that takes none (logout, end a review, unpair), and does nothing', async () => {
      const k = await pairKiosk(ts.base, boss, 'Limits');
      const { socket } = await connectKiosk(ts.base, k.token);
      try {
        const started = once(socket, 'review:started');
        const review = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
        await started;
        for (const [client, method, path] of [[sup, 'POST', '/api/auth/logout'], [sup, 'DELETE', `/api/reviews/${review.json.id}`], [boss, 'DELETE', `/api/kiosks/${k.id}`]] as const) {
          for (const body of [{ everywhere: true }, [], 'null']) {
            const r = await client.call(method, path, typeof body === 'string' ? body : JSON.stringify(body));
            expect([r.status, r.json?.error?.code], `${method} ${path} ${JSON.stringify(body)}`).to.deep.equal([400, 'invalid-input']);
          }
        }
        expect((await sup.call('GET', '/api/auth/me')).status, 'still logged in').to.equal(200);
        expect(ts.app.ctx.engine.get(review.json.id)!.endedAt, 'the review still on').to.equal(undefined);
        expect(ts.app.ctx.kiosks.kiosk(k.id), 'the kiosk still paired').not.to.equal(undefined);
        // no body, or {}, is what these routes take
        expect((await sup.call('DELETE', `/api/reviews/${review.json.id}`, {})).status).to.equal(204);
        expect((await boss.call('DELETE', `/api/kiosks/${k.id}`)).status).to.equal(204);
      } finally {
        socket.close();
      }
    });
  });

  describe(`Socket.IO messages (maxHttpBufferSize ${LIMITS.socketMessageBytes} bytes)`, () => {
    let socket: KioskSocket;
    let kioskId: string, token: string;
    before(async () => {
      const k = await pairKiosk(ts.base, boss, 'Sizes');
      [kioskId, token] = [k.id, k.token];
      socket = (await connectKiosk(ts.base, k.token)).socket;
      const started = once(socket, 'review:started');
      expect((await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId })).status).to.equal(201);
      await started;
    });
    after(() => socket?.close());

    /** A navigate packet whose WebSocket message is exactly `bytes` long. */
    function navigateOf(bytes: number, id: number): string {
      const bare = eventPacket('/kiosk', id, ['review:navigate', { questionId: '' }]);
      const packet = eventPacket('/kiosk', id, ['review:navigate', { questionId: 'x'.repeat(bytes - messageBytes(bare)) }]);
      expect(messageBytes(packet)).to.equal(bytes);
      return packet;
    }

    it('answers a message of exactly the limit with a coded refusal, and keeps the connection', async () => {
      const id = rawAckId();
      const answer = rawAck(socket, id);
      sendRaw(socket, navigateOf(LIMITS.socketMessageBytes, id));
      expect(await answer).to.deep.equal([{ ok: false, error: { code: 'invalid-input', message: 'De invoer is ongeldig.' } }]);
      expect(socket.connected).to.equal(true);
    });

    it('drops the connection of a message one byte over it, and nothing else: the kiosk comes back to its review', async () => {
      const before = await storeHash(ts.store);
      const gone = once(socket, 'disconnect');
      const id = rawAckId();
      const answer = rawAck(socket, id);
      sendRaw(socket, navigateOf(LIMITS.socketMessageBytes + 1, id));
      expect(await answer, 'no answer').to.equal(null);
      expect(await gone).to.equal('transport close');
      expect((await fetch(`${ts.base}/healthz`)).status).to.equal(200);
      const back = await connectKiosk(ts.base, token);
      expect(back.state.review?.candidate.number).to.equal('120002');
      socket = back.socket;
      expect(ts.app.ctx.engine.active().filter((s) => s.kioskId === kioskId)).to.have.length(1);
      expect(await storeHash(ts.store)).to.equal(before);
    });
  });
});
