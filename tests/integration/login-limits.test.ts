/**
 * Login limits (issue 11, item 3): parallel guesses each count; back-off instead of a lock anyone can trigger;
 * only failures count per IP; X-Forwarded-For only from a trusted proxy. Time moves on the fake clock only.
 */
import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import type { ServerConfig } from '../../server/config.ts';
import { PASSWORD, StaffClient, startTestServer, type TestServer } from '../helpers/server.ts';

const T0 = Date.parse('2026-06-05T10:00:00Z');

describe('login limits', function () {
  this.timeout(60_000);
  let ts: TestServer;
  let clock: FakeClock;
  const start = async (config: Partial<ServerConfig> = {}) => {
    clock = new FakeClock(T0);
    ts = await startTestServer({ data: null, clock, config: { trustProxy: 'loopback', ...config } });
  };
  afterEach(() => ts.close());

  /** A login from `ip` (through the trusted local proxy): its status. */
  const login = async (username: string, password: string, ip = '10.0.0.1') => {
    const r = await new StaffClient(ts.base).call('POST', '/api/auth/login', { username, password }, { 'x-forwarded-for': ip });
    return r;
  };
  const status = async (username: string, password: string, ip?: string) => (await login(username, password, ip)).status;

  it('counts each of 24 wrong guesses and the right password sent in parallel: only 5 are checked', async () => {
    await start();
    const guesses = [...Array.from({ length: 24 }, (_, i) => login('boss', `wrong-${i}`)), login('boss', PASSWORD('boss'))];
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    expect(statuses.filter((s) => s !== 429), statuses.join(' ')).to.have.length(5);
    const after = await login('boss', PASSWORD('boss'));
    if (!statuses.includes(200)) expect([after.status, after.json.error.code]).to.deep.equal([429, 'rate-limited']);
    expect(Number(after.headers.get('retry-after'))).to.be.greaterThan(0);
  });

  it('backs off exponentially per account and IP instead of locking for 15 minutes', async () => {
    await start();
    for (let i = 0; i < 5; i++) expect(await status('boss', 'wrong')).to.equal(401);
    const refused = await login('boss', PASSWORD('boss'));
    expect([refused.status, refused.headers.get('retry-after')]).to.deep.equal([429, '30']);
    clock.advance(30_000);
    expect(await status('boss', 'wrong')).to.equal(401); // the 6th failure: the wait doubles
    expect(await status('boss', PASSWORD('boss'))).to.equal(429);
    clock.advance(30_000);
    expect(await status('boss', PASSWORD('boss'))).to.equal(429);
    clock.advance(30_000);
    expect(await status('boss', PASSWORD('boss'))).to.equal(200);
    expect(await status('boss', 'wrong')).to.equal(401); // a success clears this address's failures
  });

  it('does not lock an account out of other addresses, nor out of an address it logged in from, whatever an attacker does', async () => {
    await start();
    expect(await status('boss', PASSWORD('boss'), '10.0.0.1')).to.equal(200); // the admin's own PC
    // an attacker with many addresses, each staying under the per-address limit
    for (let n = 0; n < 60; n++) expect(await status('boss', 'wrong', `192.0.2.${1 + Math.floor(n / 5)}`)).to.be.oneOf([401, 429]);
    expect(await status('boss', PASSWORD('boss'), '10.0.0.1')).to.equal(200);
    // a new address waits the account's short back-off (at most a minute), never 15 minutes
    const fresh = await login('boss', PASSWORD('boss'), '10.0.0.2');
    expect(fresh.status).to.equal(429);
    expect(Number(fresh.headers.get('retry-after'))).to.be.at.most(60);
    clock.advance(60_000);
    expect(await status('boss', PASSWORD('boss'), '10.0.0.2')).to.equal(200);
  });

  it('counts only failures against an address: 40 staff logins behind one NAT all succeed', async () => {
    await start();
    for (let i = 0; i < 40; i++) expect(await status(i % 2 ? 'sup1' : 'sup2', PASSWORD(i % 2 ? 'sup1' : 'sup2'), '10.9.9.9'), `login ${i + 1}`).to.equal(200);
  });

  it('backs off an address that fails on many accounts, and no other address', async () => {
    await start();
    for (let i = 0; i < 30; i++) expect(await status(`user${i}`, 'wrong', '10.6.6.6')).to.equal(401);
    expect(await status('sup1', PASSWORD('sup1'), '10.6.6.6')).to.equal(429);
    expect(await status('sup1', PASSWORD('sup1'), '10.7.7.7')).to.equal(200);
  });

  it('ignores X-Forwarded-For unless INZAGE_TRUST_PROXY trusts the proxy', async () => {
    await start({ trustProxy: false });
    for (let i = 0; i < 5; i++) expect(await status('boss', 'wrong', `192.0.2.${i}`)).to.equal(401);
    expect(await status('boss', PASSWORD('boss'), '192.0.2.99')).to.equal(429); // all from 127.0.0.1
  });
});
