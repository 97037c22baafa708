/**
 * The results overview of a group (`GET /api/groups/:id/results`) is built once per group and content generation
 * (server/http/resultsCache.ts; issue 17): its answer stays byte for byte what the route computed on every request
 * before — here recomputed from the store as that code did — through review starts and ends, an import that renames
 * a candidate, adds one and changes a score, and a change of the exam's settings. API answers go out uncompressed.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reviewStatus } from '../../shared/rules.ts';
import { referenceRows } from '../support/resultsReference.ts';
import { FIXTURES, connectKiosk, loggedIn, pairKiosk, startReviewOn, type StaffClient, type TestServer, startTestServer } from '../helpers/server.ts';

describe('results overview: built once per content generation, the same answer', () => {
  let ts: TestServer;
  let sup: StaffClient, boss: StaffClient;
  before(async () => {
    ts = await startTestServer();
    [sup, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
  });
  after(() => ts.close());

  /** The answer as the route built it on every request before the cache (the same code, on the store now). */
  function reference(groupId: string): string {
    const { content } = ts.store;
    const engine = ts.app.ctx.engine;
    const group = content.group(groupId)!;
    const exam = content.exam(group.examId)!;
    const now = Date.now();
    const rows = referenceRows(content, group, new Map(engine.active().map((s) => [s.sittingId, s.id])));
    const groupDto = {
      id: group.id, name: group.name, examId: group.examId, examTitle: exam.title, startsAt: group.startsAt,
      candidateCount: group.candidateNumbers.length, ...(group.location ? { location: group.location } : {}),
      reviewStatus: reviewStatus(exam.review, now),
    };
    const review = {
      allowed: exam.review.allowed, opensAt: exam.review.opensAt ?? null, closesAt: exam.review.closesAt ?? null,
      status: reviewStatus(exam.review, now), maxMinutes: exam.review.maxMinutes,
    };
    return JSON.stringify({ group: groupDto, exam: { id: exam.id, title: exam.title, central: exam.central, review }, rows });
  }

  async function same(groupId: string): Promise<any> {
    const r = await sup.call('GET', `/api/groups/${groupId}/results`, undefined, { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(r.headers.get('content-encoding'), 'API answers are not compressed').to.equal(null);
    expect(r.text).to.equal(reference(groupId));
    return r.json;
  }

  it('answers as before for every group, twice (the second from the cache)', async () => {
    for (const g of ts.store.content.groups()) {
      await same(g.id);
      await same(g.id);
    }
  });

  it('fills in the running review per row at every request: a start and an end show at once', async () => {
    await same('g-bi-1');
    const k = await pairKiosk(ts.base, boss, 'Overzicht');
    const { socket } = await connectKiosk(ts.base, k.token);
    try {
      const { review } = await startReviewOn(ts.base, sup, { id: k.id, socket }, 's-bi-120002');
      const running = await same('g-bi-1');
      expect(running.rows.filter((r: any) => r.reviewId).map((r: any) => [r.sittingId, r.reviewId])).to.deep.equal([['s-bi-120002', review.id]]);
      expect((await sup.call('DELETE', `/api/reviews/${review.id}`)).status).to.equal(204);
      const ended = await same('g-bi-1');
      expect(ended.rows.every((r: any) => r.reviewId === null)).to.equal(true);
    } finally {
      socket.close();
    }
  });

  it('follows an import (a renamed candidate, a new one, a changed score) and the exam’s settings at once', async () => {
    const before = await same('g-bi-1');
    const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
    file.candidates.find((c: any) => c.number === '120003').firstName = 'Zaïra';
    file.candidates.push({ number: '999002', firstName: 'Aaron', lastName: 'Aalders', className: '4K2' });
    file.groups.find((g: any) => g.id === 'g-bi-1').candidateNumbers.push('999002');
    // a score corrected: the first response of this sitting had a point, now none
    const sitting = file.sittings.find((s: any) => s.id === 's-bi-120001');
    const scoreBefore = before.rows.find((r: any) => r.sittingId === 's-bi-120001').totalScore as number;
    sitting.responses[0].score = 0;
    const imported = await boss.call('POST', '/api/imports', file);
    expect(imported.status, imported.text).to.equal(200);
    const after = await same('g-bi-1');
    expect(after).not.to.deep.equal(before);
    expect(after.rows.map((r: any) => r.candidateNumber)).to.include('999002');
    expect(after.rows.find((r: any) => r.candidateNumber === '120003').name).to.contain('Zaïra');
    expect(after.rows.find((r: any) => r.sittingId === 's-bi-120001').totalScore).to.equal(scoreBefore - 1);

    expect((await boss.call('PATCH', '/api/exams/bi-kb-2026/review', { allowed: false })).status).to.equal(200);
    expect((await same('g-bi-1')).exam.review.allowed).to.equal(false);
    expect((await boss.call('PATCH', '/api/exams/bi-kb-2026/review', { allowed: true })).status).to.equal(200);
    await same('g-bi-1');
  });

  it('refuses an unknown group as before', async () => {
    const r = await sup.call('GET', '/api/groups/no-such-group/results');
    expect([r.status, r.json.error.code]).to.deep.equal([404, 'not-found']);
  });
});
