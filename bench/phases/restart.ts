/**
 * Row 7: `kill -9` the server with active sessions, start it again on the same data directory and port, and
 * time from "the server is up" (its "serving on" line: it listens; it reads the exam content after that) until
 * every kiosk with a session has received `kiosk:state` with its review back, at the question it was on; and the
 * same from the moment the new process was started (issue 17's goal). Every other kiosk reconnects meanwhile too,
 * with the kiosk app's reconnection settings (kiosk/src/data/reconnect.ts).
 */
import type { ServerProcess } from '../lib/server.ts';
import { ServerProcess as Server } from '../lib/server.ts';
import type { ActiveSession } from './navigate.ts';
import { sleep } from '../lib/stats.ts';

export interface RestartResult {
  /** server up → the last kiosk has its review back */
  resumeSeconds: number;
  /** kill → server up (the kiosks wait meanwhile) */
  bootSeconds: number;
  /** the new process started → the last kiosk has its review back */
  resumeFromStartSeconds: number;
  /** the new process started → the server up */
  startToUpSeconds: number;
  /** server up → half of the kiosks have their review back */
  resumeP50Seconds: number;
  /**
   * CPU time (user + system) the new process had used when the last kiosk had its review back (read within 20 ms of
   * it): what the restart costs the server, less noisy than wall-clock on a shared machine
   */
  resumeCpuMs: number;
  sessions: number;
  resumed: number;
  atPosition: number;
  server: ServerProcess;
}

export async function measureRestart(server: ServerProcess, dataDir: string, sessions: ActiveSession[], timeoutMs = 30_000): Promise<RestartResult> {
  await sleep(500); // the coalesced position write (100 ms) lands
  const seen = sessions.map((s) => s.kiosk.states.length);
  const killedAt = performance.now();
  await server.kill9();
  const next = await Server.start({ dataDir, port: server.port });
  let cpuAtLast = NaN;
  let waiting = sessions.length;
  const backAt = await Promise.all(
    sessions.map(async (s, i) => {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        const st = s.kiosk.states.slice(seen[i]).find((e) => e.review?.id === s.reviewId);
        if (st) {
          if (--waiting === 0) cpuAtLast = next.cpuMs();
          return { at: st.at, atPosition: st.review!.position === s.position };
        }
        await sleep(20);
      }
      return null;
    }),
  );
  const done = backAt.filter((x): x is { at: number; atPosition: boolean } => x !== null);
  const last = Math.max(...done.map((x) => x.at));
  const all = done.length === sessions.length;
  const times = done.map((x) => x.at).sort((a, b) => a - b);
  return {
    resumeSeconds: all ? (last - next.upAt) / 1_000 : Infinity,
    bootSeconds: (next.upAt - killedAt) / 1_000,
    resumeFromStartSeconds: all ? (last - next.spawnedAt) / 1_000 : Infinity,
    startToUpSeconds: (next.upAt - next.spawnedAt) / 1_000,
    resumeP50Seconds: times.length ? (times[Math.floor((times.length - 1) / 2)]! - next.upAt) / 1_000 : Infinity,
    resumeCpuMs: cpuAtLast,
    sessions: sessions.length,
    resumed: done.length,
    atPosition: done.filter((x) => x.atPosition).length,
    server: next,
  };
}
