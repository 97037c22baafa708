/**
 * Integration-test helpers: the real app (createApp) on 127.0.0.1:0 with a temporary data directory,
 * real HTTP with cookies, real socket.io clients. Nothing of our own code is mocked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { KioskClientToServer, KioskServerToClient } from '../../shared/protocol.ts';
import { createApp, type App } from '../../server/app.ts';
import { createUser } from '../../server/auth/users.ts';
import type { Clock } from '../../server/clock.ts';
import type { ServerConfig } from '../../server/config.ts';
import { importData } from '../../server/import/index.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { openPgStore, type PgStore } from '../../server/store/pg/index.ts';
import { TEST_DATABASE_URL, TEST_STORE_PG, dropSchema, schemaOfDir } from '../support/pg.ts';

// Password hashing at full cost takes ~0.6 s a hash; tests use the lowest cost the server accepts, which it
// accepts only in a test run (NODE_ENV=test; server/auth/passwords.ts).
process.env.NODE_ENV ??= 'test';
process.env.INZAGE_SCRYPT_N ??= String(2 ** 14);

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const PASSWORD = (name: string) => `Geheim-${name}-2026!`;
export const STAFF = [['sup1', 'supervisor'], ['sup2', 'supervisor'], ['boss', 'admin']] as const;

export interface TestServer {
  base: string;
  store: Store;
  app: App;
  dataDir: string;
  /** Close the server; `keepData` leaves the directory for a restart test. */
  close(opts?: { keepData?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  /** An import file: a fixture name in tests/fixtures (default 'sample.json'), an object, or null for none. */
  data?: string | object | null;
  /** Create sup1, sup2 (supervisors) and boss (admin). Default true. */
  staff?: boolean;
  clock?: Clock;
  config?: Partial<ServerConfig>;
  /** Reuse a data directory (restart tests). */
  dataDir?: string;
  /** The store the server gets, made from the file store (a test puts PostgreSQL repositories in; see also
   * INZAGE_TEST_STORE=pg in tests/support/pg.ts). */
  withStore?: (files: Store) => Store;
  /** Listen on this port (a restart on the same address); default a free one. */
  port?: number;
  /** Receives the lines the server writes for its operator. */
  log?: (line: string) => void;
  /** Serve HTTPS with this certificate and key (PEM); `base` is then https://. */
  tls?: { cert: Buffer; key: Buffer };
}

export { tempDir } from '../support/dataDir.ts';

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'inzage-test-'));
  const now = opts.clock ? () => opts.clock!.now() : undefined;
  // INZAGE_TEST_STORE=pg: the whole PostgreSQL store, its schema named after the data directory (a restart finds it)
  const pgStore: PgStore | undefined = opts.withStore || !TEST_STORE_PG ? undefined : await openPgStore(TEST_DATABASE_URL, { schema: schemaOfDir(dataDir), localDir: dataDir, now });
  const store = pgStore ?? (opts.withStore ? opts.withStore(openStore(dataDir, { now })) : openStore(dataDir, { now }));
  const data = opts.data === undefined ? 'sample.json' : opts.data;
  if (data !== null && store.content.counts().sittings === 0) {
    const input = typeof data === 'string' ? JSON.parse(readFileSync(join(FIXTURES, data), 'utf8')) : data;
    const r = await importData(store, input, { actor: 'test' });
    if (!r.ok) throw new Error(`fixture does not import: ${r.errors?.join('\n')}`);
  }
  if (opts.staff !== false && store.staff.all().length === 0) {
    for (const [name, role] of STAFF) await createUser(store.staff, { username: name, role, password: PASSWORD(name) });
  }
  // the fixtures carry fixed dates, long past by now: the daily retention purge runs only where a test turns it on
  const app = createApp({ store, clock: opts.clock, config: { secret: 'test-secret', autoPurge: false, ...opts.config }, log: opts.log, tls: opts.tls });
  await app.ready; // several processes (config.cluster): shared state loaded, adapter connected
  await new Promise<void>((res) => app.server.listen(opts.port ?? 0, '127.0.0.1', () => res()));
  const base = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    base, store, app, dataDir,
    async close({ keepData = false } = {}) {
      await app.close();
      await new Promise<void>((res) => app.server.close(() => res()));
      await pgStore?.close();
      if (pgStore && !keepData) await dropSchema(pgStore.schema);
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult<T = any> { status: number; json: T; text: string; headers: Headers }

/** A cookie-keeping HTTP client that sends what a same-origin browser page sends. */
export class StaffClient {
  cookie = '';
  constructor(readonly base: string) {}

  async call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const h: Record<string, string> = { accept: 'application/json', origin: this.base, ...headers };
    if (this.cookie) h.cookie = this.cookie;
    // a FormData body (an import upload) is sent as multipart, with the boundary fetch chooses
    const form = body instanceof FormData;
    if (body !== undefined && !form) h['content-type'] ??= 'application/json';
    const payload = body === undefined ? undefined : form ? body : typeof body === 'string' ? body : JSON.stringify(body);
    const r = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of r.headers.getSetCookie()) {
      const kv = c.split(';')[0]!;
      const name = kv.split('=')[0]!;
      const rest = this.cookie.split('; ').filter((x) => x && !x.startsWith(`${name}=`));
      this.cookie = (/=;|=$/.test(kv) ? rest : [...rest, kv]).join('; ');
    }
    const text = await r.text();
    let json: any = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: r.status, json, text, headers: r.headers };
  }

  login(username: string, password = PASSWORD(username)) {
    return this.call('POST', '/api/auth/login', { username, password });
  }
  logout() {
    return this.call('POST', '/api/auth/logout', {});
  }
}

export async function loggedIn(base: string, username: string): Promise<StaffClient> {
  const c = new StaffClient(base);
  const r = await c.login(username);
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  return c;
}

export type KioskSocket = Socket<KioskServerToClient, KioskClientToServer>;

/** Wait for one event; answers an ack callback with `{ok: true}` (as a kiosk does for review:started). */
export function once<T = any>(socket: { once(ev: any, fn: any): unknown }, event: string, ms = 5000): Promise<T> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no '${event}' within ${ms} ms`)), ms);
    socket.once(event, (...args: any[]) => {
      clearTimeout(t);
      const ack = typeof args.at(-1) === 'function' ? args.pop() : null;
      if (ack) ack({ ok: true });
      res(args[0]);
    });
  });
}

/** The next `event` on `socket` whose payload satisfies `check` (earlier ones are passed over). */
export function nextWhere<T = any>(socket: { on(ev: any, fn: any): unknown; off(ev: any, fn: any): unknown }, event: string, check: (payload: T) => boolean, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`no matching '${event}' within ${ms} ms`));
    }, ms);
    const on = (payload: T) => {
      if (!check(payload)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(payload);
    };
    socket.on(event, on);
  });
}

/**
 * A round trip on `socket`: an acknowledged request that the server refuses. The server writes a socket's
 * packets in order, so once the answer is in, every packet it sent this socket before has arrived too.
 */
export async function roundTrip(socket: { timeout(ms: number): { emitWithAck(ev: any, ...args: any[]): Promise<any> } }): Promise<void> {
  const ack = await socket.timeout(5000).emitWithAck('test:round-trip');
  if (ack?.ok !== false) throw new Error(`round trip: unexpected answer ${JSON.stringify(ack)}`);
}

/**
 * The `event`s that reach `socket` while `action` runs, up to a round trip after it (for events an action sends
 * at once, before it answers: a refused start, a dry-run import). An empty list proves the action sent none.
 */
export async function heardDuring(socket: any, event: string, action: () => Promise<unknown>): Promise<unknown[]> {
  const heard: unknown[] = [];
  const listener = (p: unknown, ack?: unknown) => {
    heard.push(p);
    if (typeof ack === 'function') ack({ ok: false, error: { code: 'invalid-input', message: 'test' } });
  };
  socket.on(event, listener);
  try {
    await action();
    await roundTrip(socket);
  } finally {
    socket.off(event, listener);
  }
  return heard;
}

export function kioskSocket(base: string, token?: string, opts: Record<string, unknown> = {}): KioskSocket {
  return io(`${base}/kiosk`, { transports: ['websocket'], auth: token ? { token } : {}, forceNew: true, reconnection: false, ...opts }) as KioskSocket;
}

export interface PairedKiosk { id: string; token: string; name: string }

/** Pair a simulated kiosk as an admin would: it shows a code, the admin enters it, the kiosk gets a token. */
export async function pairKiosk(base: string, admin: StaffClient, name: string): Promise<PairedKiosk> {
  const s = kioskSocket(base);
  try {
    const code = await once<{ code: string }>(s, 'pairing:code');
    const paired = once<{ token: string; kiosk: { id: string } }>(s, 'kiosk:paired');
    paired.catch(() => undefined); // if the request fails, that failure is the one to report
    const r = await admin.call('POST', '/api/kiosks', { code: code.code, name });
    if (r.status !== 201) throw new Error(`pair: ${r.status} ${r.text}`);
    const p = await paired;
    return { id: p.kiosk.id, token: p.token, name };
  } finally {
    s.close();
  }
}

/** Connect a paired kiosk and wait for its `kiosk:state`. */
export async function connectKiosk(base: string, token: string, opts: Record<string, unknown> = {}): Promise<{ socket: KioskSocket; state: any }> {
  const socket = kioskSocket(base, token, opts);
  const state = await once(socket, 'kiosk:state');
  return { socket, state };
}

/** A console socket on /admin with a staff cookie. */
export function consoleSocket(base: string, staff: StaffClient, opts: Record<string, unknown> = {}) {
  return io(`${base}/admin`, { transports: ['websocket'], extraHeaders: { cookie: staff.cookie }, forceNew: true, reconnection: false, ...opts });
}

/** Pair a kiosk and connect it: online, waiting for a review. */
export async function onlineKiosk(base: string, admin: StaffClient, name: string): Promise<PairedKiosk & { socket: KioskSocket }> {
  const k = await pairKiosk(base, admin, name);
  const { socket } = await connectKiosk(base, k.token);
  return { ...k, socket };
}

/** Start a review of `sittingId` on the kiosk as `staff` (201 expected); its review and the payload the kiosk got. */
export async function startReviewOn(base: string, staff: StaffClient, k: { id: string; socket: KioskSocket }, sittingId: string): Promise<{ review: any; payload: any }> {
  const started = once(k.socket, 'review:started');
  const r = await staff.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
  if (r.status !== 201) throw new Error(`start ${sittingId}: ${r.status} ${r.text}`);
  return { review: r.json, payload: await started };
}
