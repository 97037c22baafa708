/**
 * `inzage serve`: parse nothing (the CLI did), check that the front ends are built, open storage, make sure
 * there is someone to log in, listen, and shut down cleanly.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
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

export async function serve(opts: ServeOptions): Promise<{ close(): Promise<void>; port: number }> {
  // the console and kiosk are built by `npm run build` (npm install, npm start and npm run demo run it): without
  // them there is nothing to serve, so stop before touching any data, saying what to run
  const webWarning = checkWebBuilt();
  const dataDir = resolve(opts.demo && !opts.dataDir ? mkdtempSync(join(tmpdir(), 'inzage-demo-')) : opts.dataDir ?? process.env.INZAGE_DATA ?? './data');
  // a bad value stops here, before anything
  const retentionDays = retentionDaysFrom(process.env.INZAGE_RETENTION_DAYS);
  scryptParams(); // INZAGE_SCRYPT_N may not lower the password-hash cost outside tests
  const network = {
    origins: originsFrom(process.env.INZAGE_ORIGINS),
    hosts: hostsFrom(process.env.INZAGE_HOSTS),
    trustProxy: trustProxyFrom(process.env.INZAGE_TRUST_PROXY),
  };
  // one process per data directory: lowdb keeps no cross-process locks (docs/design.md, the data-directory lock)
  const lock = await acquireLock(dataDir, { role: 'an inzage server' });
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
  await firstRun(store);
  if (webWarning) say(`inzage: ${webWarning}`);

  const tls = opts.tlsCert && opts.tlsKey ? { cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) } : undefined;
  const grace = Number(process.env.INZAGE_GRACE_SECONDS);
  const config = { secret: dataSecret(dataDir)!, retentionDays, ...network, ...(grace > 0 ? { graceMs: grace * 1000 } : {}) };
  const app = createApp({ store, tls, config, log: say });
  await new Promise<void>((res, rej) => {
    app.server.once('error', rej);
    app.server.listen(opts.port, opts.host, () => res());
  });
  const port = (app.server.address() as AddressInfo).port;
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

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await lock.release();
  };
  const stop = () => {
    close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { close, port };
}
