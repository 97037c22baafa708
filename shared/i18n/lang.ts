/** The languages of console and kiosk: Dutch first (the default, the source's labels), English second. */
export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** The BCP 47 locale for Intl formatting in a language. */
export function locale(lang: Lang): string {
  return LOCALES[lang];
}

/** The language a two-language toggle switches to. */
export function otherLang(lang: Lang): Lang {
  return lang === 'nl' ? 'en' : 'nl';
}
