import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchErrors } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('browser smoke: both pages load under the CSP', function () {
  this.timeout(60_000);
  let browser: Browser;
  let ts: TestServer;
  before(async function () {
    browser = await launchBrowser(this);
    ts = await startTestServer();
  });
  after(async () => {
    await browser?.close();
    await ts?.close();
  });

  for (const [path, expectText] of [['/admin/', 'Inloggen'], ['/kiosk/', 'Koppelcode']] as const) {
    it(`loads ${path} with no console errors and shows '${expectText}'`, async () => {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const response = await page.goto(ts.base + path);
      expect(response?.status()).to.equal(200);
      expect(response?.headers()['content-security-policy']).to.contain("script-src 'self'");
      await page.getByText(expectText).first().waitFor({ timeout: 10_000 });
      await screenshot(page, `smoke${path.replace(/\//g, '-')}`.replace(/-$/, ''));
      expect(errors, errors.join('\n')).to.deep.equal([]);
      await page.close();
    });
  }
});
