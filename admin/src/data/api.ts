/**
 * Typed HTTP commands of API v1 (docs/design.md: Transport). Components call these and never `fetch` themselves.
 * Every failure is an `ApiError` carrying the server's code and (Dutch) message.
 */
import type { AuditEvent, PublicUser, ReviewStatus, Role } from '../../../shared/domain.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import type {
  CandidateSearchDto, CandidateSittingsDto, GroupDto, ImportResultDto, KioskDto, MeDto, ResultsDto, RetentionDto, ReviewDto,
} from '../../../shared/protocol.ts';

export type { RetentionDto };

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
  if (!res.ok) throw failure(res.status, res.statusText, data);
  return data as T;
}

/** The ApiError for a failed answer; tells the session about a lost login first. */
function failure(status: number, statusText: string, data: unknown): ApiError {
  const err = (data as { error?: { code?: ClientErrorCode; message?: string; details?: unknown } } | null)?.error;
  const apiError = new ApiError(err?.code ?? 'internal', err?.message ?? statusText, status, err?.details);
  if (apiError.code === 'unauthenticated' || apiError.code === 'password-change-required') {
    for (const fn of authListeners) fn(apiError);
  }
  return apiError;
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

/** Find candidates by examination number (its start), name or class; at least 2 characters. */
export function searchCandidates(q: string, signal?: AbortSignal): Promise<CandidateSearchDto> {
  return request(`/candidates?q=${encodeURIComponent(q)}`, { signal });
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

// ---------- exams (admin) ----------

export interface ExamReviewDto {
  allowed: boolean; opensAt?: string; closesAt?: string; maxMinutes: number; showKey: boolean; showScheme: boolean;
  status: ReviewStatus;
}
export interface ExamDto {
  id: string; title: string; subject: string; level: string; central: boolean;
  questionCount: number; groupCount: number; review: ExamReviewDto;
  /** when the daily retention purge removes this exam's candidate data */
  retention: RetentionDto;
}
/** Any of the review settings; `null` clears a window boundary. Times are ISO 8601 with an offset. */
export interface ExamReviewPatch {
  allowed?: boolean; opensAt?: string | null; closesAt?: string | null; maxMinutes?: number; showKey?: boolean; showScheme?: boolean;
}

export function listExams(signal?: AbortSignal): Promise<ExamDto[]> {
  return request('/exams', { signal });
}

/** `retainUntil`: an ISO date-time in the future (after the review window), or null for the server's default. */
export function patchExamRetention(id: string, retainUntil: string | null): Promise<{ id: string; retention: RetentionDto }> {
  return request(`/exams/${encodeURIComponent(id)}/retention`, { method: 'PATCH', body: { retainUntil } });
}

export function patchExamReview(id: string, patch: ExamReviewPatch): Promise<{ id: string; review: ExamReviewDto }> {
  return request(`/exams/${encodeURIComponent(id)}/review`, { method: 'PATCH', body: patch });
}

// ---------- import (admin) ----------

export type { ExamChangeDto, ImportKind, ImportKindCounts, ImportResultDto } from '../../../shared/protocol.ts';

/** Upload progress: bytes sent so far of `total`; once all is sent the server is still checking. */
export interface UploadProgress { loaded: number; total: number }

/**
 * Send an import file (its JSON text, as read) for a dry run or to apply it. One request; XMLHttpRequest
 * rather than fetch because only it reports upload progress. A 400 `invalid-input` carries every error with
 * its JSON path in `ApiError.errors`.
 */
export function uploadImport(
  text: string,
  { dryRun, onProgress, signal }: { dryRun: boolean; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal },
): Promise<ImportResultDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports${dryRun ? '?dryRun=1' : ''}`);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as ImportResultDto);
      else reject(failure(xhr.status, xhr.statusText, data));
    };
    xhr.onerror = () => reject(new ApiError('network', 'network', 0));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(text);
  });
}

// ---------- staff (admin) ----------

export function listUsers(signal?: AbortSignal): Promise<PublicUser[]> {
  return request('/users', { signal });
}

/** Without a password the server generates one, returns it once, and the user must change it at first login. */
export function createStaffUser(body: { username: string; role: Role; displayName?: string }): Promise<{ user: PublicUser; password?: string }> {
  return request('/users', { method: 'POST', body });
}

/** Disabling (or a password reset) logs the user out everywhere; 409 `last-admin` protects the last admin. */
export function patchStaffUser(
  id: string,
  body: { displayName?: string; role?: Role; disabled?: boolean; resetPassword?: true },
): Promise<{ user: PublicUser; password?: string }> {
  return request(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

// ---------- audit log (admin) ----------

/** `from`/`to` are ISO date-times (with offset) or dates; `action` an audit action; `actor` a username. */
export interface AuditFilter { from?: string; to?: string; action?: string; actor?: string }
/** `events` oldest first; `more` (asked for a page): older matching events exist. */
export interface AuditDto { events: AuditEvent[]; more?: boolean; verified: boolean; problem?: { seq: number; line: number; reason: string } }
/** The newest `limit` matching events, older than seq `before` when given. */
export interface AuditPageQuery { limit: number; before?: number }

function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function getAudit(filter: AuditFilter, page: AuditPageQuery, signal?: AbortSignal): Promise<AuditDto> {
  const paging = { limit: String(page.limit), ...(page.before !== undefined ? { before: String(page.before) } : {}) };
  return request(`/audit${auditQuery(filter, paging)}`, { signal });
}

/** The CSV export with the same filters: a plain GET, so a link with `download` works (the cookie goes along). */
export function auditCsvUrl(filter: AuditFilter): string {
  return `/api/audit${auditQuery(filter, { format: 'csv' })}`;
}

// ---------- purge (admin) ----------

export interface PurgeCountsDto { sittings: number; groups: number; candidates: number }
/** Exactly one of the two: an exam's candidate data, or everything before an ISO date or date-time. */
export type PurgeSelector = { examId: string } | { before: string };

export function purgeData(selector: PurgeSelector, dryRun: boolean): Promise<{ dryRun: boolean; counts: PurgeCountsDto }> {
  return request('/purge', { method: 'POST', body: { ...selector, dryRun } });
}
