/**
 * The console's one way to the HTTP API v1 (docs/design.md: Transport): the domain modules beside this one
 * (`auth.ts`, `results.ts`, `kiosks.ts`, `reviews.ts`, `exams.ts`, `imports.ts`, `staff.ts`, `audit.ts`, `purge.ts`)
 * call `request` and return the DTOs of `shared/protocol.ts`; components call those and never `fetch` themselves.
 * Every failure is an `ApiError` carrying the server's code and (Dutch) message.
 */
import type { ErrorCode } from '../../../shared/errors.ts';
import type { ImportIssue } from '../../../shared/i18n/importIssues.ts';

export type ClientErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly code: ClientErrorCode, message: string, readonly status: number, readonly details?: unknown) {
    super(message);
  }

  /** The server's list of problems (`path: message` lines), e.g. of an import file; empty when it sent none. */
  get errors(): string[] {
    const list = (this.details as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
  }

  /**
   * The same problems as structured items (`details.issues`: path, code, parameters, English text), which the
   * console renders in its language (`issueText`); from the lines when the server sent no items.
   */
  get issues(): ImportIssue[] {
    const list = (this.details as { issues?: unknown } | undefined)?.issues;
    if (!Array.isArray(list)) return this.errors.map((message) => ({ path: '', message }));
    return list.filter((i): i is ImportIssue => typeof i?.message === 'string' && typeof i?.path === 'string');
  }
}

type Listener = (err: ApiError) => void;
const authListeners = new Set<Listener>();

/** Told when the server says the staff session is gone (401) or a password change comes first (403). */
export function onAuthProblem(fn: Listener): () => void {
  authListeners.add(fn);
  return () => authListeners.delete(fn);
}

interface RequestOptions { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; signal?: AbortSignal }

/** One JSON request to `/api${path}`; `T` is the DTO the route answers with (shared/protocol.ts). */
export async function request<T>(path: string, { method = 'GET', body, signal }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // State-changing requests are JSON, always: the server's same-origin check relies on the content type.
  if (method !== 'GET') headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError('network', 'network', 0);
  }
  if (res.status === 204) return undefined as T;
  let data: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) throw failure(res.status, res.statusText, data);
  return data as T;
}

/** The ApiError for a failed answer; tells the session about a lost login first. */
export function failure(status: number, statusText: string, data: unknown): ApiError {
  const err = (data as { error?: { code?: ClientErrorCode; message?: string; details?: unknown } } | null)?.error;
  const apiError = new ApiError(err?.code ?? 'internal', err?.message ?? statusText, status, err?.details);
  if (apiError.code === 'unauthenticated' || apiError.code === 'password-change-required') {
    for (const fn of authListeners) fn(apiError);
  }
  return apiError;
}
