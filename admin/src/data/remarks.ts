/** Candidates' remarks (staff): the examiner's queue, marking one handled, and the CSV export. */
import type { RemarkDto, RemarkListDto, RemarkPatch } from '../../../shared/protocol.ts';
import type { RemarkStatus } from '../../../shared/domain.ts';
import { request } from './http.ts';

export type { RemarkDto };

export interface RemarkFilter { examId?: string; groupId?: string; status?: RemarkStatus }

function remarkQuery(filter: RemarkFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function listRemarks(filter: RemarkFilter, signal?: AbortSignal): Promise<RemarkDto[]> {
  return (await request<RemarkListDto>(`/remarks${remarkQuery(filter)}`, { signal })).remarks;
}

export function patchRemark(id: string, patch: RemarkPatch): Promise<RemarkDto> {
  return request(`/remarks/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
}

/** The CSV with the same filter, as the audit export: `;` and Dutch headers from the Dutch console, local times. */
export function remarksCsvUrl(filter: RemarkFilter, lang: 'nl' | 'en'): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `/api/remarks${remarkQuery(filter, { format: 'csv', delimiter: lang === 'nl' ? ';' : ',', lang, ...(tz ? { tz } : {}) })}`;
}
