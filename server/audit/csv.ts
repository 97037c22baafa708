/**
 * Audit events as CSV (RFC 4180): columns seq,at,actor,action,target,details (details as JSON), fields
 * quoted when they hold a comma, quote or line break, CRLF line ends. A text field that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe (OWASP, CSV injection).
 */
import type { AuditEvent } from '../../shared/domain.ts';

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'target', 'details'] as const;

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsvRow(e: AuditEvent): string {
  return [String(e.seq), e.at, field(e.actor), field(e.action), field(e.target), field(JSON.stringify(e.details))].join(',');
}

export function auditCsv(events: readonly AuditEvent[]): string {
  return [AUDIT_CSV_COLUMNS.join(','), ...events.map(auditCsvRow)].map((l) => `${l}\r\n`).join('');
}
