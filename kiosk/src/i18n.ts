/**
 * The kiosk's words (docs/design.md: Front-end i18n): catalogues per language in ./i18n/, the typed lookup
 * and number formats from shared/. The language lives in memory only: a toggle button, or `?lang=en` on the URL.
 */
import type { ErrorCode } from '../../shared/errors.ts';
import { errorText, translator, type Lang } from '../../shared/i18n.ts';
import { clockTime, longDate } from './dates.ts';
import type { ParamArgs, PluralArgs, PluralBase } from '../../shared/i18n/catalogue.ts';
import { en } from './i18n/en.ts';
import { nl } from './i18n/nl.ts';

export { endReasonText, formatGrade, formatNumber, otherLang, locale, type Lang } from '../../shared/i18n.ts';

type Kiosk = typeof nl;
export type KioskKey = keyof Kiosk;
const catalogue = translator({ nl, en });

/** One word: `text('nl', 'questionOf', { n: 3, total: 12 })` → "Vraag 3 van 12". */
export function text<K extends KioskKey>(lang: Lang, key: K, ...params: ParamArgs<Kiosk[K]>): string {
  return catalogue.t(lang, key, ...params);
}

/** The words of one language, for a template: `const t = texts(lang); t('previous')`. */
export function texts(lang: Lang) {
  return <K extends KioskKey>(key: K, ...params: ParamArgs<Kiosk[K]>): string => text(lang, key, ...params);
}

/** `plural('nl', 'points', 2, { score: 1 })` → "1 van 2 punten". */
export function plural<B extends PluralBase<Kiosk>>(lang: Lang, base: B, n: number, ...params: PluralArgs<Kiosk[`${B}.other` & KioskKey]>): string {
  return catalogue.plural(lang, base, n, ...params);
}

/** An error from an ack, or no ack in time, in words. */
export function commandErrorText(lang: Lang, error: { code: ErrorCode | 'timeout'; message?: string; details?: unknown }): string {
  return error.code === 'timeout' ? catalogue.t(lang, 'noAnswer') : errorText(error.code, lang, error.message, error.details);
}

/** A clock time: "14:35" (kiosk/src/dates.ts: no Intl on the first screen). */
export function formatTime(lang: Lang, at: string | number | Date): string {
  return clockTime(lang, new Date(at));
}

/** A long date: "donderdag 3 december 2026". */
export function formatLongDate(lang: Lang, at: string | number | Date): string {
  return longDate(lang, new Date(at));
}

/** `?lang=en` on the URL, else Dutch. */
export function initialLang(search = location.search): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'nl';
}
