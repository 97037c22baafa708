/**
 * Every screen of the console (admin/src/router.ts) once logged in as an admin, with what shows that it has
 * loaded, in either language: the one list the accessibility and reflow tests walk. Names come from the
 * console's own catalogues, so the English pass finds the same controls as the Dutch one.
 */
import type { Locator, Page } from 'playwright-core';
import { en } from '../../admin/src/i18n/en.ts';
import { nl } from '../../admin/src/i18n/nl.ts';

export type ConsoleLang = 'nl' | 'en';

/** A text of the console's catalogue, without parameters. */
export const consoleText = (lang: ConsoleLang, key: keyof typeof nl): string => (lang === 'nl' ? nl : en)[key];

export interface ConsoleScreen {
  name: string;
  hash: string;
  /** The way on from `hash`, for a screen whose address holds a stored id (a room map: its room's link). */
  open?(page: Page, lang: ConsoleLang): Promise<void>;
  /** An element that is there once the screen has loaded its data. */
  ready(page: Page, lang: ConsoleLang): Locator;
}

const main = (page: Page) => page.getByRole('main');
const table = (page: Page) => main(page).getByRole('table').first();

/** The sample fixture's data (tests/fixtures/sample.json): group g-bi-1, candidate 120002. */
export const CONSOLE_SCREENS: readonly ConsoleScreen[] = [
  { name: 'groups', hash: '#/groepen', ready: table },
  { name: 'results', hash: '#/groepen/g-bi-1', ready: table },
  { name: 'candidate', hash: '#/kandidaat/120002?groep=g-bi-1', ready: (p, l) => main(p).getByRole('button', { name: consoleText(l, 'sitting.start') }).first() },
  { name: 'kiosks', hash: '#/kiosks', ready: table },
  { name: 'rooms', hash: '#/lokalen', ready: table },
  // needs a room with a kiosk (tests/support/rooms.ts roomWith), as the walks make
  {
    name: 'room-map', hash: '#/lokalen',
    open: (p) => table(p).getByRole('rowheader').first().getByRole('link').click(),
    ready: (p, l) => main(p).getByRole('list', { name: consoleText(l, 'map.tiles') }),
  },
  // 'Examens' holds 'Gegevens verwijderen' (the purge) too
  { name: 'exams', hash: '#/examens', ready: (p, l) => main(p).getByRole('region', { name: consoleText(l, 'purge.title') }).getByRole('button', { name: consoleText(l, 'purge.dryRun') }) },
  { name: 'import', hash: '#/importeren', ready: (p, l) => main(p).getByLabel(consoleText(l, 'import.file.label')) },
  { name: 'staff', hash: '#/medewerkers', ready: table },
  { name: 'audit', hash: '#/auditlog', ready: table },
];

/** Opens a screen by its address and waits until it has loaded. */
export async function showScreen(page: Page, base: string, screen: ConsoleScreen, lang: ConsoleLang = 'nl'): Promise<void> {
  await page.goto(`${base}/admin/${screen.hash}`);
  if (screen.open) await screen.open(page, lang);
  await screen.ready(page, lang).waitFor();
}
