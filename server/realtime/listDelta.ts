/**
 * The kiosk and review lists as consoles last got them, and what changed since (docs/design.md: Consoles: lists as
 * deltas). A row is compared field by field with the one sent before (the rows are plain JSON data: DTOs), not
 * serialised: a flush that changed two rows of 1,000 costs a walk over the rows and the encoding of two.
 */
import type { ListDelta } from '../../shared/protocol.ts';

/** Deep equality of JSON data (what JSON.stringify would write the same; key order aside). No allocation. */
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
  let keys = 0;
  for (const k in ra) {
    if (!Object.hasOwn(rb, k) || !sameJson(ra[k], rb[k])) return false;
    keys += 1;
  }
  for (const _ in rb) keys -= 1;
  return keys === 0;
}

/** A row as last sent, and the flush that last saw it in the list. */
interface Held<T> { row: T; seen: number }

/** One list's rows by id, as last sent. */
export class RowSnapshot<T extends { id: string }> {
  private readonly rows = new Map<string, Held<T>>();
  private flushes = 0;

  /** The rows of `next` that are new or differ from the snapshot, and the ids no longer there; null: no change. `next` becomes the snapshot. */
  diff(next: readonly T[]): ListDelta<T> | null {
    const flush = ++this.flushes;
    const upsert: T[] = [];
    for (const row of next) {
      const held = this.rows.get(row.id);
      if (!held) this.rows.set(row.id, { row, seen: flush });
      else {
        held.seen = flush;
        if (sameJson(held.row, row)) continue;
        held.row = row;
      }
      upsert.push(row);
    }
    let removed: string[] | undefined;
    // every id of `next` is held now: more held rows means some are gone (ids are unique in a list)
    if (this.rows.size !== next.length) {
      removed = [];
      for (const [id, held] of this.rows) {
        if (held.seen === flush) continue;
        removed.push(id);
        this.rows.delete(id);
      }
    }
    return upsert.length || removed?.length ? { upsert, removed: removed ?? [] } : null;
  }

  /**
   * The rows of `some` (a few rows of the list, each already held) that differ from the snapshot; null: no change.
   * Undefined when a row is not held (a new row: its place in the list is the full list's to say) — the caller then
   * diffs the full list instead. Rows not given are left as they are.
   */
  diffSome(some: readonly T[]): ListDelta<T> | null | undefined {
    if (some.some((row) => !this.rows.has(row.id))) return undefined;
    const upsert: T[] = [];
    for (const row of some) {
      const held = this.rows.get(row.id)!;
      if (sameJson(held.row, row)) continue;
      held.row = row;
      upsert.push(row);
    }
    return upsert.length ? { upsert, removed: [] } : null;
  }

  /** A change every console applies itself (a `review:progress`): the snapshot follows, so no delta repeats it. */
  patch(id: string, change: (row: T) => T): void {
    const held = this.rows.get(id);
    if (held) held.row = change(held.row);
  }
}
