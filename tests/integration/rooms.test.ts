import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { connectKiosk, kioskSocket, loggedIn, pairKiosk, StaffClient, startTestServer, type PairedKiosk, type TestServer } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const CONFIG_KEY = sha256('the settings of room B2.14');

/** Connects and says how the handshake ended: 'ok', or the refusal's message. */
function handshake(base: string, token: string, opts: Record<string, unknown> = {}): Promise<string> {
  const s = kioskSocket(base, token, opts);
  return new Promise((resolve) => {
    s.once('connect', () => { s.close(); resolve('ok'); });
    s.once('connect_error', (e: Error) => { s.close(); resolve(e.message); });
  });
}

describe('exam rooms', () => {
  let ts: TestServer;
  let boss: StaffClient, sup: StaffClient;
  let kiosk: PairedKiosk;
  before(async () => {
    ts = await startTestServer();
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    kiosk = await pairKiosk(ts.base, boss, 'Station 1');
  });
  after(() => ts.close());

  it('are made by admins, named once, listed for staff, and hold kiosks', async () => {
    const made = await boss.call('POST', '/api/rooms', { name: 'Lokaal B2.14' });
    expect(made.status, made.text).to.equal(201);
    expect(made.json).to.include({ name: 'Lokaal B2.14', kioskCount: 0, sebRequired: false });
    const again = await boss.call('POST', '/api/rooms', { name: 'lokaal b2.14 ' });
    expect([again.status, again.json.error.code]).to.deep.equal([409, 'conflict']);
    expect((await sup.call('POST', '/api/rooms', { name: 'Aula' })).status).to.equal(403);
    expect((await new StaffClient(ts.base).call('GET', '/api/rooms')).status).to.equal(401);

    const moved = await boss.call('PATCH', `/api/kiosks/${kiosk.id}/room`, { roomId: made.json.id });
    expect(moved.json).to.deep.equal({ id: kiosk.id, name: 'Station 1', roomId: made.json.id });
    expect((await sup.call('PATCH', `/api/kiosks/${kiosk.id}/room`, { roomId: null })).status).to.equal(403);
    expect((await sup.call('GET', '/api/rooms')).json.map((r: { name: string; kioskCount: number }) => [r.name, r.kioskCount])).to.deep.equal([['Lokaal B2.14', 1]]);
    expect((await sup.call('GET', '/api/kiosks')).json.find((k: { id: string }) => k.id === kiosk.id).roomId).to.equal(made.json.id);
    const audit = (await boss.call('GET', '/api/audit?action=kiosk.moved')).json.events;
    expect(audit.at(-1).details).to.deep.equal({ name: 'Station 1', from: null, to: 'Lokaal B2.14' });
  });

  describe('requiring Safe Exam Browser', () => {
    let roomId: string;
    before(async () => {
      roomId = (await boss.call('GET', '/api/rooms')).json[0].id;
      const r = await boss.call('PATCH', `/api/rooms/${roomId}`, { seb: { configKeys: [CONFIG_KEY] } });
      expect(r.json.sebRequired, r.text).to.equal(true);
    });

    it('refuses a kiosk of the room without SEB, and tells consoles and the audit log', async () => {
      expect(await handshake(ts.base, kiosk.token)).to.equal('seb-required');
      await eventually(async () => {
        const k = (await sup.call('GET', '/api/kiosks')).json.find((x: { id: string }) => x.id === kiosk.id);
        expect(k.sebRefusedAt).to.be.a('string');
      }, { what: 'the kiosk list shows the refusal' });
      const events = (await boss.call('GET', '/api/audit?action=kiosk.seb-refused')).json.events;
      expect(events.at(-1)).to.include({ actor: 'kiosk:Station 1', target: kiosk.id });
      const start = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: kiosk.id });
      expect(start.json.error.code).to.equal('kiosk-offline');
    });

    it('lets it in when SEB\'s JavaScript API proves the room\'s Config Key for this server\'s kiosk page', async () => {
      const url = `${ts.base}/kiosk/`;
      const right = { url, configKey: sha256(url + CONFIG_KEY) };
      expect(await handshake(ts.base, kiosk.token, { auth: { token: kiosk.token, seb: right } })).to.equal('ok');
      const wrongKey = { url, configKey: sha256(url + sha256('other settings')) };
      expect(await handshake(ts.base, kiosk.token, { auth: { token: kiosk.token, seb: wrongKey } })).to.equal('seb-required');
      const otherPage = { url: 'http://elsewhere.example/kiosk/', configKey: sha256(`http://elsewhere.example/kiosk/${CONFIG_KEY}`) };
      expect(await handshake(ts.base, kiosk.token, { auth: { token: kiosk.token, seb: otherPage } })).to.equal('seb-required');
      const { state } = await connectKiosk(ts.base, kiosk.token, { auth: { token: kiosk.token, seb: right } }).then((c) => (c.socket.close(), c));
      expect(state.kiosk.name).to.equal('Station 1');
    });

    it('lets it in when SEB\'s header proves the key for the handshake\'s own URL', async () => {
      // a long-polling handshake without a cache-busting timestamp: its URL is known, and SEB hashes the URL it requests
      const url = `${ts.base}/socket.io/?EIO=4&transport=polling`;
      const polling = { transports: ['polling'], timestampRequests: false };
      const header = (key: string) => ({ extraHeaders: { 'X-SafeExamBrowser-ConfigKeyHash': sha256(url + key) } });
      expect(await handshake(ts.base, kiosk.token, { ...polling, ...header(CONFIG_KEY) })).to.equal('ok');
      expect(await handshake(ts.base, kiosk.token, { ...polling, ...header(sha256('other settings')) })).to.equal('seb-required');
      expect(await handshake(ts.base, kiosk.token, polling)).to.equal('seb-required');
    });

    it('makes connected kiosks of the room prove it at once when the requirement is set', async () => {
      const url = `${ts.base}/kiosk/`;
      await boss.call('PATCH', `/api/rooms/${roomId}`, { seb: null });
      const { socket } = await connectKiosk(ts.base, kiosk.token);
      const dropped = new Promise<string>((resolve) => socket.once('disconnect', (reason: string) => resolve(reason)));
      await boss.call('PATCH', `/api/rooms/${roomId}`, { seb: { configKeys: [CONFIG_KEY] } });
      expect(await dropped).to.equal('io server disconnect');
      socket.close();
      expect(await handshake(ts.base, kiosk.token)).to.equal('seb-required');
      expect(await handshake(ts.base, kiosk.token, { auth: { token: kiosk.token, seb: { url, configKey: sha256(url + CONFIG_KEY) } } })).to.equal('ok');
    });
  });

  describe('removal', () => {
    it('leaves its kiosks in no room when removed', async () => {
      const roomId = (await boss.call('GET', '/api/rooms')).json[0].id;
      expect((await boss.call('DELETE', `/api/rooms/${roomId}`)).status).to.equal(204);
      expect((await boss.call('GET', '/api/kiosks')).json.find((k: { id: string }) => k.id === kiosk.id).roomId).to.equal(null);
      expect(await handshake(ts.base, kiosk.token)).to.equal('ok');
    });
  });
});
