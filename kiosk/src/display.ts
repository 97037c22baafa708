/** Page-wide display settings, in memory only: the document language and the text zoom (100–200 %). */
import type { Lang } from './i18n.ts';

export const ZOOM_STEPS = [1, 1.25, 1.5, 1.75, 2] as const;

export function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
}

/** All sizes are in rem, so one custom property on the root scales every screen. */
export function applyZoom(zoom: number): void {
  document.documentElement.style.setProperty('--ksk-zoom', String(zoom));
}
