/**
 * The review journal (docs/design.md: Storage, "The review journal"): the file store's review sessions and review
 * records as an append-only, fsynced journal of changes, compacted in the background into a snapshot.
 *
 *   reviews-snapshot.json        {version, seq, reviews, records}: the state after every change numbered ≤ seq
 *   reviews-journal.<gen>.jsonl  one change per line, `{n, op, …}`, n strictly increasing over all segments
 *
 * A change applies in memory at once and is numbered then; its line is appended with the others that arrived
 * meanwhile (group commit: one write and one fdatasync for all the lines waiting while the last one ran), and its
 * promise resolves when that is on disk. A start is one line, an end one line (its record another, usually in the
 * same write).
 *
 * Loading is the snapshot (or, in a data directory of an earlier build, `reviews.json` and `review-records.json`)
 * plus every line numbered above its `seq`, in order. An unfinished last line of a segment (no line end, does not
 * parse: a crash cut the write before its fsync returned, so never acknowledged) is dropped — cut off the file
 * before the next append, kept in `NAME.torn`; any other line that does not parse or does not fit stops the server
 * (CorruptDataError naming the file and line), never an empty store.
 *
 * Compaction (when the journal has grown past the snapshot's size, at least `compactBytes`; after a purge's
 * removal; at the first write after an upgrade): the next writes go to a new segment, the state as it is in memory
 * at the last number given out (`Q`) is written as the snapshot (temp file, fsync, rename, directory fsync), then
 * the older segments (and the files of an earlier build) are removed. A crash before the rename leaves the old
 * snapshot and every segment; after it, the new snapshot and segments whose lines ≤ Q are skipped: nothing
 * acknowledged is lost, and no change is applied twice — a removed record never comes back.
 */
import { readFileSync, readdirSync, statSync, appendFileSync, truncateSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ReviewSession } from '../../shared/domain.ts';
import type { ReviewRecord } from '../../shared/reviewRecord.ts';
import { AppendFile, splitTornTail } from './appendFile.ts';
import { CorruptDataError, readJsonFileSync, syncDir, writeFileDurably } from './durableFile.ts';

export const SNAPSHOT_FILE = 'reviews-snapshot.json';
export const LEGACY_REVIEWS = 'reviews.json';
export const LEGACY_RECORDS = 'review-records.json';
const SEGMENT = /^reviews-journal\.(\d{6,})\.jsonl$/;
const segmentName = (gen: number) => `reviews-journal.${String(gen).padStart(6, '0')}.jsonl`;

/** One change: `add` a session; `move` replaces one that is still there (coalesced); `end` replaces and trims the ended history. */
export type Change =
  | { op: 'add'; s: ReviewSession }
  | { op: 'move'; s: ReviewSession }
  | { op: 'end'; s: ReviewSession; keep: number }
  | { op: 'del'; ids: string[] }
  | { op: 'rec'; r: ReviewRecord[] }
  | { op: 'recdel'; ids: string[] };
type Line = Change & { n: number };

interface Snapshot { version: 1; seq: number; reviews: ReviewSession[]; records: ReviewRecord[] }

/** The state: insertion-ordered maps (a replaced session keeps its place; a replaced record moves last). */
export class ReviewState {
  readonly reviews = new Map<string, ReviewSession>();
  readonly records = new Map<string, ReviewRecord>();
  private allCache: ReviewSession[] | null = null;
  private activeCache: ReviewSession[] | null = null;
  private recordsCache: ReviewRecord[] | null = null;

  constructor(reviews: readonly ReviewSession[] = [], records: readonly ReviewRecord[] = []) {
    for (const s of reviews) this.reviews.set(s.id, s);
    for (const r of records) this.records.set(r.id, r);
  }

  // the lists are shared until the next change, frozen so that no caller can change them for the others
  allReviews(): readonly ReviewSession[] {
    return (this.allCache ??= Object.freeze([...this.reviews.values()]) as ReviewSession[]);
  }

  activeReviews(): ReviewSession[] {
    return (this.activeCache ??= Object.freeze(this.allReviews().filter((r) => !r.endedAt)) as ReviewSession[]);
  }

  allRecords(): readonly ReviewRecord[] {
    return (this.recordsCache ??= Object.freeze([...this.records.values()]) as ReviewRecord[]);
  }

  apply(c: Change): void {
    switch (c.op) {
      case 'add':
        this.reviews.set(c.s.id, c.s);
        break;
      case 'move':
        if (!this.reviews.has(c.s.id)) return;
        this.reviews.set(c.s.id, c.s);
        break;
      case 'end': {
        if (this.reviews.has(c.s.id)) this.reviews.set(c.s.id, c.s);
        let excess = -c.keep;
        for (const r of this.reviews.values()) if (r.endedAt) excess++;
        if (excess > 0) {
          for (const r of this.reviews.values()) { // deleting while iterating a Map is well defined
            if (excess === 0) break;
            if (r.endedAt) {
              this.reviews.delete(r.id);
              excess--;
            }
          }
        }
        break;
      }
      case 'del':
        for (const id of c.ids) this.reviews.delete(id);
        break;
      case 'rec':
        for (const r of c.r) {
          this.records.delete(r.id);
          this.records.set(r.id, r);
        }
        this.recordsCache = null;
        return;
      case 'recdel':
        for (const id of c.ids) this.records.delete(id);
        this.recordsCache = null;
        return;
    }
    this.allCache = null;
    this.activeCache = null;
  }
}

export interface ReviewJournalOptions {
  /** coalescing delay of `moveSoon` */
  delayMs?: number;
  /** compact once the journal holds this many bytes more than the snapshot's size (default 1 MB) */
  compactBytes?: number;
}

interface Pending { text: string; resolve: () => void; reject: (e: unknown) => void }

/** What `load` found: the state, the last number, the segments and where the last one's good data ends. */
interface Loaded {
  state: ReviewState;
  seq: number;
  snapshotBytes: number;
  journalBytes: number;
  gens: number[];
  /** the last segment's committed length, and whether its last line lacks its line end */
  lastGood: { size: number; torn: string | undefined; needsNewline: boolean } | undefined;
  legacy: boolean;
}

export class ReviewJournal {
  readonly state: ReviewState;
  private seq: number;
  private gen: number;
  /** segments older than the one being written (removed by the next compaction) */
  private oldGens: number[];
  private out: AppendFile;
  private batch: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** the append under way (its segment is not removed before it is done) */
  private inflight: Promise<void> | null = null;
  /** the last segment as found at open: its torn tail is cut before the first append */
  private repair: Loaded['lastGood'];
  private legacy: boolean;
  private snapshotBytes: number;
  private journalBytes: number;
  private compacting: Promise<void> | null = null;
  private compactAgain = false;
  private readonly compactBytes: number;
  private readonly delayMs: number;
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** bytes and writes (tests and the bench read them) */
  readonly stats = { writes: 0, lines: 0, compactions: 0 };

  constructor(readonly dir: string, opts: ReviewJournalOptions = {}) {
    this.delayMs = opts.delayMs ?? 100;
    this.compactBytes = opts.compactBytes ?? 1024 * 1024;
    const loaded = loadReviewJournal(dir);
    this.state = loaded.state;
    this.seq = loaded.seq;
    this.snapshotBytes = loaded.snapshotBytes;
    this.journalBytes = loaded.journalBytes;
    this.legacy = loaded.legacy;
    this.repair = loaded.lastGood;
    this.gen = loaded.gens.at(-1) ?? 1;
    this.oldGens = loaded.gens.slice(0, -1);
    this.out = new AppendFile(join(dir, segmentName(this.gen)), !loaded.gens.length);
  }

  /**
   * Take a session back out of memory whose `add` line could not be written (a full disk): memory holds no session
   * the journal does not, and a kiosk it named is free again. Nothing is written.
   */
  forget(id: string): void {
    this.state.apply({ op: 'del', ids: [id] });
    this.dirty.delete(id);
  }

  /** Apply a change in memory now; resolves once its line is on disk. */
  commit(change: Change): Promise<void> {
    this.state.apply(change);
    if (change.op === 'end' || change.op === 'del') {
      // a move not yet written is in the end's session, or gone with it
      if (change.op === 'end') this.dirty.delete(change.s.id);
      else for (const id of change.ids) this.dirty.delete(id);
    }
    return this.enqueue(change);
  }

  /** Apply a session's move in memory now; its line is written within `delayMs`, with any other moves meanwhile. */
  moveSoon(session: ReviewSession): void {
    this.state.apply({ op: 'move', s: session });
    if (!this.state.reviews.has(session.id)) return;
    this.dirty.add(session.id);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writeMoves().catch((e) => console.error(`inzage: could not write the review journal in ${this.dir}:`, e));
    }, this.delayMs);
    this.timer.unref?.();
  }

  private writeMoves(): Promise<void> {
    const moves: Promise<void>[] = [];
    for (const id of this.dirty) {
      const s = this.state.reviews.get(id);
      if (s) moves.push(this.enqueue({ op: 'move', s }));
    }
    this.dirty.clear();
    return Promise.all(moves).then(() => undefined);
  }

  private enqueue(change: Change): Promise<void> {
    const line: Line = { n: ++this.seq, ...change };
    const text = `${JSON.stringify(line)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.batch.push({ text, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.batch.length) {
        const batch = this.batch;
        this.batch = [];
        let text = batch.length === 1 ? batch[0]!.text : batch.map((b) => b.text).join('');
        try {
          if (this.repair) text = this.repairTail() + text;
          this.inflight = this.out.append(text);
          await this.inflight;
        } catch (e) {
          for (const b of batch) b.reject(e);
          continue;
        }
        this.stats.writes++;
        this.stats.lines += batch.length;
        this.journalBytes += Buffer.byteLength(text);
        for (const b of batch) b.resolve();
        if (this.compactDue()) this.compactInBackground();
      }
    } finally {
      this.inflight = null;
      this.flushing = null;
    }
  }

  /** Before the first append to a segment found at open: cut its torn tail off (kept in NAME.torn); the prefix to write. */
  private repairTail(): string {
    const r = this.repair!;
    this.repair = undefined;
    const file = this.out.file;
    if (r.torn !== undefined) {
      appendFileSync(`${file}.torn`, `${new Date().toISOString()} ${r.torn}\n`, { mode: 0o600 });
      truncateSync(file, r.size);
      process.emitWarning(`${file}: removed an unfinished last line left by a crash (kept in ${file}.torn)`);
    }
    return r.needsNewline ? '\n' : '';
  }

  private compactDue(): boolean {
    return this.legacy || this.journalBytes > Math.max(this.compactBytes, this.snapshotBytes);
  }

  private compactInBackground(): void {
    if (this.compacting) return; // the one under way covers what is due
    this.compact().catch((e) => process.emitWarning(`the review journal in ${this.dir} could not be compacted: ${(e as Error).message}`));
  }

  /** Compact now (or after the one under way, and then once more); resolves when the snapshot holds every change so far. */
  compact(): Promise<void> {
    if (this.compacting) {
      this.compactAgain = true;
      return this.compacting;
    }
    const run = (async () => {
      try {
        do {
          this.compactAgain = false;
          await this.compactOnce();
        } while (this.compactAgain);
      } finally {
        this.compacting = null;
      }
    })();
    this.compacting = run;
    return run;
  }

  private async compactOnce(): Promise<void> {
    // the next batch goes to a new segment; the state at `upTo` includes every line numbered so far
    const upTo = this.seq;
    const reviews = this.state.allReviews();
    const records = this.state.allRecords();
    const written = this.inflight;
    const old = [...this.oldGens, this.gen];
    const oldOut = this.out;
    this.gen++;
    this.out = new AppendFile(join(this.dir, segmentName(this.gen)), true);
    this.repair = undefined;
    this.oldGens = [];
    const journalBefore = this.journalBytes;
    let text: string;
    try {
      text = await snapshotText(upTo, reviews, records);
      await writeFileDurably(join(this.dir, SNAPSHOT_FILE), text);
    } catch (e) {
      this.oldGens = [...old, ...this.oldGens]; // still to be removed, by a compaction that succeeds
      throw e;
    }
    this.snapshotBytes = Buffer.byteLength(text);
    this.journalBytes -= journalBefore;
    // the old segments: nothing more is written to them once the batch under way at the rotation is done
    await written?.catch(() => undefined);
    await oldOut.close();
    for (const g of old) await fs.rm(join(this.dir, segmentName(g)), { force: true });
    if (this.legacy) {
      for (const f of [LEGACY_REVIEWS, LEGACY_RECORDS]) {
        await fs.rm(join(this.dir, f), { force: true });
        await fs.rm(join(this.dir, `${f}.bak`), { force: true });
      }
      this.legacy = false;
    }
    await syncDir(this.dir);
    this.stats.compactions++;
  }

  /** Write pending moves now and wait for every write and compaction under way. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.writeMoves();
    }
    while (this.flushing || this.compacting) await (this.flushing ?? this.compacting);
  }
}

/**
 * The snapshot's JSON, a few hundred elements at a time with a turn of the event loop between (a large history of
 * records must not hold up the starts meanwhile); the lists are frozen, so they do not change under it.
 */
async function snapshotText(seq: number, reviews: readonly ReviewSession[], records: readonly ReviewRecord[]): Promise<string> {
  const parts: string[] = [`{"version":1,"seq":${seq},"reviews":[`];
  const list = async (items: readonly object[]) => {
    for (let i = 0; i < items.length; i++) {
      parts.push(i ? `,${JSON.stringify(items[i])}` : JSON.stringify(items[i]));
      if (i % 500 === 499) await nextTurn();
    }
  };
  await list(reviews);
  parts.push('],"records":[');
  await list(records);
  parts.push(']}');
  return parts.join('');
}

const segmentGens = (dir: string): number[] => {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names.flatMap((n) => {
    const m = SEGMENT.exec(n);
    return m ? [Number(m[1])] : [];
  }).sort((a, b) => a - b);
};

const fileId = (file: string) => {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.mtimeMs}:${st.size}` : 'none';
};

/**
 * Read the review state from a data directory (snapshot + journal; or the files of an earlier build), writing
 * nothing. A reader without the lock (a CLI command while the server runs) may meet a compaction: it reads again
 * when the snapshot changed under it or a segment vanished.
 */
export function loadReviewJournal(dir: string): Loaded {
  for (let attempt = 0; ; attempt++) {
    const snapFile = join(dir, SNAPSHOT_FILE);
    const before = fileId(snapFile);
    try {
      const loaded = loadOnce(dir);
      if (fileId(snapFile) === before) return loaded;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw e;
    }
    if (attempt >= 5) throw new Error(`the review journal in ${dir} kept changing while it was read`);
  }
}

function loadOnce(dir: string): Loaded {
  const snapFile = join(dir, SNAPSHOT_FILE);
  let snapText: string | undefined;
  try {
    snapText = readFileSync(snapFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  let state: ReviewState;
  let seq = 0;
  let legacy = false;
  if (snapText !== undefined) {
    let snap: Snapshot;
    try {
      snap = JSON.parse(snapText) as Snapshot;
    } catch (e) {
      throw new CorruptDataError(snapFile, (e as Error).message);
    }
    if (snap?.version !== 1 || !Number.isInteger(snap.seq) || !Array.isArray(snap.reviews) || !Array.isArray(snap.records)) {
      throw new CorruptDataError(snapFile, 'it is not a review snapshot of this version');
    }
    state = new ReviewState(snap.reviews.map(upgradeSession), snap.records);
    seq = snap.seq;
  } else {
    const reviews = readJsonFileSync<{ reviews?: ReviewSession[] }>(join(dir, LEGACY_REVIEWS));
    const records = readJsonFileSync<{ records?: ReviewRecord[] }>(join(dir, LEGACY_RECORDS));
    legacy = reviews !== undefined || records !== undefined;
    state = new ReviewState((reviews?.reviews ?? []).map(upgradeSession), records?.records ?? []);
  }
  const snapshotBytes = snapText === undefined ? 0 : Buffer.byteLength(snapText);
  const gens = segmentGens(dir);
  let journalBytes = 0;
  let lastN = 0;
  let lastGood: Loaded['lastGood'];
  for (const [i, gen] of gens.entries()) {
    const file = join(dir, segmentName(gen));
    const raw = readFileSync(file, 'utf8');
    const { kept, torn, needsNewline } = splitTornTail(raw);
    if (i === gens.length - 1) lastGood = { size: Buffer.byteLength(kept), torn, needsNewline };
    journalBytes += Buffer.byteLength(kept);
    const lines = kept.split('\n');
    for (let ln = 0; ln < lines.length; ln++) {
      const text = lines[ln]!;
      if (text === '') {
        if (ln === lines.length - 1) continue;
        throw new CorruptDataError(file, `line ${ln + 1} is empty`);
      }
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch (e) {
        throw new CorruptDataError(file, `line ${ln + 1} does not parse: ${(e as Error).message}`);
      }
      const problem = lineProblem(line);
      if (problem) throw new CorruptDataError(file, `line ${ln + 1} ${problem}`);
      if (line.n <= lastN) throw new CorruptDataError(file, `line ${ln + 1} is change ${line.n}, not after change ${lastN} before it`);
      lastN = line.n;
      if (line.n <= seq) continue; // in the snapshot already
      state.apply(line.op === 'add' || line.op === 'move' || line.op === 'end' ? { ...line, s: upgradeSession(line.s) } : line);
      seq = line.n;
    }
  }
  return { state, seq, snapshotBytes, journalBytes, gens, lastGood, legacy };
}

function lineProblem(l: Line): string | undefined {
  if (typeof l !== 'object' || l === null || !Number.isInteger(l.n) || l.n < 1) return 'has no change number';
  switch (l.op) {
    case 'add': case 'move': return typeof l.s?.id === 'string' ? undefined : 'has no session';
    case 'end': return typeof l.s?.id === 'string' && Number.isInteger(l.keep) ? undefined : 'has no session';
    case 'del': case 'recdel': return Array.isArray(l.ids) ? undefined : 'has no ids';
    case 'rec': return Array.isArray(l.r) && l.r.every((r) => typeof r?.id === 'string') ? undefined : 'has no records';
    default: return `has an unknown change '${String((l as { op: unknown }).op)}'`;
  }
}

/**
 * Sessions stored by earlier builds kept the approving user's id as `approvedBy` (the wire's `ReviewDto.approvedBy`
 * is a username): read it as `approvedById`. Written with the new name at the next compaction.
 */
function upgradeSession(s: ReviewSession): ReviewSession {
  const old = s as ReviewSession & { approvedBy?: unknown };
  if (!('approvedBy' in old)) return s;
  const { approvedBy, ...rest } = old;
  return rest.approvedById === undefined && typeof approvedBy === 'string' ? { ...rest, approvedById: approvedBy } : rest;
}

/** The review sessions and records as stored in a data directory (tests, tools: reads, writes nothing). */
export function readStoredReviews(dir: string): { reviews: ReviewSession[]; records: ReviewRecord[] } {
  const { state } = loadReviewJournal(dir);
  return { reviews: [...state.allReviews()], records: [...state.allRecords()] };
}

