/**
 * Issue 14, item 6 (and the data of item 4): the record of each review held — written durably at its end, kept after
 * reviews.json has dropped the session, listing what was seen and opened and its audit trail with the chain's
 * positions; the history of a group and a candidate; the printable report (HTML) and the group's overview; purge.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import {
  loggedIn, onlineKiosk, startReviewOn, startTestServer, type KioskSocket, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { pgSchemaOf, storedAuditText, storedDocs, storedTexts, whereStored } from '../support/stored.ts';

describe('the review record (proces-verbaal)', () => {
  let ts: TestServer;
  let sup1: StaffClient, boss: StaffClient;
  const sockets: { close(): void }[] = [];

  before(async () => {
    // reviews.json keeps one ended session: the records must not depend on it
    ts = await startTestServer({ config: { keepEndedReviews: 1 } });
    [sup1, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
  });
  after(async () => {
    for (const s of sockets.splice(0)) s.close();
    await ts.close();
  });

  async function kiosk(name: string) {
    const k = await onlineKiosk(ts.base, boss, name);
    sockets.push(k.socket);
    return k;
  }
  const emit = (s: KioskSocket, ev: string, p: unknown): Promise<any> => (s.timeout(5000) as any).emitWithAck(ev, p);
  /** the records as stored (the review journal, or the review_records table), read from outside the server */
  const recordsOnDisk = async () => (await storedDocs(whereStored(ts), 'reviewRecords')).map((r) => r.doc);

  let first: string;

  it('records what the candidate saw and opened, durably at the end, and keeps it after reviews.json has dropped the session', async () => {
    const k = await kiosk('Station P1');
    const { review } = await startReviewOn(ts.base, sup1, k, 's-bi-120001');
    first = review.id;
    for (const q of ['bi3', 'bi7', 'bi3', 'bi2']) expect(await emit(k.socket, 'review:navigate', { questionId: q })).to.deep.equal({ ok: true });
    expect((await emit(k.socket, 'review:reveal', { questionId: 'bi7' })).ok).to.equal(true);
    expect((await emit(k.socket, 'review:reveal', { questionId: 'bi2' })).ok).to.equal(true);
    expect((await emit(k.socket, 'review:reveal', { questionId: 'bi2' })).ok).to.equal(true); // a repeat: one entry
    expect((await emit(k.socket, 'review:remark', { questionId: 'bi2', kind: 'key', text: 'B is ook goed.' })).ok).to.equal(true);
    expect(await emit(k.socket, 'review:logout', {})).to.deep.equal({ ok: true });

    // on disk when the end is acknowledged
    const rec = (await recordsOnDisk()).find((r) => r.id === first);
    expect(rec).to.deep.include({
      sittingId: 's-bi-120001', groupId: 'g-bi-1', examId: 'bi-kb-2026', candidateNumber: '120001', kioskName: 'Station P1',
      approvedBy: 'sup1', endReason: 'candidate-logged-out', endedBy: 'kiosk:Station P1', remarkCount: 1,
      viewed: ['bi1', 'bi3', 'bi7', 'bi2'],
      opened: [{ questionId: 'bi7', what: 'scheme' }, { questionId: 'bi2', what: 'key' }],
    });
    const ended = (await ts.store.audit.readAll()).find((e) => e.action === 'review.ended' && e.target === first)!;
    expect(rec.endSeq).to.equal(ended.seq);

    // a second review ends: reviews.json (keeping one ended session) drops the first, its record stays
    const k2 = await kiosk('Station P2');
    const { review: second } = await startReviewOn(ts.base, sup1, k2, 's-bi-120002');
    expect((await sup1.call('DELETE', `/api/reviews/${second.id}`, {})).status).to.equal(204);
    expect(ts.store.reviews.get(first)).to.equal(undefined);
    expect((await recordsOnDisk()).map((r) => r.id)).to.include.members([first, second.id]);
  });

  it('gives an ended session stored before records (or by a crash before its record) a record at start', async () => {
    const { adoptEndedSessions } = await import('../../server/review/history.ts');
    const old = { id: 'old-review', sittingId: 's-bi-120002', kioskId: 'gone', approvedById: 'nobody', startedAt: '2026-06-01T08:00:00.000Z', endsAt: '2026-06-01T08:30:00.000Z', position: 'bi1', endedAt: '2026-06-01T08:10:00.000Z', endedBy: 'system', endReason: 'time-limit' as const };
    await ts.store.reviews.add(old);
    expect(await adoptEndedSessions(ts.store, ts.app.ctx.engine)).to.equal(1);
    expect((await recordsOnDisk()).find((r) => r.id === 'old-review')).to.deep.include({ candidateNumber: '120002', endReason: 'time-limit', viewed: [], opened: [] });
    expect(await adoptEndedSessions(ts.store, ts.app.ctx.engine)).to.equal(0);
    await ts.store.reviews.removeWhere((r) => r.id === 'old-review');
    await ts.store.reviewRecords.removeWhere((r) => r.id === 'old-review');
  });

  it('lists the reviews held of a group and of a candidate, with running ones', async () => {
    const k = await kiosk('Station P3');
    const { review: running } = await startReviewOn(ts.base, sup1, k, 's-bi-120003');
    const group = await sup1.call('GET', '/api/groups/g-bi-1/reviews');
    expect(group.status).to.equal(200);
    const byId = new Map(group.json.reviews.map((r: any) => [r.id, r]));
    expect(byId.get(first)).to.deep.include({
      candidateNumber: '120001', candidateName: 'Sanne de Vries', examTitle: 'Biologie KB', kioskName: 'Station P1', approvedBy: 'sup1',
      endReason: 'candidate-logged-out', remarkCount: 1, viewedCount: 4, questionCount: 7, openedCount: 2,
    });
    expect(byId.get(running.id)).to.deep.include({ endedAt: null, endReason: null, kioskName: 'Station P3' });
    // the candidate search says which candidate is under review now ('Inzage loopt')
    const hits = (await sup1.call('GET', '/api/candidates?q=1200')).json.candidates;
    expect(hits.map((h: any) => [h.number, h.reviewId])).to.deep.equal([['120001', null], ['120002', null], ['120003', running.id]]);
    expect(group.json.reviews.length).to.equal(3);
    const cand = await sup1.call('GET', '/api/candidates/120001/reviews');
    expect(cand.json.reviews.map((r: any) => r.id)).to.deep.equal([first]);
    expect((await sup1.call('GET', '/api/candidates/999999/reviews')).status).to.equal(404);
    expect((await sup1.call('GET', '/api/groups/nope/reviews')).status).to.equal(404);
    expect((await sup1.call('DELETE', `/api/reviews/${running.id}`, {})).status).to.equal(204);
  });

  it("reports one review with the audit log's lines about it, each with its sequence number and hashes as the log holds them", async () => {
    const r = await sup1.call('GET', `/api/reviews/${first}/report?format=json`);
    expect(r.status, r.text).to.equal(200);
    const rep = r.json;
    expect(rep.review).to.deep.include({ candidateName: 'Sanne de Vries', groupName: 'Biologie KB — lokaal 4', kioskName: 'Station P1', endedBy: 'kiosk:Station P1' });
    expect(rep.viewed.map((v: any) => v.number)).to.deep.equal([1, 3, 7, 2]);
    expect(rep.opened).to.deep.equal([{ questionId: 'bi7', number: 7, what: 'scheme' }, { questionId: 'bi2', number: 2, what: 'key' }]);
    expect(rep.remarks).to.deep.equal([{ questionId: 'bi2', number: 2, kind: 'key', text: 'B is ook goed.', status: 'open', note: null }]);

    // exactly the log's lines about this review, from its start to its end, with the chain as stored on disk
    const raw = (await storedAuditText(whereStored(ts))).split('\n').filter(Boolean);
    const mine = raw.map((l) => JSON.parse(l)).filter((l) => l.target === first);
    expect(rep.audit.lines.map((l: any) => [l.seq, l.action, l.prev, l.hash])).to.deep.equal(mine.map((l) => [l.seq, l.action, l.prev, l.hash]));
    expect(rep.audit.lines.map((l: any) => l.action)).to.deep.equal(['review.started', 'review.revealed', 'review.revealed', 'review.remarked', 'review.revealed', 'review.ended']);
    // each hash is the line's own: the SHA-256 of the line before is the next line's prev
    for (const l of mine) expect(raw[l.seq - 2] === undefined || createHash('sha256').update(raw[l.seq - 2]!).digest('hex') === l.prev).to.equal(true);
    expect(rep.audit.lines[0].details).to.include({ sittingId: 's-bi-120001', candidateNumber: '120001' }); // opened from its seal
    expect(rep.audit.verified).to.equal(true);
  });

  it('renders the report as a printable page (Dutch, English on request) under the strict CSP', async () => {
    const r = await sup1.call('GET', `/api/reviews/${first}/report`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.match(/^text\/html/);
    expect(r.headers.get('content-security-policy')).to.contain("script-src 'self'").and.not.contain('unsafe-inline');
    expect(r.text).to.contain('Proces-verbaal van inzage').and.contain('Sanne de Vries').and.contain('Station P1')
      .and.contain('De kandidaat is uitgelogd').and.contain('Vraag 7: Correctievoorschrift').and.contain('B is ook goed.')
      .and.contain('href="/admin/report.css"');
    expect(r.text).not.to.match(/<script(?![^>]*src=)/); // no inline script
    const seqs = (await sup1.call('GET', `/api/reviews/${first}/report?format=json`)).json.audit.lines.map((l: any) => l.seq);
    for (const seq of seqs) expect(r.text).to.contain(`<th scope="row">${seq}</th>`);
    const en = await sup1.call('GET', `/api/reviews/${first}/report?lang=en&tz=Europe/Amsterdam`);
    expect(en.text).to.contain('Record of review').and.contain('The candidate logged out').and.contain('<html lang="en">');
    expect((await sup1.call('GET', `/api/reviews/${first}/report?tz=Mars/Olympus`)).status).to.equal(400);
    expect((await sup1.call('GET', `/api/reviews/${first}/report?format=pdf`)).status).to.equal(400);
    expect((await sup1.call('GET', '/api/reviews/nope/report')).status).to.equal(404);
    // the stylesheet and the print button's script are files of the console
    for (const f of ['report.css', 'report.js']) expect((await fetch(`${ts.base}/admin/${f}`)).status).to.equal(200);
  });

  it('escapes what it shows', async () => {
    const k = await kiosk('<b>Station</b> & "x"');
    const { review } = await startReviewOn(ts.base, sup1, k, 's-wi-120002');
    await emit(k.socket, 'review:remark', { questionId: 'wi2', kind: 'other', text: '<script>alert(1)</script>' });
    const r = await sup1.call('GET', `/api/reviews/${review.id}/report`);
    expect(r.text).not.to.contain('<script>alert').and.not.to.contain('<b>Station');
    expect(r.text).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.contain('&lt;b&gt;Station&lt;/b&gt; &amp; &quot;x&quot;');
    expect(r.text).to.contain('Deze inzage loopt nog');
    await sup1.call('DELETE', `/api/reviews/${review.id}`, {});
  });

  it("summarises a group's reviews on one page", async () => {
    const json = await sup1.call('GET', '/api/groups/g-bi-1/report?format=json');
    expect(json.json).to.deep.include({ candidateCount: 3, reviewedCount: 3 });
    expect(json.json.reviews).to.have.length(3);
    const html = await sup1.call('GET', '/api/groups/g-bi-1/report');
    expect(html.text).to.contain('Overzicht van de inzages').and.contain('Biologie KB — lokaal 4').and.contain(`/api/reviews/${first}/report`);
    expect((await sup1.call('GET', '/api/groups/nope/report')).status).to.equal(404);
  });

  it('goes with its sitting in a purge, leaving no copy in the data directory', async () => {
    expect((await recordsOnDisk()).some((r) => r.sittingId === 's-bi-120001')).to.equal(true);
    const p = await boss.call('POST', '/api/purge', { examId: 'bi-kb-2026' });
    expect(p.status, p.text).to.equal(200);
    expect((await recordsOnDisk()).filter((r) => r.examId === 'bi-kb-2026')).to.deep.equal([]);
    // the review journal's segments, its snapshot and the snapshot's last good copy (and any file of an earlier build),
    // or the tables of reviews and their records under PostgreSQL
    const stored = [...(await storedTexts(ts.store))].filter(([name]) => name.startsWith('review'));
    expect(stored.some(([name]) => name.startsWith(pgSchemaOf(ts.store) ? 'review_records' : 'reviews-snapshot'))).to.equal(true);
    for (const [name, text] of stored) {
      expect(text, name).not.to.contain('s-bi-120001');
    }
    expect((await sup1.call('GET', `/api/reviews/${first}/report`)).status).to.equal(404);
    // the other exam's record stays
    expect((await recordsOnDisk()).some((r) => r.sittingId === 's-wi-120002')).to.equal(true);
  });
});
