/**
 * Audit filters shared by `GET /api/audit` and `inzage audit export`: a date-only bound is a whole day (UTC)
 * and both bounds are inclusive; an action filter `review` matches `review.*`. `pageAudit` cuts one page for the
 * console (the CLI exports everything).
 */
import type { AuditEvent } from '../../shared/domain.ts';

const DAY = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface AuditFilter { from?: string; to?: string; action?: string; actor?: string }

export class AuditFilterError extends Error {}

/** An ISO 8601 date or date-time as a time; `end`: a date-only value means the end of that day. */
export function auditBound(value: string, name: string, end: boolean): number {
  const t = DATE_ONLY.test(value) || /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new AuditFilterError(`${name} must be an ISO 8601 date or date-time, e.g. 2026-06-01 or 2026-06-01T08:00:00+02:00`);
  return end && DATE_ONLY.test(value) ? t + DAY - 1 : t;
}

export function filterAudit(events: readonly AuditEvent[], q: AuditFilter): AuditEvent[] {
  const from = q.from ? auditBound(q.from, 'from', false) : -Infinity;
  const to = q.to ? auditBound(q.to, 'to', true) : Infinity;
  return events.filter((e) => {
    const at = Date.parse(e.at);
    return at >= from && at <= to
      && (!q.action || e.action === q.action || e.action.startsWith(`${q.action}.`))
      && (!q.actor || e.actor === q.actor);
  });
}

export interface AuditPage { events: AuditEvent[]; more: boolean }

/**
 * One page of an oldest-first list (already filtered): the newest `limit` events with `seq < before` (when
 * given), still oldest first; `more` says whether older ones remain. The next page asks `before` = the
 * smallest seq of this one, so a page stays the same however many events are appended meanwhile.
 */
export function pageAudit(events: readonly AuditEvent[], limit: number, before?: number): AuditPage {
  const older = before === undefined ? events : events.filter((e) => e.seq < before);
  const start = Math.max(0, older.length - limit);
  return { events: older.slice(start), more: start > 0 };
}
