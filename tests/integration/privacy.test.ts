import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHREDDED } from '../../server/store/auditKeys.ts';
import { cliStoreEnv, pgSchemaOf, tracesInStored, whereStored } from '../support/stored.ts';
import { EXAM_ID, exampleImport, type Json } from '../support/importFixture.ts';
import { connectKiosk, loggedIn, once, pairKiosk, startTestServer, type KioskSocket, type StaffClient, type TestServer } from '../helpers/server.ts';

const BIN = fileURLToPath(new URL('../../bin/inzage.mjs', import.meta.url));

/** `inzage …` on the data directory `dir` (its PostgreSQL schema under INZAGE_TEST_STORE=pg) */
function inzage(args: string[], dir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...cliStoreEnv(dir) };
  delete env.INZAGE_DATA;
  const r = spawnSync(process.execPath, [BIN, ...args], { input: '', encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Exam A (`EXAM_ID`): Sanne de Vries (230117, submitted 20 May) and Daan Bakker (230118, a resit submitted
 * 20 June), each with an open answer of their own. Exam B: Lot Smit (230119). Reviews open until 2099.
 */
function fixture(): Json {
  const f = exampleImport();
  f.exams[0].review = { ...f.exams[0].review, opensAt: '2026-01-01T08:00:00+01:00', closesAt: '2099-01-01T17:00:00+01:00' };
  f.sittings[1].submittedAt = '2026-06-20T10:40:00+02:00';
  f.sittings[1].responses.push({ questionId: 'q7', response: 'Omdat de koning minder macht kreeg.', score: 1 });
  f.exams.push({ ...structuredClone(f.exams[0]), id: 'ak-kb-2026', title: 'Aardrijkskunde KB' });
  f.candidates.push({ number: '230119', firstName: 'Lot', lastName: 'Smit', className: '4KB1' });
  f.groups.push({ id: 'g-b', name: 'Aardrijkskunde', examId: 'ak-kb-2026', startsAt: '2026-06-10T09:00:00+02:00', candidateNumbers: ['230119'] });
  const lot = structuredClone(f.sittings[0]);
  lot.responses[6].response = 'Lot schreef dit antwoord.';
  f.sittings.push({ ...lot, id: 's-b-230119', groupId: 'g-b', candidateNumber: '230119', submittedAt: '2026-06-10T10:00:00+02:00' });
  return f;
}

const SANNE = ['Sanne', 'Vries', '230117', 's-230117', 'Sindsdien zijn ministers verantwoordelijk.'];
const DAAN = ['Daan', 'Bakker', '230118', 's-230118', 'Omdat de koning minder macht kreeg.'];
const LOT = ['Lot', 'Smit', '230119', 's-b-230119', 'Lot schreef dit antwoord.'];

describe('purge leaves no trace (privacy)', function () {
  this.timeout(60_000);
  let ts: TestServer;
  let boss: StaffClient;
  let kiosk: KioskSocket;

  /**
   * Import, then reviews as a school runs them: Sanne's with navigation, a revealed scheme and an end by the
   * supervisor; Lot's; and Daan's, still running. Then what a crash leaves: temp files beside the data.
   */
  beforeEach(async () => {
    ts = await startTestServer({ data: fixture() });
    boss = await loggedIn(ts.base, 'boss');
    const sup1 = await loggedIn(ts.base, 'sup1');
    const k = await pairKiosk(ts.base, boss, 'Station 1');
    kiosk = (await connectKiosk(ts.base, k.token)).socket;
    const start = async (sittingId: string) => {
      const started = once(kiosk, 'review:started');
      const r = await sup1.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      await started;
      return r.json.id as string;
    };
    const end = async (id: string) => {
      const ended = once(kiosk, 'review:ended');
      expect((await sup1.call('DELETE', `/api/reviews/${id}`)).status).to.equal(204);
      await ended;
    };
    const sanne = await start('s-230117');
    expect(await kiosk.timeout(2000).emitWithAck('review:navigate', { questionId: 'q7' })).to.deep.equal({ ok: true });
    expect(await kiosk.timeout(2000).emitWithAck('review:reveal', { questionId: 'q7' })).to.include({ ok: true });
    await end(sanne);
    await end(await start('s-b-230119'));
    await start('s-230118');
    await ts.store.flush();
    if (!pgSchemaOf(ts.store)) {
      // the temp files a crash in the middle of a file write leaves (the file store's)
      copyFileSync(join(ts.dataDir, 'candidates.json'), join(ts.dataDir, 'candidates.json.tmp-4000001-1'));
      const shard = readdirSync(join(ts.dataDir, 'results')).find((f) => f.endsWith('.jsonl') && readFileSync(join(ts.dataDir, 'results', f), 'utf8').includes('s-230117'))!;
      copyFileSync(join(ts.dataDir, 'results', shard), join(ts.dataDir, 'results', `${shard}.tmp-4000001-2`));
    }
    expect(await tracesInStored(whereStored(ts), [...SANNE, ...DAAN, ...LOT])).to.have.length.above(pgSchemaOf(ts.store) ? 10 : 15);
  });
  afterEach(async () => {
    kiosk?.close();
    await ts?.close();
  });

  /** What the audit log says about each candidate's review start, as the API reads it. */
  async function reviewedCandidates(): Promise<unknown[]> {
    const r = await boss.call('GET', '/api/audit?action=review.started');
    expect(r.json.verified).to.equal(true);
    return r.json.events.map((e: Json) => e.details.candidateNumber);
  }

  /** What stays: the other exam's data (and the file store's last good copies, `.bak`, updated with the purge). */
  async function expectInsuranceKept() {
    if (pgSchemaOf(ts.store)) {
      expect(await tracesInStored(whereStored(ts), LOT)).to.include.members(['content_candidates: Lot', 'content_sittings: s-b-230119']);
      return;
    }
    for (const file of ['candidates.json', 'index.json']) {
      const bak = join(ts.dataDir, `${file}.bak`);
      expect(existsSync(bak), `${file}.bak`).to.equal(true);
      expect(JSON.parse(readFileSync(bak, 'utf8'))).to.deep.equal(JSON.parse(readFileSync(join(ts.dataDir, file), 'utf8')));
    }
    expect(await tracesInStored(whereStored(ts), LOT)).to.include.members(['candidates.json: Lot', 'candidates.json.bak: Lot', 'index.json.bak: s-b-230119']);
  }

  it('purging an exam in the console: no file holds its candidates\' names, numbers, answers or sittings; the audit verifies and reads "[verwijderd]" for them', async () => {
    const ended = once<{ reason: string }>(kiosk, 'review:ended');
    const r = await boss.call('POST', '/api/purge', { examId: EXAM_ID });
    expect(r.status, r.text).to.equal(200);
    expect(r.json.counts).to.deep.equal({ sittings: 2, groups: 1, candidates: 2 });
    expect((await ended).reason).to.equal('data-purged');
    await ts.store.flush();
    expect(await tracesInStored(whereStored(ts), [...SANNE, ...DAAN])).to.deep.equal([]);
    await expectInsuranceKept();
    expect(await reviewedCandidates()).to.deep.equal([SHREDDED, '230119', SHREDDED]);
    const csv = (await boss.call('GET', '/api/audit?format=csv')).text;
    expect(csv).to.contain('230119').and.to.contain(SHREDDED);
    expect(csv).not.to.match(/230117|230118/);
    const verify = inzage(['audit', 'verify', '--data', ts.dataDir], ts.dataDir);
    expect(verify.code, verify.stderr).to.equal(0);
  });

  it('purging before a date shreds exactly the purged sittings\' audit details, even within one exam', async () => {
    const r = await boss.call('POST', '/api/purge', { before: '2026-06-01' });
    expect(r.json.counts).to.deep.equal({ sittings: 1, groups: 0, candidates: 1 });
    await ts.store.flush();
    expect(await tracesInStored(whereStored(ts), SANNE)).to.deep.equal([]);
    expect(await tracesInStored(whereStored(ts), DAAN)).to.include(pgSchemaOf(ts.store) ? 'content_candidates: Daan' : 'candidates.json.bak: Daan');
    await expectInsuranceKept();
    expect(await reviewedCandidates()).to.deep.equal([SHREDDED, '230119', '230118']);
  });

  it('purging with the command line (server stopped, a review left running): no trace either, and `audit verify` passes', async () => {
    await ts.close({ keepData: true });
    const dir = ts.dataDir;
    const where = whereStored(ts);
    const r = inzage(['purge', '--exam', EXAM_ID, '--yes', '--data', dir], dir);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('Removed 2 sittings, 1 group and 2 candidates');
    expect(await tracesInStored(where, [...SANNE, ...DAAN])).to.deep.equal([]);
    const verify = inzage(['audit', 'verify', '--data', dir], dir);
    expect(verify.code, verify.stderr).to.equal(0);
    const events = inzage(['audit', 'export', '--format', 'jsonl', '--data', dir], dir).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.filter((e) => e.action === 'review.started').map((e) => e.details.candidateNumber)).to.deep.equal([SHREDDED, '230119', SHREDDED]);
    // Daan's review was still running when the server stopped: the purge ends it on the record
    expect(events.filter((e) => e.action === 'review.ended').map((e) => e.details.reason)).to.deep.equal(['ended-by-supervisor', 'ended-by-supervisor', 'data-purged']);
    ts = await startTestServer({ dataDir: dir });
    boss = await loggedIn(ts.base, 'boss');
    expect(ts.app.ctx.engine.active()).to.deep.equal([]);
    await expectInsuranceKept();
  });
});
