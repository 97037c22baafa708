/** The kiosk's own report (kiosk/src/data/health.ts): browser and version from client hints or the user agent; the app version. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { browserOf } from '../../kiosk/src/data/health.ts';
import { KioskHealthPayload } from '../../shared/protocol.ts';
import { APP_VERSION } from '../../shared/version.ts';

describe('kiosk health report', () => {
  it('the app version is package.json\'s and fits the schema', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(APP_VERSION).to.equal(pkg.version);
    const health = { browser: 'Chrome', version: '1', screen: { width: 1, height: 1 }, fullscreen: true, focused: true, visible: true, appVersion: APP_VERSION };
    expect(KioskHealthPayload.safeParse(health).success).to.equal(true);
  });

  it('prefers the specific brand of the client hints, skipping GREASE and the engine', () => {
    const uaData = { brands: [{ brand: 'Not_A Brand', version: '8' }, { brand: 'Chromium', version: '120' }, { brand: 'Microsoft Edge', version: '120' }] };
    expect(browserOf('whatever', uaData)).to.deep.equal({ browser: 'Microsoft Edge', version: '120' });
    expect(browserOf('whatever', { brands: [{ brand: 'Chromium', version: '131' }] })).to.deep.equal({ browser: 'Chromium', version: '131' });
  });

  it('parses the user agent where there are no client hints', () => {
    const cases: [string, string, string][] = [
      ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox', '128.0'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari', '17.5'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91', 'Edge', '120.0.2210.91'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36', 'Chrome', '131.0.6778.85'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome', '131.0.0.0'],
    ];
    for (const [ua, browser, version] of cases) expect(browserOf(ua), ua).to.deep.equal({ browser, version });
    expect(browserOf('curl/8')).to.deep.equal({ browser: 'onbekend', version: '' });
  });
});
