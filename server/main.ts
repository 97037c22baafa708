/**
 * `inzage serve`: parse nothing (the CLI did), check that the front ends are built, open storage, make sure
 * there is someone to log in, listen, and shut down cleanly.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { scryptParams } from './auth/passwords.ts';
import { createUser } from './auth/users.ts';
import { DomainError } from '../shared/errors.ts';
import { DEMO_ACCOUNTS, loadDemoImport } from './demo.ts';
import { clusterFrom, hostsFrom, originsFrom, retentionDaysFrom, trustProxyFrom } from './config.ts';
import { checkWebBuilt } from './http/web.ts';
import { CliError, readFileOrStop } from './cli/common.ts';
import { acquireLock, type DataDirLock } from './store/lock.ts';
import { CorruptDataError, removeLeftoverTemps, type Store } from './store/index.ts';
import type { PgStore } from './store/pg/index.ts';
import { checkDatabaseUrl, databaseUrl, locksDataDir, openConfiguredStore, StoreOpenError, type OpenedStore } from './store/open.ts';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir?: string;
  demo: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * Connections the kernel keeps waiting for the server to accept (Node's default is 511; Linux caps it at
 * net.core.somaxconn, 4096 by default). A restarted server has every kiosk of the building retrying at once — 1,000
 * kiosks are 2,000 connection attempts a second — and while its event loop is busy for a moment (reading the content,
 * a garbage collection) a queue of 511 overflowed: the kernel drops the attempts beyond it, and each client tries
 * again only after TCP's one-second retransmission, its kiosk a second late for nothing (docs/design.md: Start-up).
 */
const LISTEN_BACKLOG = 4_096;

async function firstRun(store: Store) {
  if (store.staff.all().length > 0) return;
  let password: string;
  try {
    ({ password } = await createUser(store.staff, { username: 'admin', role: 'admin', displayName: 'Beheerder' }));
  } catch (e) {
    // PostgreSQL: another server starting on the same empty database created it first (and showed its password)
    if (e instanceof DomainError && e.code === 'conflict') return say('  The administrator account was created by another server on this database (its password was shown there).');
    throw e;
  }
  say('');
  say('  No staff accounts yet: created the administrator account.');
  say(`    username: admin`);
  say(`    password: ${password}   (shown only this once; it must be changed at first login)`);
  say('');
}

async function seedDemo(store: Store) {
  const { importData } = await import('./import/index.ts'); // the import pipeline: only the demo imports at start
  const result = await importData(store, loadDemoImport(Date.now()), { actor: 'demo' });
  if (!result.ok) throw new Error(`the demo data does not import: ${result.errors?.slice(0, 5).join('; ')}`);
  for (const a of DEMO_ACCOUNTS) {
    if (!store.staff.byUsername(a.username)) {
      await createUser(store.staff, { username: a.username, role: a.role as 'admin' | 'supervisor', password: a.password });
    }
  }
}

/** Why the server could not listen, in words and with what to do. */
function listenProblem(e: unknown, port: number, host: string): string {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'EADDRINUSE': return `port ${port} is already in use (another inzage, or another program): choose another with --port`;
    case 'EACCES': return `port ${port} needs administrator rights on this machine: choose one above 1023 with --port`;
    case 'EADDRNOTAVAIL': return `${host} is not an address of this machine: choose another with --host`;
    default: return `cannot listen on ${host}:${port}: ${(e as Error)?.message ?? String(e)}`;
  }
}

export async function serve(opts: ServeOptions): Promise<{ close(): Promise<void>; port: number }> {
  // the console and kiosk are built by `npm run build` (npm install, npm start and npm run demo run it): without
  // them there is nothing to serve, so stop before touching any data, saying what to run
  const webWarning = checkWebBuilt();
  // files named on the command line are read before anything is touched
  const tls = opts.tlsCert && opts.tlsKey
    ? { cert: readFileOrStop(opts.tlsCert, (f) => readFileSync(f), 'the TLS certificate'), key: readFileOrStop(opts.tlsKey, (f) => readFileSync(f), 'the TLS key') }
    : undefined;
  // the demo without --data runs in a temporary directory, removed again when the server stops
  const demoDir = opts.demo && !opts.dataDir ? mkdtempSync(join(tmpdir(), 'inzage-demo-')) : null;
  const dataDir = resolve(demoDir ?? opts.dataDir ?? process.env.INZAGE_DATA ?? './data');
  // a bad value stops here, before anything
  const retentionDays = retentionDaysFrom(process.env.INZAGE_RETENTION_DAYS);
  // several processes (docs/design.md: Several server processes): with INZAGE_DATABASE_URL, presence, pairing codes,
  // missed ends and the timers are shared through PostgreSQL, the Socket.IO adapter on Redis (INZAGE_REDIS_URL) or
  // PostgreSQL
  const clusterSettings = clusterFrom(process.env);
  scryptParams(); // INZAGE_SCRYPT_N may not lower the password-hash cost outside tests
  const network = {
    origins: originsFrom(process.env.INZAGE_ORIGINS),
    hosts: hostsFrom(process.env.INZAGE_HOSTS),
    trustProxy: trustProxyFrom(process.env.INZAGE_TRUST_PROXY),
  };
  // PostgreSQL when INZAGE_DATABASE_URL is set (docs/design.md: PostgreSQL store): the data directory then keeps only
  // what is local to this process, and is locked only while part of that is a one-process file store
  const url = databaseUrl();
  if (url) checkDatabaseUrl(url); // a malformed one stops here, before anything
  // one process per data directory: lowdb keeps no cross-process locks (docs/design.md, the data-directory lock)
  // (a lock held by a live process refuses with its own message, naming it; a dead holder's lock is gone with it)
  const lock: DataDirLock | null = (await locksDataDir(url)) ? await acquireLock(dataDir, { role: 'an inzage server' }) : null;
  const removeDemoDir = () => { if (demoDir) rmSync(demoDir, { recursive: true, force: true }); };
  if (lock) removeLeftoverTemps(dataDir); // writes a crash interrupted; only the lock's holder may do this
  let opened: OpenedStore;
  try {
    // the file store's exam content (the large files) is read once the server listens: kiosks reconnect meanwhile
    // (docs/design.md: Start-up); the demo imports into it first
    opened = await openConfiguredStore(dataDir, url, { lazyContent: !opts.demo });
  } catch (e) {
    if (e instanceof CorruptDataError || e instanceof StoreOpenError) {
      process.stderr.write(`inzage: ${e.message}\n`);
      await lock?.release();
      removeDemoDir();
      process.exit(1);
    }
    throw e;
  }
  const store = opened.store;
  if (opts.demo) await seedDemo(store);
  if (webWarning) say(`inzage: ${webWarning}`);

  const grace = Number(process.env.INZAGE_GRACE_SECONDS);
  const cluster = clusterSettings && { ...clusterSettings, schema: (store as PgStore).schema };
  const config = { secret: opened.secret(), retentionDays, ...network, ...(grace > 0 ? { graceMs: grace * 1000 } : {}), ...(cluster ? { cluster } : {}) };
  const app = createApp({ store, tls, config, log: say });
  try {
    // with `config.cluster` (several processes): the shared state loaded and the adapter connected first
    await app.ready;
  } catch (e) {
    await app.close().catch(() => undefined);
    await opened.close().catch(() => undefined);
    await lock?.release();
    removeDemoDir();
    throw new CliError(`cannot join the other server processes: ${(e as Error)?.message ?? String(e)}${clusterSettings?.redisUrl ? ' (check INZAGE_REDIS_URL)' : ''}`);
  }
  try {
    await new Promise<void>((res, rej) => {
      app.server.once('error', rej);
      app.server.listen({ port: opts.port, host: opts.host, backlog: LISTEN_BACKLOG }, () => res());
    });
  } catch (e) {
    await app.close();
    await opened.close();
    await lock?.release();
    removeDemoDir();
    throw new CliError(listenProblem(e, opts.port, opts.host));
  }
  // only once it listens: a server that could not start has created no account
  await firstRun(store);
  const port = (app.server.address() as AddressInfo).port;
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await opened.close();
    await lock?.release();
    removeDemoDir();
  };
  const stop = () => {
    close().then(() => process.exit(0), () => process.exit(1));
  };
  // before anything is printed: whoever reads 'serving on' may stop it at once, and must find it listening
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const scheme = tls ? 'https' : 'http';
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  say(`inzage: serving on ${scheme}://${shown}:${port} (${opened.database ? `database: ${opened.database}, local files: ${dataDir}` : `data: ${dataDir}`})`);
  say(`  console: ${scheme}://${shown}:${port}/admin/`);
  say(`  kiosk:   ${scheme}://${shown}:${port}/kiosk/`);
  if (!tls) say('  plain HTTP: fine on loopback or a trusted exam-room LAN; use --tls-cert/--tls-key elsewhere.');
  if (opts.demo) {
    say('  demo accounts (demo only):');
    for (const a of DEMO_ACCOUNTS) say(`    ${a.username} / ${a.password}  (${a.role})`);
  }
  // several processes: one that left the cluster while it lives is dead to the others (app.ts); it stops, with exit 1,
  // for its service manager to start it again (a fresh start joins as a new process)
  void app.left.then(() => {
    say('inzage: this process left the other server processes (its PostgreSQL lease connection broke); stopping, to be started again');
    setTimeout(() => process.exit(1), 5_000).unref();
    close().finally(() => process.exit(1));
  });
  // damaged content stops the server as it stops before listening on a damaged state.json: with a message, exit 1
  store.content.ready().then(
    () => say(`inzage: exam content read (${store.content.counts().sittings.toLocaleString('en')} sittings), ${Math.round(performance.now())} ms after the process started`),
    (e: unknown) => {
      process.stderr.write(`inzage: ${e instanceof Error ? e.message : String(e)}\n`);
      setTimeout(() => process.exit(1), 5_000).unref();
      close().finally(() => process.exit(1));
    },
  );

  return { close, port };
}
