/**
 * Kiosk and review lists as deltas (docs/design.md: Consoles: lists as deltas), the part the console and the
 * server share: what a console says at the handshake, and how a `lists:delta` applies to a list.
 */
import type { ListDelta } from './protocol.ts';

/** The handshake `auth` of a console that takes the lists as deltas (`lists:version`, `lists:delta`). */
export const LISTS_DELTA_AUTH = { lists: 'delta' } as const;

/**
 * The list after a delta: rows removed, rows replaced in place (matched by id), new rows appended in the delta's
 * order. A new array; the rows themselves are not copied.
 */
export function applyListDelta<T extends { id: string }>(rows: readonly T[], delta: ListDelta<T>): T[] {
  const gone = new Set(delta.removed);
  const upserts = new Map(delta.upsert.map((r) => [r.id, r]));
  const out: T[] = [];
  for (const row of rows) {
    if (gone.has(row.id)) continue;
    const next = upserts.get(row.id);
    if (next) upserts.delete(row.id);
    out.push(next ?? row);
  }
  for (const row of upserts.values()) out.push(row);
  return out;
}
