/**
 * One small JSON document (kiosks, staff, review sessions, …) held in memory and persisted with lowdb over
 * the durable adapter. `write()` coalesces: while one write runs, every further call shares a single next
 * write. `writeSoon()` batches hot changes (a kiosk's current question) into one write per `delayMs`.
 */
import { Low } from 'lowdb';
import { DurableJSONFile, readJsonFileSync } from './durableFile.ts';

export class Doc<T extends object> {
  readonly adapter: DurableJSONFile<T>;
  private readonly db: Low<T>;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(file: string, defaults: T, private readonly delayMs = 100) {
    this.adapter = new DurableJSONFile<T>(file);
    const existing = readJsonFileSync<T>(file);
    this.db = new Low<T>(this.adapter, defaults);
    this.db.data = existing ? { ...defaults, ...existing } : defaults;
  }

  get data(): T {
    return this.db.data;
  }

  /** Persist now (durably); resolves when the data as it is at this call is on disk. */
  write(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queued) return this.queued;
    if (!this.running) return this.run();
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.run();
      });
    return this.queued;
  }

  /** Persist within `delayMs`, coalescing bursts into one write. */
  writeSoon(): void {
    if (this.timer || this.queued) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write().catch((e) => console.error(`inzage: could not write ${this.adapter.file}:`, e));
    }, this.delayMs);
    this.timer.unref?.();
  }

  /** Write what is pending (if anything) and wait for every write under way. */
  async flush(): Promise<void> {
    if (this.timer) await this.write();
    while (this.running || this.queued) await (this.queued ?? this.running);
  }

  private run(): Promise<void> {
    const p = this.db.write().finally(() => {
      if (this.running === p) this.running = null;
    });
    this.running = p;
    return p;
  }
}
