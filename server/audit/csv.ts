/**
 * Audit events as CSV (RFC 4180) that people can open in a spreadsheet: local time with its offset, a name beside
 * each target id (the kiosk's, the user's, the exam's), every detail in a column of its own (nested ones by dotted
 * name), and the delimiter the
 * reader's spreadsheet expects (`;` where the decimal comma is used, as in Dutch Excel). Fields are quoted when they
 * hold the delimiter, a quote or a line break; CRLF line ends; a text field that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR) gets a leading apostrophe (OWASP, CSV injection).
 */
import type { AuditEvent } from '../../shared/domain.ts';

export type CsvDelimiter = ',' | ';';
export type CsvLang = 'nl' | 'en';

/** Names for the ids that targets and details hold; what it does not know stays an id. */
export interface AuditNames {
  kiosk(id: string): string | undefined;
  user(id: string): string | undefined;
  exam(id: string): string | undefined;
}

export interface AuditCsvOptions {
  delimiter?: CsvDelimiter;
  /** an IANA zone (`Europe/Amsterdam`); times are written in it with their offset */
  timeZone?: string;
  names?: AuditNames;
  /** the language of the header row */
  lang?: CsvLang;
}

const HEADERS: Record<CsvLang, readonly string[]> = {
  en: ['seq', 'time', 'actor', 'action', 'target', 'target name'],
  nl: ['nr', 'tijdstip', 'door', 'actie', 'onderwerp', 'naam onderwerp'],
};

/** One CSV field: defused against formulas, quoted where it must be. Shared by every CSV the server writes. */
export function csvField(value: string, delimiter: CsvDelimiter): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `2026-06-01T10:15:00+02:00`: the instant in the zone, to the second, with the zone's offset then. */
export function localTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23', timeZoneName: 'longOffset',
    }).formatToParts(d).map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** Whether the runtime knows this IANA zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function detailText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The name of an event's target, where the target is something with a name. */
function targetName(e: AuditEvent, names: AuditNames | undefined, learned: Map<string, string>): string {
  const d = e.details as Record<string, unknown>;
  const area = e.action.split('.')[0];
  if (area === 'kiosk') return names?.kiosk(e.target) ?? learned.get(e.target) ?? '';
  if (area === 'user' || e.action === 'auth.password-changed') return names?.user(e.target) ?? (typeof d.username === 'string' ? d.username : '');
  if (area === 'exam') return names?.exam(e.target) ?? '';
  if (area === 'review') {
    const kioskId = learned.get(`review:${e.target}`);
    return kioskId ? names?.kiosk(kioskId) ?? learned.get(kioskId) ?? '' : '';
  }
  return '';
}

/** Names the log itself tells: a kiosk's name when paired or renamed, the kiosk of a review when it started. */
function learnFrom(events: readonly AuditEvent[]): Map<string, string> {
  const learned = new Map<string, string>();
  for (const e of events) {
    const d = e.details as Record<string, unknown>;
    if ((e.action === 'kiosk.paired' || e.action === 'kiosk.unpaired') && typeof d.name === 'string') learned.set(e.target, d.name);
    if (e.action === 'kiosk.renamed' && typeof d.to === 'string') learned.set(e.target, d.to);
    if (e.action === 'review.started' && typeof d.kioskId === 'string') learned.set(`review:${e.target}`, d.kioskId);
  }
  return learned;
}

/** Details as flat columns: a nested object's fields by dotted name (`counts.exams.added`); lists stay JSON. */
function flatDetails(details: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, v] of Object.entries((details ?? {}) as Record<string, unknown>)) {
    const key = prefix + k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatDetails(v, `${key}.`, out);
    else out.set(key, v);
  }
  return out;
}

/** Rows (the header first) as CSV text: CRLF line ends, each field through {@link csvField}. */
export function csvRows(rows: readonly (readonly string[])[], delimiter: CsvDelimiter): string {
  return rows.map((cells) => `${cells.map((c) => csvField(c, delimiter)).join(delimiter)}\r\n`).join('');
}

export function auditCsv(events: readonly AuditEvent[], opts: AuditCsvOptions = {}): string {
  const delimiter = opts.delimiter ?? ',';
  const timeZone = opts.timeZone ?? 'UTC';
  const learned = learnFrom(events);
  const flat = events.map((e) => flatDetails(e.details));
  // every detail that occurs gets its column, in a stable (alphabetical) order
  const keys = [...new Set(flat.flatMap((d) => [...d.keys()]))].sort();
  const header = [...HEADERS[opts.lang ?? 'en'], ...keys];
  const rows = events.map((e, i) => [
    String(e.seq), localTime(e.at, timeZone), e.actor, e.action, e.target, targetName(e, opts.names, learned),
    ...keys.map((k) => detailText(flat[i]!.get(k))),
  ]);
  return csvRows([header, ...rows], delimiter);
}
