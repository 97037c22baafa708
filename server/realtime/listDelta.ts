/**
 * The kiosk and review lists as consoles last got them, and what changed since (docs/design.md: Consoles: lists as
 * deltas). A row is compared field by field with the one sent before (the rows are plain JSON data: DTOs), not
 * serialised: a flush that changed two rows of 1,000 costs a walk over the rows and the encoding of two.
 */
import type { ListDelta } from '../../shared/protocol.ts';

/** Deep equality of JSON data (what JSON.stringify would write the same; key order aside). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) if (!Object.hasOwn(rb, k) || !sameJson(ra[k], rb[k])) return false;
  return true;
}

/** One list's rows by id, as last sent. */
export class RowSnapshot<T extends { id: string }> {
  private rows = new Map<string, T>();

  /** The rows of `next` that are new or differ from the snapshot, and the ids no longer there; null: no change. `next` becomes the snapshot. */
  diff(next: readonly T[]): ListDelta<T> | null {
    const fresh = new Map<string, T>();
    const upsert: T[] = [];
    for (const row of next) {
      fresh.set(row.id, row);
      const before = this.rows.get(row.id);
      if (!before || !sameJson(before, row)) upsert.push(row);
    }
    const removed: string[] = [];
    for (const id of this.rows.keys()) if (!fresh.has(id)) removed.push(id);
    this.rows = fresh;
    return upsert.length || removed.length ? { upsert, removed } : null;
  }

  /** A change every console applies itself (a `review:progress`): the snapshot follows, so no delta repeats it. */
  patch(id: string, change: (row: T) => T): void {
    const row = this.rows.get(id);
    if (row) this.rows.set(id, change(row));
  }
}
