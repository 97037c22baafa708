/** The audit log (admin): a page of events, or the CSV export. */
import type { AuditDto } from '../../../shared/protocol.ts';
import { request } from './http.ts';

export type { AuditDto };

/** `from`/`to` are ISO date-times (with offset) or dates; `action` an audit action; `actor` a username. */
export interface AuditFilter { from?: string; to?: string; action?: string; actor?: string }
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

/**
 * The CSV export with the same filters: a plain GET, so a link with `download` works (the cookie goes along).
 * In Dutch it is split by `;` (Dutch Excel reads `,` as the decimal comma) with Dutch headers; times in this
 * browser's time zone.
 */
export function auditCsvUrl(filter: AuditFilter, lang: 'nl' | 'en'): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `/api/audit${auditQuery(filter, { format: 'csv', delimiter: lang === 'nl' ? ';' : ',', lang, ...(tz ? { tz } : {}) })}`;
}
