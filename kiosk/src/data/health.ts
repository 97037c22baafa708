/**
 * What the kiosk reports about itself (`kiosk:health`, docs/design.md: Kiosk health): browser and version, screen
 * size, whether the page is fullscreen, focused and visible, and the app version. `watchHealth` reports at once and
 * again whenever fullscreen, focus or visibility changes (debounced: leaving fullscreen also blurs, hiding also
 * blurs; one report says it all), and only when something changed.
 */
import type { KioskHealth } from '../../../shared/protocol.ts';
import { APP_VERSION } from '../../../shared/version.ts';

/** The debounce of change reports: the events of one user action come within a few milliseconds of each other. */
export const HEALTH_DEBOUNCE_MS = 150;

interface UaBrand { brand: string; version: string }
interface UaData { brands?: UaBrand[] }

/** Browsers by their user-agent token, most specific first (Edge and Opera also say Chrome; Chrome also says Safari). */
const UA_TOKENS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
  [/\bOPR\/([\d.]+)/, 'Opera'],
  [/\bSEB\/([\d.]+)/, 'Safe Exam Browser'],
  [/\bFirefox\/([\d.]+)/, 'Firefox'],
  [/\bChromium\/([\d.]+)/, 'Chromium'],
  [/\b(?:Headless)?Chrome\/([\d.]+)/, 'Chrome'],
  [/\bVersion\/([\d.]+).*\bSafari\//, 'Safari'],
];

/** Browser and version: from User-Agent Client Hints where the browser has them, else from the user-agent string. */
export function browserOf(userAgent: string, uaData?: UaData): { browser: string; version: string } {
  const brands = (uaData?.brands ?? []).filter((b) => !/not.?a.?brand/i.test(b.brand));
  // the specific brand ('Microsoft Edge', 'Google Chrome') over the engine's ('Chromium')
  const brand = brands.find((b) => b.brand !== 'Chromium') ?? brands[0];
  if (brand) return { browser: brand.brand.slice(0, 60), version: brand.version.slice(0, 40) };
  for (const [re, name] of UA_TOKENS) {
    const m = re.exec(userAgent);
    if (m) return { browser: name, version: m[1]!.slice(0, 40) };
  }
  return { browser: 'onbekend', version: '' };
}

/** The report as the page stands now. */
export function readHealth(win: Window): KioskHealth {
  const nav = win.navigator as Navigator & { userAgentData?: UaData };
  const doc = win.document;
  return {
    ...browserOf(nav.userAgent, nav.userAgentData),
    screen: { width: Math.round(win.screen.width), height: Math.round(win.screen.height) },
    fullscreen: doc.fullscreenElement !== null,
    focused: doc.hasFocus(),
    visible: doc.visibilityState === 'visible',
    appVersion: APP_VERSION,
  };
}

/** Calls `send` with the report now and on every change; returns a function that stops watching. */
export function watchHealth(win: Window, send: (h: KioskHealth) => void): () => void {
  const ac = new AbortController();
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    const health = readHealth(win);
    const key = JSON.stringify(health);
    if (key === last) return;
    last = key;
    send(health);
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(report, HEALTH_DEBOUNCE_MS);
  };
  win.document.addEventListener('fullscreenchange', soon, { signal: ac.signal });
  win.document.addEventListener('visibilitychange', soon, { signal: ac.signal });
  win.addEventListener('focus', soon, { signal: ac.signal });
  win.addEventListener('blur', soon, { signal: ac.signal });
  report();
  return () => {
    ac.abort();
    clearTimeout(timer);
  };
}
