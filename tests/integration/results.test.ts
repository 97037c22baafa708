/**
 * The groups list with each exam's review status (`GET /api/groups`), and finding a candidate at the desk:
 * `GET /api/candidates?q=` by examination number, name or class.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '../../server/clock.ts';
import { FIXTURES, StaffClient, loggedIn, startTestServer, type TestServer } from '../helpers/server.ts';

describe('groups list', () => {
  // Nask KB's period runs 2026-05-01 08:00 to 2026-06-30 17:00 (+02:00): start on its last afternoon.
  const clock = new FakeClock(Date.parse('2026-06-30T14:00:00Z'));
  let ts: TestServer;
  let sup: StaffClient;
  before(async () => {
    ts = await startTestServer({ clock });
    sup = await loggedIn(ts.base, 'sup1');
  });
  after(() => ts.close());

  const statuses = async () => {
    const r = await sup.call('GET', '/api/groups');
    expect(r.status).to.equal(200);
    return Object.fromEntries((r.json as { id: string; reviewStatus: string }[]).map((g) => [g.id, g.reviewStatus]));
  };

  it('says per group whether review of its exam can start, by the server’s clock', async () => {
    expect(await statuses()).to.deep.equal({
      'g-bi-1': 'open', 'g-ns-1': 'open', 'g-ma-1': 'not-allowed', 'g-fr-1': 'not-open', 'g-wi-1': 'open',
    });
    // the same status as the group's results screen
    const results = await sup.call('GET', '/api/groups/g-ns-1/results');
    expect(results.json.group.reviewStatus).to.equal('open');
    expect(results.json.exam.review.status).to.equal('open');

    clock.advance(2 * 60 * 60_000); // 18:00 in Amsterdam: Nask KB's period is over
    sup = await loggedIn(ts.base, 'sup1'); // logins follow the server's clock too: the old one has idled out
    expect((await statuses())['g-ns-1']).to.equal('expired');
    expect((await sup.call('GET', '/api/groups/g-ns-1/results')).json.group.reviewStatus).to.equal('expired');
  });

  it('follows a change of the exam’s settings at once', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    expect((await boss.call('PATCH', '/api/exams/ma-kb-2026/review', { allowed: true })).status).to.equal(200);
    expect((await statuses())['g-ma-1']).to.equal('open');
    expect((await boss.call('PATCH', '/api/exams/ma-kb-2026/review', { allowed: false })).status).to.equal(200);
    expect((await statuses())['g-ma-1']).to.equal('not-allowed');
  });
});

describe('candidate search', () => {
  let ts: TestServer;
  let sup: StaffClient;
  before(async () => {
    const data = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
    // thirty more candidates of one class, one with diacritics, none in a group yet
    for (let i = 0; i < 30; i++) {
      data.candidates.push({ number: `13${String(i).padStart(4, '0')}`, firstName: i === 7 ? 'Zoë' : `Kandidaat${i}`, lastName: i === 7 ? 'Özdemir' : 'Bakker', className: '5H3' });
    }
    ts = await startTestServer({ data });
    sup = await loggedIn(ts.base, 'sup1');
  });
  after(() => ts.close());

  const search = (q: string) => sup.call('GET', `/api/candidates?q=${encodeURIComponent(q)}`);

  it('finds by name, ignoring case, diacritics and word order, with the number of sittings', async () => {
    const r = await search('amrani');
    expect(r.status).to.equal(200);
    expect(r.json).to.deep.equal({ candidates: [{ number: '120002', name: 'Mohammed El Amrani', className: '4K1', sittingCount: 3, reviewId: null }], more: false });
    expect((await search('VRIES de')).json.candidates.map((c: any) => c.number)).to.deep.equal(['120001']);
    expect((await search('zoe ozdemir')).json.candidates.map((c: any) => c.name)).to.deep.equal(['Zoë Özdemir']);
  });

  it('finds by the start of the examination number, the exact number first', async () => {
    expect((await search('12000')).json.candidates.map((c: any) => c.number)).to.deep.equal(['120001', '120002', '120003']);
    expect((await search('120003')).json.candidates.map((c: any) => c.number)).to.deep.equal(['120003']);
    expect((await search(' 120 002 ')).json.candidates.map((c: any) => c.number)).to.deep.equal(['120002']);
  });

  it('finds by class together with a name', async () => {
    expect((await search('4k1 sanne')).json.candidates.map((c: any) => c.number)).to.deep.equal(['120001']);
    expect((await search('4K2')).json.candidates.map((c: any) => c.name)).to.deep.equal(['Emma Jansen']);
  });

  it('lists at most 25, sorted by last name, and says that there are more', async () => {
    const r = await search('5h3');
    expect(r.json.candidates).to.have.length(25);
    expect(r.json.more).to.equal(true);
    expect(r.json.candidates[0].name).to.match(/Bakker$/);
    expect(r.json.candidates.every((c: any) => c.sittingCount === 0)).to.equal(true);
  });

  it('answers an empty list when nothing matches', async () => {
    expect((await search('Nergens')).json).to.deep.equal({ candidates: [], more: false });
  });

  it('refuses a query that is missing, shorter than 2 characters or too long', async () => {
    for (const path of ['/api/candidates', '/api/candidates?q=a', '/api/candidates?q=%20%20a%20', `/api/candidates?q=${'x'.repeat(101)}`]) {
      const r = await sup.call('GET', path);
      expect(r.status, path).to.equal(400);
      expect(r.json.error.code, path).to.equal('invalid-input');
    }
  });

  it('is refused without a staff login', async () => {
    const r = await new StaffClient(ts.base).call('GET', '/api/candidates?q=Sanne');
    expect(r.status).to.equal(401);
  });
});
