import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIXTURES, StaffClient, connectKiosk, consoleSocket, loggedIn, once, pairKiosk, startTestServer, type TestServer,
} from '../helpers/server.ts';
import { storeHash } from '../support/dataDir.ts';
import { storedFileText, whereStored } from '../support/stored.ts';
import { eventually } from '../support/eventually.ts';

describe('administration over HTTP', () => {
  let ts: TestServer;
  let boss: StaffClient, sup: StaffClient;
  before(async () => {
    ts = await startTestServer();
    boss = await loggedIn(ts.base, 'boss');
    sup = await loggedIn(ts.base, 'sup1');
  });
  after(() => ts.close());

  describe('exams', () => {
    it('lists exams with their review status', async () => {
      const r = await boss.call('GET', '/api/exams');
      const byId = Object.fromEntries(r.json.map((e: any) => [e.id, e.review.status]));
      expect(byId).to.deep.equal({ 'bi-kb-2026': 'open', 'ns-kb-2026': 'expired', 'ma-kb-2026': 'not-allowed', 'fr-kb-2026': 'not-open', 'wi-kb-2026': 'open' });
    });

    it('changes review settings, audited, and the next start obeys them at once', async () => {
      const k = await pairKiosk(ts.base, boss, 'Exam rules');
      const { socket } = await connectKiosk(ts.base, k.token);
      try {
        const patch = await boss.call('PATCH', '/api/exams/ma-kb-2026/review', { allowed: true, closesAt: '2099-01-01T00:00:00Z' });
        expect(patch.status, patch.text).to.equal(200);
        expect(patch.json.review.status).to.equal('open');
        socket.once('review:started', (_p, ack) => ack({ ok: true }));
        const start = await sup.call('POST', '/api/reviews', { sittingId: 's-ma-120002', kioskId: k.id });
        expect(start.status, start.text).to.equal(201);
        await sup.call('DELETE', `/api/reviews/${start.json.id}`);
        const back = await boss.call('PATCH', '/api/exams/ma-kb-2026/review', { allowed: false });
        expect(back.json.review.status).to.equal('not-allowed');
        const refused = await sup.call('POST', '/api/reviews', { sittingId: 's-ma-120002', kioskId: k.id });
        expect(refused.json.error.code).to.equal('review-not-allowed');
        const audit = await boss.call('GET', '/api/audit?action=exam.review-changed');
        expect(audit.json.events).to.have.length(2);
        expect(audit.json.events[0].target).to.equal('ma-kb-2026');
      } finally {
        socket.close();
      }
    });

    it('takes a patch that changes nothing (empty, or the values already set) without a write or an audit entry', async () => {
      const exams = (await boss.call('GET', '/api/exams')).json;
      const current = exams.find((e: any) => e.id === 'bi-kb-2026').review;
      const before = await storeHash(ts.store);
      const seq = ts.store.audit.lastSeq;
      for (const body of [{}, { allowed: current.allowed, maxMinutes: current.maxMinutes }, { showKey: current.showKey, opensAt: current.opensAt }]) {
        const r = await boss.call('PATCH', '/api/exams/bi-kb-2026/review', body);
        expect(r.status, JSON.stringify(body)).to.equal(200);
        expect(r.json.review).to.deep.equal(current);
      }
      expect(ts.store.audit.lastSeq, 'audited').to.equal(seq);
      expect(await storeHash(ts.store)).to.equal(before);
    });

    it('refuses invalid settings and changes nothing', async () => {
      const stored = () => storedFileText(whereStored(ts), 'exams.json'); // the file, or its tables under PostgreSQL
      const before = await stored();
      for (const body of [{ maxMinutes: 0 }, { opensAt: 'tomorrow' }, { opensAt: '2026-07-01T00:00:00Z', closesAt: '2026-06-01T00:00:00Z' }, { showKey: 'yes' }]) {
        const r = await boss.call('PATCH', '/api/exams/bi-kb-2026/review', body);
        expect(r.status, JSON.stringify(body)).to.equal(400);
      }
      expect((await boss.call('PATCH', '/api/exams/nope/review', { allowed: true })).status).to.equal(404);
      expect(await stored()).to.equal(before);
    });
  });

  describe('import upload', () => {
    /** The data as stored once the server is quiet: every kiosk socket of earlier tests is gone (its last-seen
     * time written), and nothing the store holds back is still to be written. */
    async function quietHash(): Promise<string> {
      await eventually(() => ts.app.io.of('/kiosk').sockets.size === 0, { what: 'earlier kiosks disconnected' });
      return storeHash(ts.store);
    }

    it('shows a dry run, then imports; a second import changes nothing', async () => {
      const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
      file.candidates.push({ number: '999001', firstName: 'Noor', lastName: 'Bakker' });
      file.groups[0].candidateNumbers.push('999001');
      const before = await quietHash();
      const dry = await boss.call('POST', '/api/imports?dryRun=1', file);
      expect(dry.status, dry.text).to.equal(200);
      expect(dry.json.dryRun).to.equal(true);
      expect(dry.json.counts.candidates.added).to.equal(1);
      expect(await storeHash(ts.store)).to.equal(before);
      const real = await boss.call('POST', '/api/imports', file);
      expect(real.json.counts.candidates.added).to.equal(1);
      const results = await sup.call('GET', '/api/groups/g-bi-1/results');
      expect(results.json.rows.map((r: any) => r.name)).to.include('Noor Bakker');
      const again = await boss.call('POST', '/api/imports', file);
      expect(again.json.counts.candidates.added).to.equal(0);
      expect(again.json.counts.sittings.updated).to.equal(0);
    });

    it('refuses an invalid file with every error by its path, and writes nothing', async () => {
      const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
      file.exams[0].questions[0].key = ['E'];
      file.sittings[0].groupId = 'nope';
      const before = await quietHash();
      const r = await boss.call('POST', '/api/imports', file);
      expect(r.status).to.equal(400);
      expect(r.json.error.code).to.equal('invalid-input');
      const errors: string[] = r.json.error.details.errors;
      expect(errors.some((e) => e.startsWith('exams[0].questions[0].key'))).to.equal(true);
      expect(errors.some((e) => e.startsWith('sittings[0].groupId'))).to.equal(true);
      expect(await storeHash(ts.store)).to.equal(before);
    });
  });

  describe('staff accounts', () => {
    it('creates a supervisor with a one-time password that must be changed', async () => {
      const r = await boss.call('POST', '/api/users', { username: 'nieuw', role: 'supervisor', displayName: 'Nieuwe Collega' });
      expect(r.status, r.text).to.equal(201);
      expect(r.json.user).not.to.have.property('passwordHash');
      const c = new StaffClient(ts.base);
      const login = await c.login('nieuw', r.json.password);
      expect(login.json.user.mustChangePassword).to.equal(true);
      expect((await boss.call('POST', '/api/users', { username: 'nieuw', role: 'supervisor' })).json.error.code).to.equal('conflict');
    });

    it('disabling a user ends their login, their sockets and the reviews they approved', async () => {
      const created = await boss.call('POST', '/api/users', { username: 'tijdelijk', role: 'supervisor', password: 'een-lang-wachtwoord' });
      const temp = new StaffClient(ts.base);
      expect((await temp.login('tijdelijk', 'een-lang-wachtwoord')).status).to.equal(200);
      const sock = consoleSocket(ts.base, temp);
      await once(sock, 'reviews:updated');
      const k = await pairKiosk(ts.base, boss, 'Disabled');
      const { socket } = await connectKiosk(ts.base, k.token);
      socket.once('review:started', (_p, ack) => ack({ ok: true }));
      const start = await temp.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: k.id });
      expect(start.status, start.text).to.equal(201);
      const ended = once(socket, 'review:ended');
      const gone = once(sock, 'disconnect');
      const r = await boss.call('PATCH', `/api/users/${created.json.user.id}`, { disabled: true });
      expect(r.status, r.text).to.equal(200);
      expect(await gone).to.equal('io server disconnect');
      expect(await ended).to.deep.equal({ reason: 'user-disabled' });
      expect((await temp.call('GET', '/api/groups')).status).to.equal(401);
      expect((await new StaffClient(ts.base).login('tijdelijk', 'een-lang-wachtwoord')).status).to.equal(401);
      socket.close();
    });

    it('does not let the last admin be disabled or demoted', async () => {
      const me = (await boss.call('GET', '/api/auth/me')).json.user;
      for (const body of [{ disabled: true }, { role: 'supervisor' }]) {
        const r = await boss.call('PATCH', `/api/users/${me.id}`, body);
        expect([r.status, r.json.error.code]).to.deep.equal([409, 'last-admin']);
      }
    });

    it('resets a password: the user must change it at next login', async () => {
      const created = await boss.call('POST', '/api/users', { username: 'vergeten', role: 'supervisor', password: 'oud-wachtwoord-123' });
      const r = await boss.call('PATCH', `/api/users/${created.json.user.id}`, { resetPassword: true });
      expect(r.json.password).to.be.a('string');
      expect((await new StaffClient(ts.base).login('vergeten', 'oud-wachtwoord-123')).status).to.equal(401);
      const login = await new StaffClient(ts.base).login('vergeten', r.json.password);
      expect(login.json.user.mustChangePassword).to.equal(true);
    });
  });

  describe('audit log', () => {
    it('filters by action and actor, exports CSV, and says whether the chain verifies', async () => {
      const r = await boss.call('GET', '/api/audit?actor=boss&action=kiosk');
      expect(r.json.verified).to.equal(true);
      expect(r.json.events.length).to.be.greaterThan(0);
      expect(r.json.events.every((e: any) => e.actor === 'boss' && e.action.startsWith('kiosk.'))).to.equal(true);
      const csv = await boss.call('GET', '/api/audit?format=csv&action=auth.login');
      expect(csv.headers.get('content-type')).to.match(/text\/csv/);
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).to.match(/^seq,time,actor,action,target,target name(,|$)/);
      expect(lines.length).to.be.greaterThan(1);
      expect(lines.slice(1).every((l) => l.split(',')[3] === 'auth.login')).to.equal(true);
      // as the Dutch console downloads it: split by ;, Dutch headers, times in the browser's zone with their offset
      const nl = await boss.call('GET', '/api/audit?format=csv&action=kiosk.paired&delimiter=%3B&lang=nl&tz=Europe%2FAmsterdam');
      const nlLines = nl.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(nlLines[0]).to.match(/^nr;tijdstip;door;actie;onderwerp;naam onderwerp;/);
      expect(nlLines[1]).to.match(/^\d+;\S+\+0[12]:00;boss;kiosk\.paired;[0-9a-f-]{36};[^;]+;/);
      const badZone = await boss.call('GET', '/api/audit?format=csv&tz=Mars%2FOlympus');
      expect([badZone.status, badZone.json.error.code]).to.deep.equal([400, 'invalid-input']);
      const none = await boss.call('GET', '/api/audit?from=2999-01-01');
      expect(none.json.events).to.deep.equal([]);
    });

    it('pages with limit and before: the newest first, each page oldest first, until no more', async () => {
      await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => ts.store.audit.append({ actor: 'pager', action: 'kiosk.renamed', target: `k${i}`, details: { name: `Station ${i}` } })));
      await ts.store.audit.append({ actor: 'someone-else', action: 'kiosk.renamed', target: 'k8' });
      const seqs = (events: { seq: number }[]) => events.map((e) => e.seq);
      const all = await boss.call('GET', '/api/audit?actor=pager');
      expect(all.json.events).to.have.length(7);
      expect(all.json).not.to.have.property('more'); // without limit: the answer as it always was
      const allSeqs = seqs(all.json.events);

      const first = await boss.call('GET', '/api/audit?actor=pager&limit=3');
      expect(first.status, first.text).to.equal(200);
      expect([seqs(first.json.events), first.json.more, first.json.verified]).to.deep.equal([allSeqs.slice(4), true, true]);
      const pages = [seqs(first.json.events)];
      let page = first;
      while (page.json.more) {
        page = await boss.call('GET', `/api/audit?actor=pager&limit=3&before=${page.json.events[0].seq}`);
        pages.push(seqs(page.json.events));
      }
      expect(pages).to.deep.equal([allSeqs.slice(4), allSeqs.slice(1, 4), allSeqs.slice(0, 1)]);

      const whole = await boss.call('GET', '/api/audit?actor=pager&limit=1000');
      expect([seqs(whole.json.events), whole.json.more]).to.deep.equal([allSeqs, false]);
      const exact = await boss.call('GET', `/api/audit?actor=pager&limit=3&before=${allSeqs[3]}`);
      expect([seqs(exact.json.events), exact.json.more]).to.deep.equal([allSeqs.slice(0, 3), false]);
      const nothingOlder = await boss.call('GET', '/api/audit?limit=5&before=1');
      expect([nothingOlder.json.events, nothingOlder.json.more]).to.deep.equal([[], false]);
    });

    it('refuses an invalid limit or before, exports everything whatever the paging, and stays admin-only', async () => {
      for (const q of ['limit=0', 'limit=1001', 'limit=abc', 'limit=2.5', 'limit=', 'limit=-3', 'limit=1e2', 'limit=0x10', 'limit=2&before=0', 'limit=2&before=x', 'before=5']) {
        const r = await boss.call('GET', `/api/audit?${q}`);
        expect([r.status, r.json?.error?.code], q).to.deep.equal([400, 'invalid-input']);
      }
      const full = await boss.call('GET', '/api/audit?format=csv');
      const paged = await boss.call('GET', '/api/audit?format=csv&limit=1&before=3');
      expect(paged.status, paged.text).to.equal(200);
      expect(paged.text).to.equal(full.text);
      expect(paged.text.trim().split('\r\n').length).to.be.greaterThan(3);
      for (const path of ['/api/audit?limit=1', '/api/audit?limit=1&before=2', '/api/audit?limit=1&format=csv']) {
        const bySup = await sup.call('GET', path);
        expect([bySup.status, bySup.json?.error?.code], path).to.deep.equal([403, 'forbidden']);
        const anonymous = await new StaffClient(ts.base).call('GET', path);
        expect(anonymous.status, path).to.equal(401);
      }
    });
  });

  describe('purge', () => {
    it('counts in a dry run, removes exactly one exam\'s candidate data, and the chain still verifies', async () => {
      const dry = await boss.call('POST', '/api/purge', { examId: 'fr-kb-2026', dryRun: true });
      expect(dry.status, dry.text).to.equal(200);
      expect(dry.json.counts.sittings).to.equal(1);
      expect(ts.store.content.sittingSummary('s-fr-120003')).to.not.equal(undefined);
      const real = await boss.call('POST', '/api/purge', { examId: 'fr-kb-2026' });
      expect(real.json.counts.sittings).to.equal(1);
      expect(ts.store.content.sittingSummary('s-fr-120003')).to.equal(undefined);
      expect(ts.store.content.group('g-fr-1')).to.equal(undefined);
      expect(ts.store.content.exam('fr-kb-2026')).to.not.equal(undefined);
      expect(ts.store.content.sittingSummary('s-bi-120003')).to.not.equal(undefined);
      expect(ts.store.content.candidate('120003')).to.not.equal(undefined); // still in another group
      const audit = await boss.call('GET', '/api/audit?action=data.purged');
      expect(audit.json.verified).to.equal(true);
      expect(audit.json.events).to.have.length(1);
      expect(JSON.stringify(audit.json.events[0])).not.to.match(/Sanne|Vries|120003/);
    });

    it('refuses a purge without exactly one selector', async () => {
      expect((await boss.call('POST', '/api/purge', {})).status).to.equal(400);
      expect((await boss.call('POST', '/api/purge', { examId: 'x', before: '2026-01-01' })).status).to.equal(400);
    });
  });
});
