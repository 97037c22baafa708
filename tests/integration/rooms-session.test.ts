/**
 * Issue 16, rooms: 'Mijn lokalen' kept on the login session (`PUT /api/auth/rooms`), and pairing a kiosk straight into
 * a room — which, when the room requires Safe Exam Browser, checks the unpaired kiosk's handshake first.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { PASSWORD, StaffClient, connectKiosk, kioskSocket, loggedIn, once, startTestServer, type KioskSocket, type TestServer } from '../helpers/server.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const CONFIG_KEY = sha256('the settings of the exam hall');

describe('rooms: the session’s rooms and pairing into a room', () => {
  let ts: TestServer;
  let boss: StaffClient, sup: StaffClient;
  let north: string, south: string;
  before(async () => {
    ts = await startTestServer();
    [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    north = (await boss.call('POST', '/api/rooms', { name: 'Noord' })).json.id;
    south = (await boss.call('POST', '/api/rooms', { name: 'Zuid' })).json.id;
  });
  after(() => ts.close());

  describe('PUT /api/auth/rooms', () => {
    it('keeps the chosen rooms on this login session: /me tells them, another login of the same user starts unchosen', async () => {
      expect((await sup.call('GET', '/api/auth/me')).json.user.rooms, 'not chosen yet').to.equal(null);
      const put = await sup.call('PUT', '/api/auth/rooms', { roomIds: [north, north] });
      expect(put.status, put.text).to.equal(200);
      expect(put.json.user.rooms).to.deep.equal([north]);
      expect((await sup.call('GET', '/api/auth/me')).json.user.rooms).to.deep.equal([north]);
      const other = await loggedIn(ts.base, 'sup1');
      expect((await other.call('GET', '/api/auth/me')).json.user.rooms).to.equal(null);
      expect((await sup.call('PUT', '/api/auth/rooms', { roomIds: [] })).json.user.rooms, 'all').to.deep.equal([]);
    });

    it('refuses an unknown room and bad input, changing nothing', async () => {
      await sup.call('PUT', '/api/auth/rooms', { roomIds: [south] });
      const unknown = await sup.call('PUT', '/api/auth/rooms', { roomIds: [north, 'no-such-room'] });
      expect([unknown.status, unknown.json.error.code]).to.deep.equal([404, 'not-found']);
      for (const body of [{}, { roomIds: 'x' }, { roomIds: [1] }, { roomIds: [], extra: 1 }]) {
        const r = await sup.call('PUT', '/api/auth/rooms', body);
        expect([r.status, r.json.error.code], JSON.stringify(body)).to.deep.equal([400, 'invalid-input']);
      }
      expect((await sup.call('GET', '/api/auth/me')).json.user.rooms).to.deep.equal([south]);
    });

    it('drops a removed room from the choice, and a password change keeps it', async () => {
      const gone = (await boss.call('POST', '/api/rooms', { name: 'Tijdelijk' })).json.id;
      const own = await loggedIn(ts.base, 'sup2');
      await own.call('PUT', '/api/auth/rooms', { roomIds: [gone, north] });
      expect((await boss.call('DELETE', `/api/rooms/${gone}`)).status).to.equal(204);
      expect((await own.call('GET', '/api/auth/me')).json.user.rooms).to.deep.equal([north]);
      const changed = await own.call('POST', '/api/auth/password', { currentPassword: PASSWORD('sup2'), newPassword: 'een-heel-nieuw-wachtwoord' });
      expect(changed.status, changed.text).to.equal(204);
      expect((await own.call('GET', '/api/auth/me')).json.user.rooms).to.deep.equal([north]);
    });
  });

  describe('POST /api/kiosks with roomId', () => {
    /** An unpaired kiosk socket and its pairing code. */
    async function unpaired(opts: Record<string, unknown> = {}): Promise<{ socket: KioskSocket; code: string }> {
      const socket = kioskSocket(ts.base, undefined, opts);
      const { code } = await once<{ code: string }>(socket, 'pairing:code');
      return { socket, code };
    }

    it('puts the new kiosk in the room, audited with the room’s name; an unknown room is refused and the code stays', async () => {
      const { socket, code } = await unpaired();
      try {
        const bad = await boss.call('POST', '/api/kiosks', { code, name: 'Noord 9', roomId: 'no-such-room' });
        expect([bad.status, bad.json.error.code]).to.deep.equal([404, 'not-found']);
        const paired = once<{ token: string }>(socket, 'kiosk:paired');
        const r = await boss.call('POST', '/api/kiosks', { code, name: 'Noord 9', roomId: north });
        expect(r.status, r.text).to.equal(201);
        await paired;
        const k = (await sup.call('GET', '/api/kiosks')).json.find((x: { id: string }) => x.id === r.json.id);
        expect(k.roomId).to.equal(north);
        const audit = (await boss.call('GET', '/api/audit?action=kiosk.paired')).json.events.at(-1);
        expect(audit.details).to.deep.equal({ name: 'Noord 9', room: 'Noord' });
      } finally {
        socket.close();
      }
    });

    describe('into a room that requires Safe Exam Browser', () => {
      let hall: string;
      before(async () => {
        hall = (await boss.call('POST', '/api/rooms', { name: 'Examenzaal' })).json.id;
        expect((await boss.call('PATCH', `/api/rooms/${hall}`, { seb: { configKeys: [CONFIG_KEY] } })).json.sebRequired).to.equal(true);
      });

      it('refuses a kiosk that did not prove SEB: `seb-required` to the admin, `pairing:refused` to the kiosk, nothing stored, the code still live', async () => {
        const { socket, code } = await unpaired();
        try {
          const before = (await boss.call('GET', '/api/kiosks')).json.length;
          const refused = once<{ code: string }>(socket, 'pairing:refused');
          const r = await boss.call('POST', '/api/kiosks', { code, name: 'Zaal 1', roomId: hall });
          expect([r.status, r.json.error.code]).to.deep.equal([403, 'seb-required']);
          expect(r.json.error.message).to.contain('Examenzaal');
          expect(await refused).to.deep.equal({ code: 'seb-required' });
          expect((await boss.call('GET', '/api/kiosks')).json.length).to.equal(before);
          // the same code pairs it into a room without SEB
          const paired = once(socket, 'kiosk:paired');
          expect((await boss.call('POST', '/api/kiosks', { code, name: 'Zaal 1', roomId: south })).status).to.equal(201);
          await paired;
        } finally {
          socket.close();
        }
      });

      it('refuses a wrong key, and pairs a kiosk whose SEB JavaScript API proves the room’s Config Key; it then connects', async () => {
        const url = `${ts.base}/kiosk/`;
        const wrong = await unpaired({ auth: { seb: { url, configKey: sha256(url + sha256('other settings')) } } });
        try {
          const r = await boss.call('POST', '/api/kiosks', { code: wrong.code, name: 'Zaal 2', roomId: hall });
          expect(r.json.error?.code, r.text).to.equal('seb-required');
        } finally {
          wrong.socket.close();
        }
        const seb = { url, configKey: sha256(url + CONFIG_KEY) };
        const { socket, code } = await unpaired({ auth: { seb } });
        let token: string;
        try {
          const paired = once<{ token: string }>(socket, 'kiosk:paired');
          const r = await boss.call('POST', '/api/kiosks', { code, name: 'Zaal 2', roomId: hall });
          expect(r.status, r.text).to.equal(201);
          token = (await paired).token;
        } finally {
          socket.close();
        }
        const conn = await connectKiosk(ts.base, token, { auth: { token, seb } });
        conn.socket.close();
        expect(conn.state.kiosk.name).to.equal('Zaal 2');
      });

      it('pairs a kiosk whose handshake carries SEB’s X-SafeExamBrowser-RequestHash for the room’s Browser Exam Key; a wrong hash is refused', async () => {
        const bek = sha256('the browser exam key of the hall');
        expect((await boss.call('PATCH', `/api/rooms/${hall}`, { seb: { configKeys: [CONFIG_KEY], browserExamKeys: [bek] } })).status).to.equal(200);
        // a long-polling handshake without a cache-busting timestamp: SEB hashes the URL it requests
        const url = `${ts.base}/socket.io/?EIO=4&transport=polling`;
        const polling = (key: string) => ({ transports: ['polling'], timestampRequests: false, extraHeaders: { 'X-SafeExamBrowser-RequestHash': sha256(url + key) } });
        const wrong = await unpaired(polling(sha256('another browser')));
        try {
          const r = await boss.call('POST', '/api/kiosks', { code: wrong.code, name: 'Zaal 4', roomId: hall });
          expect(r.json.error?.code, r.text).to.equal('seb-required');
        } finally {
          wrong.socket.close();
        }
        const right = await unpaired(polling(bek));
        try {
          const paired = once(right.socket, 'kiosk:paired');
          const r = await boss.call('POST', '/api/kiosks', { code: right.code, name: 'Zaal 4', roomId: hall });
          expect(r.status, r.text).to.equal(201);
          await paired;
        } finally {
          right.socket.close();
        }
      });

      it('lets only admins pair', async () => {
        const { socket, code } = await unpaired();
        try {
          const r = await sup.call('POST', '/api/kiosks', { code, name: 'Zaal 3', roomId: hall });
          expect([r.status, r.json.error.code]).to.deep.equal([403, 'forbidden']);
        } finally {
          socket.close();
        }
      });
    });
  });
});
