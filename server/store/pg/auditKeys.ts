/**
 * The audit keys on PostgreSQL (docs/design.md: PostgreSQL store, "Audit log and keys"; the file version and what the
 * keys are for: `../auditKeys.ts`). Table `audit_keys (kid, scope, key)`, loaded at open and kept in memory, so that
 * `seal` and `open` stay synchronous as the interface says.
 *
 * Other processes: a key made or destroyed is announced (NOTIFY, on commit) and reloaded. Because an announcement
 * can arrive after a line sealed with a new key is already readable, the log calls `refresh(kids)` for the keys of
 * the lines it is about to open: one indexed query, after which `open` sees the database's state of those keys
 * (a key another process made: opens; one it destroyed: '[verwijderd]').
 *
 * Two processes sealing for the same new sitting at once each make a key: both are stored (a line names its key by
 * `kid`); `shred` deletes every key of a scope, in the database, whichever process made it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { openSealed, sealFields, type AuditKeyStore, type Sealed, type StoredKey } from '../auditKeys.ts';
import type { PgDb } from './db.ts';

const TABLE = 'audit_keys';

type KeyRow = StoredKey;

export class PgAuditKeys implements AuditKeyStore {
  /** kid → its scope and key */
  private readonly keys = new Map<string, { scope: string; key: Buffer }>();
  /** the key this process seals a scope's details with */
  private readonly byScope = new Map<string, string>();
  /** kids made here whose insert is not committed yet (a refresh must not drop them) */
  private readonly pending = new Map<string, Promise<void>>();
  /** kids this process shredded: a read that began before the shred must not bring one back */
  private readonly destroyed = new Set<string>();
  private reloads: Promise<void> = Promise.resolve();

  private constructor(private readonly db: PgDb) {}

  /** Load the keys, and follow other processes' changes (once the store's `db.listen()` runs). */
  static async open(db: PgDb): Promise<PgAuditKeys> {
    const keys = new PgAuditKeys(db);
    db.onChange(TABLE, (id) => keys.changed(id));
    const { rows } = await db.pool.query<KeyRow>(`SELECT kid, scope, key FROM ${TABLE}`);
    for (const r of rows) keys.put(r);
    return keys;
  }

  scopes(): string[] {
    return [...new Set([...this.keys.values()].map((k) => k.scope))];
  }

  seal(scope: string, fields: Record<string, unknown>, aad: string): { sealed: Sealed; persisted: Promise<void> } {
    const { kid, persisted } = this.keyOf(scope);
    return { sealed: sealFields(kid, this.keys.get(kid)!.key, fields, aad), persisted };
  }

  /** Make the key of `scope` now if it has none; resolves once its insert is committed (rejects, keeping no key, if not). */
  prepare(scope: string): Promise<void> {
    return this.keyOf(scope).persisted;
  }

  /** The key this process seals `scope` with, made now if it has none, and its insert: done, under way, or begun now. */
  private keyOf(scope: string): { kid: string; persisted: Promise<void> } {
    const known = this.byScope.get(scope);
    if (known && this.keys.has(known)) return { kid: known, persisted: this.pending.get(known) ?? Promise.resolve() };
    const made: KeyRow = { kid: randomUUID(), scope, key: randomBytes(32).toString('base64') };
    this.put(made);
    return { kid: made.kid, persisted: this.insert(made) };
  }

  open(sealed: Sealed, aad: string): Record<string, unknown> | null {
    const entry = this.keys.get(sealed.kid);
    return entry ? openSealed(entry.key, sealed, aad) : null;
  }

  /** Destroy every key of these scopes (also those other processes made); resolves with how many, once committed. */
  async shred(scopes: Iterable<string>): Promise<number> {
    const list = [...new Set(scopes)];
    if (list.length === 0) return 0;
    await this.flush(); // a key still being inserted would otherwise outlive its shred
    const gone = await this.db.tx(async (c) => {
      const { rows } = await c.query<{ kid: string }>(`DELETE FROM ${TABLE} WHERE scope = ANY($1::text[]) RETURNING kid`, [list]);
      await this.db.notify(c, TABLE, rows.map((r) => r.kid));
      return rows.map((r) => r.kid);
    });
    for (const kid of gone) this.destroyed.add(kid);
    const shredded = new Set(list);
    for (const [kid, k] of [...this.keys]) if (shredded.has(k.scope)) this.drop(kid);
    return gone.length;
  }

  /**
   * Copy keys made elsewhere (the file store's: `AuditKeys.entries()`) with their ids unchanged, so that the lines
   * sealed with them open here; one transaction. A key id already stored with another key is refused (nothing is
   * copied); the same key again is no change. Resolves with how many were new.
   */
  async importKeys(keys: readonly StoredKey[]): Promise<number> {
    for (const k of keys) {
      if (typeof k.kid !== 'string' || typeof k.scope !== 'string' || typeof k.key !== 'string' || Buffer.from(k.key, 'base64').length !== 32) {
        throw new Error(`audit key ${String(k.kid)} is not a key of 32 bytes in base64 with a scope: nothing was copied`);
      }
    }
    if (!keys.length) return 0;
    const added = await this.db.tx(async (c) => {
      const { rows } = await c.query<{ kid: string }>(
        `INSERT INTO ${TABLE} (kid, scope, key) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (kid) DO NOTHING RETURNING kid`,
        [keys.map((k) => k.kid), keys.map((k) => k.scope), keys.map((k) => k.key)],
      );
      const { rows: clash } = await c.query<{ kid: string }>(
        `SELECT t.kid FROM ${TABLE} t JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(kid, scope, key) ON k.kid = t.kid WHERE t.scope <> k.scope OR t.key <> k.key LIMIT 1`,
        [keys.map((k) => k.kid), keys.map((k) => k.scope), keys.map((k) => k.key)],
      );
      if (clash[0]) throw new Error(`audit key ${clash[0].kid} is already stored with another key or scope: nothing was copied`);
      await this.db.notify(c, TABLE, rows.map((r) => r.kid));
      return rows.length;
    });
    for (const k of keys) this.put(k);
    return added;
  }

  /** Read these keys as the database has them now (made or destroyed by another process since the last notice). */
  async refresh(kids: readonly string[]): Promise<void> {
    const want = [...new Set(kids)];
    if (!want.length) return;
    const { rows } = await this.db.pool.query<KeyRow>(`SELECT kid, scope, key FROM ${TABLE} WHERE kid = ANY($1::text[])`, [want]);
    const there = new Map(rows.map((r) => [r.kid, r]));
    for (const kid of want) {
      const r = there.get(kid);
      if (r) this.put(r);
      else if (!this.pending.has(kid)) this.drop(kid);
    }
  }

  /** Wait for the key inserts under way, and the reloads begun. */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending.values()]);
    let seen: Promise<void> | undefined;
    while (seen !== this.reloads) {
      seen = this.reloads;
      await seen;
    }
  }

  // ---------- bookkeeping ----------

  private insert(k: KeyRow): Promise<void> {
    const done = this.db
      .tx(async (c) => {
        await c.query(`INSERT INTO ${TABLE} (kid, scope, key) VALUES ($1, $2, $3)`, [k.kid, k.scope, k.key]);
        await this.db.notify(c, TABLE, [k.kid]);
      })
      .then(
        () => { this.pending.delete(k.kid); },
        (e: unknown) => {
          // not stored: the next seal of this scope makes a new key (the append that waited for this one fails)
          this.pending.delete(k.kid);
          this.drop(k.kid);
          throw e;
        },
      );
    done.catch(() => undefined); // the append that sealed with it reports the failure
    this.pending.set(k.kid, done);
    return done;
  }

  private put(r: KeyRow): void {
    if (this.destroyed.has(r.kid)) return;
    this.keys.set(r.kid, { scope: r.scope, key: Buffer.from(r.key, 'base64') });
    if (!this.byScope.has(r.scope)) this.byScope.set(r.scope, r.kid);
  }

  private drop(kid: string): void {
    const entry = this.keys.get(kid);
    if (!entry) return;
    this.keys.delete(kid);
    if (this.byScope.get(entry.scope) === kid) {
      this.byScope.delete(entry.scope);
      const other = [...this.keys].find(([, k]) => k.scope === entry.scope);
      if (other) this.byScope.set(entry.scope, other[0]);
    }
  }

  private changed(id: string): void {
    this.reloads = this.reloads
      .then(async () => {
        if (id !== '*') return this.refresh([id]);
        const { rows } = await this.db.pool.query<KeyRow>(`SELECT kid, scope, key FROM ${TABLE}`);
        const there = new Set(rows.map((r) => r.kid));
        for (const kid of [...this.keys.keys()]) if (!there.has(kid) && !this.pending.has(kid)) this.drop(kid);
        for (const r of rows) this.put(r);
      })
      .catch((e: unknown) => console.error('inzage: could not reload audit keys:', e));
  }
}
