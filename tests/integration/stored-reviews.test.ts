import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readStoredReviews } from '../../server/store/reviewJournal.ts';
import { join } from 'node:path';
import { connectKiosk, loggedIn, once, pairKiosk, startTestServer, type TestServer } from '../helpers/server.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { eventually } from '../support/eventually.ts';
import { itFileStore } from '../support/stored.ts';

/**
 * `approvedBy` has one meaning on the wire: the approver's username (`ReviewDto`). The stored session keeps the
 * approver's id as `approvedById`; reviews.json of earlier builds named it `approvedBy`.
 */
describe('stored review sessions: the approver', function () {
  this.timeout(30_000);
  let dir: string;
  let ts: TestServer | null = null;
  beforeEach(() => { dir = tempDir('stored-reviews'); });
  afterEach(async () => {
    await ts?.close({ keepData: true });
    ts = null;
    removeDir(dir);
  });

  itFileStore('reads the approver of a session stored by an earlier build, names them by username, and ends it when they log out', 'reviews.json as an earlier build wrote it', async () => {
    ts = await startTestServer({ dataDir: dir });
    const boss = await loggedIn(ts.base, 'boss');
    const kiosk = await pairKiosk(ts.base, boss, 'Station 1');
    let k = await connectKiosk(ts.base, kiosk.token);
    const started = once(k.socket, 'review:started');
    const start = await (await loggedIn(ts.base, 'sup1')).call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: kiosk.id });
    expect(start.status, start.text).to.equal(201);
    await started;
    k.socket.close();
    await ts.close({ keepData: true });
    ts = null;

    // reviews.json as an earlier build wrote it (before the review journal): the approver's user id under `approvedBy`
    const file = join(dir, 'reviews.json');
    const stored = { reviews: readStoredReviews(dir).reviews.map((r) => ({ ...r })) as Record<string, unknown>[] };
    for (const f of readdirSync(dir).filter((f) => f.startsWith('reviews-'))) rmSync(join(dir, f));
    const sup1Id = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).users.find((u: { username: string }) => u.username === 'sup1').id;
    for (const r of stored.reviews) {
      r.approvedBy = r.approvedById;
      delete r.approvedById;
    }
    expect(stored.reviews[0]!.approvedBy).to.equal(sup1Id);
    writeFileSync(file, JSON.stringify(stored));

    ts = await startTestServer({ dataDir: dir });
    k = await connectKiosk(ts.base, kiosk.token);
    expect(k.state.review?.id).to.equal(start.json.id);
    const sup1 = await loggedIn(ts.base, 'sup1');
    const list = await sup1.call('GET', '/api/reviews');
    expect(list.json.map((r: { approvedBy: string }) => r.approvedBy)).to.deep.equal(['sup1']);

    const ended = once(k.socket, 'review:ended');
    expect((await sup1.logout()).status).to.equal(204);
    expect(await ended).to.deep.equal({ reason: 'supervisor-logged-out' });
    // the end was written durably, under the one name
    const rewritten = readStoredReviews(dir).reviews[0];
    expect(rewritten).to.include({ approvedById: sup1Id, endReason: 'supervisor-logged-out' }).and.not.to.have.property('approvedBy');
    // the first write after the upgrade compacts: the snapshot replaces reviews.json, under the new name only
    await eventually(() => expect(existsSync(file)).to.equal(false), { what: 'reviews.json replaced by the snapshot' });
    const snapshot = JSON.parse(readFileSync(join(dir, 'reviews-snapshot.json'), 'utf8'));
    expect(snapshot.reviews[0]).to.include({ approvedById: sup1Id }).and.not.to.have.property('approvedBy');
    const admin = await loggedIn(ts.base, 'boss');
    await eventually(async () => expect((await admin.call('GET', '/api/reviews')).json).to.deep.equal([]), { what: 'no active review' });
    k.socket.close();
  });
});
