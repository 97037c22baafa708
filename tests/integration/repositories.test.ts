/**
 * The repository contract (server/store/repositories.ts), one suite run against every store: the file store and
 * PostgreSQL (skipped with a hint when PostgreSQL is unreachable, see tests/support/pg.ts). Each test writes through
 * one instance, then checks what it reads at once and what a store opened afresh on the same data reads.
 */
import { expect } from 'chai';
import { openStore, type Store } from '../../server/store/index.ts';
import type { PgRepos } from '../../server/store/pg/index.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { pgSchemaPerTest } from '../support/pg.ts';
import { ended, kiosk, login, remark, review, reviewRecord, room, staffUser } from '../support/repoFixtures.ts';

type Repos = PgRepos & Pick<Store, 'flush'>;

/** `open()` gives a store over the current test's data: a second call, the data as another start would find it. */
interface Backend { name: string; hooks(): { open(): Promise<Repos> } }

const BACKENDS: Backend[] = [
  {
    name: 'the file store',
    hooks() {
      let dir = '';
      beforeEach(() => { dir = tempDir('repos'); });
      afterEach(() => removeDir(dir));
      return { open: async () => openStore(dir, { hotWriteDelayMs: 5 }) };
    },
  },
  {
    name: 'PostgreSQL',
    hooks() {
      const schema = pgSchemaPerTest();
      return { open: () => schema.open() };
    },
  },
];

for (const backend of BACKENDS) {
  describe(`repositories on ${backend.name}`, () => {
    const { open } = backend.hooks();
    /** write with `a`, then a store opened afresh (after `a` flushed) */
    const reopened = async (a: Repos) => {
      await a.flush();
      return open();
    };

    describe('kiosks', () => {
      it('adds, renames, moves and removes kiosks, durably and in the order added', async () => {
        const a = await open();
        await a.kiosks.add(kiosk('k1'));
        await a.kiosks.add(kiosk('k2'));
        await a.kiosks.add(kiosk('k3'));
        expect(await a.kiosks.rename('k2', 'Balie')).to.deep.equal(kiosk('k2', { name: 'Balie' }));
        expect(await a.kiosks.rename('nope', 'x')).to.equal(undefined);
        expect(await a.kiosks.remove('k3')).to.deep.equal(kiosk('k3'));
        expect(await a.kiosks.remove('k3')).to.equal(undefined);
        const moved = await a.kiosks.setRoom(['k1', 'k2', 'nope'], 'r1');
        expect(moved.map((k) => k.id)).to.deep.equal(['k1', 'k2']);
        expect(await a.kiosks.setRoom(['k1'], 'r1'), 'already there').to.deep.equal([]);
        expect(await a.kiosks.setRoom(['k2'], undefined)).to.deep.equal([kiosk('k2', { name: 'Balie' })]);
        const want = [kiosk('k1', { roomId: 'r1' }), kiosk('k2', { name: 'Balie' })];
        expect(a.kiosks.all()).to.deep.equal(want);
        expect(a.kiosks.get('k1')).to.deep.equal(want[0]);
        const b = await reopened(a);
        expect(b.kiosks.all()).to.deep.equal(want);
        expect(b.kiosks.get('k2')).to.not.have.property('roomId');
      });

      it('keeps when a kiosk was last seen (coalesced) once flushed, and ignores an unknown kiosk', async () => {
        const a = await open();
        await a.kiosks.add(kiosk('k1'));
        a.kiosks.touchSoon('k1', '2026-06-01T10:00:00.000Z');
        a.kiosks.touchSoon('k1', '2026-06-01T10:00:05.000Z');
        a.kiosks.touchSoon('gone', '2026-06-01T10:00:05.000Z');
        expect(a.kiosks.get('k1')?.lastSeenAt, 'at once in memory').to.equal('2026-06-01T10:00:05.000Z');
        const b = await reopened(a);
        expect(b.kiosks.all()).to.deep.equal([kiosk('k1', { lastSeenAt: '2026-06-01T10:00:05.000Z' })]);
      });

      it('replaces the list on a change, so that a reader holding the old one is not surprised', async () => {
        const a = await open();
        await a.kiosks.add(kiosk('k1'));
        const before = a.kiosks.all();
        await a.kiosks.rename('k1', 'Nieuw');
        await a.kiosks.add(kiosk('k2'));
        expect(before).to.deep.equal([kiosk('k1')]);
      });
    });

    describe('rooms', () => {
      it('adds, updates and removes rooms, durably', async () => {
        const a = await open();
        await a.rooms.add(room('r1'));
        await a.rooms.add(room('r2'));
        const seb = { configKeys: ['a'.repeat(64)], browserExamKeys: [] };
        await a.rooms.update(room('r1', { name: 'B2.14', seb }));
        await a.rooms.remove('r2');
        expect(a.rooms.all()).to.deep.equal([room('r1', { name: 'B2.14', seb })]);
        expect(a.rooms.get('r2')).to.equal(undefined);
        expect((await reopened(a)).rooms.all()).to.deep.equal([room('r1', { name: 'B2.14', seb })]);
      });
    });

    describe('staff', () => {
      it('finds accounts by id and by username ignoring case and spaces, lists active admins, keeps updates', async () => {
        const a = await open();
        await a.staff.add(staffUser('u1', { role: 'admin' }));
        await a.staff.add(staffUser('u2', { role: 'admin', disabled: true }));
        await a.staff.add(staffUser('u3'));
        await a.staff.update(staffUser('u3', { displayName: 'Nieuwe naam', mustChangePassword: true }));
        for (const s of [a, await reopened(a)]) {
          expect(s.staff.all().map((u) => u.id)).to.deep.equal(['u1', 'u2', 'u3']);
          expect(s.staff.byUsername('  U3 ')?.displayName).to.equal('Nieuwe naam');
          expect(s.staff.byUsername('nobody')).to.equal(undefined);
          expect(s.staff.byId('u3')?.mustChangePassword).to.equal(true);
          expect(s.staff.activeAdmins().map((u) => u.id)).to.deep.equal(['u1']);
        }
      });
    });

    describe('review sessions', () => {
      it('adds sessions oldest first and lists the active ones', async () => {
        const a = await open();
        await a.reviews.add(review('r1'));
        await a.reviews.add(review('r2'));
        for (const s of [a, await reopened(a)]) {
          expect(s.reviews.all().map((r) => r.id)).to.deep.equal(['r1', 'r2']);
          expect(s.reviews.active().map((r) => r.id)).to.deep.equal(['r1', 'r2']);
          expect(s.reviews.get('r2')).to.deep.equal(review('r2'));
        }
      });

      it('ends a session and keeps only the newest ended ones', async () => {
        const a = await open();
        for (const id of ['r1', 'r2', 'r3', 'r4']) await a.reviews.add(review(id));
        await a.reviews.end(ended(review('r1')), 2);
        await a.reviews.end(ended(review('r3')), 2);
        await a.reviews.end(ended(review('r2')), 2);
        for (const s of [a, await reopened(a)]) {
          expect(s.reviews.all().map((r) => r.id), 'r1 ended first and went').to.deep.equal(['r2', 'r3', 'r4']);
          expect(s.reviews.active().map((r) => r.id)).to.deep.equal(['r4']);
          expect(s.reviews.get('r3')).to.deep.equal(ended(review('r3')));
        }
      });

      it('keeps the question a candidate is on (coalesced) once flushed', async () => {
        const a = await open();
        await a.reviews.add(review('r1'));
        a.reviews.moveSoon({ ...review('r1'), position: 'q2' });
        a.reviews.moveSoon({ ...review('r1'), position: 'q3', viewed: ['q1', 'q2', 'q3'], opened: ['q2:key'] });
        expect(a.reviews.get('r1')?.position).to.equal('q3');
        const b = (await reopened(a)).reviews.get('r1');
        expect(b?.position).to.equal('q3');
        // the review record (docs/design.md) is built from what the candidate viewed and opened: they ride along
        expect(b?.viewed).to.deep.equal(['q1', 'q2', 'q3']);
        expect(b?.opened).to.deep.equal(['q2:key']);
      });

      it('removes the sessions a predicate picks and returns them', async () => {
        const a = await open();
        for (const id of ['r1', 'r2', 'r3']) await a.reviews.add(review(id));
        const gone = await a.reviews.removeWhere((r) => r.id !== 'r2');
        expect(gone.map((r) => r.id)).to.deep.equal(['r1', 'r3']);
        expect(await a.reviews.removeWhere(() => false)).to.deep.equal([]);
        expect((await reopened(a)).reviews.all()).to.deep.equal([review('r2')]);
      });
    });

    describe('remarks', () => {
      it('puts, replaces (moving it last), finds and removes remarks, durably', async () => {
        const a = await open();
        await a.remarks.put(remark('m1'));
        await a.remarks.put(remark('m2', { reviewId: 'r2' }));
        await a.remarks.put(remark('m3'));
        await a.remarks.put(remark('m1', { text: 'anders', status: 'handled', note: 'ok', handledBy: 'u1', handledAt: '2026-06-02T08:00:00.000Z' }));
        expect(await a.remarks.remove('m3')).to.deep.equal(remark('m3'));
        expect(await a.remarks.remove('m3')).to.equal(undefined);
        for (const s of [a, await reopened(a)]) {
          expect(s.remarks.all().map((r) => r.id)).to.deep.equal(['m2', 'm1']);
          expect(s.remarks.ofReview('r1').map((r) => r.id)).to.deep.equal(['m1']);
          expect(s.remarks.find('r1', 'q-m1')?.text).to.equal('anders');
          expect(s.remarks.find('r1', 'q-m2')).to.equal(undefined);
          expect(s.remarks.get('m1')?.note).to.equal('ok');
        }
      });

      it('removes the remarks a predicate picks and returns them', async () => {
        const a = await open();
        for (const id of ['m1', 'm2', 'm3']) await a.remarks.put(remark(id, { sittingId: id === 'm2' ? 's2' : 's1' }));
        expect((await a.remarks.removeWhere((r) => r.sittingId === 's1')).map((r) => r.id)).to.deep.equal(['m1', 'm3']);
        expect((await reopened(a)).remarks.all().map((r) => r.id)).to.deep.equal(['m2']);
      });
    });

    describe('review records', () => {
      it('puts (a replaced one moving last), puts several in one write, finds by sitting and removes, durably', async () => {
        const a = await open();
        await a.reviewRecords.put(reviewRecord('r1'));
        await a.reviewRecords.put(reviewRecord('r2', { sittingId: 's2' }));
        await a.reviewRecords.putAll([reviewRecord('r3', { sittingId: 's3' })]);
        await a.reviewRecords.putAll([]);
        await a.reviewRecords.put(reviewRecord('r1', { remarkCount: 2 }));
        expect((await a.reviewRecords.removeWhere((r) => r.sittingId === 's3')).map((r) => r.id)).to.deep.equal(['r3']);
        expect(await a.reviewRecords.removeWhere(() => false)).to.deep.equal([]);
        for (const s of [a, await reopened(a)]) {
          expect(s.reviewRecords.all().map((r) => r.id)).to.deep.equal(['r2', 'r1']);
          expect(s.reviewRecords.get('r1')).to.deep.equal(reviewRecord('r1', { remarkCount: 2 }));
          expect(s.reviewRecords.get('r3')).to.equal(undefined);
          expect(s.reviewRecords.ofSittings(new Set(['s2', 'nope'])).map((r) => r.id)).to.deep.equal(['r2']);
        }
      });
    });

    describe('login sessions', () => {
      it('puts, touches and removes sessions: durably, or once flushed where coalesced', async () => {
        const a = await open();
        await a.loginSessions.put('h1', login('u1'));
        await a.loginSessions.put('h2', login('u2'));
        await a.loginSessions.put('h3', login('u3'));
        a.loginSessions.putSoon('h1', login('u1', 2_100_000_000_000));
        await a.loginSessions.remove(['h2']);
        a.loginSessions.removeSoon(['h3']);
        a.loginSessions.removeSoon([]);
        expect(a.loginSessions.get('h3'), 'gone from memory at once').to.equal(undefined);
        for (const s of [a, await reopened(a)]) {
          expect(s.loginSessions.entries()).to.deep.equal([['h1', login('u1', 2_100_000_000_000)]]);
          expect(s.loginSessions.get('h2')).to.equal(undefined);
        }
      });

      it('replaces every session at once', async () => {
        const a = await open();
        await a.loginSessions.put('old1', login('u1'));
        await a.loginSessions.put('keep', login('u2'));
        await a.loginSessions.replaceAll({ keep: login('u2', 5), new1: login('u3') });
        for (const s of [a, await reopened(a)]) {
          expect(Object.fromEntries(s.loginSessions.entries())).to.deep.equal({ keep: login('u2', 5), new1: login('u3') });
          expect(s.loginSessions.get('old1')).to.equal(undefined);
          expect(s.loginSessions.get('toString'), 'no inherited key').to.equal(undefined);
        }
      });
    });
  });
}
