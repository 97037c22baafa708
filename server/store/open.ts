/**
 * Which store a process works on (docs/design.md: PostgreSQL store): PostgreSQL when `INZAGE_DATABASE_URL` is set,
 * else the file store in the data directory. `inzage serve` and every CLI command that opens the store go through
 * here, so that they all agree.
 *
 * A database that cannot be used stops with a message that names INZAGE_DATABASE_URL (the URL shown without its
 * password) and says why — never a fall-back to files, never an empty store.
 */
import { CorruptDataError, openStore, type Store } from './index.ts';
import type { PgStore, PgStoreOptions } from './pg/index.ts';
import { dataSecret } from './secret.ts';

export const DATABASE_URL_VAR = 'INZAGE_DATABASE_URL';

/** The PostgreSQL URL from the environment, or undefined for the file store. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[DATABASE_URL_VAR]?.trim() || undefined;
}

/** A store that could not be opened for a reason the operator can act on (the message says which and what). */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** The URL as it may be shown: its password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password && !u.searchParams.has('password')) return url;
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** The URL's password as written and %-decoded (either could turn up in a message). */
function passwordsOf(url: string): string[] {
  try {
    const u = new URL(url);
    const out = new Set<string>();
    for (const p of [u.password, u.searchParams.get('password') ?? '']) {
      if (!p) continue;
      out.add(p);
      try { out.add(decodeURIComponent(p)); } catch { /* not %-encoded */ }
    }
    return [...out];
  } catch {
    return [];
  }
}

/** Why PostgreSQL could not be used, in words (never with the password). */
export function pgProblem(e: unknown, url: string): string {
  const err = e as { code?: string; message?: string; errors?: { message?: string; code?: string }[] };
  const code = err?.code ?? err?.errors?.[0]?.code;
  let why: string;
  switch (code) {
    case 'ECONNREFUSED': why = 'nothing answers at its address (is PostgreSQL running there?)'; break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN': why = 'its host name does not resolve'; break;
    case 'ETIMEDOUT': why = 'no answer in time'; break;
    case '28P01':
    case '28000': why = `it refuses the login (${err.message})`; break;
    case '3D000': why = `${err.message}`; break;
    default: why = err?.message || err?.errors?.map((x) => x.message).find(Boolean) || code || String(e);
  }
  if (/timeout/i.test(why) && !code) why = 'no answer in time';
  for (const password of passwordsOf(url)) why = why.split(password).join('***');
  return why.replace(/\.$/, '');
}

/** Checks the URL's form before any connection is tried. */
export function checkDatabaseUrl(url: string): void {
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new StoreOpenError(`${DATABASE_URL_VAR} must be a postgres:// URL (postgres://user@host:5432/database).`);
  try {
    new URL(url);
  } catch {
    throw new StoreOpenError(`${DATABASE_URL_VAR} is not a valid URL (postgres://user@host:5432/database; a password with special characters must be %-encoded).`);
  }
}

/** `openPgStore`, or a StoreOpenError naming INZAGE_DATABASE_URL and saying why. */
export async function openPgStoreOrStop(url: string, opts: PgStoreOptions): Promise<PgStore> {
  checkDatabaseUrl(url);
  // loaded only here: the file store's commands never load the PostgreSQL client
  const { openPgStore } = await import('./pg/index.ts');
  try {
    return await openPgStore(url, opts);
  } catch (e) {
    if (e instanceof CorruptDataError) throw e; // a file of the local directory (content, audit log): its own message
    throw new StoreOpenError(`Cannot use the PostgreSQL database of ${DATABASE_URL_VAR} (${redactUrl(url)}): ${pgProblem(e, url)}.`);
  }
}

/**
 * Whether the data directory is locked while a process writes: always for the file store; for PostgreSQL only while
 * a part of the store is still a one-process file store there (pg/index.ts, PLUG).
 */
export async function locksDataDir(url: string | undefined): Promise<boolean> {
  return url ? (await import('./pg/index.ts')).LOCAL_ONE_PROCESS : true;
}

export interface OpenedStore {
  store: Store;
  /** PostgreSQL (the URL without its password), or undefined for the file store */
  database?: string;
  /** the data secret (made when missing): signs cookies */
  secret(): string;
  /** Flush and close (the connections, for PostgreSQL). */
  close(): Promise<void>;
}

/**
 * The store of `dir`: PostgreSQL when `url` is given (then `dir` holds only what is local, see pg/index.ts),
 * else the file store in `dir`.
 */
export async function openConfiguredStore(dir: string, url: string | undefined, opts: { now?: () => number; lazyContent?: boolean } = {}): Promise<OpenedStore> {
  if (url) {
    const store = await openPgStoreOrStop(url, { localDir: dir, now: opts.now });
    return { store, database: redactUrl(url), secret: () => store.secret, close: () => store.close() };
  }
  // the file store may read its exam content (the large files) after the server listens (docs/design.md: Start-up)
  const store = openStore(dir, { now: opts.now, lazyContent: opts.lazyContent });
  return { store, secret: () => dataSecret(dir)!, close: () => store.flush() };
}
