/**
 * QTI results files parsed on worker threads (README, Benchmark: 10,000 files in ≤ 30 s). Parsing is most of an
 * import of results and each file is parsed on its own, so a large run is cut into chunks that workers parse side
 * by side, one worker per core (at most four); the chunks' results, errors and warnings are put back in file
 * order, so the outcome is exactly that of `parseResultFiles` on this thread: every problem of every file, with
 * its file, line and column. Small runs (fewer than `MIN_FILES`) stay on this thread, where a worker's start would
 * cost more than it saves. The workers are started on first use and kept for the next import (a run of group
 * folders, one import each) until they have been idle for `IDLE_MS`, so that a server does not keep their memory
 * between imports; they hold the process open only while they have work. Should a worker fail (it could not
 * start, say), its chunks are parsed on this thread instead.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from '../files/sources.ts';
import type { ParseJob } from './parseWorker.ts';
import { parseResultFiles, type ResultsRead } from './readResults.ts';
import type { ParsedResult, ResultsParseOptions } from './types.ts';

/** Fewer files than this are parsed on this thread. */
export const MIN_FILES = 100;
/** Files per chunk: small enough to share the work evenly and report progress often. */
const CHUNK = 50;
const WORKERS = Math.max(1, Math.min(availableParallelism(), 4));
/** Idle workers stop after this long. */
const IDLE_MS = 30_000;

interface Pending { resolve: (r: ResultsRead) => void; reject: (e: unknown) => void }

class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private started = 0;
  private nextId = 0;
  private broken = false;
  /** workers told to stop: their exit is no failure */
  private readonly stopping = new Set<Worker>();
  private idleTimer: NodeJS.Timeout | undefined;

  /** One chunk parsed on a worker, or on this thread when the pool has failed. */
  async parse(files: SourceFile[], options: ResultsParseOptions): Promise<ResultsRead> {
    if (this.broken) return parseResultFiles(files, options);
    const worker = await this.take();
    if (this.broken) return parseResultFiles(files, options); // it failed while this chunk waited
    worker.ref();
    const id = ++this.nextId;
    try {
      return await new Promise<ResultsRead>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ id, files, options } satisfies ParseJob);
      });
    } catch {
      this.broken = true; // the worker died: this chunk and the rest on this thread
      return parseResultFiles(files, options);
    } finally {
      this.pending.delete(id);
      if (!this.broken) this.give(worker);
    }
  }

  private take(): Promise<Worker> {
    const w = this.idle.pop();
    if (w) return Promise.resolve(w);
    if (this.started < WORKERS) {
      this.started++;
      return Promise.resolve(this.start());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) return next(worker);
    worker.unref(); // idle: no reason to keep the process running
    this.idle.push(worker);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopIdle(), IDLE_MS).unref();
  }

  private stopIdle(): void {
    if (this.pending.size || this.waiting.length) return; // one busy worker gives this timer another go when done
    for (const worker of this.idle.splice(0)) {
      this.stopping.add(worker);
      this.started--;
      void worker.terminate();
    }
  }

  private start(): Worker {
    const worker = new Worker(new URL('./parseWorker.mjs', import.meta.url));
    worker.on('message', (m: { id: number; read: ResultsRead }) => this.pending.get(m.id)?.resolve(m.read));
    const fail = (e: unknown) => {
      if (this.stopping.has(worker)) return;
      this.broken = true;
      for (const p of this.pending.values()) p.reject(e);
      for (const next of this.waiting.splice(0)) next(worker); // they find the pool broken and parse here
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.stopping.delete(worker) && code !== 0) fail(new Error(`results parse worker exited with ${code}`));
    });
    return worker;
  }
}

let pool: ParsePool | undefined;

/**
 * `parseResultFiles`, on worker threads for a large run. `onChunk` hears of each chunk parsed (its number of
 * files), for progress.
 */
export async function parseResultFilesInWorkers(files: readonly SourceFile[], options: ResultsParseOptions = {}, onChunk?: (files: number) => void, minFiles = MIN_FILES): Promise<ResultsRead> {
  if (files.length < minFiles) {
    const read = parseResultFiles(files, options);
    onChunk?.(files.length);
    return read;
  }
  pool ??= new ParsePool();
  const chunks: SourceFile[][] = [];
  for (let i = 0; i < files.length; i += CHUNK) chunks.push(files.slice(i, i + CHUNK));
  const reads = await Promise.all(chunks.map(async (chunk) => {
    const read = await pool!.parse(chunk, options);
    onChunk?.(chunk.length);
    return read;
  }));
  const results: ParsedResult[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const r of reads) {
    warnings.push(...r.warnings);
    if (r.ok) results.push(...r.results);
    else errors.push(...r.errors);
  }
  return errors.length ? { ok: false, errors, warnings } : { ok: true, results, warnings };
}
