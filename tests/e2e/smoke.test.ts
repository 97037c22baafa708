import { expect } from 'chai';
import { screenshot } from '../helpers/browser.ts';
import { useE2E } from '../support/e2e.ts';

describe('browser smoke: both pages load under the CSP', function () {
  this.timeout(60_000);
  const e2e = useE2E();

  for (const [path, expectText] of [['/admin/', 'Inloggen'], ['/kiosk/', 'Koppelcode']] as const) {
    it(`loads ${path} with no console errors and shows '${expectText}'`, async () => {
      const { page, errors } = await e2e.page();
      const response = await page.goto(e2e.ts.base + path);
      expect(response?.status()).to.equal(200);
      expect(response?.headers()['content-security-policy']).to.contain("script-src 'self'");
      await page.getByText(expectText).first().waitFor({ timeout: 10_000 });
      await screenshot(page, `smoke${path.replace(/\//g, '-')}`.replace(/-$/, ''));
      expect(errors, errors.join('\n')).to.deep.equal([]);
    });
  }
});
