/**
 * Whether a kiosk's connection proves Safe Exam Browser with one of its room's keys (docs/design.md: Kiosk PCs).
 * Two proofs, as SEB offers them:
 *
 * - SEB's JavaScript API (SEB 3.3.2+ for Windows, 3.0+ for macOS/iOS): the kiosk page reads
 *   `SafeExamBrowser.security.configKey` / `.browserExamKey` — SHA-256(page URL + key) — and sends them with the
 *   page's URL in the handshake's `auth.seb`; the URL must be this server's kiosk page (the Host the connection came
 *   to), so a hash made for another page or server does not pass;
 * - SEB's HTTP headers (`X-SafeExamBrowser-ConfigKeyHash`, `-RequestHash`) on the handshake request, hashed over its
 *   absolute URL.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RoomSeb } from '../../shared/domain.ts';
import { sebHashMatches, withoutFragment } from '../seb/keys.ts';

interface JsProof { url?: unknown; configKey?: unknown; browserExamKey?: unknown }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 2_000 ? v : undefined);

function byJsApi(req: IncomingMessage, proof: JsProof | undefined, seb: RoomSeb): boolean {
  const url = str(proof?.url);
  if (!url) return false;
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  if (page.host !== req.headers.host || !page.pathname.startsWith('/kiosk/')) return false;
  const href = withoutFragment(url);
  return sebHashMatches(href, str(proof?.configKey), seb.configKeys) || sebHashMatches(href, str(proof?.browserExamKey), seb.browserExamKeys);
}

function byHeaders(req: IncomingMessage, seb: RoomSeb): boolean {
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const url = `${scheme}://${req.headers.host ?? ''}${req.url ?? ''}`;
  const header = (name: string) => str(req.headers[name]);
  return sebHashMatches(url, header('x-safeexambrowser-configkeyhash'), seb.configKeys)
    || sebHashMatches(url, header('x-safeexambrowser-requesthash'), seb.browserExamKeys);
}

export function provesSeb(req: IncomingMessage, auth: unknown, seb: RoomSeb): boolean {
  const proof = (auth as { seb?: JsProof } | undefined)?.seb;
  return byJsApi(req, proof && typeof proof === 'object' ? proof : undefined, seb) || byHeaders(req, seb);
}
