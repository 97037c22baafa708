import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../server/clock.ts';
import { connectKiosk, loggedIn, once, pairKiosk, startTestServer } from '../helpers/server.ts';
import { removeDir } from '../support/dataDir.ts';
import { storedDocs, whereStored } from '../support/stored.ts';

/** A server that stops ends nothing: the restart resumes (docs/design.md: Crash and restart). */
describe('stopping the server', () => {
  it('sets no grace period for the kiosks that closing disconnects, so no review ends after it stopped', async () => {
    const clock = new FakeClock(Date.parse('2026-06-10T10:00:00+02:00'));
    const ts = await startTestServer({ clock, config: { graceMs: 60_000 } });
    try {
      const [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
      const k = await pairKiosk(ts.base, boss, 'Station 1');
      const { socket } = await connectKiosk(ts.base, k.token);
      const started = once(socket, 'review:started');
      const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      await started;
      await ts.close({ keepData: true }); // closing the sockets disconnects the kiosk
      socket.close();
      clock.advance(10 * 60_000); // long past the grace period, on the clock the stopped server kept
      await ts.store.flush(); // whatever a timer set off would be writing now
      const stored = (await storedDocs(whereStored(ts), 'reviews')).map((x) => x.doc); // the journal, or the reviews table
      expect(stored.find((x) => x.id === r.json.id)).to.be.an('object').and.not.to.have.property('endedAt');
    } finally {
      removeDir(ts.dataDir);
    }
  });
});
