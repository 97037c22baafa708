/**
 * Who may open a Socket.IO connection at all (docs/design.md: Security model, Limits): engine.io's
 * `allowRequest`, run for every polling and WebSocket handshake before any namespace sees it.
 *
 * - **Host** (against DNS rebinding: a page on `evil.example` whose name is re-pointed at the server's address
 *   sends `Host: evil.example`): accepted when it is an IP literal, `localhost`, a name no public DNS can answer
 *   for (a single label such as `inzage`, or under `.local`, `.lan`, `.internal`, `.home.arpa`, `.localhost`),
 *   this machine's own host name, or listed in `INZAGE_HOSTS`. So `http://192.168.1.10:3000` and
 *   `http://inzage.school.local:3000` work out of the box; a name in a public domain must be listed.
 * - **Origin**: a browser sends one with every WebSocket handshake and every cross-origin request; it must be
 *   this server's own (its host equals the Host header) or listed in `INZAGE_ORIGINS` (a reverse proxy that
 *   rewrites Host). `null` and anything unparsable are refused. A handshake *without* Origin is let through:
 *   only a same-origin page (socket.io's polling GET) or a non-browser client sends none, and neither can carry
 *   a victim's cookie from a foreign page.
 * - Refusals are logged for the operator, at most one line a minute per reason, with a count of the rest.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname as machineName } from 'node:os';
import type { Clock } from '../clock.ts';
import type { HandshakeGate } from './resumeFirst.ts';

export interface HandshakePolicy {
  /** Exact origins (`https://inzage.school.nl`) accepted besides the server's own. */
  origins: readonly string[];
  /** Host names accepted besides the default ones; a leading dot (`.school.nl`) accepts every name under it. */
  hosts: readonly string[];
}

const PRIVATE_SUFFIXES = ['.local', '.lan', '.internal', '.home.arpa', '.localhost'];

/** The host name of a Host header (`[::1]:3000` → `::1`), lower-cased; null when it is not one. */
function hostName(host: string): string | null {
  try {
    const name = new URL(`http://${host}`).hostname.toLowerCase();
    return name.startsWith('[') ? name.slice(1, -1) : name;
  } catch {
    return null;
  }
}

export function hostAllowed(host: string | undefined, policy: HandshakePolicy): boolean {
  const name = host ? hostName(host) : null;
  if (!name) return false;
  if (isIP(name) || name === 'localhost' || !name.includes('.')) return true;
  if (PRIVATE_SUFFIXES.some((s) => name.endsWith(s))) return true;
  if (name === machineName().toLowerCase()) return true;
  return policy.hosts.some((h) => (h.startsWith('.') ? name.endsWith(h) : name === h));
}

export function originAllowed(origin: string | undefined, host: string | undefined, policy: HandshakePolicy): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  return policy.origins.includes(url.origin);
}

/** Why a handshake is refused, or null when it may go on. */
export function refusal(req: IncomingMessage, policy: HandshakePolicy): string | null {
  const host = req.headers.host;
  if (!hostAllowed(host, policy)) return 'host';
  if (!originAllowed(req.headers.origin, host, policy)) return 'origin';
  return null;
}

/**
 * engine.io's `allowRequest` for `policy`, logging refusals through `log` (throttled per reason). An allowed handshake
 * goes on through `gate` (resumeFirst.ts: a restarted server serves the kiosks with a review first), a refused one is
 * refused at once.
 */
export function allowRequest(policy: HandshakePolicy, clock: Clock, log: (line: string) => void, gate?: HandshakeGate) {
  const last = new Map<string, { at: number; more: number }>();
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const reason = refusal(req, policy);
    if (!reason) return gate ? gate.admit(req, () => callback(null, true)) : callback(null, true);
    const now = clock.now();
    const seen = last.get(reason);
    if (seen && now - seen.at < 60_000) seen.more++;
    else {
      const shown = (v: string | undefined) => JSON.stringify((v ?? '(none)').slice(0, 100));
      const more = seen?.more ? ` (and ${seen.more} more refused in the minute before)` : '';
      log(`inzage: refused a socket handshake from ${req.socket.remoteAddress}: ${reason} not allowed (Host ${shown(req.headers.host)}, Origin ${shown(req.headers.origin)})${more}`);
      last.set(reason, { at: now, more: 0 });
    }
    callback(reason === 'host' ? 'host-not-allowed' : 'origin-not-allowed', false);
  };
}
