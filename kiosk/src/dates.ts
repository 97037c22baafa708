/**
 * The kiosk's clock times and long dates, written out by hand rather than by `Intl.DateTimeFormat`
 * (docs/design.md: The kiosk's first screen). Making a date format in a fresh page loads the locale's ICU data:
 * measured in Chromium at 20–40 ms of main-thread time per load, right between the kiosk's script and its idle
 * screen — the first screen's largest piece of JavaScript. The two formats the kiosk shows are fixed, and for
 * nl-NL and en-GB they are exactly what Intl writes (tests/unit/kioskDates.test.ts compares them over a year of
 * dates): "14:05", "donderdag 3 december 2026", "Thursday, 3 December 2026". Local time, as Intl's default.
 */
import type { Lang } from '../../shared/i18n.ts';

const WEEKDAYS: Record<Lang, readonly string[]> = {
  nl: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS: Record<Lang, readonly string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A clock time, 24 hours, two digits each (both languages): "09:05". */
export function clockTime(_lang: Lang, d: Date): string {
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A long date: "donderdag 3 december 2026" (nl-NL), "Thursday, 3 December 2026" (en-GB). */
export function longDate(lang: Lang, d: Date): string {
  const weekday = WEEKDAYS[lang][d.getDay()]!;
  const rest = `${d.getDate()} ${MONTHS[lang][d.getMonth()]!} ${d.getFullYear()}`;
  return lang === 'en' ? `${weekday}, ${rest}` : `${weekday} ${rest}`;
}
