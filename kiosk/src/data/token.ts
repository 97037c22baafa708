/**
 * The kiosk's device token: the only thing the kiosk ever writes to storage (docs/design.md: Security model).
 * Candidate data never goes to localStorage, sessionStorage, IndexedDB or caches.
 */
const KEY = 'inzage.kioskToken';

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
  }
}

export function forgetToken(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* nothing stored */
  }
}
