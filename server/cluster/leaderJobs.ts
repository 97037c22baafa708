/**
 * Several server processes (docs/design.md: Several server processes): the work done once for the whole installation
 * runs on the process that holds the lease (cluster.ts) — the retention job (privacy/retention.ts: at once, then
 * daily), the adoption of ended sessions' records (review/history.ts, once per taking of the lease) and the closing of
 * audit bursts left behind by processes that went away (bursts.ts). A process that takes the lease over starts them;
 * one that loses it stops the retention job. Each waits for the content (Start-up), as with one process.
 */
import type { Cluster } from './cluster.ts';

export interface LeaderWork {
  /** the content is read (the jobs need it) */
  contentReady: Promise<unknown>;
  /** the retention job, when automatic purges are on */
  retention?: { start(): void; stop(): Promise<void> };
  adopt(): Promise<unknown>;
  /** close the bursts of processes gone (every `everyMs`) */
  sweepBursts?: () => Promise<void>;
  everyMs: number;
  log: (line: string) => void;
}

export class LeaderJobs {
  private running: Promise<unknown> = Promise.resolve();
  private sweeper: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly cluster: Pick<Cluster, 'leading' | 'onLeader'>, private readonly work: LeaderWork) {
    cluster.onLeader((leader) => (leader ? this.lead() : this.standby()));
    if (cluster.leading) this.lead();
  }

  private lead(): void {
    const { work } = this;
    this.running = this.running.then(() => work.contentReady).then(async () => {
      if (this.closed || !this.cluster.leading) return;
      work.retention?.start();
      await work.adopt().catch((e: unknown) => work.log(`inzage: could not write review records: ${(e as Error).message}`));
    }, () => undefined);
    if (work.sweepBursts && !this.sweeper) {
      this.sweeper = setInterval(() => {
        if (this.cluster.leading && !this.closed) void work.sweepBursts!().catch((e: unknown) => work.log(`inzage: could not close the audit bursts of stopped processes: ${(e as Error).message}`));
      }, work.everyMs);
      this.sweeper.unref?.();
    }
  }

  private standby(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.running = this.running.then(() => this.work.retention?.stop());
  }

  /** Nothing starts from here on; resolves once work under way is done. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await this.running.catch(() => undefined);
  }
}
