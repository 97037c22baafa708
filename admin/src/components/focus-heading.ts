/**
 * Where focus goes when a whole screen replaces the one that had it (the login form gives way to the console,
 * the password change to the first screen, the console to the login after logging out): to the new screen's
 * main heading, so that focus never drops to the page and a screen reader starts at the screen's name.
 */
import type { ReactiveElement } from 'lit';

const isReactive = (el: Element): el is ReactiveElement => 'updateComplete' in el;

/**
 * The first `h1` in `el`'s screen, once rendered: in its own shadow root, else in the custom elements inside its
 * `main` (the console's current screen), depth first.
 */
async function mainHeading(el: Element): Promise<HTMLElement | null> {
  if (isReactive(el)) await el.updateComplete;
  const root = el.shadowRoot ?? el;
  const h1 = root.querySelector('h1');
  if (h1) return h1;
  const scope = root.querySelector('main') ?? root;
  for (const child of scope.querySelectorAll('*')) {
    if (!child.localName.includes('-')) continue;
    const found = await mainHeading(child);
    if (found) return found;
  }
  return null;
}

/** Focuses the main heading of the screen `el` shows (made focusable by script only: `tabindex="-1"`). */
export async function focusMainHeading(el: Element): Promise<void> {
  const h1 = await mainHeading(el);
  if (!h1) return;
  h1.tabIndex = -1;
  h1.focus();
}
