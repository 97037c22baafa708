/**
 * A process that writes the review journal of DIR as fast as it can (for the crash test, which kills it): starts,
 * ends with a record, moves and removals, several at once (group commit), with compactions along the way. Prints
 * `ack add ID`, `ack end ID`, `ack del ID` once each is durable (its promise resolved).
 */
import { ReviewJournal } from '../../server/store/reviewJournal.ts';
import type { ReviewSession } from '../../shared/domain.ts';
import type { ReviewRecord } from '../../shared/reviewRecord.ts';

const dir = process.argv[2]!;
const tag = process.argv[3] ?? 'x';
const journal = new ReviewJournal(dir, { delayMs: 1, compactBytes: 4096 });
const out = (line: string) => process.stdout.write(`${line}\n`);
let n = 0;
const session = (id: string): ReviewSession => ({
  id, sittingId: `s-${id}`, kioskId: `k-${id}`, candidateNumber: `c-${id}`, approvedById: 'u1',
  startedAt: '2026-06-01T08:00:00.000Z', endsAt: '2026-06-01T08:30:00.000Z', position: 'q1', viewed: ['q1'],
});
const record = (s: ReviewSession) => ({ id: s.id, sittingId: s.sittingId, endReason: 'ended-by-supervisor', note: 'x'.repeat(200) }) as unknown as ReviewRecord;

async function one(): Promise<void> {
  const k = ++n;
  const id = `${tag}-${k}`;
  const s = session(id);
  await journal.commit({ op: 'add', s });
  out(`ack add ${id}`);
  journal.moveSoon({ ...s, position: 'q2', viewed: ['q1', 'q2'] });
  const ended = { ...journal.state.reviews.get(id)!, endedAt: '2026-06-01T08:10:00.000Z', endReason: 'ended-by-supervisor' as const };
  await Promise.all([journal.commit({ op: 'end', s: ended, keep: 5 }), journal.commit({ op: 'rec', r: [record(ended)] })]);
  out(`ack end ${id}`);
  if (k % 7 === 0) {
    await journal.commit({ op: 'recdel', ids: [id] });
    out(`ack del ${id}`);
  }
}

out('ready');
// four writers at once, for ever (until killed)
for (let w = 0; w < 4; w++) void (async () => { for (;;) await one(); })();
