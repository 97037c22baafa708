/**
 * Real Chromium through playwright-core (no browser download): CHROMIUM_PATH, else Debian's /usr/bin/chromium
 * and the usual names. Without a browser the browser suites are skipped with the install hint — except
 * under CI=true, where a missing browser fails the run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../server/http/web.ts';
import { eventually } from '../support/eventually.ts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function chromiumPath(): string | undefined {
  const env = process.env.CHROMIUM_PATH;
  if (env) return env;
  return CANDIDATES.find((p) => existsSync(p));
}

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/**
 * Call inside a mocha `describe`'s `before`: returns a browser, or skips the suite (`this.skip()`)
 * when none is installed outside CI.
 */
export async function launchBrowser(ctx: Mocha.Context): Promise<Browser> {
  const path = chromiumPath();
  if (!path) {
    if (process.env.CI === 'true') throw new Error('No Chromium found and CI=true: install it (apt-get install chromium) or set CHROMIUM_PATH.');
    console.warn('    browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
    ctx.skip();
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: path,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * Collect console errors and CSP violations of a page. The console's "who am I" probe answers 401 before
 * login by contract, which Chromium logs as a failed resource: that one is expected.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/status of 401/.test(m.text()) && m.location().url.endsWith('/api/auth/me')) return;
    errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** A pairing code as the kiosk shows it (`ABC-123`, from the alphabet without look-alikes). */
export const PAIRING_CODE = /^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$/;

/**
 * Opens the kiosk page and pairs it as an admin would: reads the code it shows, enters it with `name`
 * (`POST /api/kiosks`), and waits until the page shows the station's name. Returns the kiosk's id.
 */
export async function pairKioskPage(page: Page, base: string, admin: { call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string; json: any }> }, name: string): Promise<string> {
  await page.goto(`${base}/kiosk/`);
  const code = (await page.getByText(PAIRING_CODE).first().textContent())!.trim();
  const paired = await admin.call('POST', '/api/kiosks', { code, name });
  if (paired.status !== 201) throw new Error(`pairing ${name}: ${paired.status} ${paired.text}`);
  await page.getByText(name).first().waitFor();
  // the kiosk reconnects with its new token: a start is refused (kiosk-offline) until the server has it online
  const id = paired.json.id as string;
  await eventually(async () => {
    const kiosks = await admin.call('GET', '/api/kiosks');
    if (!kiosks.json.some((k: { id: string; online: boolean }) => k.id === id && k.online)) throw new Error(`${name} is not online yet`);
  });
  return id;
}
