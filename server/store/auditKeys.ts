/**
 * Crypto-shredding for the audit log (docs/design.md: Privacy). Audit details that identify a candidate (a sitting
 * id, a candidate number) are stored encrypted (AES-256-GCM) with a key of their own sitting, kept outside the
 * log in `keys/audit-keys.jsonl` (0600, in a 0700 directory). A purge destroys the keys of the purged sittings:
 * the audit lines stay as they were, so the hash chain (over the ciphertext) still verifies, but what they
 * said about those candidates can no longer be read.
 *
 * One key per sitting, because the sitting is what both purge selectors remove: `--exam` removes all sittings
 * of an exam, `--before` the sittings submitted before a date, across exams. A key per exam could not shred
 * exactly the entries of a `--before` purge. Keys are made when first needed (at a review's start, written beside
 * its reservation: `prepare`), so there are only as many as sittings whose review was started (a start that then
 * failed included: a purge of the sitting destroys that key like any other).
 *
 * A sealed field set in an audit line: `details.sealed = { kid, fields, iv, data, tag }`; `kid` is a random
 * id (it says nothing about the candidate), `fields` the names of the sealed details, `data` their JSON,
 * encrypted. Authenticated with the event's action and target, so a sealed set cannot be moved to another line.
 *
 * Storage: one line `{kid, scope, key}` per key, appended and fdatasynced when it is made (keys made together share
 * one write; `appendFile.ts`), so a review's start costs one small append, not a rewrite of every key. A shred
 * rewrites the file whole without the destroyed keys (temp file, fsync, rename: the old copy becomes `.bak`, which
 * the purge's scrub then rewrites). Earlier builds kept one JSON document, `audit-keys.json`: read at open, and
 * replaced by the lines file at the first write. An unfinished last line (a crash during the append, never
 * acknowledged) is dropped; any other line that does not parse stops the server (CorruptDataError).
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, truncateSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AppendFile, splitTornTail } from './appendFile.ts';
import { CorruptDataError, readJsonFileSync, syncDir, writeFileDurably } from './durableFile.ts';

export interface Sealed { kid: string; fields: string[]; iv: string; data: string; tag: string }
interface KeyEntry { scope: string; key: string }
/** A key as stored: its id, the scope (sitting id) it seals, the key itself (base64). */
export interface StoredKey { kid: string; scope: string; key: string }
interface KeysData { version: 1; keys: Record<string, KeyEntry> }
type OpInput = { kind: 'append'; text: string } | { kind: 'rewrite' };
type Op = OpInput & { resolve: () => void; reject: (e: unknown) => void };

export { SHREDDED } from '../../shared/domain.ts';

export const KEYS_DIR = 'keys';
export const KEYS_FILE = 'audit-keys.jsonl';
const LEGACY_FILE = 'audit-keys.json';

/**
 * The audit keys as the server uses them (`Store.auditKeys`): the file here (`AuditKeys`), or the table of the
 * PostgreSQL store (`server/store/pg/auditKeys.ts`, `PgAuditKeys`).
 */
export interface AuditKeyStore {
  /** Scopes (sitting ids) that have a key. */
  scopes(): string[];
  /**
   * Encrypt `fields` with the key of `scope` (made now if it has none); `persisted` resolves once that key is durable
   * (also when another caller made it and its write is still under way).
   */
  seal(scope: string, fields: Record<string, unknown>, aad: string): { sealed: Sealed; persisted: Promise<void> };
  /**
   * Make the key of `scope` now if it has none, and resolve once it is durable: a review's start makes its sitting's
   * key beside its reservation's write, so that its audit line waits for no second write. A key whose write fails is
   * not kept (the promise rejects; the next `seal` or `prepare` of that scope makes another).
   */
  prepare(scope: string): Promise<void>;
  /** The sealed fields, or null when the key is gone (shredded) or the data does not authenticate. */
  open(sealed: Sealed, aad: string): Record<string, unknown> | null;
  /** Destroy the keys of these scopes; resolves with how many were destroyed, once that is durable. */
  shred(scopes: Iterable<string>): Promise<number>;
  /** Wait for the key writes under way. */
  flush(): Promise<void>;
  /**
   * Bring these keys up to date before `open` (another process may have made or destroyed them since); a store
   * that only this process writes has nothing to do and need not have it.
   */
  refresh?(kids: readonly string[]): Promise<void>;
}

const ALGORITHM = 'aes-256-gcm';
const DONE: Promise<void> = Promise.resolve();

/** `fields` encrypted (AES-256-GCM, a fresh IV, `aad` bound in) with the key `kid`: the audit line's `sealed`. */
export function sealFields(kid: string, key: Buffer, fields: Record<string, unknown>, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return { kid, fields: Object.keys(fields), iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** The sealed fields, or null when they do not authenticate under `key` and `aad`. */
export function openSealed(key: Buffer, sealed: Sealed, aad: string): Record<string, unknown> | null {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export class AuditKeys implements AuditKeyStore {
  private readonly dir: string;
  private readonly keys = new Map<string, KeyEntry & { raw: Buffer }>();
  private byScope = new Map<string, string>();
  /** keys made here whose line is not on disk yet: their write */
  private readonly pending = new Map<string, Promise<void>>();
  private readonly out: AppendFile;
  private ops: Op[] = [];
  private running: Promise<void> | null = null;
  /** the file of an earlier build is there: the first write replaces it */
  private legacy: boolean;
  /** the lines file as found: an unfinished last line to cut off before the first append */
  private repair: { size: number; torn: string | undefined; needsNewline: boolean } | undefined;
  /** writes of the file (each one fdatasync; tests read it) */
  readonly stats = { writes: 0 };

  constructor(dataDir: string, { create = true }: { create?: boolean } = {}) {
    this.dir = join(dataDir, KEYS_DIR);
    if (create) mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const legacy = readJsonFileSync<KeysData>(join(this.dir, LEGACY_FILE));
    this.legacy = legacy !== undefined;
    for (const [kid, e] of Object.entries(legacy?.keys ?? {})) this.keep(kid, e);
    this.out = new AppendFile(this.file, true);
    let text: string | undefined;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text === undefined) return;
    const { kept, torn, needsNewline } = splitTornTail(text);
    this.repair = torn !== undefined || needsNewline ? { size: Buffer.byteLength(kept), torn, needsNewline } : undefined;
    kept.split('\n').forEach((line, i) => {
      if (!line) return;
      let e: { kid?: unknown; scope?: unknown; key?: unknown };
      try {
        e = JSON.parse(line) as typeof e;
      } catch (err) {
        throw new CorruptDataError(this.file, `line ${i + 1} does not parse: ${(err as Error).message}`);
      }
      if (typeof e.kid !== 'string' || typeof e.scope !== 'string' || typeof e.key !== 'string') throw new CorruptDataError(this.file, `line ${i + 1} is not a key`);
      this.keep(e.kid, { scope: e.scope, key: e.key });
    });
  }

  get file(): string {
    return join(this.dir, KEYS_FILE);
  }

  private keep(kid: string, e: KeyEntry): void {
    this.keys.set(kid, { scope: e.scope, key: e.key, raw: Buffer.from(e.key, 'base64') });
    this.byScope.set(e.scope, kid);
  }

  /** Scopes (sitting ids) that have a key. */
  scopes(): string[] {
    return [...this.byScope.keys()];
  }

  /** Every key as stored (for copying them elsewhere: `PgAuditKeys.importKeys`). */
  entries(): StoredKey[] {
    return [...this.keys].map(([kid, e]) => ({ kid, scope: e.scope, key: e.key }));
  }

  /**
   * Encrypt `fields` with the key of `scope` (made now if it has none). `persisted` resolves once the key is on
   * disk; whoever writes the sealed line waits for it too.
   */
  seal(scope: string, fields: Record<string, unknown>, aad: string): { sealed: Sealed; persisted: Promise<void> } {
    const { kid, persisted } = this.keyOf(scope);
    return { sealed: sealFields(kid, this.keys.get(kid)!.raw, fields, aad), persisted };
  }

  /** Make the key of `scope` now if it has none; resolves once it is on disk (rejects, keeping no key, if it cannot be). */
  prepare(scope: string): Promise<void> {
    return this.keyOf(scope).persisted;
  }

  /** The key of `scope`, made now if it has none, and its write: done, under way, or begun now. */
  private keyOf(scope: string): { kid: string; persisted: Promise<void> } {
    const known = this.byScope.get(scope);
    if (known) return { kid: known, persisted: this.pending.get(known) ?? DONE };
    const kid = randomUUID();
    const key = randomBytes(32).toString('base64');
    this.keep(kid, { scope, key });
    const persisted = this.run({ kind: 'append', text: `${JSON.stringify({ kid, scope, key })}\n` }).then(
      () => {
        this.pending.delete(kid);
      },
      (e: unknown) => {
        // not on disk: not kept either (what was sealed with it cannot be opened after a restart, so not now), and
        // the next seal of this scope makes another key; whoever waits for this one is told
        this.pending.delete(kid);
        if (this.byScope.get(scope) === kid) this.byScope.delete(scope);
        this.keys.delete(kid);
        throw e;
      },
    );
    persisted.catch(() => undefined); // whoever waits for it is told; a key nobody waits for is made again later
    this.pending.set(kid, persisted);
    return { kid, persisted };
  }

  /** The sealed fields, or null when the key is gone (shredded) or the data does not authenticate. */
  open(sealed: Sealed, aad: string): Record<string, unknown> | null {
    const entry = this.keys.get(sealed.kid);
    return entry ? openSealed(entry.raw, sealed, aad) : null;
  }

  /** Destroy the keys of these scopes; resolves with how many were destroyed, once the file no longer holds them. */
  async shred(scopes: Iterable<string>): Promise<number> {
    const list = [...scopes];
    // the file of an earlier build is replaced first, with every key: were the shred's rewrite and the removal of
    // that file one step, a crash between them would leave the old file holding the destroyed keys
    if (this.legacy && list.some((scope) => this.byScope.has(scope))) await this.run({ kind: 'rewrite' });
    let n = 0;
    for (const scope of list) {
      const kid = this.byScope.get(scope);
      if (!kid) continue;
      this.keys.delete(kid);
      this.byScope.delete(scope);
      n++;
    }
    if (n === 0) return 0;
    await this.run({ kind: 'rewrite' });
    return n;
  }

  /** Wait for every write under way. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Queue a write; appends waiting together share one (group commit); a rewrite runs alone, in its turn. */
  private run(op: OpInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.ops.push({ ...op, resolve, reject } as Op);
      this.running ??= this.loop();
    });
  }

  private async loop(): Promise<void> {
    try {
      while (this.ops.length) {
        let n = 0;
        while (n < this.ops.length && this.ops[n]!.kind === 'append') n++;
        const batch = this.ops.splice(0, Math.max(n, 1));
        try {
          if (batch[0]!.kind === 'rewrite' || this.legacy) await this.rewrite(); // the whole file holds the appends too
          else {
            let text = batch.map((b) => (b as { text: string }).text).join('');
            if (this.repair) text = this.repairTail() + text;
            await this.out.append(text);
          }
          this.stats.writes++;
          for (const b of batch) b.resolve();
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      // in the same turn as the last check of `ops`: a write queued after it starts a new loop
      this.running = null;
    }
  }

  private repairTail(): string {
    const r = this.repair!;
    this.repair = undefined;
    if (r.torn !== undefined) {
      appendFileSync(`${this.file}.torn`, `${new Date().toISOString()} ${r.torn}\n`, { mode: 0o600 });
      truncateSync(this.file, r.size);
      process.emitWarning(`${this.file}: removed an unfinished last line left by a crash (kept in ${this.file}.torn)`);
    }
    return r.needsNewline ? '\n' : '';
  }

  /** Every key there is, as the whole file; then the file of an earlier build goes. */
  private async rewrite(): Promise<void> {
    await this.out.close();
    let text = '';
    for (const [kid, e] of this.keys) text += `${JSON.stringify({ kid, scope: e.scope, key: e.key })}\n`;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    await writeFileDurably(this.file, text);
    this.repair = undefined;
    if (this.legacy) {
      await fs.rm(join(this.dir, LEGACY_FILE), { force: true });
      await fs.rm(join(this.dir, `${LEGACY_FILE}.bak`), { force: true });
      await syncDir(this.dir);
      this.legacy = false;
    }
  }
}
