/**
 * Sortable table columns (docs/design.md: Events a busy desk cannot miss): a column header holds a real button that
 * sorts by that column (pressed again: the other way round), and the header carries `aria-sort` so that a screen
 * reader tells the order. One controller per table; the rows stay in the server's order until a header is pressed
 * unless an initial column is given.
 */
import { css, html, nothing, type ReactiveControllerHost } from 'lit';
import { compareNames } from '../../../shared/names.ts';

export type SortValue = string | number | null | undefined;
export type SortDir = 'ascending' | 'descending';

export interface ColumnSort<K extends string> { key: K; dir: SortDir }

/** How each sortable column reads a row: text compares the Dutch way, numbers by value; empty values go last. */
export type SortColumns<Row, K extends string> = Record<K, (row: Row) => SortValue>;

function compareValues(a: SortValue, b: SortValue): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareNames(String(a), String(b));
}

export class TableSort<Row, K extends string> {
  sort: ColumnSort<K> | null;

  constructor(private readonly host: ReactiveControllerHost, private readonly columns: SortColumns<Row, K>, initial: ColumnSort<K> | null = null) {
    this.sort = initial;
  }

  /** The rows in the chosen order (a copy; ties keep their order, empty values stay last either way). */
  apply(rows: readonly Row[]): Row[] {
    const s = this.sort;
    if (!s) return [...rows];
    const read = this.columns[s.key];
    const sign = s.dir === 'ascending' ? 1 : -1;
    return [...rows].sort((a, b) => {
      const va = read(a);
      const vb = read(b);
      const empty = (v: SortValue) => v === null || v === undefined || v === '';
      if (empty(va) || empty(vb)) return compareValues(va, vb);
      return sign * compareValues(va, vb);
    });
  }

  /** The header cell of a column: `<th scope="col" aria-sort>` with its sort button. */
  header(key: K, label: string, cls = '') {
    const current = this.sort?.key === key ? this.sort.dir : null;
    const arrow = current === 'ascending' ? '▲' : current === 'descending' ? '▼' : '↕';
    return html`<th scope="col" class=${cls || nothing} aria-sort=${current ?? 'none'}><button type="button" class="sort"
      @click=${() => this.toggle(key)}>${label}<span class="arrow" aria-hidden="true">${arrow}</span></button></th>`;
  }

  private toggle(key: K) {
    this.sort = { key, dir: this.sort?.key === key && this.sort.dir === 'ascending' ? 'descending' : 'ascending' };
    this.host.requestUpdate();
  }
}

/** The sort buttons look like the header text they replace. */
export const sortStyles = css`
  th button.sort {
    all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 0.35em;
    font: inherit; color: inherit; text-transform: inherit; letter-spacing: inherit; border-radius: var(--radius);
  }
  th button.sort:hover { color: var(--ink-strong); text-decoration: underline; }
  th button.sort:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  th[aria-sort='ascending'] button.sort, th[aria-sort='descending'] button.sort { color: var(--ink-strong); }
  th button.sort .arrow { font-size: 0.85em; opacity: 0.7; }
  th.num button.sort { flex-direction: row-reverse; }
`;
