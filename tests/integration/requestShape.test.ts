/**
 * The fields declared on each request and response before Express gives them its prototype
 * (server/http/requestShape.ts; docs/design.md: *The start path's allocation*): every field the API's stack adds to
 * a review's start and end, a login and a list is among them, so none of those requests allocates a hidden class per
 * added property; and declaring them changes no value anything reads.
 */
import { expect } from 'chai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, IncomingMessage as PlainRequest, ServerResponse as PlainResponse } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import express from 'express';
import { declareFields, REQUEST_FIELDS, RESPONSE_FIELDS } from '../../server/http/requestShape.ts';
import { eventually } from '../support/eventually.ts';
import { connectKiosk, loggedIn, once, pairKiosk, startTestServer, type TestServer } from '../helpers/server.ts';

/** A fresh request and response as Node makes them, before any middleware. */
function plain(): { req: IncomingMessage; res: ServerResponse } {
  const req = new PlainRequest(new Socket());
  return { req, res: new PlainResponse(req) };
}

/** The own keys of a request and its response as Node's HTTP server hands them to its listener. */
async function nodeOwnKeys(): Promise<{ req: Set<string>; res: Set<string> }> {
  let keys!: { req: Set<string>; res: Set<string> };
  const bare = createServer((req, res) => {
    keys = { req: new Set(Object.keys(req)), res: new Set(Object.keys(res)) };
    res.end();
  });
  await new Promise<void>((res) => bare.listen(0, '127.0.0.1', () => res()));
  try {
    await (await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`, { method: 'POST', body: '{}' })).text();
  } finally {
    await new Promise((res) => bare.close(res));
  }
  return keys;
}

/** Where a property is found on an object's prototype chain, and how (a value or an accessor). */
function found(o: object, name: string): PropertyDescriptor | undefined {
  for (let p: object | null = o; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d;
  }
  return undefined;
}

describe('request shape: fields declared before Express', () => {
  let ts: TestServer;
  before(async () => {
    ts = await startTestServer();
  });
  after(async () => {
    await ts.close();
  });

  it('declares every field the API stack adds to a start, an end, a login and a list, on the request and its response', async () => {
    const before = await nodeOwnKeys();
    const added: { url: string; declared: boolean; req: string[]; res: string[] }[] = [];
    // (a listener after the app's: Express has already moved req.url on; originalUrl is the request's)
    ts.app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
      if (!url.startsWith('/api/')) return;
      // declared by the server's own listener, before this one: all of them, before the body is even read
      const declared = REQUEST_FIELDS.every((n) => Object.hasOwn(req, n)) && RESPONSE_FIELDS.every((n) => Object.hasOwn(res, n));
      res.once('finish', () => added.push({
        url: `${req.method} ${url}`, declared,
        req: Object.keys(req).filter((k) => !before.req.has(k) && !(REQUEST_FIELDS as readonly string[]).includes(k)),
        res: Object.keys(res).filter((k) => !before.res.has(k) && !(RESPONSE_FIELDS as readonly string[]).includes(k)),
      }));
    });
    const boss = await loggedIn(ts.base, 'boss');
    const sup = await loggedIn(ts.base, 'sup1');
    const k = await pairKiosk(ts.base, boss, 'Shape');
    const { socket } = await connectKiosk(ts.base, k.token);
    try {
      const started = once(socket, 'review:started');
      const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      await started;
      expect((await sup.call('GET', '/api/reviews')).status).to.equal(200);
      expect((await sup.call('DELETE', `/api/reviews/${r.json.id}`)).status).to.equal(204);
      expect((await sup.call('GET', '/api/nothing-here')).status).to.equal(404);
    } finally {
      socket.close();
    }
    // a response's 'finish' may come after its client has read it
    await eventually(() => added.length >= 7);
    expect(added.map((a) => a.url)).to.include.members(['POST /api/auth/login', 'POST /api/reviews', 'GET /api/reviews']);
    for (const a of added) expect(a).to.deep.equal({ url: a.url, declared: true, req: [], res: [] });
  });

  it('changes no value: each field reads as before, and none is an accessor that a read and a write would run', () => {
    const { req, res } = plain();
    const app = express();
    const expected = {
      req: REQUEST_FIELDS.map((n) => (req as unknown as Record<string, unknown>)[n]),
      res: RESPONSE_FIELDS.map((n) => (res as unknown as Record<string, unknown>)[n]),
    };
    for (const n of REQUEST_FIELDS) {
      for (const o of [req, app.request]) expect(found(o, n)?.get, n).to.equal(undefined);
    }
    for (const n of RESPONSE_FIELDS) {
      for (const o of [res, app.response]) expect(found(o, n)?.get, n).to.equal(undefined);
      // Express's response does not redefine them: the copy of Node's is what its prototype would have given
      expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.response), n), n).to.equal(undefined);
    }
    for (const n of REQUEST_FIELDS) expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(app.request), n), n).to.equal(undefined);
    declareFields(req, res);
    expect(REQUEST_FIELDS.map((n) => (req as unknown as Record<string, unknown>)[n])).to.deep.equal(expected.req);
    expect(RESPONSE_FIELDS.map((n) => (res as unknown as Record<string, unknown>)[n])).to.deep.equal(expected.res);
    expect(res.statusCode).to.equal(200);
    expect(res.end).to.equal(PlainResponse.prototype.end);
  });
});
