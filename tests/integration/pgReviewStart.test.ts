/**
 * A review start that the PostgreSQL store refuses (docs/design.md: PostgreSQL store): another process started a
 * review of the same sitting after this one's checks saw none. The server runs with its repositories on
 * PostgreSQL; the other process's review is committed by plain SQL, unannounced, which is exactly the window a
 * race leaves: this process's memory does not know it yet, the database does.
 */
import { expect } from 'chai';
import { heardDuring, loggedIn, onlineKiosk, startReviewOn, startTestServer, type TestServer } from '../helpers/server.ts';
import { pgSchemaPerTest, sql, withPgRepos } from '../support/pg.ts';
import { ended, review } from '../support/repoFixtures.ts';

describe('review starts on PostgreSQL', () => {
  const schema = pgSchemaPerTest();
  let ts: TestServer | undefined;
  afterEach(async () => {
    await ts?.close();
    ts = undefined;
  });

  it('refuses a start another process won meanwhile with its code, audits no start, sends the kiosk nothing', async () => {
    const pgStore = await schema.open();
    const server = (ts = await startTestServer({ withStore: (files) => withPgRepos(files, pgStore) }));
    const [boss, sup] = await Promise.all([loggedIn(server.base, 'boss'), loggedIn(server.base, 'sup1')]);
    const k = await onlineKiosk(server.base, boss, 'Station 1');
    const theirs = review('elsewhere', { sittingId: 's-bi-120001', kioskId: 'k-other', candidateNumber: '120001' });
    await sql(schema.name, 'INSERT INTO reviews (id, doc) VALUES ($1, $2)', [theirs.id, JSON.stringify(theirs)]);
    try {
      const heard = await heardDuring(k.socket, 'review:started', async () => {
        const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
        expect([r.status, r.json?.error?.code], r.text).to.deep.equal([409, 'sitting-busy']);
      });
      expect(heard, 'nothing reached the kiosk').to.deep.equal([]);
      expect(server.store.reviews.active(), 'the refused start is not kept').to.deep.equal([]);
      const audited = (await server.store.audit.readAll()).filter((e) => e.action === 'review.started');
      expect(audited, 'no start audited').to.deep.equal([]);

      // once theirs has ended, the same kiosk and sitting start as usual
      await sql(schema.name, 'UPDATE reviews SET doc = $2 WHERE id = $1', [theirs.id, JSON.stringify(ended(theirs))]);
      const { review: started } = await startReviewOn(server.base, sup, k, 's-bi-120001');
      expect(server.store.reviews.active().map((r) => r.id)).to.deep.equal([started.id]);
      expect((await sql(schema.name, 'SELECT candidate_number FROM reviews WHERE id = $1', [started.id]))[0]).to.deep.equal({ candidate_number: '120001' });
    } finally {
      k.socket.close();
    }
  });
});
