/**
 * Exam content and results (docs/design.md: Storage): large, written at import, read on demand.
 *
 *   exams.json       every exam with its questions, keys and schemes, and its earlier versions that sittings
 *                    still use (examCatalog.ts)
 *   candidates.json  every candidate (number, name, class)
 *   index.json       groups, a summary per sitting (totals, grade, exam version, where its line is): enough for
 *                    every list; and each shard's size and checksum, checked at boot (shards.ts)
 *   results/*.jsonl  one shard per group, a sitting (with its responses) per line; a review start reads just
 *                    its own line at the offset the index gives, never the whole group
 *
 * Files are rewritten only when their content changed: shards first, the index after them, and a shard that is
 * no longer needed is removed last.
 */
import { mkdirSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Candidate, Exam, Group, ReviewSettings, Sitting } from '../../shared/domain.ts';
import type { ExamChangeDto } from '../../shared/protocol.ts';
import type { ImportedExam } from '../../shared/schema.ts';
import { CorruptDataError, parseJsonOf, readJsonFile, readJsonFileSync, writeFileDurably } from './durableFile.ts';
import { ExamCatalog, type ExamChange, type ExamsFile, type StoredExam } from './examCatalog.ts';
import { checkShards, parseShard, shardFileName, shardText, stampOf, type ShardExpectation, type ShardStamp } from './shards.ts';
import { SummaryLines } from './summaryLines.ts';

export { shardFileName } from './shards.ts';

/**
 * A sitting without its responses, plus where its line is in its group's shard: `lineAt` (its offset) and
 * `lineLength`, in bytes. Two numbers, not the `[offset, length]` array index.json stores (`loc`): an array is two
 * more heap objects per summary, 200,000 for 100,000 sittings, which every full garbage collection marks (issue 17).
 */
export type SittingSummary = Omit<Sitting, 'responses'> & { lineAt?: number; lineLength?: number };
/** A summary as index.json stores it. */
type StoredSummary = Omit<Sitting, 'responses'> & { loc?: [number, number] };

export interface ContentChanges {
  /** imported exams: a change to the questions adds a version; review settings merge (examCatalog.ts) */
  exams?: ImportedExam[];
  /** review settings set in the console */
  reviews?: { examId: string; review: ReviewSettings }[];
  /** how long an exam's candidate data is kept, set in the console (undefined: the default) */
  retentions?: { examId: string; retainUntil: string | undefined }[];
  /**
   * An import (server/import/changes.ts): each exam whose groups or sittings this change adds or changes gets the
   * store's current time (its injected clock) as `dataImportedAt`, from which its default retention counts. A purge's
   * changes to a group's candidate list are no import; nor is an import that changes nothing (it writes nothing).
   */
  imported?: boolean;
  /**
   * When exams' candidate data was imported, given (migrate's copy carries the source's; `ifMissing`: the upgrade of
   * data an older build imported, stamped at its first start without changing a time already there).
   */
  importTimes?: { examId: string; at: string; ifMissing?: boolean }[];
  candidates?: Candidate[];
  groups?: Group[];
  sittings?: Sitting[];
  removeSittings?: string[];
  removeGroups?: string[];
  removeCandidates?: string[];
}

export interface ChangeCounts {
  exams: { added: number; updated: number; unchanged: number };
  candidates: { added: number; updated: number; unchanged: number; removed: number };
  groups: { added: number; updated: number; unchanged: number; removed: number };
  sittings: { added: number; updated: number; unchanged: number; removed: number };
}

/** What a change did (or, planned, would do): counts per kind, and per imported exam what happened to it. */
export interface ContentReport { counts: ChangeCounts; exams: ExamChangeDto[] }

interface Shard { groupId: string; sittings: Sitting[] }

/**
 * A store opened for the server reads its content in the background (docs/design.md: Start-up): the server
 * listens and kiosks reconnect meanwhile; whatever needs content waits for {@link ContentStore.ready}.
 * `until` holds the reading back (tests).
 */
export interface ContentLoading {
  until?: Promise<unknown>;
  /** holds back only the sittings' summaries: exams, candidates and the index's head are read (tests of resume) */
  summariesUntil?: Promise<unknown>;
}

/** What a kiosk's review needs of the content, found before every sitting's summary is read ({@link ContentStore.forResume}). */
export interface ResumeParts { sitting: Sitting; exam: Exam; candidate: Candidate | undefined }

/**
 * The small content files and the index's raw bytes, once read and before the summaries are parsed: enough to find an
 * active review's sitting by its line in the index (the index's line layout, {@link indexText}).
 */
interface EarlyContent {
  catalog: ExamCatalog;
  candidates: Map<string, Candidate>;
  index: Buffer | undefined;
  layout: IndexLayout | null;
  /** each summary line's start by sitting id, found at the first lookup */
  lines?: SummaryLines;
}

/** A synchronous read of content before it was read (a caller that should have awaited `ready()`). */
export class ContentNotLoadedError extends Error {
  constructor() {
    super('the exam content is still being read: wait for content.ready()');
  }
}
interface IndexFile { groups: Group[]; sittings: StoredSummary[]; shards?: Record<string, ShardStamp> }
interface ParsedIndex { groups: Group[]; sittings: SittingSummary[]; shards?: Record<string, ShardStamp> }

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const summaryOf = (s: Sitting): SittingSummary => summary(s);

/** The fields {@link summary} copies by name. */
type SummaryField = 'id' | 'groupId' | 'examId' | 'candidateNumber' | 'startedAt' | 'submittedAt' | 'grade' | 'totalScore' | 'maxScore' | 'examVersion';
/** A field added to `Sitting` and not to {@link summary} fails to compile here instead of being dropped from summaries. */
const EVERY_FIELD_COPIED: Record<Exclude<keyof Omit<Sitting, 'responses'>, SummaryField>, never> = {};
void EVERY_FIELD_COPIED;

/**
 * A summary as one object literal of every field, in one order: its fields in the object itself, no separate
 * property store (properties added after an object is made go into one) and one shape for the usual summary.
 */
export function summary(s: Omit<Sitting, 'responses'>, lineAt?: number, lineLength?: number): SittingSummary {
  const { id, groupId, examId, candidateNumber, startedAt, submittedAt, grade, totalScore, maxScore, examVersion } = s;
  if (grade !== undefined && examVersion !== undefined && lineAt !== undefined && lineLength !== undefined) {
    return { id, groupId, examId, candidateNumber, startedAt, submittedAt, grade, totalScore, maxScore, examVersion, lineAt, lineLength };
  }
  const out: SittingSummary = { id, groupId, examId, candidateNumber, startedAt, submittedAt, totalScore, maxScore };
  if (grade !== undefined) out.grade = grade;
  if (examVersion !== undefined) out.examVersion = examVersion;
  if (lineAt !== undefined && lineLength !== undefined) {
    out.lineAt = lineAt;
    out.lineLength = lineLength;
  }
  return out;
}

/** A summary as held in memory, from its stored form. */
const fromStored = (s: StoredSummary): SittingSummary => summary(s, s.loc?.[0], s.loc?.[1]);
/** Equal sittings; a stored line from before exam versions carries its version in the index only. */
const sameSitting = (stored: Sitting, version: string | undefined, s: Sitting) =>
  (stored.examVersion ?? version) === s.examVersion && same({ ...stored, examVersion: undefined }, { ...s, examVersion: undefined });

export class ContentStore {
  private catalog: ExamCatalog = ExamCatalog.load(undefined);
  private candidatesByNumber = new Map<string, Candidate>();
  private groupsById = new Map<string, Group>();
  private summaries = new Map<string, SittingSummary>();
  private byGroup = new Map<string, SittingSummary[]>();
  private byCandidate = new Map<string, SittingSummary[]>();
  private shardCache = new Map<string, Shard>();
  private stamps = new Map<string, ShardStamp>();
  private readonly resultsDir: string;
  private writing: Promise<unknown> = Promise.resolve();
  private changes = 0;

  /** set once the files are read (at once, or in the background: {@link ContentLoading}) */
  private loaded = false;
  private loading: Promise<void> | null = null;
  /** while the summaries are parsed (a lazily opened store): what a resume can be served from meanwhile */
  private early: EarlyContent | null = null;
  /** settles once {@link early} is set, or the reading ended without it (read at once, or failed) */
  private earlyRead: Promise<void> | null = null;
  /** what the summaries' parse waits for ({@link deferSummaries}), and its release */
  private hold: Promise<unknown> | null = null;
  private release: (() => void) | null = null;

  constructor(
    private readonly dir: string, private readonly cacheSize = 16, private readonly lazy?: ContentLoading,
    /** the injected clock: the time an import stamps (ContentChanges.imported) */
    private readonly now: () => number = Date.now,
  ) {
    this.resultsDir = join(dir, 'results');
    mkdirSync(this.resultsDir, { recursive: true, mode: 0o700 });
    if (!lazy) {
      const byNumber = new Map<string, Candidate>();
      for (const c of readJsonFileSync<{ candidates: Candidate[] }>(this.file('candidates.json'))?.candidates ?? []) byNumber.set(c.number, c);
      // (either layout of index.json is one JSON document)
      this.load(ExamCatalog.load(readJsonFileSync<ExamsFile>(this.file('exams.json'))), byNumber, heldIndex(readJsonFileSync<IndexFile>(this.file('index.json')) ?? null));
      this.loading = Promise.resolve();
      this.earlyRead = Promise.resolve();
    }
  }

  /** Whether the content is read: before, every synchronous read throws {@link ContentNotLoadedError}. */
  get isReady(): boolean {
    return this.loaded;
  }

  /**
   * Resolves once the content is read; starts reading it when that has not begun (a lazily opened store). Rejects
   * with CorruptDataError when a file is damaged, as opening it eagerly throws.
   */
  ready(): Promise<void> {
    if (!this.loading) {
      let earlyRead!: () => void;
      this.earlyRead = new Promise<void>((res) => { earlyRead = res; });
      this.loading = (async () => {
        try {
          await this.lazy?.until;
          // read off the main thread; the index as bytes, parsed in steps below (its line layout) or at once
          const indexFile = this.file('index.json');
          const [exams, candidates, index] = await Promise.all([
            readJsonFile<ExamsFile>(this.file('exams.json')),
            readJsonFile<{ candidates: Candidate[] }>(this.file('candidates.json')),
            readFileIfAny(indexFile),
          ]);
          const catalog = ExamCatalog.load(exams);
          const byNumber = new Map<string, Candidate>();
          for (const c of candidates?.candidates ?? []) byNumber.set(c.number, c);
          const layout = index ? indexLayout(index) : null;
          // a kiosk's review can be found from here on, before every summary is parsed (forResume)
          this.early = { catalog, candidates: byNumber, index, layout };
          earlyRead();
          await this.lazy?.summariesUntil;
          // the running reviews' kiosks first (deferSummaries); an index of the older layout serves none early
          if (layout) await this.hold;
          const parsed = index === undefined ? undefined : layout ? await parseIndexInSteps(indexFile, index, layout) : heldIndex(parseJsonOf<IndexFile>(indexFile, index.toString('utf8')));
          // everything is set at once, after the whole index parsed: nothing half-read is ever seen
          this.load(catalog, byNumber, parsed);
        } finally {
          this.early = null;
          earlyRead();
        }
      })();
    }
    this.loading.catch(() => undefined); // a failure is the caller's to report, never an unhandled rejection
    return this.loading;
  }

  /**
   * Parse the sittings' summaries (the bulk of the content) only once `until` settles, so that a restarted server's
   * CPU goes to its kiosks first, each served by {@link forResume} meanwhile (docs/design.md: Start-up); released
   * earlier by {@link summariesNow}. For a store still reading.
   */
  deferSummaries(until: Promise<unknown>): void {
    if (this.loaded) return;
    this.hold = new Promise<void>((res) => {
      this.release = () => { this.release = null; res(); };
      until.then(() => this.release?.(), () => this.release?.());
    });
  }

  /** Someone waits for the whole content (a resume not served early, a kiosk's command): no more deferring. */
  summariesNow(): void {
    this.release?.();
  }

  /**
   * A restarted server's kiosk gets its review back before every sitting's summary is read (docs/design.md:
   * Start-up): the sitting's summary is found by its line in the index's raw bytes, the sitting by its line in its
   * shard, the exam and the candidate in the small files, read first. `undefined` when the content is read already
   * (use the ordinary reads), or when this cannot find the sitting early (an index of the older layout, a sitting the
   * index does not list): the caller then waits for {@link ready}.
   */
  async forResume(sittingId: string): Promise<ResumeParts | undefined> {
    if (this.loaded) return undefined;
    void this.ready();
    await this.earlyRead;
    // damage found here (a shard line that does not parse) is the full read's to report: it stops the server
    const parts = await this.findEarly(sittingId).catch(() => undefined);
    if (!parts) this.summariesNow(); // its caller waits for the whole content: read it now
    return parts;
  }

  private async findEarly(sittingId: string): Promise<ResumeParts | undefined> {
    const early = this.early;
    if (!early?.index || !early.layout) return undefined;
    early.lines ??= SummaryLines.of(early.index, early.layout.bodyStart, early.layout.bodyEnd);
    const start = early.lines.find(sittingId);
    if (start === undefined) return undefined;
    let end = early.index.indexOf(10, start);
    if (end < 0 || end > early.layout.bodyEnd) end = early.layout.bodyEnd;
    if (early.index[end - 1] === 0x2c) end -= 1; // the comma between summaries
    let stored: StoredSummary;
    try {
      stored = JSON.parse(early.index.toString('utf8', start, end)) as StoredSummary;
    } catch {
      return undefined; // damage: the full read says so, and stops the server
    }
    if (stored?.id !== sittingId || typeof stored.groupId !== 'string') return undefined;
    const sitting = await this.findSitting(fromStored(stored));
    if (!sitting) return undefined;
    // (as load and sitting() do: a line from before exam versions has its version in the index, or the legacy one)
    const version = sitting.examVersion ?? stored.examVersion ?? early.catalog.versionOfLegacySitting(stored.examId);
    const exam = early.catalog.atVersion(sitting.examId, version);
    if (!exam) return undefined;
    return { sitting: sitting.examVersion ? sitting : { ...sitting, examVersion: version }, exam, candidate: early.candidates.get(sitting.candidateNumber) };
  }

  private load(catalog: ExamCatalog, candidates: Map<string, Candidate>, index: ParsedIndex | undefined): void {
    this.catalog = catalog;
    this.candidatesByNumber = candidates;
    for (const g of index?.groups ?? []) this.groupsById.set(g.id, g);
    const share = sharedValues();
    for (const s of index?.sittings ?? []) {
      // a sitting stored before exams had versions was taken with the version stored then
      s.examVersion ??= this.catalog.versionOfLegacySitting(s.examId);
      share(s);
      this.summaries.set(s.id, s);
    }
    for (const [groupId, stamp] of Object.entries(index?.shards ?? {})) this.stamps.set(groupId, stamp);
    this.reindex();
    checkShards(this.resultsDir, this.shardExpectations());
    this.loaded = true;
  }

  /** Every synchronous read: never an empty answer for content that is still being read. */
  private need(): void {
    if (!this.loaded) throw new ContentNotLoadedError();
  }

  /** What the index says of each group's shard, for the check at boot. */
  private shardExpectations(): ShardExpectation[] {
    return [...this.byGroup].map(([groupId, list]) => {
      const stamp = this.stamps.get(groupId);
      let bytes: number | undefined = 0;
      for (const s of list) bytes = s.lineLength !== undefined && bytes !== undefined ? bytes + s.lineLength + 1 : undefined;
      return { groupId, sittings: list.length, ...(stamp ? { stamp } : {}), ...(bytes !== undefined ? { bytesFromOffsets: bytes } : {}) };
    });
  }

  private file(name: string) {
    return join(this.dir, name);
  }

  private reindex() {
    this.byGroup.clear();
    this.byCandidate.clear();
    for (const s of this.summaries.values()) {
      (this.byGroup.get(s.groupId) ?? this.byGroup.set(s.groupId, []).get(s.groupId)!).push(s);
      (this.byCandidate.get(s.candidateNumber) ?? this.byCandidate.set(s.candidateNumber, []).get(s.candidateNumber)!).push(s);
    }
  }

  /** Every exam, at its current version. */
  exams(): StoredExam[] { this.need(); return this.catalog.all(); }
  /** An exam at its current version (the one an import validates against, and new sittings belong to). */
  exam(id: string): StoredExam | undefined { this.need(); return this.catalog.get(id); }
  /** The exam with the questions of the version this sitting was taken with (the exam's review settings). */
  examOfSitting(s: Pick<Sitting, 'examId' | 'examVersion'>): Exam | undefined {
    this.need();
    return this.catalog.atVersion(s.examId, s.examVersion ?? this.catalog.versionOfLegacySitting(s.examId));
  }
  /** Counts the applied changes (ContentRepo.generation): what is derived from the content may be kept until it moves. */
  get generation(): number { return this.changes; }
  groups(): Group[] { this.need(); return [...this.groupsById.values()]; }
  group(id: string): Group | undefined { this.need(); return this.groupsById.get(id); }
  candidate(number: string): Candidate | undefined { this.need(); return this.candidatesByNumber.get(number); }
  candidates(): Candidate[] { this.need(); return [...this.candidatesByNumber.values()]; }
  sittingSummary(id: string): SittingSummary | undefined { this.need(); return this.summaries.get(id); }
  sittingSummaries(): SittingSummary[] { this.need(); return [...this.summaries.values()]; }
  sittingsOfGroup(groupId: string): SittingSummary[] { this.need(); return this.byGroup.get(groupId) ?? []; }
  sittingsOfCandidate(number: string): SittingSummary[] { this.need(); return this.byCandidate.get(number) ?? []; }
  counts() {
    this.need();
    return { exams: this.catalog.size, candidates: this.candidatesByNumber.size, groups: this.groupsById.size, sittings: this.summaries.size };
  }

  /** The full sitting with its responses: one line read at its offset (the whole shard only as a fallback). */
  async sitting(id: string): Promise<Sitting | undefined> {
    if (!this.loaded) await this.ready();
    const s = this.summaries.get(id);
    if (!s) return undefined;
    const found = await this.findSitting(s);
    // a line written before exam versions has its version in the index only
    return found && !found.examVersion && s.examVersion ? { ...found, examVersion: s.examVersion } : found;
  }

  private async findSitting(s: SittingSummary): Promise<Sitting | undefined> {
    const cached = this.shardCache.get(s.groupId);
    if (cached) return cached.sittings.find((x) => x.id === s.id);
    if (s.lineAt !== undefined && s.lineLength !== undefined) {
      const line = await this.readLine(s.groupId, s.lineAt, s.lineLength).catch(() => undefined);
      if (line?.id === s.id) return line;
    }
    return (await this.shard(s.groupId)).sittings.find((x) => x.id === s.id);
  }

  private async readLine(groupId: string, offset: number, length: number): Promise<Sitting | undefined> {
    const handle = await fs.open(join(this.resultsDir, shardFileName(groupId)), 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return bytesRead === length ? (JSON.parse(buf.toString('utf8')) as Sitting) : undefined;
    } finally {
      // not waited for: the line is read, and a start need not wait one more trip through the thread pool (issue 17)
      handle.close().catch(() => {});
    }
  }

  async sittingsWithResponses(groupId: string): Promise<Sitting[]> {
    if (!this.loaded) await this.ready();
    return (await this.shard(groupId)).sittings;
  }

  private async shard(groupId: string): Promise<Shard> {
    const cached = this.shardCache.get(groupId);
    if (cached) {
      this.shardCache.delete(groupId);
      this.shardCache.set(groupId, cached);
      return cached;
    }
    const path = join(this.resultsDir, shardFileName(groupId));
    let text = '';
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const shard = { groupId, sittings: parseShard(path, text) };
    this.remember(groupId, shard);
    return shard;
  }

  private remember(groupId: string, shard: Shard) {
    this.shardCache.set(groupId, shard);
    while (this.shardCache.size > this.cacheSize) this.shardCache.delete(this.shardCache.keys().next().value!);
  }

  /** Exactly what `apply` would change, without writing. */
  async plan(changes: ContentChanges): Promise<ChangeCounts> {
    return (await this.planWithReport(changes)).counts;
  }

  /** Upsert and remove; writes only files whose content changed. Serialised with other writes. */
  async apply(changes: ContentChanges): Promise<ChangeCounts> {
    return (await this.applyWithReport(changes)).counts;
  }

  /** `plan`, with what would happen to each imported exam. */
  async planWithReport(changes: ContentChanges): Promise<ContentReport> {
    if (!this.loaded) await this.ready();
    const next = await this.compute(changes);
    return { counts: next.counts, exams: next.examChanges };
  }

  /** `apply`, with what happened to each imported exam. */
  applyWithReport(changes: ContentChanges): Promise<ContentReport> {
    const run = this.writing.catch(() => undefined).then(() => this.applyNow(changes));
    this.writing = run;
    return run;
  }

  /** Set (or with `undefined`, clear) how long the exam's candidate data is kept. */
  async setExamRetention(examId: string, retainUntil: string | undefined): Promise<Exam> {
    if (!this.loaded) await this.ready();
    if (!this.catalog.get(examId)) throw new Error(`unknown exam ${examId}`);
    await this.apply({ retentions: [{ examId, retainUntil }] });
    return this.catalog.get(examId)!;
  }

  /** How many sittings each exam with candidate data has, in one pass over the summaries. */
  sittingCounts(): Map<string, number> {
    this.need();
    const counts = new Map<string, number>();
    for (const s of this.summaries.values()) counts.set(s.examId, (counts.get(s.examId) ?? 0) + 1);
    return counts;
  }

  async setExamReview(examId: string, review: ReviewSettings): Promise<Exam> {
    if (!this.loaded) await this.ready();
    if (!this.catalog.get(examId)) throw new Error(`unknown exam ${examId}`);
    await this.apply({ reviews: [{ examId, review }] });
    return this.catalog.get(examId)!;
  }

  private async compute(ch: ContentChanges) {
    const counts: ChangeCounts = {
      exams: { added: 0, updated: 0, unchanged: 0 },
      candidates: { added: 0, updated: 0, unchanged: 0, removed: 0 },
      groups: { added: 0, updated: 0, unchanged: 0, removed: 0 },
      sittings: { added: 0, updated: 0, unchanged: 0, removed: 0 },
    };
    const catalog = this.catalog.clone();
    const candidates = new Map(this.candidatesByNumber);
    const groups = new Map(this.groupsById);
    const summaries = new Map(this.summaries);
    const shards = new Map<string, Sitting[]>(); // shards that change, by group id
    const dirty = { exams: false, candidates: false, index: false };

    const upsert = <T>(map: Map<string, T>, key: string, value: T, c: { added: number; updated: number; unchanged: number }) => {
      const old = map.get(key);
      if (old === undefined) c.added++;
      else if (same(old, value)) { c.unchanged++; return false; }
      else c.updated++;
      map.set(key, value);
      return true;
    };
    const shardOf = async (groupId: string) => {
      let list = shards.get(groupId);
      if (!list) { list = [...(await this.shard(groupId)).sittings]; shards.set(groupId, list); }
      return list;
    };

    const examChanges: ExamChange[] = [];
    for (const e of ch.exams ?? []) {
      const { change, dirty: changed } = catalog.importExam(e);
      counts.exams[change.change]++;
      examChanges.push(change);
      if (changed) dirty.exams = true;
    }
    for (const { examId, review } of ch.reviews ?? []) if (catalog.setReview(examId, review)) dirty.exams = true;
    for (const { examId, retainUntil } of ch.retentions ?? []) if (catalog.setRetention(examId, retainUntil)) dirty.exams = true;
    /** the exams whose candidate data this change adds or changes */
    const touched = new Set<string>();
    for (const c of ch.candidates ?? []) if (upsert(candidates, c.number, c, counts.candidates)) dirty.candidates = true;
    for (const g of ch.groups ?? []) if (upsert(groups, g.id, g, counts.groups)) { dirty.index = true; touched.add(g.examId); }
    for (const given of ch.sittings ?? []) {
      // a sitting without a version (written straight into the store) belongs to its exam's current one
      const s = given.examVersion ? given : { ...given, examVersion: catalog.get(given.examId)?.version };
      const oldSummary = summaries.get(s.id);
      const list = await shardOf(s.groupId);
      const i = list.findIndex((x) => x.id === s.id);
      if (i >= 0 && sameSitting(list[i]!, oldSummary?.examVersion, s)) { counts.sittings.unchanged++; continue; }
      if (oldSummary && oldSummary.groupId !== s.groupId) {
        const oldList = await shardOf(oldSummary.groupId);
        const j = oldList.findIndex((x) => x.id === s.id);
        if (j >= 0) oldList.splice(j, 1);
      }
      if (i >= 0) list[i] = s; else list.push(s);
      if (oldSummary) counts.sittings.updated++; else counts.sittings.added++;
      summaries.set(s.id, summaryOf(s));
      dirty.index = true;
      touched.add(s.examId);
    }
    if (stampImports(catalog, ch, touched, this.now)) dirty.exams = true;
    for (const id of ch.removeSittings ?? []) {
      const s = summaries.get(id);
      if (!s) continue;
      const list = await shardOf(s.groupId);
      const j = list.findIndex((x) => x.id === id);
      if (j >= 0) list.splice(j, 1);
      summaries.delete(id);
      counts.sittings.removed++;
      dirty.index = true;
    }
    for (const id of ch.removeGroups ?? []) {
      if (!groups.delete(id)) continue;
      counts.groups.removed++;
      dirty.index = true;
      if ((await shardOf(id)).length) throw new Error(`group ${id} still has sittings`);
      shards.set(id, []);
    }
    for (const n of ch.removeCandidates ?? []) {
      if (candidates.delete(n)) { counts.candidates.removed++; dirty.candidates = true; }
    }
    // drop unchanged shards from the write set
    for (const [groupId, list] of shards) {
      if (same((await this.shard(groupId)).sittings, list)) shards.delete(groupId);
    }
    // an earlier version of an exam stays as long as a sitting was taken with it
    if (catalog.hasOlderVersions()) {
      const inUse = new Set<string>();
      for (const s of summaries.values()) if (s.examVersion) inUse.add(`${s.examId}\0${s.examVersion}`);
      if (catalog.prune((examId, version) => inUse.has(`${examId}\0${version}`))) dirty.exams = true;
    }
    return { counts, catalog, candidates, groups, summaries, shards, dirty, examChanges: withSittings(examChanges, catalog, summaries, ch.sittings ?? []) };
  }

  private async applyNow(ch: ContentChanges): Promise<ContentReport> {
    if (!this.loaded) await this.ready();
    const next = await this.compute(ch);
    const stamps = new Map(this.stamps);
    const removed: string[] = [];
    for (const [groupId, list] of next.shards) {
      if (list.length === 0 && !next.groups.has(groupId)) {
        removed.push(groupId);
        stamps.delete(groupId);
      } else {
        const { text, locs } = shardText(list);
        const path = join(this.resultsDir, shardFileName(groupId));
        await writeFileDurably(path, text);
        stamps.set(groupId, stampOf(text, (await fs.stat(path)).mtimeMs));
        for (const [id, [at, length]] of locs) next.summaries.set(id, summary(next.summaries.get(id)!, at, length));
      }
      this.remember(groupId, { groupId, sittings: list });
    }
    if (next.shards.size) next.dirty.index = true;
    if (next.dirty.candidates) await writeFileDurably(this.file('candidates.json'), JSON.stringify({ candidates: [...next.candidates.values()] }));
    if (next.dirty.exams) await writeFileDurably(this.file('exams.json'), JSON.stringify(next.catalog.toFile()));
    if (next.dirty.index) {
      await writeFileDurably(this.file('index.json'), indexText([...next.groups.values()], next.summaries.values(), Object.fromEntries(stamps)));
    }
    // last: a shard the index no longer refers to
    for (const groupId of removed) await fs.rm(join(this.resultsDir, shardFileName(groupId)), { force: true });
    this.catalog = next.catalog;
    this.candidatesByNumber = next.candidates;
    this.groupsById = next.groups;
    this.summaries = next.summaries;
    this.stamps = stamps;
    this.reindex();
    this.changes += 1;
    return { counts: next.counts, exams: next.examChanges };
  }
}

/** Adds to each exam's change how many sittings stay on an earlier version, and how many the file brings. */
/**
 * Makes the summaries share one string for each value many of them repeat: the group, the exam and its version, the
 * times of the sitting (a group's are one). JSON.parse makes a new string for every occurrence; shared, 100,000
 * summaries take ~16 MB less heap and ~500,000 fewer objects, which every full garbage collection marks (issue 17:
 * those pauses make the review start's slowest percent). The values are equal strings: nothing reads differently.
 */
export function sharedValues(): (s: SittingSummary) => void {
  const pool = new Map<string, string>();
  const one = (v: string): string => {
    const got = pool.get(v);
    if (got !== undefined) return got;
    pool.set(v, v);
    return v;
  };
  return (s) => {
    s.groupId = one(s.groupId);
    s.examId = one(s.examId);
    s.startedAt = one(s.startedAt);
    s.submittedAt = one(s.submittedAt);
    if (s.examVersion !== undefined) s.examVersion = one(s.examVersion);
  };
}

export function withSittings(changes: ExamChange[], catalog: ExamCatalog, summaries: Map<string, SittingSummary>, inFile: Sitting[]): ExamChangeDto[] {
  if (changes.length === 0) return [];
  const ids = new Set(changes.map((c) => c.examId));
  const old = new Map<string, number>();
  const fresh = new Map<string, number>();
  const add = (m: Map<string, number>, id: string) => m.set(id, (m.get(id) ?? 0) + 1);
  for (const s of inFile) if (ids.has(s.examId)) add(fresh, s.examId);
  for (const s of summaries.values()) if (ids.has(s.examId) && s.examVersion !== catalog.get(s.examId)?.version) add(old, s.examId);
  return changes.map((c) => ({ ...c, sittingsOnOldVersion: old.get(c.examId) ?? 0, sittingsInFile: fresh.get(c.examId) ?? 0 }));
}

/**
 * The import times a change sets (ContentChanges `imported`, `importTimes`), on the change's copy of the catalog;
 * whether any changed. Shared by the file and the PostgreSQL content store.
 */
export function stampImports(catalog: ExamCatalog, ch: ContentChanges, touched: ReadonlySet<string>, now: () => number): boolean {
  let changed = false;
  if (ch.imported && touched.size) {
    const at = new Date(now()).toISOString();
    for (const examId of touched) if (catalog.setDataImportedAt(examId, at)) changed = true;
  }
  for (const { examId, at, ifMissing } of ch.importTimes ?? []) if (catalog.setDataImportedAt(examId, new Date(Date.parse(at)).toISOString(), ifMissing)) changed = true;
  return changed;
}

// ---------- index.json: its line layout ----------
//
// Written since issue 17 as one JSON document still (any build, and any JSON tool, reads it whole), laid out so that
// a restarted server can read it in steps:
//
//   {"groups":[…],"shards":{…},"sittings":[
//   {"id":"s-1",…},
//   {"id":"s-2",…}
//   ]}
//
// The head (groups, shard stamps) on the first line, then a summary per line, each beginning with its id, then the
// tail. The summaries are parsed a slice of lines at a time, the event loop free between slices (kiosks reconnect
// meanwhile), and an active review's summary is found by its line before they are all parsed (forResume). An index
// of the older layout (all on one line) is parsed at once, as before, and is written in this layout at the next
// change of the content.

const INDEX_HEAD_END = Buffer.from('"sittings":[');
const INDEX_TAIL = Buffer.from('\n]}\n');
/** bytes of summary lines parsed in one step (~1,000 summaries, a few ms) */
const INDEX_STEP_BYTES = 256 * 1024;

/** Where the summary lines are in an index of the line layout: bytes `[bodyStart, bodyEnd)`. */
interface IndexLayout { headEnd: number; bodyStart: number; bodyEnd: number }

/** index.json's text in the line layout. */
export function indexText(groups: Group[], summaries: Iterable<SittingSummary>, shards: Record<string, ShardStamp>): string {
  const head = JSON.stringify({ groups, shards });
  const lines: string[] = [];
  // the id first, so that a summary's line is found by it without parsing (forResume)
  for (const { id, lineAt, lineLength, ...rest } of summaries) {
    lines.push(JSON.stringify(lineAt !== undefined && lineLength !== undefined ? { id, ...rest, loc: [lineAt, lineLength] } : { id, ...rest }));
  }
  return `${head.slice(0, -1)},"sittings":[\n${lines.join(',\n')}${INDEX_TAIL.toString()}`;
}

/** The line layout's parts, or null for any other text (the older layout, or a file edited by hand): parsed whole. */
function indexLayout(buf: Buffer): IndexLayout | null {
  const nl = buf.indexOf(10);
  if (nl < INDEX_HEAD_END.length || !buf.subarray(nl - INDEX_HEAD_END.length, nl).equals(INDEX_HEAD_END)) return null;
  if (buf.length < nl + INDEX_TAIL.length || !buf.subarray(buf.length - INDEX_TAIL.length).equals(INDEX_TAIL)) return null;
  // with no summaries the tail's newline is the head's: `…"sittings":[\n]}\n`
  const bodyStart = nl + 1;
  const bodyEnd = Math.max(bodyStart, buf.length - INDEX_TAIL.length);
  return { headEnd: nl, bodyStart, bodyEnd };
}


/** The whole file in as few reads as its size allows (fs.readFile reads 512 KB a turn of the event loop). */
async function readFileIfAny(file: string): Promise<Buffer | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const { size } = await handle.stat();
    const buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const { bytesRead } = await handle.read(buf, got, size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    // (a file is replaced by a rename, never written in place: its size does not change while it is read)
    return got === size ? buf : buf.subarray(0, got);
  } finally {
    await handle.close();
  }
}

const nextTurn = () => new Promise<void>((res) => setImmediate(res));

/**
 * The index in the line layout, parsed a step at a time with the event loop free between steps. The pieces are the
 * whole document cut at line ends, so each piece parsing in its place means the document parses: a damaged line
 * stops the read with CorruptDataError, as a whole parse would.
 */
async function parseIndexInSteps(file: string, buf: Buffer, layout: IndexLayout): Promise<ParsedIndex> {
  const head = parseJsonOf<IndexFile>(file, `${buf.toString('utf8', 0, layout.headEnd)}]}`);
  const sittings: SittingSummary[] = [];
  let at = layout.bodyStart;
  while (at < layout.bodyEnd) {
    let end = at + INDEX_STEP_BYTES < layout.bodyEnd ? buf.indexOf(10, at + INDEX_STEP_BYTES) : -1;
    if (end < 0 || end >= layout.bodyEnd) end = layout.bodyEnd;
    const last = end === layout.bodyEnd;
    // between two pieces, the comma that separates two summaries; none after the last
    const comma = buf[end - 1] === 0x2c;
    if (comma === last) throw new CorruptDataError(file, `a summary line near byte ${end} is damaged`);
    const part = parseJsonOf<unknown>(file, `[${buf.toString('utf8', at, comma ? end - 1 : end)}]`) as StoredSummary[];
    // made into the held form here, a piece at a time: the parsed objects die young, in the new space
    for (const s of part) sittings.push(fromStored(s));
    at = end + 1;
    if (!last) await nextTurn();
  }
  return { groups: head.groups ?? [], sittings, ...(head.shards ? { shards: head.shards } : {}) };
}

/** An index parsed whole (the older layout), its summaries in the held form. */
function heldIndex(index: IndexFile | null): ParsedIndex | undefined {
  return index ? { ...index, sittings: (index.sittings ?? []).map(fromStored) } : undefined;
}
