/**
 * The kiosk's device token: the only thing the kiosk ever writes to storage (docs/design.md: Security model).
 * Candidate data never goes to localStorage, sessionStorage, IndexedDB, cookies or caches.
 *
 * A copy of the token goes in a cookie scoped to the kiosk's own path, so that its page can come with the idle
 * screen in it (server/http/kioskPage.ts). localStorage stays where the token is read from: the cookie follows
 * it at every load, at pairing and when it is forgotten.
 */
import { KIOSK_TOKEN_COOKIE } from '../../../shared/transport.ts';

const KEY = 'inzage.kioskToken';
/** Chromium's longest lifetime for a cookie; renewed at every load */
const COOKIE_MAX_AGE_S = 400 * 86_400;

export function readToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: the kiosk pairs again after every restart
  }
}

export function saveToken(token: string): void {
  try {
    localStorage.setItem(KEY, token);
  } catch {
    /* storage disabled: keep working for this page's life */
    return;
  }
  writeCookie(token);
}

export function forgetToken(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing stored */
  }
  writeCookie(null);
}

/** At every load: the cookie as localStorage says (kiosks paired before it existed; a browser that dropped it). */
export function syncTokenCookie(): void {
  writeCookie(readToken());
}

function writeCookie(token: string | null): void {
  try {
    // the page's folder (/kiosk/), wherever a proxy puts it; only the kiosk's own page and files get it
    const path = new URL('.', location.href).pathname;
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = token && /^[\w-]{1,200}$/.test(token)
      ? `${KIOSK_TOKEN_COOKIE}=${token}; Path=${path}; Max-Age=${COOKIE_MAX_AGE_S}; SameSite=Strict${secure}`
      : `${KIOSK_TOKEN_COOKIE}=; Path=${path}; Max-Age=0; SameSite=Strict${secure}`;
  } catch {
    /* cookies disabled: the page comes without the idle screen, the socket brings it */
  }
}
