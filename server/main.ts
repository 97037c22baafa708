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
import { DEMO_ACCOUNTS, loadDemoImport } from './demo.ts';
import { hostsFrom, originsFrom, retentionDaysFrom, trustProxyFrom } from './config.ts';
import { checkWebBuilt } from './http/web.ts';
import { importData } from './import/index.ts';
import { CliError, readFileOrStop } from './cli/common.ts';
import { acquireLock } from './store/lock.ts';
import { CorruptDataError, openStore, removeLeftoverTemps, type Store } from './store/index.ts';
import { dataSecret } from './store/secret.ts';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir?: string;
  demo: boolean;
  tlsCert?: string;
  tlsKey?: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function firstRun(store: Store) {
  if (store.staff.all().length > 0) return;
  const { password } = await createUser(store.staff, { username: 'admin', role: 'admin', displayName: 'Beheerder' });
  say('');
  say('  No staff accounts yet: created the administrator account.');
  say(`    username: admin`);
  say(`    password: ${password}   (shown only this once; it must be changed at first login)`);
  say('');
}

async function seedDemo(store: Store) {
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
  scryptParams(); // INZAGE_SCRYPT_N may not lower the password-hash cost outside tests
  const network = {
    origins: originsFrom(process.env.INZAGE_ORIGINS),
    hosts: hostsFrom(process.env.INZAGE_HOSTS),
    trustProxy: trustProxyFrom(process.env.INZAGE_TRUST_PROXY),
  };
  // one process per data directory: lowdb keeps no cross-process locks (docs/design.md, the data-directory lock)
  // (a lock held by a live process refuses with its own message, naming it; a dead holder's lock is gone with it)
  const lock = await acquireLock(dataDir, { role: 'an inzage server' });
  const removeDemoDir = () => { if (demoDir) rmSync(demoDir, { recursive: true, force: true }); };
  removeLeftoverTemps(dataDir); // writes a crash interrupted; only the lock's holder may do this
  let store: Store;
  try {
    store = openStore(dataDir);
  } catch (e) {
    if (e instanceof CorruptDataError) {
      process.stderr.write(`inzage: ${e.message}\n`);
      await lock.release();
      process.exit(1);
    }
    throw e;
  }
  if (opts.demo) await seedDemo(store);
  if (webWarning) say(`inzage: ${webWarning}`);

  const grace = Number(process.env.INZAGE_GRACE_SECONDS);
  const config = { secret: dataSecret(dataDir)!, retentionDays, ...network, ...(grace > 0 ? { graceMs: grace * 1000 } : {}) };
  const app = createApp({ store, tls, config, log: say });
  try {
    // with `config.cluster` (several processes): the shared state loaded and the adapter connected first
    await app.ready;
    await new Promise<void>((res, rej) => {
      app.server.once('error', rej);
      app.server.listen(opts.port, opts.host, () => res());
    });
  } catch (e) {
    await app.close();
    await lock.release();
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
    await lock.release();
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
  say(`inzage: serving on ${scheme}://${shown}:${port} (data: ${dataDir})`);
  say(`  console: ${scheme}://${shown}:${port}/admin/`);
  say(`  kiosk:   ${scheme}://${shown}:${port}/kiosk/`);
  if (!tls) say('  plain HTTP: fine on loopback or a trusted exam-room LAN; use --tls-cert/--tls-key elsewhere.');
  if (opts.demo) {
    say('  demo accounts (demo only):');
    for (const a of DEMO_ACCOUNTS) say(`    ${a.username} / ${a.password}  (${a.role})`);
  }

  return { close, port };
}
