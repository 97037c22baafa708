/**
 * Crypto-shredding for the audit log (docs/design.md: Privacy). Audit details that identify a candidate (a sitting
 * id, a candidate number) are stored encrypted (AES-256-GCM) with a key of their own sitting, kept outside the
 * log in `keys/audit-keys.json` (0600, in a 0700 directory). A purge destroys the keys of the purged sittings:
 * the audit lines stay as they were, so the hash chain (over the ciphertext) still verifies, but what they
 * said about those candidates can no longer be read.
 *
 * One key per sitting, because the sitting is what both purge selectors remove: `--exam` removes all sittings
 * of an exam, `--before` the sittings submitted before a date, across exams. A key per exam could not shred
 * exactly the entries of a `--before` purge. Keys are made when first needed (at a review's start), so there
 * are only as many as sittings that were reviewed.
 *
 * A sealed field set in an audit line: `details.sealed = { kid, fields, iv, data, tag }`; `kid` is a random
 * id (it says nothing about the candidate), `fields` the names of the sealed details, `data` their JSON,
 * encrypted. Authenticated with the event's action and target, so a sealed set cannot be moved to another line.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Doc } from './doc.ts';

export interface Sealed { kid: string; fields: string[]; iv: string; data: string; tag: string }
interface KeyEntry { scope: string; key: string }
/** A key as stored: its id, the scope (sitting id) it seals, the key itself (base64). */
export interface StoredKey { kid: string; scope: string; key: string }
interface KeysData { version: 1; keys: Record<string, KeyEntry> }

export { SHREDDED } from '../../shared/domain.ts';

export const KEYS_DIR = 'keys';

/**
 * The audit keys as the server uses them (`Store.auditKeys`): the file here (`AuditKeys`), or the table of the
 * PostgreSQL store (`server/store/pg/auditKeys.ts`, `PgAuditKeys`).
 */
export interface AuditKeyStore {
  /** Scopes (sitting ids) that have a key. */
  scopes(): string[];
  /** Encrypt `fields` with the key of `scope` (made now if it has none); `persisted` resolves once that key is durable. */
  seal(scope: string, fields: Record<string, unknown>, aad: string): { sealed: Sealed; persisted: Promise<void> };
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

export class AuditKeys implements AuditKeyStore {
  private readonly doc: Doc<KeysData>;
  private byScope = new Map<string, string>();

  constructor(dataDir: string, { create = true }: { create?: boolean } = {}) {
    const dir = join(dataDir, KEYS_DIR);
    if (create) mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.doc = new Doc<KeysData>(join(dir, 'audit-keys.json'), { version: 1, keys: {} });
    for (const [kid, e] of Object.entries(this.doc.data.keys)) this.byScope.set(e.scope, kid);
  }

  get file(): string {
    return this.doc.adapter.file;
  }

  /** Scopes (sitting ids) that have a key. */
  scopes(): string[] {
    return [...this.byScope.keys()];
  }

  /** Every key as stored (for copying them elsewhere: `PgAuditKeys.importKeys`). */
  entries(): StoredKey[] {
    return Object.entries(this.doc.data.keys).map(([kid, e]) => ({ kid, scope: e.scope, key: e.key }));
  }

  /**
   * Encrypt `fields` with the key of `scope` (made now if it has none). `persisted` resolves once the key is on
   * disk; whoever writes the sealed line waits for it too.
   */
  seal(scope: string, fields: Record<string, unknown>, aad: string): { sealed: Sealed; persisted: Promise<void> } {
    let kid = this.byScope.get(scope);
    let persisted: Promise<void> = Promise.resolve();
    if (!kid) {
      kid = randomUUID();
      this.doc.data.keys = { ...this.doc.data.keys, [kid]: { scope, key: randomBytes(32).toString('base64') } };
      this.byScope.set(scope, kid);
      persisted = this.doc.write();
    }
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, Buffer.from(this.doc.data.keys[kid]!.key, 'base64'), iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
    const sealed = { kid, fields: Object.keys(fields), iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
    return { sealed, persisted };
  }

  /** The sealed fields, or null when the key is gone (shredded) or the data does not authenticate. */
  open(sealed: Sealed, aad: string): Record<string, unknown> | null {
    const entry = this.doc.data.keys[sealed.kid];
    if (!entry) return null;
    try {
      const decipher = createDecipheriv(ALGORITHM, Buffer.from(entry.key, 'base64'), Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null;
    }
  }

  /** Destroy the keys of these scopes; resolves with how many were destroyed, once that is on disk. */
  async shred(scopes: Iterable<string>): Promise<number> {
    const gone = new Set<string>();
    for (const scope of scopes) {
      const kid = this.byScope.get(scope);
      if (kid) gone.add(kid);
    }
    if (gone.size === 0) return 0;
    this.doc.data.keys = Object.fromEntries(Object.entries(this.doc.data.keys).filter(([kid]) => !gone.has(kid)));
    this.byScope = new Map(Object.entries(this.doc.data.keys).map(([kid, e]) => [e.scope, kid]));
    await this.doc.write();
    return gone.size;
  }

  flush(): Promise<void> {
    return this.doc.flush();
  }
}
