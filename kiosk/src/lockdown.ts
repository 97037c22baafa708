/**
 * Lockdown of the review station: the exam may be looked at, not taken away. Fullscreen on the first
 * interaction; no context menu, selection, clipboard, drag and drop, printing, saving, view-source,
 * devtools, history navigation or links away. Tab, arrows, Enter and Space keep working: the kiosk must stay usable
 * with a keyboard alone. The real lock is the kiosk browser's own mode (see README); this is the page's part.
 */

/** Keys refused with Ctrl (or Cmd): print, save, copy, cut, paste, select all, view source, reload, open, find. */
const MOD_KEYS = new Set(['p', 's', 'c', 'x', 'v', 'a', 'u', 'r', 'o', 'f', 'g', 'j', 'h', 'd']);
/** Keys refused with Ctrl+Shift: devtools and inspectors. */
const MOD_SHIFT_KEYS = new Set(['i', 'j', 'c', 'k', 'm', 'delete']);
const BARE_KEYS = new Set(['F5', 'F7', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'PrintScreen']);
const ALT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'Left', 'Right']);

export function isBlockedKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const mod = e.ctrlKey || e.metaKey;
  if (BARE_KEYS.has(e.key)) return true;
  if (mod && e.shiftKey && MOD_SHIFT_KEYS.has(key.toLowerCase())) return true;
  if (mod && MOD_KEYS.has(key)) return true;
  if (e.altKey && ALT_KEYS.has(e.key)) return true;
  return false;
}

const BLOCKED_EVENTS = ['contextmenu', 'selectstart', 'copy', 'cut', 'paste', 'dragstart', 'drop', 'dragover'] as const;

/** Installs the lockdown on a window; returns a function that removes it again (used by tests). */
export function installLockdown(win: Window = window): () => void {
  const doc = win.document;
  const ac = new AbortController();
  const opts = { capture: true, signal: ac.signal };
  const block = (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
  };

  for (const type of BLOCKED_EVENTS) win.addEventListener(type, block, opts);

  win.addEventListener('keydown', (e) => {
    if (isBlockedKey(e)) block(e);
  }, opts);

  // a link in a question's text must not take the kiosk away from the review
  const followsLink = (e: Event) => e.composedPath().some((n) => n instanceof HTMLAnchorElement && n.hasAttribute('href'));
  for (const type of ['click', 'auxclick'] as const) {
    win.addEventListener(type, (e) => {
      if (followsLink(e)) e.preventDefault();
    }, opts);
  }

  // printing cannot be cancelled from script: empty the page for the print (styles.css has @media print too)
  win.addEventListener('beforeprint', () => doc.documentElement.classList.add('ksk-printing'), opts);
  win.addEventListener('afterprint', () => doc.documentElement.classList.remove('ksk-printing'), opts);

  // selection inside shadow roots does not always send `selectstart` up here: clear whatever gets selected
  doc.addEventListener('selectionchange', () => {
    const sel = doc.getSelection();
    if (sel && !sel.isCollapsed) sel.removeAllRanges();
  }, opts);

  // fullscreen needs a user gesture: ask at the first interaction, and again after someone left it
  const enterFullscreen = () => {
    if (doc.fullscreenElement || !doc.fullscreenEnabled) return;
    doc.documentElement.requestFullscreen({ navigationUI: 'hide' }).catch(() => {
      /* refused (policy, or not a user gesture): the kiosk browser's own mode still applies */
    });
  };
  win.addEventListener('pointerdown', enterFullscreen, opts);
  win.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') enterFullscreen();
  }, opts);

  return () => ac.abort();
}
