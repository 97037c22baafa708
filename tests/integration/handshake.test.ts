/**
 * Socket.IO handshakes (issue 11, item 2): a foreign Origin or Host is refused before any namespace sees the
 * connection (docs/design.md: Security model), refusals are logged without flooding, and unpaired kiosk sockets
 * are limited per IP.
 */
import { expect } from 'chai';
import { request } from 'node:http';
import { FakeClock } from '../../server/clock.ts';
import { consoleSocket, kioskSocket, loggedIn, once, startTestServer, type KioskSocket, type TestServer } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

/** An engine.io polling handshake with exactly these headers: its HTTP status. */
function handshake(base: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: '/socket.io/?EIO=4&transport=polling', headers }, (res) => {
      res.resume().on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject).end();
  });
}

describe('Socket.IO handshake: Origin and Host', () => {
  let ts: TestServer;
  const logged: string[] = [];
  const clock = new FakeClock(Date.parse('2026-06-05T10:00:00Z'));
  before(async () => {
    ts = await startTestServer({ data: null, clock, log: (l) => logged.push(l), config: { origins: ['https://inzage.school.nl'], hosts: ['inzage.school.nl', '.examens.example'] } });
  });
  after(() => ts.close());

  const host = () => new URL(ts.base).host;
  const port = () => new URL(ts.base).port;

  it('accepts its own origin, an origin in INZAGE_ORIGINS, and a client that sends no Origin', async () => {
    expect(await handshake(ts.base, { host: host(), origin: ts.base })).to.equal(200);
    expect(await handshake(ts.base, { host: host(), origin: 'https://inzage.school.nl' })).to.equal(200);
    expect(await handshake(ts.base, { host: host() })).to.equal(200);
  });

  it('refuses a foreign, a sibling, a null and a malformed Origin', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.2:${port()}`, `http://127.0.0.1:${Number(port()) + 1}`, 'null', 'not a url', 'file://x']) {
      expect(await handshake(ts.base, { host: host(), origin }), origin).to.equal(403);
    }
  });

  it('accepts IP literals, localhost, LAN-only names and listed hosts; refuses other names (DNS rebinding)', async () => {
    const p = port();
    for (const h of [`192.168.1.10:${p}`, `[::1]:${p}`, `localhost:${p}`, `inzage:${p}`, `inzage.school.local:${p}`, `inzage.school.nl:${p}`, `a.examens.example:${p}`]) {
      expect(await handshake(ts.base, { host: h, origin: `http://${h}` }), h).to.equal(200);
    }
    for (const h of [`evil.example:${p}`, `inzage.school.nl.evil.example:${p}`, `examens.example.evil:${p}`]) {
      expect(await handshake(ts.base, { host: h, origin: `http://${h}` }), h).to.equal(403);
      expect(await handshake(ts.base, { host: h }), `${h} without Origin`).to.equal(403);
    }
  });

  it('refuses a logged-in console socket from a foreign origin (the live feed stays closed)', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    const foreign = consoleSocket(ts.base, boss, { extraHeaders: { cookie: boss.cookie, origin: 'http://evil.example' } });
    const err = await new Promise<Error>((res) => foreign.once('connect_error', res));
    foreign.close();
    expect(err.message).to.equal('websocket error');
    const own = consoleSocket(ts.base, boss, { extraHeaders: { cookie: boss.cookie, origin: ts.base } });
    await once(own, 'kiosks:updated');
    own.close();
  });

  it('logs refusals for the operator, one line a minute per reason with a count of the rest', async () => {
    logged.length = 0;
    clock.advance(61_000);
    for (let i = 0; i < 5; i++) expect(await handshake(ts.base, { host: host(), origin: 'http://evil.example' })).to.equal(403);
    expect(logged).to.have.length(1);
    expect(logged[0]).to.match(/refused a socket handshake .*origin not allowed.*evil\.example/);
    clock.advance(61_000);
    expect(await handshake(ts.base, { host: host(), origin: 'http://evil.example' })).to.equal(403);
    expect(logged).to.have.length(2);
    expect(logged[1]).to.contain('and 4 more refused');
  });
});

describe('Socket.IO handshake: unpaired kiosks per IP', () => {
  let ts: TestServer;
  const sockets: KioskSocket[] = [];
  before(async () => {
    ts = await startTestServer({ data: null, config: { kioskMaxUnpairedPerIp: 3, trustProxy: 'loopback' } });
  });
  after(async () => {
    for (const s of sockets) s.close();
    await ts.close();
  });

  const unpaired = (ip?: string) => {
    const s = kioskSocket(ts.base, undefined, ip ? { extraHeaders: { 'x-forwarded-for': ip } } : {});
    sockets.push(s);
    return s;
  };

  it('gives pairing codes to the first sockets of an IP, refuses further ones with rate-limited, and takes one again once one leaves', async () => {
    const first = [unpaired(), unpaired(), unpaired()];
    await Promise.all(first.map((s) => once(s, 'pairing:code')));
    const fourth = unpaired();
    const err = await new Promise<Error>((res) => fourth.once('connect_error', res));
    expect(err.message).to.equal('rate-limited');

    const other = unpaired('10.0.0.7'); // another kiosk behind the trusted proxy
    await once(other, 'pairing:code');

    first[0]!.close();
    await eventually(async () => {
      const again = unpaired();
      const got = await Promise.race([once(again, 'pairing:code').then(() => true, () => false), new Promise<boolean>((res) => again.once('connect_error', () => res(false)))]);
      again.close();
      return got;
    }, { what: 'a new pairing code once a socket of the IP left' });
  });
});
