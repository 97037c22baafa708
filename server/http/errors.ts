/**
 * HTTP errors: one coded shape `{ error: { code, message } }`, from the `DomainError`s that routes and the domain
 * throw (status by code); unknown errors become a generic 500.
 */
import type { ErrorRequestHandler, Request } from 'express';
import { DomainError, ERROR_STATUS, apiError, type ApiError } from '../../shared/errors.ts';
import { refusalError } from '../../shared/refusals.ts';

export { parse } from '../../shared/parse.ts';

export function param(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) throw new DomainError('invalid-input');
  return v;
}

/**
 * What Express and body-parser refuse before a route runs (an error with a 4xx status), as a coded error whose
 * status is its code's: JSON that does not parse, a body over its limit, a charset or encoding we do not take,
 * a path parameter that is not valid percent-encoding.
 */
function requestError(err: unknown): ApiError | null {
  const e = err as { status?: unknown; type?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status > 499) return null;
  if (e.type === 'entity.too.large' || e.status === 413) return apiError('too-large');
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported' || e.status === 415) return apiError('unsupported-media-type');
  if (e.type === 'entity.parse.failed') return refusalError('invalid-input', 'invalid-json');
  // the router could not decode a path parameter (`/api/users/%E0%A4%A`): the address is wrong, not the body
  if (err instanceof URIError) return apiError('invalid-url');
  return apiError('invalid-input');
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof DomainError) {
    res.status(ERROR_STATUS[err.code]).json({ error: err.toApiError() });
    return;
  }
  const refusal = requestError(err);
  if (refusal) {
    res.status(ERROR_STATUS[refusal.code]).json({ error: refusal });
    return;
  }
  console.error(`inzage: ${req.method} ${req.originalUrl} failed:`, err);
  res.status(500).json({ error: apiError('internal') });
};
