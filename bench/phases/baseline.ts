/**
 * The baseline of row 1: the same review payload, the same number of connected kiosks, the same client and
 * pacing, through a bare Socket.IO server's emit+ack (lib/baselineServer.ts). Its samples are interleaved with
 * the real server's (see startAck.ts), so that both see the same machine at the same moments.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPayload } from '../../server/review/payload.ts';
import type { Ctx } from '../lib/context.ts';
import { pickSittings } from '../lib/context.ts';
import { ROOT, TSX_ARGV } from '../lib/env.ts';
import { connectKiosks, type SimKiosk } from '../lib/kiosks.ts';
import { sleep } from '../lib/stats.ts';

/** The payload the real server would push for one of the generated sittings. */
function samplePayload(ctx: Ctx) {
  const ref = pickSittings(ctx.data, 1, 7)[0]!;
  const group = ctx.data.groups.find((g) => g.id === ref.groupId)!;
  const sitting = ctx.data.sittingsOf(group).find((s) => s.id === ref.sittingId)!;
  const exam = ctx.data.exams.find((e) => e.id === sitting.examId)!;
  const now = Date.now();
  const session = { id: crypto.randomUUID(), sittingId: sitting.id, kioskId: 'k', approvedById: 'u', startedAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), position: 'q1' };
  return buildPayload(session, exam, sitting, ctx.data.candidates.find((c) => c.number === sitting.candidateNumber));
}

export class Baseline {
  private constructor(private readonly child: ChildProcess, readonly base: string, readonly kiosks: SimKiosk[], readonly payloadBytes: number, private readonly ctx: Ctx) {}

  /** Starts the bare server and connects as many kiosks to it as to the real one. */
  static async start(ctx: Ctx): Promise<Baseline> {
    const payloadFile = join(ctx.dataDir, '..', 'baseline-payload.json');
    const text = JSON.stringify(samplePayload(ctx));
    writeFileSync(payloadFile, text);
    const child = spawn(process.execPath, [...TSX_ARGV, join(ROOT, 'bench', 'lib', 'baselineServer.ts'), payloadFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        const m = /listening on (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      const kiosks = await connectKiosks(base, ctx.runnerKiosks, { waitFor: 'connect', reconnection: false });
      await ctx.fleet.connect('baseline', base, ctx.fleetKiosks, 'connect');
      await sleep(1_000);
      return new Baseline(child, base, kiosks, Buffer.byteLength(text), ctx);
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
  }

  /** One emit+ack to the i-th kiosk, triggered and timed like `POST /api/reviews`; also the in-process time. */
  async sample(i: number): Promise<{ ms: number; ackMs: number }> {
    const kiosk = this.kiosks[i % this.kiosks.length]!;
    const t0 = performance.now();
    const r = await fetch(`${this.base}/emit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kiosk: kiosk.kiosk.token }) });
    const body = (await r.json()) as { ackMs?: number };
    const ms = performance.now() - t0;
    if (r.status !== 201) throw new Error(`baseline emit: ${r.status}`);
    return { ms, ackMs: body.ackMs! };
  }

  async stop(): Promise<void> {
    for (const k of this.kiosks) k.close();
    await this.ctx.fleet.close('baseline');
    this.child.kill('SIGKILL');
  }
}
