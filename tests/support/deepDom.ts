/**
 * Looks into the page across shadow roots (the console and the kiosk are Lit components), from the test side.
 * The page-side code is a string, so that the test runner's transpiler adds no helpers to code run in the page.
 */
import type { Page } from 'playwright-core';

/** The element that has keyboard focus, followed through the shadow roots: its tag, role and text. */
export function focusedElement(page: Page): Promise<{ tag: string; role: string | null; text: string }> {
  return page.evaluate(`(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return { tag: a ? a.localName : '', role: a ? a.getAttribute('role') : null, text: a ? a.textContent.replace(/\\s+/g, ' ').trim() : '' };
  })()`) as Promise<{ tag: string; role: string | null; text: string }>;
}

/** The page's width against the window's: the page scrolls sideways when `scrollWidth > innerWidth`. */
export function pageWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })') as Promise<{ scrollWidth: number; innerWidth: number }>;
}

/**
 * Every data table's row actions (the buttons and links in its `td.action` cells, shadow roots included) that
 * are out of reach: for each row, the row is scrolled into view as a reader would (vertically, and to the
 * start of the row), and each action must then lie inside the window and be the topmost element at its
 * centre (not under anything, nor scrolled out of its table's box). Returns one line per unreachable action,
 * and the number checked.
 */
export function unreachableRowActions(page: Page): Promise<{ checked: number; unreachable: string[] }> {
  return page.evaluate(`(() => {
    const all = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('td.action a, td.action button')) all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const hitTest = (x, y) => {
      let hit = document.elementFromPoint(x, y);
      while (hit && hit.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return hit;
    };
    const unreachable = [];
    for (const action of all) {
      const row = action.closest('tr');
      row.scrollIntoView({ block: 'center', inline: 'start' });
      const r = action.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const name = (action.getAttribute('aria-label') || action.textContent).replace(/\\s+/g, ' ').trim();
      let ok = r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight;
      if (ok) {
        ok = false;
        for (let n = hitTest(x, y); n; n = n.parentNode || n.host) if (n === action) { ok = true; break; }
      }
      if (!ok) unreachable.push(name + ' at ' + Math.round(r.left) + '–' + Math.round(r.right) + ' × ' + Math.round(r.top) + '–' + Math.round(r.bottom) + ' in ' + innerWidth + ' × ' + innerHeight);
    }
    return { checked: all.length, unreachable };
  })()`) as Promise<{ checked: number; unreachable: string[] }>;
}
