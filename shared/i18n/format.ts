/**
 * Numbers as console and kiosk show them: "1,5" and "6,8" in Dutch, "1.5" and "6.8" in English.
 * Every number on a screen goes through here (or through a catalogue parameter, which comes here too).
 */
import { locale, type Lang } from './lang.ts';

// Scores and tolerances are shown as stored; six decimals keep 0.001 and hide float noise (0.30000000000000004).
const NUMBER_DIGITS = 6;

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${lang}:${minimumFractionDigits}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale(lang), { minimumFractionDigits, maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

/** A count, a score, a tolerance: "1.234,5" in Dutch, "1,234.5" in English; no trailing zeros. */
export function formatNumber(lang: Lang, n: number): string {
  return numberFormat(lang, 0, NUMBER_DIGITS).format(n);
}

/** A grade has exactly one decimal, as on a Dutch report: "6,8", "7,0" ("6.8", "7.0" in English). */
export function formatGrade(lang: Lang, n: number): string {
  return numberFormat(lang, 1, 1).format(n);
}
