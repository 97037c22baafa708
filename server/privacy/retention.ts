/**
 * Retention (docs/design.md: Privacy): an exam's candidate data is kept until its retention end (`retentionEnd` in
 * shared/rules.ts: the exam's `retainUntil`, else the later of the review window's end and the last import of its
 * candidate data, + `retentionDays`), then the server
 * purges it itself — at start, then once a day on the injected clock — as actor `system`, audited as
 * `data.purged` with `reason: 'retention'` and the date. Running reviews of the purged sittings end
 * (`data-purged`) first, as with a purge from the console. The start-up run also finishes a purge that was
 * interrupted (a crash half-way), and first stamps candidate data of an older build, which has no import time, as
 * imported now (importTimes.ts: the upgrade).
 */
import { retentionEnd } from '../../shared/rules.ts';
import type { Clock, Timer } from '../clock.ts';
import type { ServerConfig } from '../config.ts';
import { stampUnimportedData } from './importTimes.ts';
import { finishPendingPurge, purgeEndingReviews, selectPurge, type PurgeCounts } from '../purge.ts';
import type { ContentKind } from '../../shared/protocol.ts';
import type { ReviewEngine } from '../review/engine.ts';
import type { Store } from '../store/index.ts';

export const DAY_MS = 24 * 60 * 60_000;

export interface RetentionPurge { examId: string; retainUntil: string; counts: PurgeCounts }

interface Deps {
  store: Store;
  clock: Clock;
  config: Pick<ServerConfig, 'retentionDays'>;
  engine: Pick<ReviewEngine, 'finishWhere'>;
  consoles: { contentChanged(...kinds: ContentKind[]): void };
  /** The server's output, for the operator (the audit log has every purge as data.purged). */
  log?: (line: string) => void;
}

export class RetentionJob {
  private timer: Timer | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: Deps) {}

  /** Whether the job runs here (started and not stopped): with several processes, on the lease holder only. */
  get scheduled(): boolean {
    return !this.stopped && this.timer !== null;
  }

  /** Run now, then every day. */
  start(): void {
    this.stopped = false;
    this.tick();
  }

  /** Cancel the next run and wait for one under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    await this.idle();
  }

  /** Resolves once no run is under way (tests wait on this after moving their clock). */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.running;
      await seen.catch(() => undefined);
    } while (seen !== this.running);
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.running.catch(() => undefined).then(() => this.run())
      .catch((e) => console.error('inzage: the retention purge failed:', e));
    this.timer = this.deps.clock.after(DAY_MS, () => this.tick());
  }

  /** Purge every exam whose retention ended and that still has candidate data. */
  async run(): Promise<RetentionPurge[]> {
    const { store, clock, config, engine, consoles } = this.deps;
    const finished = await finishPendingPurge(store);
    const stamped = await stampUnimportedData(store, clock);
    for (const id of stamped) this.deps.log?.(`inzage: retention: exam ${id} holds candidate data from before import times were kept: counted as imported now`);
    const now = clock.now();
    const done: RetentionPurge[] = [];
    for (const exam of store.content.exams()) {
      const { until } = retentionEnd(exam, config.retentionDays);
      if (!until || Date.parse(until) > now) continue;
      const sel = selectPurge(store.content, { examId: exam.id });
      if (sel.sittingIds.length + sel.groupIds.length === 0) continue;
      const counts = await purgeEndingReviews(store, engine, { examId: exam.id, dryRun: false, actor: 'system', details: { reason: 'retention', retainUntil: until } });
      done.push({ examId: exam.id, retainUntil: until, counts });
      this.deps.log?.(`inzage: retention: removed the candidate data of exam ${exam.id} (kept until ${until}): ${counts.sittings} sittings, ${counts.groups} groups, ${counts.candidates} candidates`);
    }
    if (done.length || finished) consoles.contentChanged('exams', 'results');
    else if (stamped.length) consoles.contentChanged('exams');
    return done;
  }
}
