import { expect } from 'chai';
import { configKey } from '../../server/seb/keys.ts';
import { parsePlist } from '../../server/seb/plist.ts';
import { StaffClient, loggedIn, pairKiosk, startTestServer, type TestServer } from '../helpers/server.ts';

/** The files that set up a station: a launch kit per kiosk and a Safe Exam Browser config, for admins only. */
describe('kiosk set-up files', () => {
  let ts: TestServer;
  let boss: StaffClient, sup: StaffClient;
  let kioskId: string;
  before(async () => {
    ts = await startTestServer();
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    kioskId = (await pairKiosk(ts.base, boss, 'Station 7')).id;
  });
  after(() => ts.close());

  it('gives an admin each launch kit of a kiosk, filled in with this server\'s kiosk page', async () => {
    const page = `${ts.base}/kiosk/`;
    for (const [kind, file] of [['desktop', 'inzage-kiosk-station-7.desktop'], ['systemd', 'inzage-kiosk-station-7.service'], ['windows', 'inzage-kiosk-station-7.ps1']]) {
      const r = await boss.call('GET', `/api/kiosks/${kioskId}/launch-kit/${kind}`);
      expect(r.status, `${kind}: ${r.text}`).to.equal(200);
      expect(r.headers.get('content-disposition')).to.match(new RegExp(`filename="?${file.replaceAll(".", "\\.")}"?$`));
      expect(r.text).to.contain(page);
    }
  });

  it('gives an admin a .seb file for the kiosk page with the Config Key SEB will send', async () => {
    const r = await boss.call('POST', '/api/kiosks/seb-config', { quitPassword: 'Toets-klaar-9' });
    expect(r.status, r.text).to.equal(200);
    expect(r.headers.get('content-disposition')).to.match(/filename="?inzage-kiosk\.seb"?$/);
    const settings = parsePlist(r.text);
    expect(r.headers.get('x-seb-config-key')).to.equal(configKey(settings));
    expect(r.text).to.contain(`<string>${ts.base}/kiosk/</string>`);
  });

  it('refuses everyone else, an unknown kiosk or kind, and a short quit password', async () => {
    const anon = new StaffClient(ts.base);
    const paths: [string, string, unknown?][] = [['GET', `/api/kiosks/${kioskId}/launch-kit/desktop`], ['POST', '/api/kiosks/seb-config', { quitPassword: 'Toets-klaar-9' }]];
    for (const [method, path, body] of paths) {
      expect((await anon.call(method, path, body)).status, `anonymous ${path}`).to.equal(401);
      expect((await sup.call(method, path, body)).status, `supervisor ${path}`).to.equal(403);
    }
    expect((await boss.call('GET', '/api/kiosks/nope/launch-kit/desktop')).json.error.code).to.equal('not-found');
    expect((await boss.call('GET', `/api/kiosks/${kioskId}/launch-kit/macos`)).json.error.code).to.equal('invalid-input');
    const short = await boss.call('POST', '/api/kiosks/seb-config', { quitPassword: 'kort' });
    expect([short.status, short.json.error.code]).to.deep.equal([400, 'invalid-input']);
  });
});
