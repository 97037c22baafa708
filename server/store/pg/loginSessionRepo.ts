/** Staff login sessions on PostgreSQL (keyed by the SHA-256 of the session id), with the file store's write policy. */
import type { LoginSessionRepo, StoredSession } from '../repositories.ts';
import type { PgTable } from './table.ts';

export class PgLoginSessionRepo implements LoginSessionRepo {
  constructor(private readonly t: PgTable<StoredSession>) {}
  get(key: string): StoredSession | undefined { return this.t.get(key); }
  entries(): [string, StoredSession][] { return this.t.entries(); }
  put(key: string, session: StoredSession): Promise<void> {
    this.t.set(key, session);
    return this.t.write([{ id: key, how: 'upsert', value: session }]);
  }
  putSoon(key: string, session: StoredSession): void {
    this.t.set(key, session);
    this.t.soon(key);
  }
  remove(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.t.drop(key);
    return this.t.write(keys.map((id) => ({ id, how: 'delete' })));
  }
  removeSoon(keys: readonly string[]): void {
    for (const key of keys) {
      this.t.drop(key);
      this.t.soon(key);
    }
  }
  replaceAll(sessions: Record<string, StoredSession>): Promise<void> {
    for (const [key] of this.t.entries()) if (!Object.hasOwn(sessions, key)) this.t.drop(key);
    for (const [key, s] of Object.entries(sessions)) this.t.set(key, s);
    return this.t.write(
      Object.entries(sessions).map(([id, value]) => ({ id, how: 'upsert', value })),
      {
        run: async (c) => (await c.query<{ id: string }>('DELETE FROM login_sessions WHERE NOT (id = ANY($1::text[])) RETURNING id', [Object.keys(sessions)])).rows.map((r) => r.id),
      },
    );
  }
}
