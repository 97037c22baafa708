/**
 * Typed HTTP commands of API v1 (DESIGN §5). Components call these and never `fetch` themselves.
 * Every failure is an `ApiError` carrying the server's code and (Dutch) message.
 */
import type { ErrorCode } from '../../../shared/errors.ts';
import type {
  CandidateSittingsDto, GroupDto, KioskDto, MeDto, ResultsDto, ReviewDto,
} from '../../../shared/protocol.ts';

export type ClientErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly code: ClientErrorCode, message: string, readonly status: number) {
    super(message);
  }
}

type Listener = (err: ApiError) => void;
const authListeners = new Set<Listener>();

/** Told when the server says the staff session is gone (401) or a password change comes first (403). */
export function onAuthProblem(fn: Listener): () => void {
  authListeners.add(fn);
  return () => authListeners.delete(fn);
}

interface RequestOptions { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; body?: unknown; signal?: AbortSignal }

async function request<T>(path: string, { method = 'GET', body, signal }: RequestOptions = {}): Promise<T> {
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
  if (!res.ok) {
    const err = (data as { error?: { code?: ClientErrorCode; message?: string } } | null)?.error;
    const apiError = new ApiError(err?.code ?? 'internal', err?.message ?? res.statusText, res.status);
    if (apiError.code === 'unauthenticated' || apiError.code === 'password-change-required') {
      for (const fn of authListeners) fn(apiError);
    }
    throw apiError;
  }
  return data as T;
}

// ---------- auth ----------

export async function login(username: string, password: string): Promise<MeDto> {
  return (await request<{ user: MeDto }>('/auth/login', { method: 'POST', body: { username, password } })).user;
}

/** The current staff user, or `null` when not logged in. */
export async function me(): Promise<MeDto | null> {
  try {
    return (await request<{ user: MeDto }>('/auth/me')).user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function logout(): Promise<void> {
  return request('/auth/logout', { method: 'POST' });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

// ---------- groups, results, sittings ----------

export function listGroups(signal?: AbortSignal): Promise<GroupDto[]> {
  return request('/groups', { signal });
}

export function getResults(groupId: string, signal?: AbortSignal): Promise<ResultsDto> {
  return request(`/groups/${encodeURIComponent(groupId)}/results`, { signal });
}

export function getCandidateSittings(number: string, signal?: AbortSignal): Promise<CandidateSittingsDto> {
  return request(`/candidates/${encodeURIComponent(number)}/sittings`, { signal });
}

// ---------- kiosks ----------

export function listKiosks(signal?: AbortSignal): Promise<KioskDto[]> {
  return request('/kiosks', { signal });
}

export function pairKiosk(code: string, name: string): Promise<{ id: string; name: string }> {
  return request('/kiosks', { method: 'POST', body: { code, name } });
}

export function renameKiosk(id: string, name: string): Promise<unknown> {
  return request(`/kiosks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { name } });
}

export function unpairKiosk(id: string): Promise<void> {
  return request(`/kiosks/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// ---------- reviews ----------

export function startReview(sittingId: string, kioskId: string): Promise<ReviewDto> {
  return request('/reviews', { method: 'POST', body: { sittingId, kioskId } });
}

export function listReviews(signal?: AbortSignal): Promise<ReviewDto[]> {
  return request('/reviews', { signal });
}

export function endReview(id: string): Promise<void> {
  return request(`/reviews/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
