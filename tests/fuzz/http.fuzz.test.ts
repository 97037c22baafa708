/**
 * Every route of the API under malformed bodies, queries and path parameters, as the admin (who reaches
 * everything) and anonymously. Each answer must be a coded 4xx `{ error: { code, message } }` (a read may
 * also answer 200), carry no internal detail, and change nothing in the data directory.
 */
import { expect } from 'chai';
import { ERROR_STATUS } from '../../shared/errors.ts';
import { StaffClient, type HttpResult } from '../helpers/server.ts';
import { storeHash } from '../support/dataDir.ts';
import { blank, check, expectCodedError, expectNoLeak, fc, heavy, junk, malformedObject, notBoolean, notString, tooLong } from '../support/fuzz.ts';
import { expectUnharmed, reviveWorld, startWorld, type World } from './world.ts';

type Who = 'admin' | 'anonymous';

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `:id` is filled from `param` */
  path: string;
  /** a malformed body (routes that take one), or any body (routes that take none must refuse it) */
  body?: fc.Arbitrary<unknown>;
  query?: fc.Arbitrary<string>;
  param?: (w: World) => string[];
  /** a read: a harmless well-formed input may be answered 200 */
  read?: boolean;
  /** `{}` (or no body) is a valid request here: a raw body that parses to it is not fuzz */
  emptyOk?: boolean;
}

const isoish = fc.oneof(fc.constantFrom('2026-13-01T00:00:00Z', '2026-06-01', '2026-06-01T10:00:00', 'tomorrow', '0', '', '2026-06-01T10:00:00+25:00'), notString.filter((v) => v !== null));
const anyBody = fc.oneof(junk, heavy);
/** A body for a route that takes none: anything but nothing or `{}`. */
const unwantedBody = anyBody.filter((b) => !(b !== null && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length === 0));

const stringField = (max: number) => fc.oneof(notString, tooLong(max), blank);

/** Query strings: real keys with odd values, poison and unknown keys, repeated keys, broken encodings. */
function queryOf(keys: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '-1', '1e3', '0x10', '2.5', '99999999999', 'x'.repeat(1001)), fc.integer().map(String));
  const k = fc.oneof(fc.constantFrom(...keys, '__proto__', 'constructor', 'prototype', `${keys[0]}[]`, `${keys[0]}[x]`), fc.string({ minLength: 1, maxLength: 8 }));
  const pair = fc.tuple(k, value).map(([a, b]) => `${encodeURIComponent(a)}=${encodeURIComponent(b)}`);
  const raw = fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '&&&', '=', `${keys[0]}`, `${keys[0]}=%FF`);
  return fc.array(fc.oneof(pair, pair, raw), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('&'));
}

/** Path parameters: real ids (the body or query is the malformed part then) and malformed ones. */
const junkParam = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%00', '%2e%2e', '%2F', '__proto__', 'constructor', 'x'.repeat(201), '%F0%9F%98'),
);

const ROUTES: Route[] = [
  { method: 'POST', path: '/api/auth/login', body: malformedObject({ username: 'fuzz', password: 'fuzz-password' }, { username: stringField(100), password: fc.oneof(notString, tooLong(500), fc.constant('')) }, ['username', 'password']) },
  // credentials in the URL are refused before anything is checked (or audited)
  {
    method: 'POST', path: '/api/auth/login', body: fc.constant({ username: 'fuzz', password: 'fuzz-password' }),
    query: fc.tuple(fc.constantFrom('username=boss', 'password=', 'username', 'password=%FF'), queryOf(['username', 'password'])).map(([a, b]) => `${a}&${b}`),
  },
  { method: 'GET', path: '/api/auth/me', query: queryOf(['user']), read: true },
  { method: 'POST', path: '/api/auth/password', body: malformedObject({ currentPassword: 'x', newPassword: 'long-enough-1' }, { currentPassword: fc.oneof(notString, tooLong(500), fc.constant('')), newPassword: fc.oneof(notString, tooLong(500), fc.constant('short')) }, ['currentPassword', 'newPassword']) },
  { method: 'POST', path: '/api/auth/logout', body: unwantedBody, emptyOk: true },
  { method: 'GET', path: '/api/groups', query: queryOf(['q']), read: true },
  { method: 'GET', path: '/api/groups/:id/results', param: (w) => w.ids.groups, read: true },
  { method: 'GET', path: '/api/candidates', query: queryOf(['q']), read: true },
  { method: 'GET', path: '/api/candidates/:id/sittings', param: (w) => w.ids.candidates, read: true },
  { method: 'GET', path: '/api/reviews', query: queryOf(['id']), read: true },
  { method: 'POST', path: '/api/reviews', body: malformedObject({ sittingId: 's-bi-120002', kioskId: 'k' }, { sittingId: stringField(120), kioskId: stringField(120) }, ['sittingId', 'kioskId']) },
  { method: 'GET', path: '/api/reviews/:id', param: (w) => w.ids.reviews, read: true },
  { method: 'DELETE', path: '/api/reviews/:id', param: (w) => w.ids.reviews, body: unwantedBody, emptyOk: true },
  { method: 'GET', path: '/api/reviews/:id/report', param: (w) => w.ids.reviews, query: queryOf(['format', 'lang', 'tz']), read: true },
  { method: 'GET', path: '/api/groups/:id/report', param: (w) => w.ids.groups, query: queryOf(['format', 'lang', 'tz']), read: true },
  { method: 'GET', path: '/api/groups/:id/reviews', param: (w) => w.ids.groups, read: true },
  { method: 'GET', path: '/api/candidates/:id/reviews', param: (w) => w.ids.candidates, read: true },
  { method: 'GET', path: '/api/remarks', query: queryOf(['examId', 'groupId', 'status', 'format', 'delimiter', 'tz', 'lang']), read: true },
  {
    method: 'PATCH', path: '/api/remarks/:id', param: (w) => w.ids.reviews,
    body: malformedObject({ status: 'handled' }, { status: stringField(20), note: fc.oneof(notString.filter((v) => v !== undefined), tooLong(1000)) }, ['status']),
  },
  { method: 'GET', path: '/api/kiosks', read: true },
  { method: 'POST', path: '/api/kiosks', body: malformedObject({ code: 'ABC123', name: 'Kiosk' }, { code: stringField(20), name: stringField(60) }, ['code', 'name']) },
  { method: 'PATCH', path: '/api/kiosks/:id', param: (w) => w.ids.kiosks, body: malformedObject({ name: 'Kiosk' }, { name: stringField(60) }, ['name']) },
  { method: 'DELETE', path: '/api/kiosks/:id', param: (w) => w.ids.kiosks, body: unwantedBody, emptyOk: true },
  { method: 'GET', path: '/api/audit', query: queryOf(['from', 'to', 'action', 'actor', 'format', 'limit', 'before']), read: true },
  { method: 'GET', path: '/api/exams', read: true },
  // a media file by name, with a kiosk's grant or none (tests/integration/media.test.ts has the grants that hold)
  { method: 'GET', path: '/api/media/:id', param: () => [`${'0'.repeat(64)}.png`], query: queryOf(['k']), read: true },
  {
    method: 'PATCH', path: '/api/exams/:id/review', param: (w) => w.ids.exams, emptyOk: true,
    body: malformedObject({}, {
      allowed: notBoolean, showKey: notBoolean, showScheme: notBoolean, opensAt: isoish, closesAt: isoish,
      maxMinutes: fc.oneof(junk.filter((v) => typeof v !== 'number'), fc.constantFrom(0, 4, 481, 30.5, -30, 1e9)),
    }, []),
  },
  { method: 'GET', path: '/api/users', read: true },
  {
    method: 'POST', path: '/api/users',
    body: malformedObject({ username: 'fuzzer', role: 'supervisor' }, {
      username: fc.oneof(notString, fc.constantFrom('', 'A', 'x', 'has space', 'Boss', 'x'.repeat(41), 'é-é')),
      displayName: stringField(100), role: fc.oneof(notString, fc.constantFrom('root', 'Admin', '')), password: fc.oneof(notString, fc.constant('short'), tooLong(500)),
    }, ['username', 'role']),
  },
  {
    method: 'PATCH', path: '/api/users/:id', param: (w) => w.ids.users, emptyOk: true,
    body: malformedObject({}, { displayName: stringField(100), role: fc.oneof(notString, fc.constant('root')), disabled: notBoolean, resetPassword: junk.filter((v) => v !== true) }, []),
  },
  {
    method: 'POST', path: '/api/purge',
    body: fc.oneof(
      malformedObject({ examId: 'bi-kb-2026', dryRun: false }, { examId: stringField(120), before: isoish, dryRun: notBoolean }, ['examId']),
      fc.constant({ examId: 'bi-kb-2026', before: '2026-01-01', dryRun: false }),
    ),
  },
];

/** HTTP-level breakage, whatever the route: not JSON, the wrong type or charset, truncated, a lone value. */
const rawBodies = fc.oneof(
  fc.constantFrom(
    ['application/json', '{'], ['application/json', '{"a":1}{'], ['application/json', '"text"'], ['application/json', '42'],
    ['application/json', 'null'], ['application/json', '\ufeff{}'], ['application/json', '{"__proto__":{"admin":true}}'],
    ['application/json', '{"constructor":{"prototype":{"admin":true}}}'], ['application/json', '['.repeat(50_000)],
    ['application/json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`], ['application/json; charset=utf-16', '{}'],
    ['application/json; charset=latin1', '{}'], ['text/plain', '{}'], ['application/x-www-form-urlencoded', 'username=boss&password=x'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'], ['application/json', ''],
  ),
  fc.string({ maxLength: 200 }).map((s) => ['application/json', s]),
) as fc.Arbitrary<[string, string]>;

describe('fuzz: every HTTP route refuses malformed input with a coded error and changes nothing', function () {
  this.timeout(300_000);
  let w: World;
  let anonymous: StaffClient;
  before(async () => {
    w = await startWorld();
    anonymous = new StaffClient(w.ts.base);
  });
  // one property's failure (a change it made) must not fail every property after it
  beforeEach(async () => {
    w = await reviveWorld(w);
  });
  after(() => w?.ts.close());

  function client(who: Who) {
    return who === 'admin' ? w.boss : anonymous;
  }

  async function expectRefusal(r: HttpResult, route: Route, what: string) {
    expectNoLeak(r.text, what);
    if (r.status === 200 && route.read) return;
    expect(r.status, `${what}: ${r.text.slice(0, 300)}`).to.be.within(400, 499);
    expect(r.headers.get('content-type'), what).to.match(/^application\/json/);
    const { code } = expectCodedError(r.json?.error, what);
    expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], `${what}: status of ${code}`).to.equal(r.status);
    expect(await storeHash(w.ts.store), `${what} changed the data directory`).to.equal(w.hash);
  }

  function url(route: Route, param: string | undefined, query: string | undefined) {
    return route.path.replace(':id', param ?? 'x') + (query ? `?${query}` : '');
  }

  for (const route of ROUTES) {
    const label = `${route.method} ${route.path}${route.query && route.body ? ' (query)' : ''}`;
    it(`${label}: malformed ${[route.body && 'body', route.query && 'query', route.param && 'path'].filter(Boolean).join(', ') || 'input'}`, async () => {
      const param = route.param ? fc.oneof(fc.constantFrom(...route.param(w)), junkParam) : fc.constant(undefined);
      const query = route.query ?? fc.constant(undefined);
      const body = route.body ?? fc.constant(undefined);
      await check(fc.asyncProperty(fc.constantFrom<Who>('admin', 'admin', 'anonymous'), param, query, body, async (who, p, q, b) => {
        const path = url(route, p, q);
        const r = await client(who).call(route.method, path, b === undefined ? undefined : JSON.stringify(b));
        await expectRefusal(r, route, `${who} ${route.method} ${path.slice(0, 120)} ${JSON.stringify(b)?.slice(0, 120)}`);
      }), route.read ? 0.25 : 0.5);
      await expectUnharmed(w, label);
    });
  }

  it('any route: bodies that are not JSON, or not of the right type or charset', async () => {
    const writes = ROUTES.filter((r) => r.method !== 'GET');
    await check(fc.asyncProperty(fc.nat(writes.length - 1), fc.constantFrom<Who>('admin', 'anonymous'), rawBodies, async (i, who, [type, text]) => {
      const route = writes[i]!;
      if (route.emptyOk && type === 'application/json' && /^\ufeff?\s*(\{\s*\})?\s*$/.test(text)) return; // a valid request: no body
      const path = url(route, route.param?.(w)[0], undefined);
      const r = await client(who).call(route.method, path, text, { 'content-type': type });
      await expectRefusal(r, route, `${who} ${route.method} ${path} ${type} ${JSON.stringify(text.slice(0, 60))}`);
    }));
    await expectUnharmed(w, 'raw bodies');
  });
});
