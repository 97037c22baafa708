/**
 * Front-end i18n shared by console and kiosk (docs/design.md: Front-end i18n): the languages, the typed lookup,
 * the number formats, and the words both apps use (end reasons, review statuses, error texts).
 */
import type { EndReason, ReviewStatus } from './domain.ts';
import type { ErrorCode } from './errors.ts';
import { translator } from './i18n/catalogue.ts';
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

/**
 * The text for an error code in a language. In Dutch the server's own message wins (it may say more than the
 * code, like the CvTE referral); in English the specific reason when the server named one (`details.refusal`,
 * shared/refusals.ts), else the code's text, since the server speaks Dutch.
 */
export function errorText(code: ErrorCode, lang: Lang, serverMessage?: string, refusal?: unknown): string {
  if (lang === 'nl' && serverMessage) return serverMessage;
  const specific = `refusal.${String(refusal)}`;
  if (typeof refusal === 'string' && shared.has(specific)) return shared.t(lang, specific);
  if (code === 'review-expired' && serverMessage?.includes('CvTE')) return cvteReferral(lang);
  const key = `errorCode.${code}` as const;
  return shared.has(key) ? shared.t(lang, key) : (serverMessage ?? code);
}
