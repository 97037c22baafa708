import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import { retentionDaysFrom } from '../../server/config.ts';
import { DAY_MS } from '../../server/privacy/retention.ts';
import { tracesIn } from '../support/traces.ts';
import { EXAM_ID, exampleImport, type Json } from '../support/importFixture.ts';
import { loggedIn, startTestServer, StaffClient, type TestServer } from '../helpers/server.ts';

const T0 = Date.parse('2026-07-01T06:00:00Z');
/** The fixture's import, before every window ended: each exam's default date counts from its window's end. */
const IMPORTED = Date.parse('2026-04-15T06:00:00Z');

/**
 * Exam A (`EXAM_ID`): review until 12 June 15:00 UTC, no date of its own → kept until 12 July with 30 days.
 * Exam B: kept until 4 July 12:00 UTC (set by the import). Exam C: review ended 1 May → due at start.
 */
function fixture(): Json {
  const f = exampleImport();
  const exam = (id: string, title: string, review: Json, extra: Json = {}) => ({ ...structuredClone(f.exams[0]), id, title, review: { ...f.exams[0].review, ...review }, ...extra });
  f.exams.push(
    exam('ak-kb-2026', 'Aardrijkskunde KB', { closesAt: '2026-06-20T17:00:00+02:00' }, { retainUntil: '2026-07-04T12:00:00Z' }),
    exam('ec-kb-2026', 'Economie KB', { opensAt: '2026-04-01T08:00:00+02:00', closesAt: '2026-05-01T17:00:00+02:00' }),
  );
  f.candidates.push({ number: '230119', firstName: 'Lot', lastName: 'Smit' }, { number: '230120', firstName: 'Bram', lastName: 'Visser' });
  f.groups.push(
    { id: 'g-b', name: 'Aardrijkskunde', examId: 'ak-kb-2026', startsAt: '2026-06-10T09:00:00+02:00', candidateNumbers: ['230119'] },
    { id: 'g-c', name: 'Economie', examId: 'ec-kb-2026', startsAt: '2026-03-10T09:00:00+01:00', candidateNumbers: ['230120'] },
  );
  const sitting = (id: string, groupId: string, candidateNumber: string, submittedAt: string) => ({ ...structuredClone(f.sittings[0]), id, groupId, candidateNumber, startedAt: submittedAt, submittedAt });
  f.sittings.push(sitting('s-b-230119', 'g-b', '230119', '2026-06-10T10:00:00+02:00'), sitting('s-c-230120', 'g-c', '230120', '2026-03-10T10:00:00+01:00'));
  return f;
}

describe('retention: a date per exam and a daily purge', function () {
  this.timeout(30_000);
  let ts: TestServer;
  let clock: FakeClock;
  let boss: StaffClient;
  let output: string[];

  beforeEach(async () => {
    clock = new FakeClock(IMPORTED);
    output = [];
    const seeded = await startTestServer({ data: fixture(), clock });
    await seeded.close({ keepData: true });
    clock.set(T0);
    ts = await startTestServer({ dataDir: seeded.dataDir, clock, config: { autoPurge: true, retentionDays: 30 }, log: (l) => output.push(l) });
    await ts.app.ctx.retention.idle();
    boss = await loggedIn(ts.base, 'boss');
  });
  afterEach(async () => {
    await ts?.close();
  });

  const sittings = () => ts.store.content.sittingSummaries().map((s) => s.id).sort();
  const retention = async () => {
    const r = await boss.call('GET', '/api/exams');
    expect(r.status, r.text).to.equal(200);
    return Object.fromEntries(r.json.map((e: Json) => [e.id, e.retention]));
  };
  /** A day passes on the server's clock (staff sessions time out meanwhile: log in again). */
  const nextDay = async () => {
    clock.advance(DAY_MS);
    await ts.app.ctx.retention.idle();
    boss = await loggedIn(ts.base, 'boss');
  };

  it('purges at start what is due, then each day what becomes due, audited as the system\'s purge with its reason', async () => {
    expect(sittings()).to.deep.equal(['s-230117', 's-230118', 's-b-230119']);
    expect(tracesIn(ts.dataDir, ['Bram', 'Visser', '230120', 's-c-230120'])).to.deep.equal([]);
    const importedAt = new Date(IMPORTED).toISOString();
    expect(await retention()).to.deep.equal({
      [EXAM_ID]: { until: '2026-07-12T15:00:00.000Z', explicit: false, basis: 'review', importedAt, defaultDays: 30, sittings: 2 },
      'ak-kb-2026': { until: '2026-07-04T12:00:00.000Z', explicit: true, basis: null, importedAt, defaultDays: 30, sittings: 1 },
      'ec-kb-2026': { until: '2026-05-31T15:00:00.000Z', explicit: false, basis: 'review', importedAt, defaultDays: 30, sittings: 0 },
    });
    for (let day = 2; day <= 4; day++) {
      await nextDay(); // 2, 3 and 4 July, 06:00: exam B is kept until 4 July 12:00
      expect(sittings(), `${day} July`).to.include('s-b-230119');
    }
    await nextDay();
    expect(sittings()).to.deep.equal(['s-230117', 's-230118']);
    expect(tracesIn(ts.dataDir, ['Lot', 'Smit', '230119', 's-b-230119'])).to.deep.equal([]);
    const audit = await boss.call('GET', '/api/audit?action=data.purged');
    expect(audit.json.verified).to.equal(true);
    expect(audit.json.events.map((e: Json) => [e.actor, e.target, e.details.reason, e.details.retainUntil, e.details.sittings])).to.deep.equal([
      ['system', 'ec-kb-2026', 'retention', '2026-05-31T15:00:00.000Z', 1],
      ['system', 'ak-kb-2026', 'retention', '2026-07-04T12:00:00.000Z', 1],
    ]);
    await nextDay(); // nothing more is due: no further purge, no further audit event
    expect((await boss.call('GET', '/api/audit?action=data.purged')).json.events).to.have.length(2);
    // the operator reads it in the server's output too (a first start after an upgrade may purge old data)
    expect(output).to.deep.equal([
      'inzage: retention: removed the candidate data of exam ec-kb-2026 (kept until 2026-05-31T15:00:00.000Z): 1 sittings, 1 groups, 1 candidates',
      'inzage: retention: removed the candidate data of exam ak-kb-2026 (kept until 2026-07-04T12:00:00.000Z): 1 sittings, 1 groups, 1 candidates',
    ]);
  });

  it('an admin sets an exam\'s date (future, after its review window) or resets it to the default; a re-import keeps it', async () => {
    const set = (body: unknown, who = boss) => who.call('PATCH', `/api/exams/${EXAM_ID}/retention`, body);
    expect((await set({ retainUntil: '2026-06-30T00:00:00Z' })).status, 'in the past').to.equal(400);
    const review = (closesAt: string) => boss.call('PATCH', `/api/exams/${EXAM_ID}/review`, { closesAt });
    expect((await review('2026-08-01T17:00:00+02:00')).status).to.equal(200);
    const early = await set({ retainUntil: '2026-07-20T10:00:00+02:00' });
    expect(early.status, 'before the review window ends').to.equal(400);
    expect(early.json.error.message).to.contain('inzageperiode');
    expect((await review('2026-06-12T17:00:00+02:00')).status).to.equal(200);
    for (const bad of [{ retainUntil: 'next year' }, { retainUntil: 5 }, {}, { retainUntil: null, extra: 1 }]) expect((await set(bad)).status).to.equal(400);
    const ok = await set({ retainUntil: '2026-09-01T00:00:00+02:00' });
    expect(ok.status, ok.text).to.equal(200);
    expect(ok.json.retention).to.include({ until: '2026-08-31T22:00:00.000Z', explicit: true });
    const audited = (await boss.call('GET', '/api/audit?action=exam.retention-changed')).json.events;
    expect(audited.map((e: Json) => [e.actor, e.target, e.details])).to.deep.equal([['boss', EXAM_ID, { from: null, to: '2026-09-01T00:00:00+02:00' }]]);
    // a review window may not run past the date
    expect((await review('2026-09-10T00:00:00+02:00')).status).to.equal(400);
    // a re-import that says nothing about retention keeps the date (and, changing no candidate data, the import time)
    expect((await boss.call('POST', '/api/imports', exampleImport())).status).to.equal(200);
    expect((await retention())[EXAM_ID]).to.include({ until: '2026-08-31T22:00:00.000Z', explicit: true });
    for (let d = 0; d < 12; d++) await nextDay(); // past the default (12 July), not past the date
    expect(sittings()).to.include('s-230117');
    const reset = await set({ retainUntil: null });
    expect(reset.json.retention).to.include({ until: '2026-07-12T15:00:00.000Z', explicit: false });
    await nextDay();
    expect(sittings()).not.to.include('s-230117');
  });

  it('refuses the retention route to supervisors and to anyone not logged in', async () => {
    const sup = await loggedIn(ts.base, 'sup1');
    expect((await sup.call('PATCH', `/api/exams/${EXAM_ID}/retention`, { retainUntil: null })).status).to.equal(403);
    expect((await new StaffClient(ts.base).call('PATCH', `/api/exams/${EXAM_ID}/retention`, { retainUntil: null })).status).to.equal(401);
    expect((await boss.call('PATCH', '/api/exams/nope/retention', { retainUntil: null })).status).to.equal(404);
  });

  it('reads INZAGE_RETENTION_DAYS as whole days, 180 when unset, and refuses anything else', () => {
    expect(retentionDaysFrom(undefined)).to.equal(180);
    expect(retentionDaysFrom('30')).to.equal(30);
    expect(retentionDaysFrom('0')).to.equal(0);
    for (const bad of ['-1', '1.5', 'soon', '99999']) expect(() => retentionDaysFrom(bad)).to.throw('INZAGE_RETENTION_DAYS');
  });
});
