/**
 * Exam content and results (DESIGN §7): large, written at import, read on demand.
 *
 *   exams.json       every exam with its questions, keys and schemes
 *   candidates.json  every candidate (number, name, class)
 *   index.json       groups and a summary per sitting (totals, grade, where its line is): enough for every list
 *   results/*.jsonl  one shard per group, a sitting (with its responses) per line; a review start reads just
 *                    its own line at the offset the index gives, never the whole group
 *
 * Files are rewritten only when their content changed, shards first and the index last.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Candidate, Exam, Group, ReviewSettings, Sitting } from '../../shared/domain.ts';
import { CorruptDataError, readJsonFileSync, writeFileDurably } from './durableFile.ts';

/** A sitting without its responses, plus where its line is in its group's shard: `[offset, length]` in bytes. */
export type SittingSummary = Omit<Sitting, 'responses'> & { loc?: [number, number] };

export interface ContentChanges {
  exams?: Exam[];
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

interface Shard { groupId: string; sittings: Sitting[] }

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const summaryOf = ({ responses: _r, ...s }: Sitting): SittingSummary => s;

/** Shard text and each sitting's `[offset, length]` in it. */
function shardText(list: Sitting[]): { text: string; locs: Map<string, [number, number]> } {
  const locs = new Map<string, [number, number]>();
  let offset = 0;
  const lines = list.map((s) => {
    const line = JSON.stringify(s);
    const length = Buffer.byteLength(line);
    locs.set(s.id, [offset, length]);
    offset += length + 1;
    return line;
  });
  return { text: lines.length ? lines.join('\n') + '\n' : '', locs };
}

function parseShard(path: string, text: string): Sitting[] {
  const out: Sitting[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as Sitting);
    } catch (e) {
      throw new CorruptDataError(path, `line ${i + 1}: ${(e as Error).message}`);
    }
  }
  return out;
}

export function shardFileName(groupId: string): string {
  const safe = groupId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${safe}-${createHash('sha256').update(groupId).digest('hex').slice(0, 12)}.jsonl`;
}

export class ContentStore {
  private examsById = new Map<string, Exam>();
  private candidatesByNumber = new Map<string, Candidate>();
  private groupsById = new Map<string, Group>();
  private summaries = new Map<string, SittingSummary>();
  private byGroup = new Map<string, SittingSummary[]>();
  private byCandidate = new Map<string, SittingSummary[]>();
  private shardCache = new Map<string, Shard>();
  private readonly resultsDir: string;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string, private readonly cacheSize = 16) {
    this.resultsDir = join(dir, 'results');
    mkdirSync(this.resultsDir, { recursive: true, mode: 0o700 });
    for (const e of readJsonFileSync<{ exams: Exam[] }>(this.file('exams.json'))?.exams ?? []) this.examsById.set(e.id, e);
    for (const c of readJsonFileSync<{ candidates: Candidate[] }>(this.file('candidates.json'))?.candidates ?? []) this.candidatesByNumber.set(c.number, c);
    const index = readJsonFileSync<{ groups: Group[]; sittings: SittingSummary[] }>(this.file('index.json'));
    for (const g of index?.groups ?? []) this.groupsById.set(g.id, g);
    for (const s of index?.sittings ?? []) this.summaries.set(s.id, s);
    this.reindex();
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

  exams(): Exam[] { return [...this.examsById.values()]; }
  exam(id: string): Exam | undefined { return this.examsById.get(id); }
  groups(): Group[] { return [...this.groupsById.values()]; }
  group(id: string): Group | undefined { return this.groupsById.get(id); }
  candidate(number: string): Candidate | undefined { return this.candidatesByNumber.get(number); }
  candidates(): Candidate[] { return [...this.candidatesByNumber.values()]; }
  sittingSummary(id: string): SittingSummary | undefined { return this.summaries.get(id); }
  sittingSummaries(): SittingSummary[] { return [...this.summaries.values()]; }
  sittingsOfGroup(groupId: string): SittingSummary[] { return this.byGroup.get(groupId) ?? []; }
  sittingsOfCandidate(number: string): SittingSummary[] { return this.byCandidate.get(number) ?? []; }
  counts() {
    return { exams: this.examsById.size, candidates: this.candidatesByNumber.size, groups: this.groupsById.size, sittings: this.summaries.size };
  }

  /** The full sitting with its responses: one line read at its offset (the whole shard only as a fallback). */
  async sitting(id: string): Promise<Sitting | undefined> {
    const s = this.summaries.get(id);
    if (!s) return undefined;
    const cached = this.shardCache.get(s.groupId);
    if (cached) return cached.sittings.find((x) => x.id === id);
    if (s.loc) {
      const line = await this.readLine(s.groupId, s.loc).catch(() => undefined);
      if (line?.id === id) return line;
    }
    return (await this.shard(s.groupId)).sittings.find((x) => x.id === id);
  }

  private async readLine(groupId: string, [offset, length]: [number, number]): Promise<Sitting | undefined> {
    const handle = await fs.open(join(this.resultsDir, shardFileName(groupId)), 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return bytesRead === length ? (JSON.parse(buf.toString('utf8')) as Sitting) : undefined;
    } finally {
      await handle.close();
    }
  }

  async sittingsWithResponses(groupId: string): Promise<Sitting[]> {
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
    return (await this.compute(changes)).counts;
  }

  /** Upsert and remove; writes only files whose content changed. Serialised with other writes. */
  apply(changes: ContentChanges): Promise<ChangeCounts> {
    const run = this.writing.catch(() => undefined).then(() => this.applyNow(changes));
    this.writing = run;
    return run;
  }

  /** Set (or with `undefined`, clear) how long the exam's candidate data is kept. */
  async setExamRetention(examId: string, retainUntil: string | undefined): Promise<Exam> {
    const exam = this.examsById.get(examId);
    if (!exam) throw new Error(`unknown exam ${examId}`);
    const { retainUntil: _old, ...rest } = exam;
    const updated: Exam = retainUntil ? { ...rest, retainUntil } : rest;
    await this.apply({ exams: [updated] });
    return updated;
  }

  /**
   * Per exam with candidate data: how many sittings, and its last activity (the latest submission or group
   * start), in one pass over groups and summaries.
   */
  examActivity(): Map<string, { sittings: number; last: string }> {
    const stats = new Map<string, { sittings: number; last: string }>();
    const seen = (examId: string, at: string, sitting: boolean) => {
      const st = stats.get(examId);
      if (!st) stats.set(examId, { sittings: sitting ? 1 : 0, last: at });
      else {
        if (sitting) st.sittings++;
        if (Date.parse(at) > Date.parse(st.last)) st.last = at;
      }
    };
    for (const g of this.groupsById.values()) seen(g.examId, g.startsAt, false);
    for (const s of this.summaries.values()) seen(s.examId, s.submittedAt, true);
    return stats;
  }

  async setExamReview(examId: string, review: ReviewSettings): Promise<Exam> {
    const exam = this.examsById.get(examId);
    if (!exam) throw new Error(`unknown exam ${examId}`);
    const updated = { ...exam, review };
    await this.apply({ exams: [updated] });
    return updated;
  }

  private async compute(ch: ContentChanges) {
    const counts: ChangeCounts = {
      exams: { added: 0, updated: 0, unchanged: 0 },
      candidates: { added: 0, updated: 0, unchanged: 0, removed: 0 },
      groups: { added: 0, updated: 0, unchanged: 0, removed: 0 },
      sittings: { added: 0, updated: 0, unchanged: 0, removed: 0 },
    };
    const exams = new Map(this.examsById);
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

    for (const e of ch.exams ?? []) if (upsert(exams, e.id, e, counts.exams)) dirty.exams = true;
    for (const c of ch.candidates ?? []) if (upsert(candidates, c.number, c, counts.candidates)) dirty.candidates = true;
    for (const g of ch.groups ?? []) if (upsert(groups, g.id, g, counts.groups)) dirty.index = true;
    for (const s of ch.sittings ?? []) {
      const oldSummary = summaries.get(s.id);
      const list = await shardOf(s.groupId);
      const i = list.findIndex((x) => x.id === s.id);
      if (i >= 0 && same(list[i], s)) { counts.sittings.unchanged++; continue; }
      if (oldSummary && oldSummary.groupId !== s.groupId) {
        const oldList = await shardOf(oldSummary.groupId);
        const j = oldList.findIndex((x) => x.id === s.id);
        if (j >= 0) oldList.splice(j, 1);
      }
      if (i >= 0) list[i] = s; else list.push(s);
      if (oldSummary) counts.sittings.updated++; else counts.sittings.added++;
      summaries.set(s.id, summaryOf(s));
      dirty.index = true;
    }
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
    return { counts, exams, candidates, groups, summaries, shards, dirty };
  }

  private async applyNow(ch: ContentChanges): Promise<ChangeCounts> {
    const next = await this.compute(ch);
    for (const [groupId, list] of next.shards) {
      const path = join(this.resultsDir, shardFileName(groupId));
      if (list.length === 0 && !next.groups.has(groupId)) await fs.rm(path, { force: true });
      else {
        const { text, locs } = shardText(list);
        await writeFileDurably(path, text);
        for (const [id, loc] of locs) next.summaries.set(id, { ...next.summaries.get(id)!, loc });
      }
      this.remember(groupId, { groupId, sittings: list });
    }
    if (next.dirty.candidates) await writeFileDurably(this.file('candidates.json'), JSON.stringify({ candidates: [...next.candidates.values()] }));
    if (next.dirty.exams) await writeFileDurably(this.file('exams.json'), JSON.stringify({ exams: [...next.exams.values()] }));
    if (next.dirty.index) await writeFileDurably(this.file('index.json'), JSON.stringify({ groups: [...next.groups.values()], sittings: [...next.summaries.values()] }));
    this.examsById = next.exams;
    this.candidatesByNumber = next.candidates;
    this.groupsById = next.groups;
    this.summaries = next.summaries;
    this.reindex();
    return next.counts;
  }
}
