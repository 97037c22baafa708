/**
 * Row 3: server memory per idle kiosk connection: the server's RSS (from /proc) before and after connecting
 * the kiosks, divided by their number. A few kiosks connect first (warm-up: code paths loaded, buffers
 * allocated) and are not counted; each RSS figure is the median of a few reads after the server settled.
 */
import type { Ctx } from '../lib/context.ts';
import { connectKiosks, type SimKiosk } from '../lib/kiosks.ts';
import type { ServerProcess } from '../lib/server.ts';
import { sleep } from '../lib/stats.ts';

export interface RssResult { perKioskKb: number; beforeKb: number; afterKb: number; counted: number; connectSeconds: number; runner: SimKiosk[] }

async function settledRss(server: ServerProcess): Promise<number> {
  await sleep(2_000);
  const reads: number[] = [];
  for (let i = 0; i < 5; i++) {
    reads.push(server.rssKb());
    await sleep(200);
  }
  return reads.sort((a, b) => a - b)[2]!;
}

export async function measureRss(ctx: Ctx, server: ServerProcess, warm = 20): Promise<RssResult> {
  const first = await connectKiosks(server.base, ctx.runnerKiosks.slice(0, warm));
  const beforeKb = await settledRss(server);
  const t0 = performance.now();
  const rest = await connectKiosks(server.base, ctx.runnerKiosks.slice(warm));
  await ctx.fleet.connect('server', server.base, ctx.fleetKiosks);
  const connectSeconds = (performance.now() - t0) / 1_000;
  const afterKb = await settledRss(server);
  const counted = ctx.runnerKiosks.length - warm + ctx.fleetKiosks.length;
  return { perKioskKb: (afterKb - beforeKb) / counted, beforeKb, afterKb, counted, connectSeconds, runner: [...first, ...rest] };
}
