/**
 * A review start whose journal line cannot be written (a full disk, here: the journal's file name taken by a
 * folder). The start is refused, nothing is audited or shown, and no session is left running in memory that the
 * journal does not hold (before, it stayed active, and its kiosk refused every later start as 'kiosk-busy').
 * Likewise a start whose audit line cannot be written (its kiosk, shown the review meanwhile, is told it ended), and
 * one whose sitting cannot be read once it is reserved.
 */
import { expect } from 'chai';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shardFileName } from '../../server/store/shards.ts';
import { connectKiosk, heardDuring, loggedIn, once, pairKiosk, startTestServer, type StaffClient, type TestServer } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { describeFileStore, storedAuditText, whereStored } from '../support/stored.ts';

/** Whether this process holds `file` open (the journal closes its descriptor after a second without writes). */
const holdsOpen = (file: string) => readdirSync('/proc/self/fd').some((fd) => {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`) === file;
  } catch {
    return false; // gone meanwhile
  }
});

describeFileStore('a review start whose journal line cannot be written', 'the review journal is a file of the file store', () => {
  let ts: TestServer;
  let sup1: StaffClient;
  let boss: StaffClient;

  before(async function () {
    if (process.platform !== 'linux') this.skip(); // reads /proc/self/fd
    ts = await startTestServer();
    [sup1, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
  });
  after(async () => {
    await ts?.close();
  });

  /** Once `file` has closed its idle descriptor, a folder takes its name: the next append cannot open it. */
  async function failsToOpen(file: string, what: string) {
    await eventually(() => !holdsOpen(file), { what: `${what} closed its idle descriptor` });
    renameSync(file, `${file}.away`);
    mkdirSync(file);
  }

  /** The start is refused with 500, the kiosk is shown nothing, and no session runs. */
  async function refusedQuietly(socket: Parameters<typeof heardDuring>[0], kioskId: string, sittingId: string) {
    let refused: { status: number; text: string } | undefined;
    const heard = await heardDuring(socket, 'review:started', async () => {
      refused = await sup1.call('POST', '/api/reviews', { sittingId, kioskId });
    });
    expect(refused!.status, refused!.text).to.equal(500);
    expect(heard, 'the kiosk was shown nothing').to.deep.equal([]);
    expect(ts.app.ctx.engine.active(), 'no session runs').to.deep.equal([]);
  }

  it('is refused, audited nowhere, shown nowhere, and leaves nothing running; the next start on that kiosk works', async () => {
    const k = await pairKiosk(ts.base, boss, 'Station 1');
    const { socket } = await connectKiosk(ts.base, k.token);
    socket.on('review:started', (_p: unknown, ack: (a: { ok: true }) => void) => ack({ ok: true }));
    try {
      // one start and end first: the journal file exists and its name is known
      const first = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k.id });
      expect(first.status, first.text).to.equal(201);
      expect((await sup1.call('DELETE', `/api/reviews/${first.json.id}`)).status).to.equal(204);
      const name = readdirSync(ts.dataDir).filter((f) => /^reviews-journal\.\d+\.jsonl$/.test(f)).sort().at(-1)!;
      const journal = join(ts.dataDir, name);
      await failsToOpen(journal, 'the journal');
      await refusedQuietly(socket, k.id, 's-bi-120002');
      const audit = (await storedAuditText(whereStored(ts))).trim().split('\n').map((l) => JSON.parse(l));
      expect(audit.filter((l) => l.action === 'review.started').map((l) => l.target), 'only the first start is audited').to.deep.equal([first.json.id]);

      rmdirSync(journal);
      renameSync(`${journal}.away`, journal);
      const next = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId: k.id });
      expect(next.status, next.text).to.equal(201);
      expect(ts.app.ctx.engine.active().map((r) => r.id)).to.deep.equal([next.json.id]);
      expect((await sup1.call('DELETE', `/api/reviews/${next.json.id}`)).status).to.equal(204);
    } finally {
      socket.close();
    }
  });

  it('whose audit line cannot be written is refused and ended again: nothing runs that the audit log does not name', async () => {
    const k = await pairKiosk(ts.base, boss, 'Station 2');
    const { socket } = await connectKiosk(ts.base, k.token);
    socket.on('review:started', (_p: unknown, ack: (a: { ok: true }) => void) => ack({ ok: true }));
    const log = join(ts.dataDir, 'audit.jsonl');
    try {
      await failsToOpen(log, 'the audit log');
      // one process shows the kiosk the review while its audit line is written (issue 17): the kiosk is told it
      // ended once the line fails, before the start is refused, also though the end cannot be audited either
      const ended = once(socket, 'review:ended');
      let refused: { status: number; text: string } | undefined;
      const heard = await heardDuring(socket, 'review:started', async () => {
        refused = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: k.id });
      });
      expect(refused!.status, refused!.text).to.equal(500);
      expect(heard, 'shown while its line was written').to.have.length(1);
      expect(await ended).to.deep.equal({ reason: 'kiosk-disconnected' });
      expect(ts.app.ctx.engine.active(), 'no session runs').to.deep.equal([]);
      const stored = ts.store.reviews.all().filter((r) => r.kioskId === k.id);
      expect(stored.map((r) => r.endReason), 'ended again in the journal').to.deep.equal(['kiosk-disconnected']);

      rmdirSync(log);
      renameSync(`${log}.away`, log);
      const next = await sup1.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: k.id });
      expect(next.status, next.text).to.equal(201);
      expect((await sup1.call('DELETE', `/api/reviews/${next.json.id}`)).status).to.equal(204);
    } finally {
      socket.close();
    }
  });

  it('whose sitting cannot be read once it is reserved is refused and taken back out of the journal, audited nowhere', async () => {
    // the start reads the sitting's line while the journal writes its reservation (issue 17): a shard damaged after
    // the index was read fails that read only after the reservation is on disk
    // a server of its own, restarted over its data: nothing of the sitting's group read (and cached) before
    const imported = await startTestServer();
    await imported.close({ keepData: true });
    const own = await startTestServer({ dataDir: imported.dataDir });
    const [sup, admin] = await Promise.all([loggedIn(own.base, 'sup1'), loggedIn(own.base, 'boss')]);
    const k = await pairKiosk(own.base, admin, 'Station 3');
    const { socket } = await connectKiosk(own.base, k.token);
    socket.on('review:started', (_p: unknown, ack: (a: { ok: true }) => void) => ack({ ok: true }));
    const sittingId = 's-bi-120001';
    const shard = join(own.dataDir, 'results', shardFileName(own.store.content.sittingSummary(sittingId)!.groupId));
    const intact = readFileSync(shard);
    try {
      writeFileSync(shard, '{"id": "damaged\n');
      let refused: { status: number; text: string } | undefined;
      const heard = await heardDuring(socket, 'review:started', async () => {
        refused = await sup.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
      });
      expect(refused!.status, refused!.text).to.equal(500);
      expect(heard, 'the kiosk was shown nothing').to.deep.equal([]);
      expect(own.app.ctx.engine.active(), 'no session runs').to.deep.equal([]);
      expect(own.store.reviews.all().filter((r) => r.kioskId === k.id), 'nothing of it stays in the store').to.deep.equal([]);
      // taken back durably: the journal's files (a removal compacts them) hold nothing of it
      const journal = readdirSync(own.dataDir).filter((f) => /^reviews-(journal\.\d+\.jsonl|snapshot\.json)$/.test(f))
        .map((f) => readFileSync(join(own.dataDir, f), 'utf8')).join('\n');
      expect(journal, 'the journal').to.not.include(k.id);
      const audit = (await storedAuditText(whereStored(own))).trim().split('\n').map((l) => JSON.parse(l) as { action: string });
      expect(audit.filter((l) => l.action.startsWith('review.')), 'audited nowhere').to.deep.equal([]);

      writeFileSync(shard, intact);
      const next = await sup.call('POST', '/api/reviews', { sittingId, kioskId: k.id });
      expect(next.status, next.text).to.equal(201);
      expect((await sup.call('DELETE', `/api/reviews/${next.json.id}`)).status).to.equal(204);
    } finally {
      writeFileSync(shard, intact);
      socket.close();
      await own.close();
    }
  });
});
