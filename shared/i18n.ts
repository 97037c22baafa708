/**
 * Front-end i18n shared by console and kiosk (docs/design.md: Front-end i18n): the languages, the typed lookup,
 * the number formats, and the words both apps use (end reasons, review statuses, error texts).
 */
import type { EndReason, ReviewStatus } from './domain.ts';
import type { ErrorCode } from './errors.ts';
import { translator, type ParamValue } from './i18n/catalogue.ts';
import type { ImportIssue } from './i18n/importIssues.ts';
import { en } from './i18n/en.ts';
import type { Lang } from './i18n/lang.ts';
import { nl } from './i18n/nl.ts';

export { LANGS, locale, otherLang, type Lang } from './i18n/lang.ts';
export { formatGrade, formatNumber } from './i18n/format.ts';
export { translator, type Catalogue, type Translation, type Translator } from './i18n/catalogue.ts';
export { nl as sharedNl } from './i18n/nl.ts';
export { en as sharedEn } from './i18n/en.ts';

const shared = translator({ nl, en });

export function endReasonText(lang: Lang, reason: EndReason): string {
  const key = `endReason.${reason}` as const;
  return shared.has(key) ? shared.t(lang, key) : reason;
}

export function reviewStatusText(lang: Lang, status: ReviewStatus): string {
  return shared.t(lang, `reviewStatus.${status}`);
}

/** For central exams an expired window refers the candidate to the CvTE (source page). */
export function cvteReferral(lang: Lang): string {
  return shared.t(lang, 'errorCode.cvteReferral');
}

/** What an error's `details` may say about its words: a refusal's name and parameters, a form's coded issues. */
export interface ErrorWords { refusal?: unknown; params?: unknown; issues?: unknown }

const isParams = (v: unknown): v is Record<string, ParamValue> =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');

/**
 * The text for an error in a language. A refusal the server named (`details.refusal`, shared/refusals.ts) reads
 * in that language with its parameters; the `{fields}` of `invalid-fields` are the form's coded issues
 * (`details.issues`) in that language. Otherwise, in Dutch, the server's own message (it may say more than the
 * code, like the CvTE referral); in English the code's text, since the server speaks Dutch.
 */
/** How a form's coded problem reads in a language. The console passes the import-issue catalogue's
 * (`importIssueText`); the kiosk, which has no forms, keeps its bundle small without it (the server's text). */
export type IssueText = (lang: Lang, issue: ImportIssue) => string;
const serverIssueText: IssueText = (_lang, issue) => issue.message;

export function errorText(code: ErrorCode, lang: Lang, serverMessage?: string, details?: unknown, issueText: IssueText = serverIssueText): string {
  const d = (typeof details === 'object' && details !== null ? details : {}) as ErrorWords;
  const specific = `refusal.${String(d.refusal)}`;
  if (typeof d.refusal === 'string' && shared.has(specific)) {
    const params: Record<string, ParamValue> = isParams(d.params) ? { ...d.params } : {};
    if (d.refusal === 'invalid-fields' && Array.isArray(d.issues) && d.issues.length) params.fields = (d.issues as ImportIssue[]).map((i) => (i.path ? `${i.path}: ` : '') + issueText(lang, i)).join('; ');
    return shared.t(lang, specific, params);
  }
  if (lang === 'nl' && serverMessage) return serverMessage;
  if (code === 'review-expired' && serverMessage?.includes('CvTE')) return cvteReferral(lang);
  const key = `errorCode.${code}` as const;
  return shared.has(key) ? shared.t(lang, key) : (serverMessage ?? code);
}
