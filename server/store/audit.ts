/**
 * The append-only audit log (docs/design.md: The audit log): JSON Lines, hash-chained (`auditChain.ts`), fsynced
 * before `append` resolves. Appends that arrive together share one write and one fsync (group commit).
 *
 * Segments: the log being written is `audit.jsonl`; once it holds `segmentLines` lines it is sealed as
 * `audit/<first seq>.jsonl` and a new `audit.jsonl` goes on from the last line's hash. A page of the newest events
 * reads backwards from the end of `audit.jsonl`, and only as far as the page needs: reading the last 50 events
 * costs the same with a thousand lines or a million.
 *
 * Anchor: with an `anchorKey`, `audit.head` (count + last line's SHA-256 under an HMAC) is rewritten after each
 * write (writes that meet share one rewrite), before the write's appends resolve — or, for a write of appends all
 * `anchorLater` (a review's start and end), within `headLaterMs` after it, sharing one rewrite with every write
 * meanwhile (the head lags the log by at most that second's writes, and never leads it). A start that finds the head missing writes an
 * `audit.anchored` line (the first one in a log is where anchoring began); one that finds the head disagreeing
 * with the log (lines cut off, the chain recomputed, the head forged) writes `audit.chain-broken` naming the
 * problem. Both are written with the first append, by the data directory's lock holder only.
 *
 * Verification is incremental: a full check at start (in the background, yielding), then each `verify()` checks
 * only the lines added since; a full check again when the last is older than `recheckMs`. Lines a page reads are
 * checked as they pass, so an edit of what is shown is caught at once.
 *
 * Details that identify a candidate are given as `personal` and stored sealed with their sitting's key
 * (`auditKeys.ts`); reads open them again, or show them as '[verwijderd]' once a purge destroyed the key.
 */
import { promises as fs, appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, truncateSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SHREDDED, type AuditAction, type AuditEvent } from '../../shared/domain.ts';
import {
  ChainChecker, ZERO, hashLine, headProblem, headRecord, lineOf, readHead, sha256,
  type AuditLine, type AuditProblem, type AuditVerdict, type ChainPoint,
} from './auditChain.ts';
import type { AuditKeyStore, Sealed } from './auditKeys.ts';
import { AppendFile, splitTornTail } from './appendFile.ts';
import { CorruptDataError, syncDir } from './durableFile.ts';

export { verifyAuditText, type AuditLine, type AuditProblem, type AuditVerdict } from './auditChain.ts';

export interface AuditInput {
  actor: string;
  action: AuditAction;
  target: string;
  details?: Record<string, unknown>;
  /** Details that identify a candidate, sealed with the key of `scope` (the sitting they are about). */
  personal?: { scope: string; fields: Record<string, unknown> };
}

/**
 * A page's filter: the test of one event, and optionally the same filter as fields (`auditMatcher` gives them), so
 * that a log in a database can select with SQL; the test still decides.
 */
export type AuditMatch = ((e: AuditEvent) => boolean) & { readonly fields?: AuditMatchFields };
/** `from`/`to`: inclusive bounds in ms; `action`: that action or `action.*`; `actor`: exactly. */
export interface AuditMatchFields { from?: number; to?: number; action?: string; actor?: string }

/** One event of a review's trail, with its place in the chain. */
export type AuditTrailLine = AuditEvent & { prev: string; hash: string };

/**
 * The audit log as the server uses it (`Store.audit`): the file log here (`AuditLog`), or the table of the
 * PostgreSQL store (`server/store/pg/auditLog.ts`, `PgAuditLog`). Both write the same lines and the same chain.
 */
export interface AuditStore {
  /** The number of the last event this process knows of (wrote, or read). */
  readonly lastSeq: number;
  /**
   * Append one event; resolves once it is durable (on disk, committed), with its sequence number. The file log's
   * anchor (`audit.head`) names it by then too, unless `anchorLater`: then the head follows in the background (a
   * review's start and end, which a candidate waits for; the head may lag the log, never lead it).
   */
  append(input: AuditInput, opts?: AppendOptions): Promise<AuditEvent>;
  /** Wait for the appends under way. */
  flush(): Promise<void>;
  /** Every event, oldest first, sealed details opened (or '[verwijderd]'). */
  readAll(): Promise<AuditEvent[]>;
  /** The newest `limit` events that `match`, with `seq < before` when given, oldest first; `more` when older ones remain. */
  page(match: AuditMatch, limit: number, before?: number): Promise<{ events: AuditEvent[]; more: boolean }>;
  /** The lines about `target` back to (and with) the first whose action is `from`, with `seq < before`, oldest first. */
  trail(target: string, from: AuditAction, before?: number): Promise<AuditTrailLine[]>;
  /**
   * Which of `targets` have a line of `action`; the file log reads back only to a little before `since` (ms: no such
   * line can be older than that). A restart's check of the reviews it gives back (`ReviewEngine.nameUnauditedStarts`).
   */
  named(action: AuditAction, targets: readonly string[], since: number): Promise<Set<string>>;
  /** The chain's verdict (the whole chain once, then what was added; plus what reads found). */
  verify(): Promise<AuditVerdict>;
  /** Start a full check without waiting for it (the server does at start). */
  checkInBackground(): void;
}

export interface AuditLogOptions {
  now?: () => number;
  keys?: AuditKeyStore;
  /**
   * Key of the head record's HMAC (from the data directory's secret); without it the log is not anchored.
   * Asked with `create` false at start (nothing is made by opening a log) and true when a head is written.
   */
  anchorKey?: (create: boolean) => Buffer | undefined;
  /** Lines per segment before it is sealed. */
  segmentLines?: number;
  /** A full check again when the last one is older than this (ms of `now`). */
  recheckMs?: number;
  /** How long the head may lag a write of appends all `anchorLater` (ms; default {@link HEAD_LATER_MS}). */
  headLaterMs?: number;
}

/**
 * A review's start and end do not rewrite the head each (five file operations, issue 17): the head follows them
 * within this time, one rewrite for every start and end meanwhile, unless another append or a flush needs it sooner.
 */
export const HEAD_LATER_MS = 1000;

/** How far before `since` `named` reads on (a clock set back by less than this loses nothing). */
const NAMED_MARGIN_MS = 10 * 60_000;

export const SEGMENTS_DIR = 'audit';
export const headFileOf = (logFile: string) => logFile.replace(/\.jsonl$/, '') + '.head';
const segmentName = (firstSeq: number) => `${String(firstSeq).padStart(12, '0')}.jsonl`;
const SEGMENT = /^(\d{12})\.jsonl$/;

interface Segment { file: string; firstSeq: number }
export interface AppendOptions { anchorLater?: boolean }
interface Pending { event: Omit<AuditEvent, 'seq'>; anchorLater: boolean; resolve: (e: AuditEvent) => void; reject: (e: unknown) => void }

/** The sealed segments of the log beside `logFile`, oldest first. */
export function sealedSegments(logFile: string): Segment[] {
  const dir = join(dirname(logFile), SEGMENTS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names.flatMap((n) => {
    const m = SEGMENT.exec(n);
    return m ? [{ file: join(dir, n), firstSeq: Number(m[1]) }] : [];
  }).sort((a, b) => a.firstSeq - b.firstSeq);
}

export class AuditLog implements AuditStore {
  private seq = 0;
  private lastHash = ZERO;
  private batch: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly keys: AuditKeyStore | undefined;
  private readonly anchorKey: ((create: boolean) => Buffer | undefined) | undefined;
  private readonly segmentLines: number;
  private readonly recheckMs: number;
  readonly headFile: string;
  private readonly out: AppendFile;
  private sealed: Segment[];
  /** Lines and committed bytes of `audit.jsonl` (a write under way may have put more on disk). */
  private activeLines = 0;
  private activeSize = 0;
  /** An anchor line a start found due, written before the first event. */
  private anchorNote: Omit<AuditEvent, 'seq' | 'at'> | null = null;
  // verification
  private checked: ChainPoint | null = null;
  private checkedAnchors = 0;
  private problem: AuditProblem | undefined;
  private fullCheck: Promise<void> | null = null;
  private lastFullCheckAt = -Infinity;
  private holdRotation = 0;
  /** The head's rewrite under way, and whether a write since its start asks for another. */
  private headWriting: Promise<void> | null = null;
  private headStale = false;
  private headWaiters: { seq: number; resolve: () => void }[] = [];
  /** The rewrite due after writes of `anchorLater` appends only, not yet begun. */
  private headTimer: NodeJS.Timeout | null = null;
  private readonly headLaterMs: number;

  constructor(readonly file: string, opts: AuditLogOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.keys = opts.keys;
    this.anchorKey = opts.anchorKey;
    this.segmentLines = opts.segmentLines ?? 10_000;
    this.recheckMs = opts.recheckMs ?? 10 * 60_000;
    this.headLaterMs = opts.headLaterMs ?? HEAD_LATER_MS;
    this.headFile = headFileOf(file);
    this.out = new AppendFile(file);
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      closeSync(openSync(file, 'a', 0o600));
    }
    text = this.dropTornTail(text);
    this.sealed = sealedSegments(file);
    const lines = text.split('\n').filter(Boolean);
    this.activeLines = lines.length;
    this.activeSize = Buffer.byteLength(text);
    const last = lines.at(-1) ?? this.lastSealedLine();
    if (last) {
      let parsed: AuditLine;
      try {
        parsed = JSON.parse(last) as AuditLine;
      } catch (e) {
        throw new CorruptDataError(file, `its last line does not parse: ${(e as Error).message}`);
      }
      this.seq = parsed.seq;
      this.lastHash = sha256(last);
    }
    if (this.anchorKey) this.anchorNote = this.checkHeadAtStart(lines);
  }

  private lastSealedLine(): string | undefined {
    const seg = this.sealed.at(-1);
    return seg ? readFileSync(seg.file, 'utf8').split('\n').filter(Boolean).at(-1) : undefined;
  }

  /**
   * A last line without its line end that does not parse is an append a crash (a power cut, a full disk) cut
   * off before its fsync returned: never acknowledged, so it is cut off the log — kept aside in
   * `audit.jsonl.torn` for inspection — and the chain goes on from the line before. Anything else that does
   * not parse is corruption, and stops the server.
   */
  private dropTornTail(text: string): string {
    const { kept, torn, needsNewline } = splitTornTail(text);
    if (needsNewline) {
      appendFileSync(this.file, '\n'); // a whole last line that lacks only its end: end it, or the next append would join it
      return `${kept}\n`;
    }
    if (torn === undefined) return text;
    appendFileSync(`${this.file}.torn`, `${new Date(this.now()).toISOString()} ${torn}\n`, { mode: 0o600 });
    truncateSync(this.file, Buffer.byteLength(kept));
    process.emitWarning(`${this.file}: removed an unfinished last line left by a crash (kept in ${this.file}.torn)`);
    return kept;
  }

  /** Compare the head record with the log as found; the anchor line to write, if any. */
  private checkHeadAtStart(activeLines: string[]): Omit<AuditEvent, 'seq' | 'at'> | null {
    const key = this.anchorKey!(false);
    let text: string;
    try {
      text = readFileSync(this.headFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      // a new log, or one from before anchoring (or a removed head: a second `audit.anchored` says so)
      return { actor: 'system', action: 'audit.anchored', target: 'audit', details: { count: this.seq } };
    }
    const head = key ? readHead(text, key) : { problem: 'the secret the head record was made with is gone (DATA/secret or INZAGE_SECRET)' };
    const end = { seq: this.seq, hash: this.lastHash };
    const problem = 'problem' in head ? head.problem : headProblem(head.point, end, (n) => this.hashAtSync(n, activeLines));
    if (!problem) return null;
    process.emitWarning(`${this.file}: ${problem} — recorded in the audit log (audit.chain-broken)`);
    return { actor: 'system', action: 'audit.chain-broken', target: 'audit', details: { problem, count: this.seq } };
  }

  /** The SHA-256 of line `n` (at start: reads the segment that holds it). */
  private hashAtSync(n: number, activeLines: string[]): string | undefined {
    const activeFirst = this.seq - activeLines.length + 1;
    if (n >= activeFirst) return activeLines[n - activeFirst] === undefined ? undefined : sha256(activeLines[n - activeFirst]!);
    const seg = [...this.sealed].reverse().find((s) => s.firstSeq <= n);
    if (!seg) return undefined;
    const raw = readFileSync(seg.file, 'utf8').split('\n').filter(Boolean)[n - seg.firstSeq];
    return raw === undefined ? undefined : sha256(raw);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Append one event; resolves once it is on disk. The sequence number and the chain are assigned when its
   * batch is written, so a write that fails (a full disk) leaves the chain where the file is: the failed lines
   * are cut off again and the next append links to the last line that is really there.
   */
  append(input: AuditInput, opts: AppendOptions = {}): Promise<AuditEvent> {
    const { event, keyPersisted } = eventOf(input, this.now(), this.keys);
    const written = new Promise<AuditEvent>((resolve, reject) => {
      this.batch.push({ event, anchorLater: opts.anchorLater === true, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
    return Promise.all([written, keyPersisted]).then(([e]) => e);
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.batch.length) {
        const batch = this.batch;
        this.batch = [];
        const note = this.anchorNote;
        const events: Omit<AuditEvent, 'seq'>[] = batch.map((b) => b.event);
        if (note) events.unshift({ ...note, at: batch[0]!.event.at });
        let seq = this.seq;
        let hash = this.lastHash;
        const written: AuditEvent[] = [];
        let text = '';
        for (const ev of events) {
          const e: AuditEvent = { seq: ++seq, ...ev };
          const line = lineOf(hash, e);
          hash = sha256(line);
          written.push(e);
          text += `${line}\n`;
        }
        try {
          await this.write(text);
        } catch (e) {
          for (const b of batch) b.reject(e);
          continue;
        }
        // the state moves in one step after the write, so a reader never sees it half-way
        if (note) this.anchorNote = null;
        this.seq = seq;
        this.lastHash = hash;
        this.activeLines += events.length;
        this.activeSize += Buffer.byteLength(text);
        if (this.activeLines >= this.segmentLines && this.holdRotation === 0) {
          // a segment that cannot be sealed now (say the folder cannot be made) is sealed after a later write:
          // the lines are on disk either way, and their appends must not wait on it
          await this.seal().catch((e: unknown) => process.emitWarning(`${this.file} could not be sealed as a segment: ${(e as Error).message}`));
        }
        // the head is rewritten in the background: the next batch need not wait for it, nor an append that may
        // resolve before the head names it (`anchorLater`: a review's start saves five file operations); a write of
        // those only is named within `headLaterMs`, with the writes that follow it meanwhile
        this.headDue(!note && batch.every((b) => b.anchorLater));
        const offset = note ? 1 : 0;
        let named: Promise<void> | undefined;
        batch.forEach((b, i) => {
          const e = written[i + offset]!;
          if (b.anchorLater) b.resolve(e);
          else void (named ??= this.headNames(seq)).then(() => b.resolve(e));
        });
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Append `text` and fsync; on failure cut the file back to where it was (`appendFile.ts`). */
  private write(text: string): Promise<void> {
    return this.out.append(text);
  }

  /** Seal `audit.jsonl` as a segment; the next write starts a new one. */
  private async seal(): Promise<void> {
    const dir = join(dirname(this.file), SEGMENTS_DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const firstSeq = this.seq - this.activeLines + 1;
    const target = join(dir, segmentName(firstSeq));
    await this.out.close();
    renameSync(this.file, target); // synchronous: readers see the old layout or the new one, never between
    this.sealed.push({ file: target, firstSeq });
    this.activeLines = 0;
    this.activeSize = 0;
    closeSync(openSync(this.file, 'a', 0o600));
    await syncDir(dir);
    await syncDir(dirname(this.file));
  }

  /**
   * Rewrite the head after the writes so far; writes that meet share one rewrite (the newest point). `later`: no
   * append waits for it, so it may wait up to `headLaterMs` (any rewrite begun meanwhile names these lines too).
   */
  private headDue(later = false): void {
    if (!this.anchorKey) return;
    if (later) {
      if (!this.headTimer) {
        this.headTimer = setTimeout(() => {
          this.headTimer = null;
          this.headDue();
        }, this.headLaterMs);
        this.headTimer.unref();
      }
      return;
    }
    // a rewrite from now on reads the newest point, which covers the lines the timer was for
    if (this.headTimer) {
      clearTimeout(this.headTimer);
      this.headTimer = null;
    }
    this.headStale = true;
    if (!this.headWriting) {
      this.headWriting = (async () => {
        try {
          while (this.headStale) {
            this.headStale = false;
            const seq = this.seq;
            await this.writeHead(); // a failed rewrite warns; the appends waiting on it are not failed by it
            this.headWaiters = this.headWaiters.filter((w) => w.seq > seq || (w.resolve(), false));
          }
        } finally {
          this.headWriting = null;
        }
      })();
    }
  }

  /** Resolves once a rewrite of the head that names line `seq` (or a later one) is done. */
  private headNames(seq: number): Promise<void> {
    if (!this.anchorKey) return Promise.resolve();
    return new Promise((resolve) => this.headWaiters.push({ seq, resolve }));
  }

  /**
   * Rewrite the head record once the lines it names are on disk (before their appends resolve, except those
   * `anchorLater`): a command that ends leaves a head naming its last line. A temp file, synced, renamed over it: a
   * crash leaves the old head or the new one, never an empty one.
   */
  private async writeHead(): Promise<void> {
    const key = this.anchorKey?.(true);
    if (!key) return;
    try {
      const text = JSON.stringify(headRecord(key, { seq: this.seq, hash: this.lastHash }));
      const tmp = `${this.headFile}.tmp`;
      const handle = await fs.open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, this.headFile);
    } catch (e) {
      process.emitWarning(`${this.headFile} could not be written: ${(e as Error).message}`);
    }
  }

  /** Resolves once every append so far is written and the head names the last of them. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.headTimer) this.headDue(); // not later: a clean stop leaves the head naming the last line
      if (!this.flushing && !this.headWriting) return;
      await (this.flushing ?? this.headWriting);
    }
  }

  // ---------- reading ----------

  /** The files of the log, oldest first, with the bytes of each that are committed. */
  private sources(): { file: string; firstSeq: number; size: number }[] {
    const activeFirst = this.seq - this.activeLines + 1;
    return [
      ...this.sealed.map((s) => ({ ...s, size: -1 })),
      { file: this.file, firstSeq: activeFirst, size: this.activeSize },
    ];
  }

  /** Every event, oldest first, sealed details opened (or '[verwijderd]'). */
  async readAll(): Promise<AuditEvent[]> {
    await this.flush();
    const out: AuditEvent[] = [];
    for (const src of this.sources()) {
      for (const raw of await readLines(src.file, src.size)) out.push(openEvent(JSON.parse(raw) as AuditLine, this.keys));
    }
    return out;
  }

  /**
   * The newest `limit` events that `match`, with `seq < before` when given, oldest first; `more` when older
   * ones remain. Reads backwards from the end and stops when the page is full; each line read is checked
   * against its own hash and the line after it.
   */
  async page(match: AuditMatch, limit: number, before?: number): Promise<{ events: AuditEvent[]; more: boolean }> {
    const found: AuditEvent[] = [];
    let more = false;
    await this.walkBack(before, (line) => {
      const e = openEvent(line, this.keys);
      if (!match(e)) return true;
      if (found.length === limit) {
        more = true;
        return false;
      }
      found.push(e);
      return true;
    });
    return { events: found.reverse(), more };
  }

  /**
   * The lines about `target` back to (and with) the first whose action is `from`, with `seq < before` when given,
   * oldest first, each with its place in the chain (`prev`, `hash`): a review's trail from its `review.started`.
   * Reads backwards from `before` (or the end), checking each line read as a page does.
   */
  async trail(target: string, from: AuditAction, before?: number): Promise<AuditTrailLine[]> {
    const found: AuditTrailLine[] = [];
    await this.walkBack(before, (line) => {
      if (line.target !== target) return true;
      found.push({ ...openEvent(line, this.keys), prev: line.prev, hash: line.hash });
      return line.action !== from;
    });
    return found.reverse();
  }

  async named(action: AuditAction, targets: readonly string[], since: number): Promise<Set<string>> {
    const wanted = new Set(targets);
    const found = new Set<string>();
    if (!wanted.size) return found;
    await this.walkBack(undefined, (line) => {
      // lines are written in the order of their times; a margin for a clock set back a little meanwhile
      if (Date.parse(line.at) < since - NAMED_MARGIN_MS) return false;
      if (line.action === action && wanted.has(line.target)) found.add(line.target);
      return found.size < wanted.size;
    });
    return found;
  }

  /** Every line with `seq < before` (all without it), newest first, checked as it passes, until `visit` says stop. */
  private async walkBack(before: number | undefined, visit: (line: AuditLine) => boolean): Promise<void> {
    await this.flush();
    let newer: { line: AuditLine } | undefined;
    this.holdRotation++;
    try {
      const sources = this.sources().reverse();
      for (const src of sources) {
        if (before !== undefined && src.firstSeq >= before) continue;
        for await (const raw of linesBackward(src.file, src.size)) {
          let line: AuditLine;
          try {
            line = JSON.parse(raw) as AuditLine;
          } catch {
            this.noteProblem({ seq: (newer?.line.seq ?? this.seq + 1) - 1, line: (newer?.line.seq ?? this.seq + 1) - 1, reason: 'line does not parse' });
            newer = undefined;
            continue;
          }
          this.checkShown(line, raw, newer?.line);
          newer = { line };
          if (before !== undefined && line.seq >= before) continue;
          if (!visit(line)) return;
        }
      }
    } finally {
      this.holdRotation--;
    }
  }

  /** A line a page read: its own hash, and that the newer line read just before links to it. */
  private checkShown(line: AuditLine, raw: string, newer: AuditLine | undefined): void {
    const { prev: _p, hash, ...event } = line;
    if (hash !== hashLine(line.prev, event)) this.noteProblem({ seq: line.seq, line: line.seq, reason: 'its content does not match its hash (the line was edited)' });
    if (newer && (newer.seq !== line.seq + 1 || newer.prev !== sha256(raw))) {
      this.noteProblem({ seq: newer.seq, line: newer.seq, reason: 'does not link to the line before (a line was removed or edited)' });
    }
  }

  private noteProblem(p: AuditProblem): void {
    if (!this.problem || p.seq < this.problem.seq) this.problem = p;
  }

  // ---------- verification ----------

  /**
   * The chain's state for readers: a full check the first time (and again, in the background, when the last is
   * older than `recheckMs`), else only the lines added since the last check; plus anything a page found.
   */
  async verify(): Promise<AuditVerdict> {
    await this.flush();
    if (!this.checked) await this.checkAll();
    else {
      if (this.now() - this.lastFullCheckAt > this.recheckMs) this.checkInBackground();
      await this.checkNew();
    }
    const pending = this.anchorNote?.action === 'audit.chain-broken'
      ? { seq: this.seq + 1, line: this.seq + 1, reason: String(this.anchorNote.details.problem) }
      : undefined;
    const problem = this.problem ?? pending;
    return problem ? { ok: false, count: this.seq, problem } : { ok: true, count: this.seq };
  }

  /** Start a full check without waiting for it (the server does at start). */
  checkInBackground(): void {
    void this.checkAll().catch((e) => process.emitWarning(`audit log check failed: ${(e as Error).message}`));
  }

  /** Check every line from the first, yielding now and then; compares the end with what this process wrote. */
  private checkAll(): Promise<void> {
    this.fullCheck ??= (async () => {
      await this.flush();
      this.holdRotation++;
      try {
        const end = { seq: this.seq, hash: this.lastHash };
        const c = new ChainChecker();
        let n = 0;
        for (const src of this.sources()) {
          if (c.broken) break;
          if (src.size < 0 && src.firstSeq !== c.seq + 1) { // a sealed segment's name says where it starts
            c.problem ??= { seq: c.seq + 1, line: c.seq + 1, reason: `segment ${src.file} starts at event ${src.firstSeq}: events ${c.seq + 1}–${src.firstSeq - 1} are missing` };
            c.broken = true;
            break;
          }
          for (const raw of await readLines(src.file, src.size)) {
            if (!c.push(raw)) break;
            if (++n % 2000 === 0) await nextTurn();
          }
        }
        if (!c.broken && (c.seq !== end.seq || c.hash !== end.hash)) {
          c.problem ??= { seq: Math.min(c.seq, end.seq) + 1, line: Math.min(c.seq, end.seq) + 1, reason: 'the file does not end with the events this server wrote: lines were cut off or the file was replaced' };
        }
        this.problem = c.problem;
        this.checked = c.broken ? { seq: end.seq, hash: end.hash } : c.point;
        this.checkedAnchors = c.anchors;
        this.lastFullCheckAt = this.now();
      } finally {
        this.holdRotation--;
        this.fullCheck = null;
      }
    })();
    return this.fullCheck;
  }

  /** Check the lines added since the last check (they are at the end: read backwards to the checked point). */
  private async checkNew(): Promise<void> {
    const from = this.checked!;
    if (from.seq >= this.seq || this.problem) return;
    this.holdRotation++;
    try {
      const raws: string[] = [];
      outer: for (const src of this.sources().reverse()) {
        for await (const raw of linesBackward(src.file, src.size)) {
          raws.push(raw);
          if (raws.length >= this.seq - from.seq) break outer;
        }
      }
      const c = new ChainChecker(from, this.checkedAnchors);
      for (const raw of raws.reverse()) if (!c.push(raw)) break;
      if (!c.broken && c.hash !== this.lastHash) c.problem ??= { seq: c.seq, line: c.seq, reason: 'the last line is not the one this server wrote' };
      if (c.problem) this.noteProblem(c.problem);
      this.checked = c.point;
      this.checkedAnchors = c.anchors;
    } finally {
      this.holdRotation--;
    }
  }
}

/** The lines of a file (`size` ≥ 0: only its first `size` bytes). */
async function readLines(file: string, size: number): Promise<string[]> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return (size >= 0 ? buf.subarray(0, size) : buf).toString('utf8').split('\n').filter(Boolean);
}

/**
 * The lines of a file from its end backwards (`size` ≥ 0: only its first `size` bytes): 16 KB first (a page of
 * 50 events is about 10 KB), each read twice the one before up to 1 MB, so a long walk back takes few reads.
 */
async function* linesBackward(file: string, size: number): AsyncGenerator<string> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    let pos = size >= 0 ? size : (await handle.stat()).size;
    let rest = Buffer.alloc(0);
    let step = 16 * 1024;
    while (pos > 0) {
      const start = Math.max(0, pos - step);
      step = Math.min(step * 2, 1024 * 1024);
      const chunk = Buffer.alloc(pos - start);
      await handle.read(chunk, 0, chunk.length, start);
      pos = start;
      const data = Buffer.concat([chunk, rest]);
      let end = data.length;
      let nl = data.lastIndexOf(10, end - 1);
      while (nl >= 0) {
        if (end - nl > 1) yield data.subarray(nl + 1, end).toString('utf8');
        end = nl;
        nl = end > 0 ? data.lastIndexOf(10, end - 1) : -1;
      }
      rest = data.subarray(0, end); // the start of a line whose beginning is in the chunk before
    }
    if (rest.length) yield rest.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Every line of the log beside `logFile`, oldest first, read straight from its files (the CLI, no server). */
export function auditFileLines(logFile: string): string[] {
  const texts = [...sealedSegments(logFile).map((s) => readFileSync(s.file, 'utf8')), statSync(logFile, { throwIfNoEntry: false }) ? readFileSync(logFile, 'utf8') : ''];
  return texts.flatMap((t) => t.split('\n').filter(Boolean));
}

export interface FileVerdict extends AuditVerdict { notes: string[] }

/**
 * `inzage audit verify`: the whole chain, then the head record — which the log may run ahead of (by the writes
 * under way at a crash) but never behind, and whose HMAC needs the data directory's secret (`anchorKey`).
 */
export function verifyAuditFiles(logFile: string, anchorKey: Buffer | undefined): FileVerdict {
  const lines = auditFileLines(logFile);
  const notes: string[] = [];
  const headFile = headFileOf(logFile);
  let headText: string | undefined;
  try {
    headText = readFileSync(headFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const head = headText !== undefined && anchorKey ? readHead(headText, anchorKey) : undefined;
  const c = new ChainChecker();
  let hashAtHead: string | undefined;
  for (const raw of lines) {
    if (!c.push(raw)) break;
    if (head && 'point' in head && c.seq === head.point.seq) hashAtHead = c.hash;
  }
  let problem = c.problem;
  if (!c.broken) {
    if (!anchorKey) notes.push('the head record was not checked: no secret (set INZAGE_SECRET or keep DATA/secret)');
    else if (headText === undefined) {
      if (c.anchors > 0) problem ??= { seq: c.seq + 1, line: c.seq + 1, reason: `the head record ${headFile} is missing: lines may have been cut off the end` };
      else if (lines.length) notes.push('the log is not anchored yet (written by an older version): the next server start anchors it');
    } else if (head && 'problem' in head) problem ??= { seq: c.seq, line: c.seq, reason: head.problem };
    else if (head) {
      const p = headProblem(head.point, c.point, (n) => (n === head.point.seq ? hashAtHead : undefined));
      if (p) problem ??= { seq: Math.min(head.point.seq, c.seq + 1), line: Math.min(head.point.seq, c.seq + 1), reason: p };
    }
  }
  return problem ? { ok: false, count: lines.length, problem, notes } : { ok: true, count: lines.length, notes };
}

export const sealAad = (action: string, target: string) => `${action}\n${target}`;

/**
 * The event an append stores (without its number, given when written), personal details sealed with their
 * sitting's key; `keyPersisted` resolves once a key made for it is durable (the append waits for it too).
 */
export function eventOf(input: AuditInput, now: number, keys: AuditKeyStore | undefined): { event: Omit<AuditEvent, 'seq'>; keyPersisted: Promise<void> } {
  let details = input.details ?? {};
  let keyPersisted: Promise<void> = Promise.resolve();
  if (input.personal) {
    if (!keys) throw new Error('this audit log has no keys to seal personal details with');
    const { sealed, persisted } = keys.seal(input.personal.scope, input.personal.fields, sealAad(input.action, input.target));
    details = { ...details, sealed };
    keyPersisted = persisted;
  }
  const event: Omit<AuditEvent, 'seq'> = { at: new Date(now).toISOString(), actor: input.actor, action: input.action, target: input.target, details };
  return { event, keyPersisted };
}

/** The key id of a stored line's sealed details, if it has any. */
export function sealedKid(line: AuditLine | AuditEvent): string | undefined {
  const sealed = (line.details as { sealed?: unknown } | undefined)?.sealed;
  return isSealed(sealed) ? sealed.kid : undefined;
}

export function isSealed(v: unknown): v is Sealed {
  const s = v as Sealed;
  return typeof s === 'object' && s !== null && typeof s.kid === 'string' && Array.isArray(s.fields) && typeof s.data === 'string';
}

/** A stored line as readers see it: without its chain fields, sealed details opened where their key exists. */
export function openEvent(line: AuditLine | AuditEvent, keys?: AuditKeyStore): AuditEvent {
  const { prev: _p, hash: _h, ...event } = line as AuditLine;
  const { sealed, ...plain } = event.details ?? {};
  if (!isSealed(sealed)) return event;
  const opened = keys?.open(sealed, sealAad(event.action, event.target));
  const fields = opened ?? Object.fromEntries(sealed.fields.map((f) => [f, SHREDDED]));
  return { ...event, details: { ...plain, ...fields } };
}
