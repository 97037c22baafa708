/** HTTP errors: one coded shape `{ error: { code, message } }`; unknown errors become a generic 500. */
import type { ErrorRequestHandler, Request } from 'express';
import type { z } from 'zod';
import { ERROR_STATUS, apiError, type ApiError, type ErrorCode } from '../../shared/errors.ts';
import { formatPath } from '../../shared/protocol.ts';

export class HttpError extends Error {
  constructor(public readonly code: ErrorCode, message?: string, public readonly details?: unknown) {
    super(message ?? code);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toJSON(): { error: ApiError } {
    return { error: apiError(this.code, this.message === this.code ? undefined : this.message, this.details) };
  }
}

/** Parse with a schema from shared/, or throw 400 invalid-input naming every problem by its path. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  throw new HttpError('invalid-input', `De invoer is ongeldig: ${errors.join('; ')}`, { errors });
}

export function param(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string' || v.length === 0 || v.length > 200) throw new HttpError('invalid-input');
  return v;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof HttpError) {
    res.status(err.status).json(err.toJSON());
    return;
  }
  // body-parser errors: malformed JSON, too large, wrong charset
  const status = (err as { status?: number }).status;
  if (status === 400 || status === 413 || status === 415) {
    const what = status === 413 ? 'Het verzoek is te groot.' : 'De invoer is geen geldige JSON.';
    res.status(status).json({ error: apiError('invalid-input', what) });
    return;
  }
  console.error(`inzage: ${req.method} ${req.originalUrl} failed:`, err);
  res.status(500).json({ error: apiError('internal') });
};
