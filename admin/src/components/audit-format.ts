/**
 * An audit event in words for the 'Auditlog' table: its target as a person reads it (a username, a kiosk's
 * name, a short review id) and its details as `label: value` lines, with times in local time. The raw event
 * stays available beside it; the CSV export is the server's and unchanged.
 */
import { END_REASONS, SHREDDED, UNKNOWN_ACCOUNT, type AuditEvent, type EndReason } from '../../../shared/domain.ts';
import { endReasonText, formatDate, formatNumber, t, type MessageKeyWith } from '../i18n.ts';

export interface AuditTarget {
  /** what to show */
  text: string;
  /** the stored target, when `text` is not it */
  raw?: string;
}

export interface AuditField { label: string; value: string }

/** Labels of the detail keys the server writes; another key shows as it is. */
const KEY_LABELS: Record<string, MessageKeyWith> = {
  ip: 'audit.key.ip',
  account: 'audit.key.account',
  reason: 'audit.key.reason',
  username: 'audit.key.username',
  role: 'audit.key.role',
  name: 'audit.key.name',
  from: 'audit.key.from',
  to: 'audit.key.to',
  sittingId: 'audit.key.sittingId',
  candidateNumber: 'audit.key.candidateNumber',
  kioskId: 'audit.key.kioskId',
  examId: 'audit.key.examId',
  questionId: 'audit.key.questionId',
  what: 'audit.key.what',
  generated: 'audit.key.generated',
  before: 'audit.key.before',
  retainUntil: 'audit.key.retainUntil',
  // summaries of repeats (docs/design.md: The audit log) and the log's own anchor
  repeats: 'audit.key.repeats',
  count: 'audit.key.count',
  first: 'audit.key.first',
  last: 'audit.key.last',
  problem: 'audit.key.problem',
  // a start a crash kept off the log, audited by the restart (docs/design.md: What an acknowledgement means)
  startedAt: 'audit.key.startedAt',
  recovered: 'audit.key.recovered',
  room: 'kiosks.room', // kiosk.paired into a room
  // counts (import, purge)
  exams: 'import.kind.exams',
  candidates: 'import.kind.candidates',
  groups: 'import.kind.groups',
  sittings: 'import.kind.sittings',
  added: 'import.added',
  updated: 'import.updated',
  unchanged: 'import.unchanged',
  removed: 'import.removed',
  // review settings (exam.review-changed)
  allowed: 'exams.allowed',
  opensAt: 'exams.opensAt',
  closesAt: 'exams.closesAt',
  maxMinutes: 'exams.maxMinutesLabel',
  showKey: 'exams.showKey',
  showScheme: 'exams.showScheme',
  reveal: 'exams.revealPolicy',
};

/** Known keys in the order above (settings as in the dialog), then the others as they come. */
const KEY_ORDER = Object.keys(KEY_LABELS);
function byKnownOrder(a: string, b: string): number {
  const rank = (k: string) => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);
  return rank(a) - rank(b);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const END_REASON_SET: ReadonlySet<string> = new Set(END_REASONS);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function label(key: string): string {
  const k = KEY_LABELS[key];
  return k ? t(k) : key;
}

/** One value in words: times in local time, yes/no, numbers in the local notation, known codes in words. */
function value(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('common.none');
  if (typeof v === 'boolean') return t(v ? 'audit.yes' : 'audit.no');
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') {
    // a candidate's detail whose key a purge destroyed (the server writes the Dutch word)
    if (v === SHREDDED) return t('audit.shredded');
    if (v === UNKNOWN_ACCOUNT) return t('audit.unknownAccount');
    if (key === 'reason' && (v === 'invalid-credentials' || v === 'rate-limited')) return t(`audit.reason.${v}`);
    if (ISO_DATE_TIME.test(v)) return formatDate(v);
    if (key === 'reason' && v === 'retention') return t('audit.reason.retention');
    if (key === 'reason' && END_REASON_SET.has(v)) return endReasonText(v as EndReason);
    if (key === 'role' && (v === 'admin' || v === 'supervisor')) return t(v === 'admin' ? 'staff.role.admin' : 'staff.role.supervisor');
    if (key === 'what' && (v === 'key' || v === 'scheme')) return t(v === 'key' ? 'audit.what.key' : 'audit.what.scheme');
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => value(key, x)).join(', ');
  if (isPlainObject(v)) return Object.entries(v).map(([k, x]) => `${label(k)} ${value(k, x)}`).join(', ');
  return String(v);
}

/** The target as a person reads it; `raw` keeps the stored id for a closer look. */
export function auditTarget(e: AuditEvent): AuditTarget {
  const d = e.details;
  const readable = (text: unknown): AuditTarget =>
    typeof text === 'string' && text && text !== e.target ? { text, raw: e.target } : { text: e.target };
  switch (e.action) {
    // the target is the user's id; the actor is that user
    case 'auth.login': case 'auth.logout': case 'auth.password-changed':
      return readable(e.actor);
    case 'auth.login-failed':
      return e.target === UNKNOWN_ACCOUNT ? { text: t('audit.unknownAccount') } : { text: e.target };
    case 'user.created': case 'user.disabled': case 'user.enabled': case 'user.password-reset':
      return readable(d.username);
    case 'kiosk.paired': case 'kiosk.unpaired':
      return readable(d.name);
    case 'kiosk.renamed':
      return readable(d.to);
    case 'review.started': case 'review.ended': case 'review.revealed': case 'review.mirror-opened':
      return e.target.length > 8 ? { text: t('audit.reviewTarget', { id: e.target.slice(0, 8) }), raw: e.target } : { text: e.target };
    default:
      return { text: e.target };
  }
}

/**
 * The details as `label: value` lines. A `from`/`to` pair of settings becomes one line per changed setting
 * (`Maximale duur (minuten): 30 → 45`); a nested object of counts becomes one line per kind.
 */
export function auditFields(e: AuditEvent): AuditField[] {
  const d = e.details;
  const fields: AuditField[] = [];
  const { from, to, ...rest } = d;
  if (isPlainObject(from) && isPlainObject(to)) {
    for (const key of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort(byKnownOrder)) {
      if (JSON.stringify(from[key]) === JSON.stringify(to[key])) continue;
      fields.push({ label: label(key), value: t('audit.change', { from: value(key, from[key]), to: value(key, to[key]) }) });
    }
  } else {
    if (from !== undefined) fields.push({ label: label('from'), value: value('from', from) });
    if (to !== undefined) fields.push({ label: label('to'), value: value('to', to) });
  }
  for (const [key, v] of Object.entries(rest)) {
    if (isPlainObject(v) && Object.values(v).some(isPlainObject)) {
      // e.g. counts: { exams: { added: 5, updated: 0, … }, … } → a line per kind, with what is not zero
      for (const [k, x] of Object.entries(v)) {
        const shown = isPlainObject(x) ? Object.fromEntries(Object.entries(x).filter(([, n]) => n !== 0)) : x;
        fields.push({ label: label(k), value: isPlainObject(shown) && Object.keys(shown).length === 0 ? formatNumber(0) : value(k, shown) });
      }
    } else {
      fields.push({ label: label(key), value: value(key, v) });
    }
  }
  return fields;
}

/** The stored details as JSON, for whoever needs them exactly ('' when there are none). */
export function auditRaw(e: AuditEvent): string {
  return Object.keys(e.details).length ? JSON.stringify(e.details) : '';
}
