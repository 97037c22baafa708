/**
 * Row 1: 'Start inzage' → the kiosk has acknowledged `review:started`. Timed on the client around
 * `POST /api/reviews` (the server answers 201 only after the kiosk's ack), one start at a time, each session
 * ended again (DELETE) before the next; starts are paced as a supervisor's clicks are, not back to back.
 * The baseline runs in blocks alternating with the real server's (ABAB…, a pause between blocks): both see
 * the same stretch of the machine's life, yet the baseline never runs while the real server is still busy
 * with the previous start (its console lists, its writes, its garbage collection).
 */
import type { SimKiosk } from '../lib/kiosks.ts';
import type { Staff } from '../lib/staff.ts';
import type { SittingRef } from '../lib/context.ts';
import { latency, sleep, type Latency } from '../lib/stats.ts';
import type { Baseline } from './baseline.ts';

export interface StartAckResult {
  latency: Latency;
  /** POST sent → `review:started` at the kiosk, and the kiosk's ack sent → the 201 at the client */
  toKiosk: Latency;
  afterAck: Latency;
  failures: string[];
}
export interface BaselineResult { latency: Latency; inProcess: Latency; payloadBytes: number }

/** Minimum time from one start to the next (the coalesced console lists go out 25 ms after a change). */
export const PACE_MS = 100;

/**
 * The runner's own young generation is collected here, between samples (`npm run bench` gives it --expose-gc):
 * otherwise its scavenges (up to ~20 ms on this machine: 200 simulated kiosks, each start's payload parsed) land
 * inside a sample and are counted as the server's latency. Done alike for the baseline's samples and the starts'.
 */
const collectOwnGarbage = (globalThis as { gc?: (o: { type: 'minor'; execution: 'sync' }) => void }).gc;

const paced = async (began: number) => {
  collectOwnGarbage?.({ type: 'minor', execution: 'sync' });
  const wait = PACE_MS - (performance.now() - began);
  if (wait > 0) await sleep(wait);
};

export async function measureStarts(staff: Staff, kiosks: SimKiosk[], sittings: SittingRef[], samples: number, warmup = 10): Promise<StartAckResult> {
  const times: number[] = [];
  const toKiosk: number[] = [];
  const afterAck: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < samples + warmup; i++) {
    const began = performance.now();
    const kiosk = kiosks[i % kiosks.length]!;
    const r = await staff.call('POST', '/api/reviews', { sittingId: sittings[i % sittings.length]!.sittingId, kioskId: kiosk.kiosk.id });
    if (r.status !== 201 || kiosk.review?.id !== r.json?.id) {
      failures.push(`start ${i}: ${r.status} ${JSON.stringify(r.json?.error ?? r.json)}`);
    } else {
      if (i >= warmup) {
        times.push(r.ms);
        toKiosk.push(kiosk.startedAt - began);
        afterAck.push(began + r.ms - kiosk.startedAt);
      }
      const end = await staff.call('DELETE', `/api/reviews/${r.json.id}`);
      if (end.status !== 204) failures.push(`end ${i}: ${end.status}`);
    }
    await paced(began);
  }
  return { latency: latency(times), toKiosk: latency(toKiosk), afterAck: latency(afterAck), failures };
}

async function measureBare(baseline: Baseline, samples: number, warmup: number, offset: number): Promise<{ ms: number[]; ackMs: number[] }> {
  const out = { ms: [] as number[], ackMs: [] as number[] };
  for (let i = 0; i < samples + warmup; i++) {
    const began = performance.now();
    const b = await baseline.sample(offset + i);
    if (i >= warmup) {
      out.ms.push(b.ms);
      out.ackMs.push(b.ackMs);
    }
    await paced(began);
  }
  return out;
}

/**
 * How the starts of a row are laid out: blocks of about 100 (at least 4), and how many sittings they need so that
 * every start, warm-ups included, is its sitting's first review (as most are in a school: its key is made then).
 */
export function startPlan(samples: number): { blocks: number; sittings: number } {
  const blocks = Math.max(4, Math.round(samples / 100));
  return { blocks, sittings: samples + blocks * 10 };
}

/** Blocks of bare emit+acks and of real starts, alternating, `settleMs` apart. */
export async function measureStartsAndBaseline(staff: Staff, kiosks: SimKiosk[], sittings: SittingRef[], samples: number, baseline: Baseline, blocks = 4, settleMs = 1_000): Promise<{ starts: StartAckResult; baseline: BaselineResult }> {
  const per = Math.ceil(samples / blocks);
  const real: StartAckResult[] = [];
  const bare = { ms: [] as number[], ackMs: [] as number[] };
  let used = 0; // sittings started so far: each start is its sitting's first review
  for (let b = 0; b < blocks; b++) {
    const warmup = b === 0 ? 10 : 2;
    const x = await measureBare(baseline, per, warmup, b * per);
    bare.ms.push(...x.ms);
    bare.ackMs.push(...x.ackMs);
    await sleep(settleMs);
    const fresh = sittings.slice(used); // fewer sittings than the plan's: they are started again
    real.push(await measureStarts(staff, kiosks, fresh.length ? fresh : sittings, per, warmup));
    used += per + warmup;
    await sleep(settleMs);
  }
  const all = (f: (r: StartAckResult) => Latency) => real.flatMap((r) => f(r).samples);
  return {
    starts: { latency: latency(all((r) => r.latency)), toKiosk: latency(all((r) => r.toKiosk)), afterAck: latency(all((r) => r.afterAck)), failures: real.flatMap((r) => r.failures) },
    baseline: { latency: latency(bare.ms), inProcess: latency(bare.ackMs), payloadBytes: baseline.payloadBytes },
  };
}
