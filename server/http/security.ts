/** Headers and request hygiene (docs/design.md: Transport; Security model): strict CSP, no-store on /api, same-origin for changes. */
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { refusal } from '../../shared/refusals.ts';

export function securityHeaders(tls: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'media-src': ["'self'"],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(tls ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: tls ? { maxAge: 15552000 } : false,
    crossOriginEmbedderPolicy: false,
  });
}

export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.set('Pragma', 'no-cache');
  next();
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests must come from our own pages: an Origin (or, failing that, Referer) of this host,
 * and a JSON body (or an import's files: `isFileUpload`). Together with SameSite=Strict cookies this shuts out cross-site requests.
 */
export const sameOrigin: RequestHandler = (req, _res, next) => {
  if (SAFE.has(req.method)) return next();
  const origin = req.get('origin') ?? refererOrigin(req.get('referer'));
  const host = req.get('host');
  if (!origin || !host) return next(refusal('forbidden', 'unknown-origin'));
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return next(refusal('forbidden', 'unknown-origin'));
  }
  if (url.host !== host) return next(refusal('forbidden', 'other-origin'));
  const len = Number(req.get('content-length') ?? 0);
  if ((len > 0 || req.get('transfer-encoding')) && !req.is('application/json') && !isFileUpload(req)) {
    return next(refusal('invalid-input', 'json-required'));
  }
  next();
};

/**
 * The one request that may carry files: an import upload (`POST /api/imports`, multipart). A cross-site form
 * could send multipart without a preflight, so it passes only with this host's Origin (checked above) and the
 * SameSite=Strict session cookie, and the route reads it only after the admin check.
 */
function isFileUpload(req: Parameters<RequestHandler>[0]): boolean {
  return req.method === 'POST' && req.path === '/imports' && !!req.is('multipart/form-data');
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
