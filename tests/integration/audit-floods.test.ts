/**
 * The audit log cannot be flooded (issue 11, items 4 and 5): 10,000 rate-limited logins or 10,000 looks at a key
 * from a real client add a handful of lines, each look still counted; a name that is no account is never stored.
 * The burst window runs on the fake clock.
 */
import { expect } from 'chai';
import { FakeClock } from '../../server/clock.ts';
import type { AuditEvent } from '../../shared/domain.ts';
import {
  connectKiosk, loggedIn, once, pairKiosk, StaffClient, startTestServer, type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';

const T0 = Date.parse('2026-06-05T10:00:00Z');
const FLOOD = 10_000;

describe('audit floods', function () {
  this.timeout(180_000);
  let ts: TestServer;
  let clock: FakeClock;
  beforeEach(async () => {
    clock = new FakeClock(T0);
    ts = await startTestServer({ clock });
  });
  afterEach(() => ts.close());

  const since = async (seq: number): Promise<AuditEvent[]> => (await ts.store.audit.readAll()).filter((e) => e.seq > seq);

  /** `n` calls of `fn`, `width` at a time. */
  async function flood(n: number, width: number, fn: (i: number) => Promise<unknown>) {
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < n) await fn(next++);
    }));
  }

  it('10,000 logins refused by the rate limit add two lines, with the count; an unknown name is not kept', async () => {
    const seq = ts.store.audit.lastSeq;
    const typed = 'Zomer2026!wachtwoord'; // a password typed into the name field
    let refused = 0;
    await flood(FLOOD, 32, async (i) => {
      const r = await new StaffClient(ts.base).call('POST', '/api/auth/login', { username: i % 2 ? 'boss' : typed, password: 'wrong' });
      if (r.status === 429) refused++;
    });
    expect(refused).to.be.greaterThan(FLOOD - 100);
    const during = await since(seq);
    // the first failure and the first refusal per account, at once; the rest only counted
    expect(during.length, JSON.stringify(during)).to.be.at.most(4);
    clock.advance(61_000); // the burst closes
    const summary = await eventually(async () => (await since(seq)).find((e) => e.details.repeats) ?? false, { what: 'the burst summary' });
    const counts = (summary.details.repeats as { count: number }[]).reduce((n, r) => n + r.count, 0);
    expect(counts + during.length).to.equal(FLOOD);
    const all = JSON.stringify(await ts.store.audit.readAll());
    expect(all).not.to.contain(typed);
    expect(all).to.contain('(onbekend)');
  });

  it('10,000 looks at one key add two lines: the first before the key is shown, then a count before the end', async () => {
    const [boss, sup] = await Promise.all([loggedIn(ts.base, 'boss'), loggedIn(ts.base, 'sup1')]);
    const k = await pairKiosk(ts.base, boss, 'Station flood');
    const { socket } = await connectKiosk(ts.base, k.token);
    try {
      const started = once(socket, 'review:started');
      const r = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120003', kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      await started;
      const id = r.json.id as string;
      const seq = ts.store.audit.lastSeq;
      const first = await socket.timeout(5000).emitWithAck('review:reveal', { questionId: 'bi1' });
      expect(first).to.deep.equal({ ok: true, data: { key: ['B'] } });
      const firstLines = await since(seq);
      expect(firstLines.map((e) => [e.action, e.details.questionId])).to.deep.equal([['review.revealed', 'bi1']]);

      await flood(FLOOD - 1, 64, async () => {
        const ack = await socket.timeout(10_000).emitWithAck('review:reveal', { questionId: 'bi1' });
        expect(ack.ok).to.equal(true);
      });
      expect(await since(seq)).to.have.length(1);
      // a look at another question is its own first line
      await socket.timeout(5000).emitWithAck('review:reveal', { questionId: 'bi7' });
      expect((await since(seq)).map((e) => e.details.questionId)).to.deep.equal(['bi1', 'bi7']);

      await sup.call('DELETE', `/api/reviews/${id}`);
      await eventually(async () => (await since(seq)).some((e) => e.action === 'review.ended'), { what: 'the end in the audit log' });
      const lines = await since(seq);
      expect(lines.map((e) => e.action)).to.deep.equal(['review.revealed', 'review.revealed', 'review.revealed', 'review.ended']);
      expect(lines[2]!.details.repeats).to.deep.equal([{ questionId: 'bi1', what: 'key', count: FLOOD - 1 }]);
    } finally {
      socket.close();
    }
  });
});
