/**
 * The kiosk's connection and first screen in Chromium (docs/design.md: The kiosk's first screen): a WebSocket first;
 * where something between kiosk and server refuses WebSockets (a proxy answering the upgrade with 403), long-polling,
 * on which pairing, the idle screen and a review all work. The review's renderers are a chunk of their own, fetched
 * after the first screen; a review that comes before them is acknowledged only once it is on screen.
 */
import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { pairKioskPage } from '../helpers/browser.ts';
import { loggedIn } from '../helpers/server.ts';
import { useE2E } from '../support/e2e.ts';
import { eventually } from '../support/eventually.ts';

describe('kiosk connection and first screen (e2e)', function () {
  this.timeout(90_000);
  const e2e = useE2E({ noPageErrors: false });

  /** The transports of the server's kiosk sockets, by kiosk id. */
  const transports = () => [...e2e.ts.app.io.of('/kiosk').sockets.values()].map((s) => ({ kioskId: s.data.kioskId as string | null, transport: s.conn.transport.name }));

  it('connects over a WebSocket, and fetches the review\'s renderers only after the first screen', async () => {
    const boss = await loggedIn(e2e.ts.base, 'boss');
    const { page } = await e2e.page({ viewport: { width: 1280, height: 800 } });
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const kioskId = await pairKioskPage(page, e2e.ts.base, boss, 'Station WS');
    await eventually(() => transports().some((t) => t.kioskId === kioskId && t.transport === 'websocket'), { what: 'the kiosk on a WebSocket' });
    // no long-polling request was needed
    expect(requested.filter((p) => p.startsWith('/socket.io/'))).to.deep.equal([]);
    // the page's own files: its entry and the chunks it preloads; the review chunk follows the first screen
    await eventually(() => requested.some((p) => /\/kiosk\/assets\/review-screen-[\w-]+\.js$/.test(p)), { what: 'the review chunk fetched after the first screen' });
    const firstScreen = requested.slice(0, requested.findIndex((p) => p.includes('review-screen')));
    expect(firstScreen.some((p) => /\/kiosk\/assets\/app-[\w-]+\.js$/.test(p))).to.equal(true);
  });

  it('falls back to long-polling where WebSockets are refused, and pairs, idles and reviews there', async () => {
    const server = e2e.ts.app.server;
    const upgrades = server.listeners('upgrade') as ((req: IncomingMessage, socket: Duplex, head: Buffer) => void)[];
    server.removeAllListeners('upgrade');
    // as a proxy that does not pass WebSockets on
    server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    try {
      const boss = await loggedIn(e2e.ts.base, 'boss');
      const sup = await loggedIn(e2e.ts.base, 'sup1');
      const { page } = await e2e.page({ viewport: { width: 1280, height: 800 } });
      const kioskId = await pairKioskPage(page, e2e.ts.base, boss, 'Station polling');
      await eventually(() => transports().some((t) => t.kioskId === kioskId && t.transport === 'polling'), { what: 'the kiosk on long-polling' });
      expect(transports().filter((t) => t.kioskId === kioskId).map((t) => t.transport)).to.deep.equal(['polling']);

      const start = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId });
      expect(start.status, start.text).to.equal(201);
      await page.getByRole('heading', { name: 'Vraag 1' }).waitFor();
      await page.getByRole('button', { name: 'Vraag 4', exact: true }).click();
      await page.getByRole('heading', { name: 'Vraag 4' }).waitFor();
      await eventually(() => e2e.ts.app.ctx.engine.get(start.json.id)?.position === 'bi4', { what: 'the move reached the server over polling' });
      expect((await sup.call('DELETE', `/api/reviews/${start.json.id}`)).status).to.equal(204);
      await page.getByText('De inzage is beëindigd').first().waitFor();
    } finally {
      server.removeAllListeners('upgrade');
      for (const l of upgrades) server.on('upgrade', l);
    }
  });

  it('acknowledges a review that comes before its renderers only once it is on screen', async () => {
    const boss = await loggedIn(e2e.ts.base, 'boss');
    const sup = await loggedIn(e2e.ts.base, 'sup1');
    const { page } = await e2e.page({ viewport: { width: 1280, height: 800 } });
    // the review chunk is held back until the start has reached the kiosk
    let release!: () => void;
    const released = new Promise<void>((res) => { release = res; });
    let held = false;
    await page.route(/\/kiosk\/assets\/review-screen-[\w-]+\.js$/, async (route) => {
      held = true;
      await released;
      await route.continue();
    });
    const kioskId = await pairKioskPage(page, e2e.ts.base, boss, 'Station later');
    await eventually(() => held, { what: 'the review chunk asked for' });
    let settled = false;
    const start = sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId }).finally(() => { settled = true; });
    // the review has reached the page (its element is there, not yet defined) …
    await page.waitForFunction(() => !!document.querySelector('ksk-app')?.shadowRoot?.querySelector('ksk-review'));
    await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0))));
    // … and the start waits for its acknowledgement, which waits for the renderers
    expect(settled, 'the start acknowledged before the review could be shown').to.equal(false);
    release();
    const r = await start;
    expect(r.status, r.text).to.equal(201);
    expect(await page.getByRole('heading', { name: 'Vraag 1' }).isVisible()).to.equal(true);
  });
});
