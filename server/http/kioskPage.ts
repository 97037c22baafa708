/**
 * The kiosk's page (`/kiosk/`), with a paired kiosk's idle screen already in it (issue 17; docs/design.md: The
 * kiosk's first screen).
 *
 * Without this, a paired kiosk's idle screen waited for the page's script, then the WebSocket's handshake,
 * Socket.IO's connect and `kiosk:state`: ~200 ms after the page's first paint. The kiosk app keeps a copy of its
 * device token in a cookie scoped to its own path (kiosk/src/data/token.ts); with that cookie the page comes
 * with the station's name and the waiting text in place of the boot line, painted with the page, and the app
 * starts from that screen until the socket says otherwise. The cookie grants nothing else: the socket still
 * authenticates by the token in its handshake, a review only ever comes over the socket, and a kiosk whose room
 * requires Safe Exam Browser, or that has a review running, gets the plain page.
 */
import { readFile } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import type { KioskIdentity } from '../../shared/protocol.ts';
import { KIOSK_TOKEN_COOKIE } from '../../shared/transport.ts';
import { text } from '../../kiosk/src/i18n.ts';
import { escapeHtml } from './escapeHtml.ts';

/** What the built page holds in `<ksk-app>` until the app attaches its shadow root (kiosk/public/index.html). */
const BOOT = /<ksk-app>\s*<p class="ksk-boot">[^<]*<\/p>\s*<\/ksk-app>/;
/** A device token is base64url (server/kiosks/hub.ts); anything else in the cookie is nobody's. */
const TOKEN_COOKIE = new RegExp(`(?:^|;\\s*)${KIOSK_TOKEN_COOKIE}=([A-Za-z0-9_-]{1,200})(?:;|$)`);

/** The device token in a request's cookies, if any. */
export function kioskTokenOf(cookieHeader: string | undefined): string | null {
  return cookieHeader ? (TOKEN_COOKIE.exec(cookieHeader)?.[1] ?? null) : null;
}

/**
 * The idle screen as `ksk-idle` draws it (kiosk/src/components/idle.ts; its styles for the page's light DOM in
 * kiosk/public/styles.css, `.ksk-first`), the clock left blank at its height: the kiosk's own clock fills it (the
 * server's time zone need not be the kiosk's). `data-kiosk-*` tell the app which kiosk's screen it is.
 */
export function idleScreenHtml(kiosk: KioskIdentity, lang: 'nl' | 'en'): string {
  const name = escapeHtml(kiosk.name);
  return `<ksk-app data-kiosk-id="${escapeHtml(kiosk.id)}" data-kiosk-name="${name}"><main class="ksk-first">`
    + `<p class="station">${name || escapeHtml(text(lang, 'station'))}</p>`
    + '<div class="clock" aria-hidden="true"><span class="time">&nbsp;</span><span class="date">&nbsp;</span></div>'
    + `<h1>${escapeHtml(text(lang, 'waiting'))}</h1><p class="muted">${escapeHtml(text(lang, 'waitingHint'))}</p>`
    + '</main></ksk-app>';
}

/**
 * `GET /kiosk/` and `/kiosk/index.html` (anyone: the page is public; what a cookie adds is the kiosk's own name).
 * The built page is read per request, as the static files are, so a new build is served at once. Other paths,
 * `/kiosk` without its slash included, go on to the static files.
 */
export function kioskPage(file: string, idleScreenOf: (token: string) => KioskIdentity | null): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.originalUrl.split('?')[0];
    if (path !== '/kiosk/' && path !== '/kiosk/index.html') return next();
    readFile(file, 'utf8').then((page) => {
      const token = kioskTokenOf(req.headers.cookie);
      const kiosk = token ? idleScreenOf(token) : null;
      const lang = req.query['lang'] === 'en' ? 'en' : 'nl';
      // No Cross-Origin-Opener-Policy on this page (helmet sets `same-origin` everywhere else): it made Chromium
      // move every load of the page to a new browsing context group after the response, a new renderer process,
      // ~200 ms before anything of it could paint. The kiosk page has no opener to keep out (the kiosk browser opens
      // it itself, top-level), no frame may hold it (CSP `frame-ancestors 'none'`), and it opens no window.
      res.removeHeader('Cross-Origin-Opener-Policy');
      res.type('html').send(kiosk ? page.replace(BOOT, () => idleScreenHtml(kiosk, lang)) : page);
    }, (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? next() : next(e)));
  };
}
