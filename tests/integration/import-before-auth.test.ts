/**
 * No work before authentication (issue 11, item 1): a gzip-compressed import body is neither read nor inflated
 * for anyone but an admin, and for an admin its inflated size is capped at the import limit.
 *
 * The anonymous case is proven without timing: the client sends the headers and only the first half of the
 * compressed body, and keeps the rest back until it has the answer. A server that read (let alone inflated
 * and parsed) the body before the admin check could not answer at all.
 */
import { expect } from 'chai';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { gzipSync } from 'node:zlib';
import { LIMITS } from '../../server/http/limits.ts';
import { loggedIn, StaffClient, startTestServer, type TestServer } from '../helpers/server.ts';

/** Starts a gzip POST and writes `first` of its body; the answer resolves whether or not the rest was sent. */
function startGzipPost(client: StaffClient, path: string, body: Buffer, first: number): { req: ClientRequest; answer: Promise<{ status: number; text: string }> } {
  const url = new URL(client.base + path);
  const req = request({
    host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST',
    headers: {
      'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': body.length,
      origin: client.base, accept: 'application/json', ...(client.cookie ? { cookie: client.cookie } : {}),
    },
  });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, first));
  if (first >= body.length) req.end();
  return { req, answer };
}

describe('import upload: no work before authentication', function () {
  this.timeout(60_000);
  let ts: TestServer;
  before(async () => {
    ts = await startTestServer({ data: null });
  });
  after(() => ts.close());

  // ~60 MB of JSON whitespace around an array: about 60 KB compressed
  const bomb = gzipSync(Buffer.concat([Buffer.from('['), Buffer.alloc(60 * 1024 * 1024, ' '), Buffer.from(']')]), { level: 9 });

  for (const who of ['anonymous', 'a supervisor'] as const) {
    it(`refuses ${who} before the body has even arrived (the rest of it is never sent)`, async () => {
      const client = who === 'anonymous' ? new StaffClient(ts.base) : await loggedIn(ts.base, 'sup1');
      const { req, answer } = startGzipPost(client, '/api/imports', bomb, Math.floor(bomb.length / 2));
      const r = await answer;
      expect(req.writableEnded, 'the client was still holding back half of the body').to.equal(false);
      const code = who === 'anonymous' ? [401, 'unauthenticated'] : [403, 'forbidden'];
      expect([r.status, JSON.parse(r.text).error.code]).to.deep.equal(code);
      req.destroy();
      expect((await fetch(`${ts.base}/healthz`)).status).to.equal(200);
    });
  }

  it('inflates an admin\'s gzip upload, and refuses one that inflates beyond the import limit with 413 too-large', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    const small = gzipSync(Buffer.from(JSON.stringify({ exams: [] })));
    const judged = await startGzipPost(boss, '/api/imports?dryRun=1', small, small.length).answer;
    // inflated, parsed and judged like any import file
    expect([judged.status, JSON.parse(judged.text).error.details.errors]).to.deep.equal([400, ['format: must be "inzage/v1"']]);

    const over = gzipSync(Buffer.concat([Buffer.from('[]'), Buffer.alloc(LIMITS.importBytes, ' ')]), { level: 9 });
    expect(over.length).to.be.below(LIMITS.jsonBytes); // small on the wire: only the inflated size can catch it
    const r = await startGzipPost(boss, '/api/imports?dryRun=1', over, over.length).answer;
    expect([r.status, JSON.parse(r.text).error.code]).to.deep.equal([413, 'too-large']);
    expect((await fetch(`${ts.base}/healthz`)).status).to.equal(200);
  });
});
