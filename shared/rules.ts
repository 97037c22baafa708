/** Pure rules shared by server, console and kiosk. */
import type { Candidate, Exam, Question, ResponseValue, ReviewStatus } from './domain.ts';
import { isPartCorrect } from './itemScoring.ts';
import type { ItemQuestion } from './schema.ts';

/** Rule 1 (docs/design.md: What it is): allowed, opened, and not expired. */
export function reviewStatus(review: Exam['review'], now: number): ReviewStatus {
  if (!review.allowed) return 'not-allowed';
  if (review.opensAt && now < Date.parse(review.opensAt)) return 'not-open';
  if (review.closesAt && now >= Date.parse(review.closesAt)) return 'expired';
  return 'open';
}

/** What the default retention date counts from: the review window's end, or the last import of the exam's candidate data. */
export type RetentionBasis = 'review' | 'import';

/**
 * When an exam's candidate data is removed by the retention purge (docs/design.md: Privacy): its `retainUntil` when set,
 * else `days` after the later of the review window's end and the last import of its candidate data (`dataImportedAt`:
 * data a school imports today for a window that closed long ago is kept `days` from today, not purged at the next
 * start). `null`: nothing to date it by (a window without an end, or review not allowed at all): such data stays
 * until an admin sets a date — the school may still open review for it, so it is never purged on a date the school
 * did not give. `basis`: what the default date counts from (null when explicit or undated).
 */
export function retentionEnd(
  exam: Pick<Exam, 'review' | 'retainUntil'> & { dataImportedAt?: string | undefined },
  days: number,
): { until: string | null; explicit: boolean; basis: RetentionBasis | null } {
  if (exam.retainUntil) return { until: new Date(Date.parse(exam.retainUntil)).toISOString(), explicit: true, basis: null };
  const end = exam.review.closesAt;
  if (!end) return { until: null, explicit: false, basis: null };
  const fromWindow = Date.parse(end);
  const fromImport = exam.dataImportedAt ? Date.parse(exam.dataImportedAt) : Number.NEGATIVE_INFINITY;
  const basis: RetentionBasis = fromImport > fromWindow ? 'import' : 'review';
  return { until: new Date(Math.max(fromWindow, fromImport) + days * 86_400_000).toISOString(), explicit: false, basis };
}

/** "Sanne de Vries"; a candidate known by number only (from QTI results, no candidate list) by the number: "100240". */
export function displayName(c: Pick<Candidate, 'number' | 'firstName' | 'lastNamePrefix' | 'lastName'>): string {
  // `[first, prefix, last].filter((x) => x && x.trim()).join(' ') || number`, without the arrays (every row of a
  // results overview): the parts as given, a part of nothing but spaces left out
  let name = '';
  for (const part of [c.firstName, c.lastNamePrefix, c.lastName]) {
    if (!part || !part.trim()) continue;
    name = name ? `${name} ${part}` : part;
  }
  return name || c.number;
}

/** Text for searching: lower case, without diacritics, single spaces ("Zoë  Özdemir" → "zoe ozdemir"). */
export function searchText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim();
}

/**
 * Whether a search matches: every word of the query occurs in one of the texts (name, number, class…),
 * ignoring case and diacritics. An empty query matches everything.
 */
export function matchesSearch(query: string, ...texts: (string | undefined)[]): boolean {
  const words = searchText(query).split(' ').filter(Boolean);
  const hay = searchText(texts.filter(Boolean).join(' '));
  return words.every((w) => hay.includes(w));
}

/** Pairing codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const PAIRING_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const PAIRING_TTL_MS = 10 * 60 * 1000;

/** `ACD347` → `ACD-347` */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** Accepts `abc-123`, `ABC 123`, `abc123`: uppercase, separators dropped. */
export function normalizePairingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));

/**
 * Whether a response to a closed question is fully correct (docs/design.md: Domain); `undefined` for open
 * questions. A QTI item is correct when every part matches its key (`isPartCorrect`, as QTI's `match_correct`
 * compares); `undefined` when a part has no key (an open part, an unsupported interaction), since then nothing
 * says what fully correct is.
 */
export function isCorrect(q: Question, response: ResponseValue): boolean | undefined {
  if (q.type === 'open') return undefined;
  if (q.type === 'item') return isItemCorrect(q, response);
  if (response === null) return false;
  switch (q.type) {
    case 'choice':
      return Array.isArray(response) && response.every((x) => typeof x === 'string') && sameSet(response as string[], q.key);
    case 'order':
      return Array.isArray(response) && response.length === q.key.length && q.key.every((x, i) => response[i] === x);
    case 'match': {
      if (!Array.isArray(response) || !response.every(Array.isArray)) return false;
      const enc = (p: readonly string[]) => `${p[0]}\u0000${p[1]}`;
      return sameSet((response as string[][]).map(enc), q.key.map(enc));
    }
    case 'text': {
      if (typeof response !== 'string') return false;
      const norm = (s: string) => (q.caseSensitive ? s.trim() : s.trim().toLocaleLowerCase('nl'));
      return q.key.some((k) => norm(k) === norm(response));
    }
    case 'numeric':
      return typeof response === 'number' && Math.abs(response - q.key) <= (q.tolerance ?? 0) + 1e-9;
  }
}

function isItemCorrect(q: ItemQuestion, response: ResponseValue): boolean | undefined {
  const values = response !== null && typeof response === 'object' && !Array.isArray(response) ? response : {};
  let correct = true;
  for (const part of q.parts) {
    const c = isPartCorrect(part, Object.hasOwn(values, part.id) ? values[part.id] : undefined);
    if (c === undefined) return undefined;
    correct &&= c;
  }
  return correct;
}

export function isAnswered(response: ResponseValue): boolean {
  if (response === null) return false;
  if (typeof response === 'string') return response.trim().length > 0;
  if (Array.isArray(response)) return response.length > 0;
  if (typeof response === 'object') return Object.values(response).some((values) => values.length > 0);
  return true;
}

/** Minutes:seconds left, never negative: `12:05`. */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
