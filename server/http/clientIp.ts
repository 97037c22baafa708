/**
 * The client's IP for a raw Node request (a Socket.IO handshake), by the same rule as Express's `req.ip`:
 * walk X-Forwarded-For from the nearest hop back only while each hop is a proxy `trust proxy` trusts.
 */
import type { IncomingMessage } from 'node:http';

export type TrustFn = (addr: string, hop: number) => boolean;

export function clientIp(req: IncomingMessage, trust: TrustFn): string {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((a) => a.trim()).filter(Boolean).reverse();
  const hops = [req.socket.remoteAddress ?? 'unknown', ...forwarded];
  let i = 0;
  while (i < hops.length - 1 && trust(hops[i]!, i)) i++;
  return hops[i]!;
}
