/**
 * The one browser-and-server fixture of the e2e suites. `useE2E()`, called at the top of a `describe`, registers
 * hooks that launch Chromium (or skip the suite where there is none, outside CI: tests/helpers/browser.ts) and
 * start a real test server before the suite, close both after it, and close every browser context a test opened
 * once that test is over. It returns the handles, filled in by its `before` hook:
 *
 *   describe('…', function () {
 *     this.timeout(90_000);
 *     const e2e = useE2E({ server: { config: CONFIG } });
 *     it('…', async () => {
 *       const { page } = await e2e.console('sup1');   // a console page, logged in, errors collected
 *       …e2e.ts.base, e2e.ts.store…
 *     });
 *   });
 *
 * A context opened in a `before` hook lives until the suite ends (the browser closes it); one opened in a test or
 * a `beforeEach` is closed after that test. `e2e.ts` may be replaced (a restart on the same data): the fixture
 * closes whichever server it holds at the end.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, watchErrors } from '../helpers/browser.ts';
import { PASSWORD, startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.ts';

export interface E2EOptions {
  /** How to start the suite's server (startTestServer's options: data, config, clock, …). */
  server?: TestServerOptions;
  /**
   * After each test, expect no errors on the pages the test opened through `page()` or `console()` (failed
   * loads of expected 4xx answers aside, see `pageErrors`).
   */
  noPageErrors?: boolean;
}

/** A page in a browser context of its own, with the console errors and page errors it has logged. */
export interface OpenPage { context: BrowserContext; page: Page; errors: string[] }

export interface E2E {
  /** The suite's Chromium. */
  browser: Browser;
  /** The suite's server; a test may put a restarted one here, and the fixture closes that one. */
  ts: TestServer;
  /** A new browser context: closed after the test that opens it, or with the browser when opened in `before`. */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a new context (as `context()`), its errors collected. */
  page(options?: BrowserContextOptions): Promise<OpenPage>;
  /**
   * The console (`/admin/`, Dutch, Amsterdam time, 1280 × 800 unless `viewport` says otherwise) on `base`
   * (default the suite's server); with a `username`, logged in and on 'Afnamegroepen'.
   */
  console(username?: string, options?: BrowserContextOptions & { base?: string }): Promise<OpenPage>;
}

/** Expected 4xx answers (a refused save, the 401 after logging out) are logged as failed loads: not page errors. */
export const pageErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

/** Log in on the console's login form. */
export async function logIn(page: Page, username: string, password = PASSWORD(username)): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

export function useE2E(options: E2EOptions = {}): E2E {
  let inTest = false;
  let opened: { context: BrowserContext; errors?: string[] }[] = [];

  const track = async (options?: BrowserContextOptions): Promise<BrowserContext> => {
    const context = await e2e.browser.newContext(options);
    if (inTest) opened.push({ context });
    return context;
  };

  const e2e: E2E = {
    browser: undefined as unknown as Browser,
    ts: undefined as unknown as TestServer,
    context: track,
    async page(options) {
      const context = await track(options);
      const page = await context.newPage();
      const errors = watchErrors(page);
      const entry = opened.find((o) => o.context === context);
      if (entry) entry.errors = errors;
      return { context, page, errors };
    },
    async console(username, { base, ...options } = {}) {
      const c = await e2e.page({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', ...options });
      await c.page.goto(`${base ?? e2e.ts.base}/admin/`);
      if (username) {
        await logIn(c.page, username);
        await c.page.getByRole('heading', { name: 'Afnamegroepen', level: 1 }).waitFor();
      }
      return c;
    },
  };

  before(async function () {
    e2e.browser = await launchBrowser(this);
    e2e.ts = await startTestServer(options.server);
  });
  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    const done = opened;
    opened = [];
    for (const o of done) await o.context.close();
    if (options.noPageErrors) {
      const errors = done.flatMap((o) => pageErrors(o.errors ?? []));
      expect(errors, errors.join('\n')).to.deep.equal([]);
    }
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.ts?.close();
  });
  return e2e;
}
