/**
 * `node --import=tsx bench/storePath.ts [N] [CONCURRENCY]`: what the store alone costs a review's start and end,
 * without sockets or consoles — the durable writes of `ReviewEngine.start` and `finish` in their order (session,
 * then `review.started` with its sealed details; the end, `review.ended`, then the record), `CONCURRENCY` reviews at
 * a time, each of a sitting never reviewed before (so each start also makes its audit key). Prints wall-clock
 * percentiles per start and per end, CPU time per review and the fsyncs (writes) of the review store where known.
 * For A/B comparisons of storage changes on a busy machine: CPU per review moves much less with the load than the
 * latencies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore } from '../server/store/index.ts';
import type { ReviewSession } from '../shared/domain.ts';
import type { ReviewRecord } from '../shared/reviewRecord.ts';

const N = Number(process.argv[2] ?? 2000);
const C = Number(process.argv[3] ?? 8);
const dir = mkdtempSync(join(tmpdir(), 'inzage-storepath-'));
const store = openStore(dir);
const starts: number[] = [];
const ends: number[] = [];
let next = 0;

async function one(i: number): Promise<void> {
  const sittingId = `s-${i}`;
  const s: ReviewSession = {
    id: randomUUID(), sittingId, kioskId: `k-${i % 1000}`, candidateNumber: `c-${i}`, approvedById: 'u1',
    startedAt: new Date().toISOString(), endsAt: new Date(Date.now() + 1800_000).toISOString(), position: 'q1', viewed: ['q1'],
  };
  let t = performance.now();
  await store.reviews.add(s);
  await store.audit.append({ actor: 'sup1', action: 'review.started', target: s.id, details: { kioskId: s.kioskId, examId: 'e1' }, personal: { scope: sittingId, fields: { sittingId, candidateNumber: s.candidateNumber } } });
  starts.push(performance.now() - t);
  store.reviews.moveSoon({ ...s, position: 'q2', viewed: ['q1', 'q2'] });
  const ended: ReviewSession = { ...store.reviews.get(s.id)!, endedAt: new Date().toISOString(), endedBy: 'u1', endReason: 'ended-by-supervisor' };
  t = performance.now();
  const [, line] = await Promise.all([store.reviews.end(ended, 200), store.audit.append({ actor: 'sup1', action: 'review.ended', target: s.id, details: { reason: 'ended-by-supervisor' } })]);
  const record = { ...ended, groupId: 'g1', examId: 'e1', kioskName: 'Station', approvedBy: 'sup1', approvedByName: 'Sup', questionIds: ['q1', 'q2', 'q3'], remarkCount: 0, endSeq: line.seq } as unknown as ReviewRecord;
  await store.reviewRecords.put(record);
  ends.push(performance.now() - t);
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(Array.from({ length: C }, async () => { while (next < N) await one(next++); }));
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await store.flush();
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!.toFixed(2);
console.log(JSON.stringify({
  reviews: N, concurrency: C,
  startMs: { p50: pct(starts, 0.5), p90: pct(starts, 0.9), p99: pct(starts, 0.99) },
  endMs: { p50: pct(ends, 0.5), p90: pct(ends, 0.9), p99: pct(ends, 0.99) },
  cpuMsPerReview: ((cpu.user + cpu.system) / 1000 / N).toFixed(3),
  reviewsPerSecond: (N / (wall / 1000)).toFixed(0),
  journal: (store.reviews as unknown as { journal?: { stats: unknown } }).journal?.stats,
}));
rmSync(dir, { recursive: true, force: true });
