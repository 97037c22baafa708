/**
 * Audit filters shared by `GET /api/audit` and `inzage audit export`: a date-only bound is a whole day (UTC)
 * and both bounds are inclusive; an action filter `review` matches `review.*`. `pageAudit` cuts one page for the
 * console (the log reads it from the end, `AuditLog.page`; the CLI exports everything).
 */
import type { AuditEvent } from '../../shared/domain.ts';
import type { AuditMatch, AuditMatchFields } from '../store/audit.ts';

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

/**
 * The filter as a test of one event (throws AuditFilterError on a bad date), carrying the same filter as fields
 * for a log that selects in a database (`AuditMatch`).
 */
export function auditMatcher(q: AuditFilter): AuditMatch {
  const from = q.from ? auditBound(q.from, 'from', false) : -Infinity;
  const to = q.to ? auditBound(q.to, 'to', true) : Infinity;
  const test = (e: AuditEvent) => {
    const at = Date.parse(e.at);
    return at >= from && at <= to
      && (!q.action || e.action === q.action || e.action.startsWith(`${q.action}.`))
      && (!q.actor || e.actor === q.actor);
  };
  const fields: AuditMatchFields = {
    ...(q.from ? { from } : {}), ...(q.to ? { to } : {}), ...(q.action ? { action: q.action } : {}), ...(q.actor ? { actor: q.actor } : {}),
  };
  return Object.assign(test, { fields });
}

export function filterAudit(events: readonly AuditEvent[], q: AuditFilter): AuditEvent[] {
  return events.filter(auditMatcher(q));
}


