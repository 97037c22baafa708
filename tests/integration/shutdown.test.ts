/** Closing the server (SIGTERM, or a restart) is prompt: no client connection can hold it open. */
import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { kioskSocket, loggedIn, once, pairKiosk, startTestServer } from '../helpers/server.ts';

function rawConnection(base: string): Promise<Socket> {
  const { hostname, port } = new URL(base);
  return new Promise((res, rej) => {
    const s = connect(Number(port), hostname, () => res(s));
    s.once('error', rej);
  });
}

describe('server shutdown', () => {
  it('does not wait for a client that is halfway through sending a request', async () => {
    const ts = await startTestServer({ data: null, staff: false });
    const raw = await rawConnection(ts.base);
    const closed = new Promise<void>((res) => raw.once('close', () => res()));
    raw.on('error', () => { /* reset by the server: expected */ });
    raw.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // the headers never end
    // Node would wait up to its 60 s header timeout for this request; the mocha timeout is 30 s
    await ts.close();
    await closed;
  });

  it('does not wait for a kept-alive connection that carries a new request while it closes', async () => {
    const ts = await startTestServer();
    const boss = await loggedIn(ts.base, 'boss');
    const kiosk = await pairKiosk(ts.base, boss, 'Station 1');
    const ks = kioskSocket(ts.base, kiosk.token);
    await once(ks, 'kiosk:state');
    const raw = await rawConnection(ts.base);
    raw.on('error', () => { /* reset by the server: expected */ });
    const closed = new Promise<void>((res) => raw.once('close', () => res()));
    // a socket.io long-poll handshake on a kept-alive connection, sent as the server starts closing
    const closing = ts.close();
    raw.write('GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    await closing;
    await closed;
    expect(ks.connected).to.equal(false);
    ks.close();
  });
});
