/**
 * Row 2: a kiosk's `review:navigate` → every connected console has the matching `review:progress`.
 * Kiosks and consoles live in this process, so one clock times both ends. Each session navigates every
 * `periodMs`, the sessions evenly staggered; the first period is warm-up.
 */
import type { ConsoleSocket, SimKiosk } from '../lib/kiosks.ts';
import type { Staff } from '../lib/staff.ts';
import type { SittingRef } from '../lib/context.ts';
import type { ServerProcess } from '../lib/server.ts';
import { latency, sleep, type Latency } from '../lib/stats.ts';

export interface ActiveSession { kiosk: SimKiosk; reviewId: string; questionIds: string[]; position: string }
export interface NavigateResult {
  latency: Latency; ack: Latency; missing: number; refused: number; navigations: number;
  /** the server's CPU use (% of one core) and its writes to storage during the phase */
  serverCpuPercent: number; diskMbPerSecond: number;
}

export async function startSessions(staff: Staff, kiosks: SimKiosk[], sittings: SittingRef[]): Promise<ActiveSession[]> {
  const out: ActiveSession[] = [];
  for (let i = 0; i < kiosks.length; i++) {
    const kiosk = kiosks[i]!;
    const r = await staff.call('POST', '/api/reviews', { sittingId: sittings[i]!.sittingId, kioskId: kiosk.kiosk.id });
    if (r.status !== 201 || !kiosk.review) throw new Error(`start on ${kiosk.kiosk.name}: ${r.status} ${JSON.stringify(r.json)}`);
    out.push({ kiosk, reviewId: r.json.id, questionIds: kiosk.review.questions.map((q) => q.id), position: kiosk.review.position });
  }
  return out;
}

export async function measureNavigate(server: ServerProcess, sessions: ActiveSession[], consoles: ConsoleSocket[], seconds: number, periodMs = 2_000): Promise<NavigateResult> {
  const cpu0 = server.cpuMs();
  const disk0 = server.diskWriteBytes();
  interface Pending { t0: number; left: number; last: number; measured: boolean }
  const pending = new Map<string, Pending>();
  const times: number[] = [];
  const acks: number[] = [];
  let navigations = 0;
  let refused = 0;
  const onProgress = (p: { id: string; position: string }) => {
    const key = `${p.id}|${p.position}`;
    const e = pending.get(key);
    if (!e) return;
    e.last = performance.now();
    if (--e.left === 0) {
      pending.delete(key);
      if (e.measured) times.push(e.last - e.t0);
    }
  };
  for (const c of consoles) c.on('review:progress', onProgress);

  const started = performance.now();
  const stopAt = started + seconds * 1_000;
  const timers: NodeJS.Timeout[] = [];
  sessions.forEach((s, i) => {
    let step = 0;
    const tick = () => {
      if (performance.now() >= stopAt) return;
      step++;
      const next = s.questionIds[(s.questionIds.indexOf(s.position) + 1 + (step % 3)) % s.questionIds.length]!;
      s.position = next;
      const t0 = performance.now();
      pending.set(`${s.reviewId}|${next}`, { t0, left: consoles.length, last: 0, measured: t0 - started >= periodMs });
      navigations++;
      void s.kiosk.navigate(next).then((a) => {
        if (a.ok) acks.push(performance.now() - t0);
        else refused++;
      });
    };
    const first = setTimeout(() => {
      tick();
      timers.push(setInterval(tick, periodMs));
    }, (i * periodMs) / sessions.length);
    timers.push(first);
  });
  await sleep(seconds * 1_000);
  const wall = performance.now() - started;
  const serverCpuPercent = (100 * (server.cpuMs() - cpu0)) / wall;
  const diskMbPerSecond = (server.diskWriteBytes() - disk0) / 1e6 / (wall / 1_000);
  await sleep(1_000);
  for (const t of timers) clearInterval(t);
  for (const c of consoles) c.off('review:progress', onProgress);
  return { latency: latency(times), ack: latency(acks), missing: pending.size, refused, navigations, serverCpuPercent, diskMbPerSecond };
}
