/**
 * The console's words (docs/design.md: Front-end i18n): catalogues per language in ./i18n/, the typed lookup
 * from shared/. `t(key, params)` looks a word up in the current language; `LangController` re-renders its host
 * when the language changes. The choice is kept in localStorage `inzage.lang`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AuditAction, EndReason, ReviewStatus } from '../../shared/domain.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import * as shared from '../../shared/i18n.ts';
import { locale as localeOf, translator, type Lang } from '../../shared/i18n.ts';
import type { ParamArgs, ParamNames, PluralArgs, PluralBase } from '../../shared/i18n/catalogue.ts';
import { importIssueText, type ImportIssue } from '../../shared/i18n/importIssues.ts';
import { en } from './i18n/en.ts';
import { nl } from './i18n/nl.ts';

export type MessageKey = keyof typeof nl;
type Console = typeof nl;
/** The keys whose text takes exactly the parameters P (by default none): for a key held in a variable. */
export type MessageKeyWith<P extends string = never> = {
  [K in MessageKey]: [ParamNames<Console[K]>] extends [P] ? ([P] extends [ParamNames<Console[K]>] ? K : never) : never;
}[MessageKey];
const catalogue = translator({ nl, en });
const STORAGE_KEY = 'inzage.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // storage may be unavailable (privacy mode); Dutch is the default anyway
  }
  return 'nl';
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

/** `t('active.question', { n: 3, total: 12 })` → "Vraag 3 van 12"; the parameters are checked by type. */
export function t<K extends MessageKey>(key: K, ...params: ParamArgs<Console[K]>): string {
  return catalogue.t(current, key, ...params);
}

/** `plural('exams.questions', 3)` → "3 vragen": the `.one` or `.other` text with `n` filled in. */
export function plural<B extends PluralBase<Console>>(base: B, n: number, ...params: PluralArgs<Console[`${B}.other` & MessageKey]>): string {
  return catalogue.plural(current, base, n, ...params);
}

/** Re-renders its host when the language changes; the listener lives as long as the element is connected. */
export class LangController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected() {
    listeners.add(this.update);
  }
  hostDisconnected() {
    listeners.delete(this.update);
  }
}

// ---------- words from shared/ ----------

export function reviewStatusText(status: ReviewStatus): string {
  return shared.reviewStatusText(current, status);
}

export function endReasonText(reason: EndReason): string {
  return shared.endReasonText(current, reason);
}

// Every end reason has a sentence for the console's end notice: a new reason in shared/ fails to compile here.
nl satisfies Record<`ended.reason.${EndReason}`, string>;

/** Why a review ended, as a sentence for the console's end notice ('Een toezichthouder heeft de inzage beëindigd.'). */
export function endedReasonSentence(reason: EndReason): string {
  const key = `ended.reason.${reason}`;
  return catalogue.has(key) ? t(key as `ended.reason.${EndReason}`) : endReasonText(reason);
}

// Every audit action has its words in the catalogue: a new action in shared/ fails to compile here.
nl satisfies Record<`audit.action.${AuditAction}`, string>;

/** An audit action in words ('Inzage gestart'); an action the catalogue does not know stays as it is. */
export function auditActionText(action: string): string {
  const key = `audit.action.${action}`;
  return catalogue.has(key) ? t(key as `audit.action.${AuditAction}`) : action;
}

/** For central exams an expired window refers the candidate to the CvTE (source page). */
export function cvteReferral(): string {
  return shared.cvteReferral(current);
}

/** An error in words: the server's Dutch message in Dutch, the English text otherwise. */
/**
 * An import or form problem in the current language: its path and the text of its code (an unknown code, or
 * none, keeps the server's text).
 */
export function issueText(issue: ImportIssue): string {
  const text = importIssueText(current, issue);
  return issue.path ? `${issue.path}: ${text}` : text;
}

export function errorMessage(err: { code: ErrorCode | 'network'; message: string; details?: unknown }): string {
  if (err.code === 'network') return t('error.network');
  return shared.errorText(err.code, current, err.message, err.details, importIssueText);
}

// ---------- numbers and dates, in the current language ----------

/** The locale of the current language, for Intl formats. */
export function locale(): string {
  return localeOf(current);
}

export function formatNumber(n: number): string {
  return shared.formatNumber(current, n);
}

/** A grade has one decimal: 6,4; no grade is a dash. */
export function formatGrade(n: number | null): string {
  return n === null ? t('common.none') : shared.formatGrade(current, n);
}

/** "11 / 20" */
export function formatScore(score: number | null, max: number | null): string {
  if (score === null || max === null) return t('common.none');
  return `${formatNumber(score)} / ${formatNumber(max)}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Date and time apart, for a narrow column ("14 nov 2026" above "09:00"); together they read as `formatDate`. */
export function formatDateParts(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: iso, time: '' };
  return {
    date: new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(d),
    time: new Intl.DateTimeFormat(locale(), { timeStyle: 'short' }).format(d),
  };
}

/** Day and time with seconds, apart, for the audit log: { day: "14-06-2026", time: "10:02:31" } */
export function formatDayAndTime(iso: string): { day: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { day: iso, time: '' };
  return {
    day: new Intl.DateTimeFormat(locale(), { dateStyle: 'short' }).format(d),
    time: new Intl.DateTimeFormat(locale(), { timeStyle: 'medium' }).format(d),
  };
}
