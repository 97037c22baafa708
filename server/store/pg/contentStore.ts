/**
 * Exam content on PostgreSQL (docs/design.md: PostgreSQL store, Content and media): the file store's `ContentStore`
 * (content.ts) over the tables of migration 002. What every list needs — exams with their versions, candidates,
 * groups, and a summary of each sitting — is held in memory, so the reads stay synchronous; a sitting's responses
 * are not, and are read on demand (`sitting`, `sittingsWithResponses`).
 *
 * A change (`apply`) is one transaction under a lock that every process's content writes take: it first reloads
 * whatever kind of content another process changed since this one loaded it (each kind has a version number in
 * `content_versions`), computes the change on copies of the working set, writes only the rows that differ (in
 * bulk: a few thousand rows per statement), raises the versions of the kinds it changed and announces them
 * (`NOTIFY`, table `content`, ids the kinds). Only after the commit does memory take the new state: a failure
 * leaves nothing, in the database and in memory. Another process, notified, reloads each changed kind whole (a
 * reload of 100,000 sitting summaries takes about a second; see the design).
 */
import type pg from 'pg';
import type { Candidate, Exam, Group, ReviewSettings, Sitting } from '../../../shared/domain.ts';
import type { ExamChangeDto } from '../../../shared/protocol.ts';
import { stampImports, withSittings, type ChangeCounts, type ContentChanges, type ContentReport, type SittingSummary } from '../content.ts';
import { ExamCatalog, type ExamChange, type StoredExam, type StoredVersion } from '../examCatalog.ts';
import { canonical } from '../examVersions.ts';
import type { ContentRepo } from '../repositories.ts';
import type { PgDb } from './db.ts';
import { SerialQueue } from './serialQueue.ts';

type Kind = 'exams' | 'candidates' | 'groups' | 'sittings';
const KINDS: readonly Kind[] = ['exams', 'candidates', 'groups', 'sittings'];
type Versions = Record<Kind, number>;
type Query = Pick<pg.ClientBase, 'query'>;

/** Rows per statement of a bulk write (each row up to four parameters; PostgreSQL allows 65,535 per statement). */
const BATCH = 2000;
/** A change of more sittings than this is reloaded whole by the other processes. */
const LOG_IDS = 2000;
/** How many versions of sitting changes the log keeps. */
const LOG_VERSIONS = 100;
/** The table of each kind's notice. */
const TABLE = 'content';

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const summaryOf = ({ responses: _r, ...s }: Sitting): SittingSummary => s;
const sameSitting = (stored: Sitting, version: string | undefined, s: Sitting) =>
  (stored.examVersion ?? version) === s.examVersion && same({ ...stored, examVersion: undefined }, { ...s, examVersion: undefined });
const chunks = <T>(xs: readonly T[], n = BATCH): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

interface State {
  catalog: ExamCatalog;
  candidates: Map<string, Candidate>;
  groups: Map<string, Group>;
  summaries: Map<string, SittingSummary>;
}

/** What `compute` found a change does, and the rows it writes. */
interface Next extends State {
  counts: ChangeCounts;
  examChanges: ExamChangeDto[];
  /** sittings to write (added or changed), by id */
  sittings: Map<string, Sitting>;
  removedSittings: Set<string>;
  candidatesChanged: Set<string>;
  candidatesRemoved: Set<string>;
  groupsChanged: Set<string>;
  groupsRemoved: Set<string>;
}

export class PgContentStore implements ContentRepo {
  private state: State = { catalog: ExamCatalog.load(undefined), candidates: new Map(), groups: new Map(), summaries: new Map() };
  private byGroup = new Map<string, SittingSummary[]>();
  private byCandidate = new Map<string, SittingSummary[]>();
  private versions: Versions = { exams: -1, candidates: -1, groups: -1, sittings: -1 };
  /** this store's writes and reloads, one at a time in call order */
  private readonly queue = new SerialQueue();
  private refreshQueued = false;

  private constructor(private readonly db: PgDb, private readonly now: () => number) {}

  private changes = 0;
  /**
   * Moves with every change this process applies or takes over from another (ContentRepo.generation): what is derived
   * from the content (the results overview) is kept until it moves.
   */
  get generation(): number { return this.changes; }

  /** Always read: `open` loads the summaries before it returns (the file store may read them after listening). */
  readonly isReady = true;
  ready(): Promise<void> { return Promise.resolve(); }

  /** Load the content of `db`'s schema; from then on other processes' changes are reloaded as they are announced. */
  static async open(db: PgDb, opts: { now?: () => number } = {}): Promise<PgContentStore> {
    const store = new PgContentStore(db, opts.now ?? Date.now);
    db.onChange(TABLE, () => store.changedElsewhere());
    await store.serial(() => store.refresh());
    return store;
  }

  // ---------- reads (memory) ----------

  exams(): StoredExam[] { return this.state.catalog.all(); }
  exam(id: string): StoredExam | undefined { return this.state.catalog.get(id); }
  examOfSitting(s: Pick<Sitting, 'examId' | 'examVersion'>): Exam | undefined {
    const { catalog } = this.state;
    return catalog.atVersion(s.examId, s.examVersion ?? catalog.versionOfLegacySitting(s.examId));
  }
  groups(): Group[] { return [...this.state.groups.values()]; }
  group(id: string): Group | undefined { return this.state.groups.get(id); }
  candidate(number: string): Candidate | undefined { return this.state.candidates.get(number); }
  candidates(): Candidate[] { return [...this.state.candidates.values()]; }
  sittingSummary(id: string): SittingSummary | undefined { return this.state.summaries.get(id); }
  sittingSummaries(): SittingSummary[] { return [...this.state.summaries.values()]; }
  sittingsOfGroup(groupId: string): SittingSummary[] { return this.byGroup.get(groupId) ?? []; }
  sittingsOfCandidate(number: string): SittingSummary[] { return this.byCandidate.get(number) ?? []; }
  sittingCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.state.summaries.values()) counts.set(s.examId, (counts.get(s.examId) ?? 0) + 1);
    return counts;
  }
  counts() {
    const { catalog, candidates, groups, summaries } = this.state;
    return { exams: catalog.size, candidates: candidates.size, groups: groups.size, sittings: summaries.size };
  }

  // ---------- reads (database) ----------

  /** The full sitting with its responses, read from the database. */
  async sitting(id: string): Promise<Sitting | undefined> {
    const s = this.state.summaries.get(id);
    if (!s) return undefined;
    const { rows } = await this.db.pool.query<{ doc: Sitting }>('SELECT doc FROM content_sittings WHERE id = $1', [id]);
    const found = rows[0]?.doc;
    return found && !found.examVersion && s.examVersion ? { ...found, examVersion: s.examVersion } : found;
  }

  async sittingsWithResponses(groupId: string): Promise<Sitting[]> {
    const { rows } = await this.db.pool.query<{ doc: Sitting }>('SELECT doc FROM content_sittings WHERE group_id = $1 ORDER BY seq', [groupId]);
    return rows.map((r) => r.doc);
  }

  // ---------- writes ----------

  async plan(changes: ContentChanges): Promise<ChangeCounts> {
    return (await this.planWithReport(changes)).counts;
  }

  /** What `apply` would do, writing nothing (after catching up with other processes' changes). */
  planWithReport(changes: ContentChanges): Promise<ContentReport> {
    return this.serial(async () => {
      await this.refresh();
      const next = await this.compute(this.db.pool, changes);
      return { counts: next.counts, exams: next.examChanges };
    });
  }

  async apply(changes: ContentChanges): Promise<ChangeCounts> {
    return (await this.applyWithReport(changes)).counts;
  }

  /** All of the change in one transaction, or none of it; memory takes it once committed. */
  applyWithReport(changes: ContentChanges): Promise<ContentReport> {
    return this.serial(async () => {
      const { next, versions } = await this.db.tx(async (c) => {
        await c.query(`SELECT pg_advisory_xact_lock(hashtext('inzage-content:' || current_schema()))`);
        await this.catchUp(c);
        const next = await this.compute(c, changes);
        const versions = await this.write(c, next);
        return { next, versions };
      });
      this.take(next, versions);
      return { counts: next.counts, exams: next.examChanges };
    });
  }

  async setExamRetention(examId: string, retainUntil: string | undefined): Promise<Exam> {
    if (!this.state.catalog.get(examId)) throw new Error(`unknown exam ${examId}`);
    await this.apply({ retentions: [{ examId, retainUntil }] });
    return this.state.catalog.get(examId)!;
  }

  async setExamReview(examId: string, review: ReviewSettings): Promise<Exam> {
    if (!this.state.catalog.get(examId)) throw new Error(`unknown exam ${examId}`);
    await this.apply({ reviews: [{ examId, review }] });
    return this.state.catalog.get(examId)!;
  }

  /** Wait for this store's writes and the reloads of other processes' changes announced so far. */
  async settled(): Promise<void> {
    await this.queue.idle();
  }

  /** Nothing to close of its own (the connections are `db`'s); waits for what is under way. */
  close(): Promise<void> {
    return this.settled();
  }

  // ---------- internals ----------

  private serial<R>(fn: () => Promise<R>): Promise<R> {
    return this.queue.run(fn);
  }

  /** A notice from another process: reload (once for any number of notices arriving meanwhile). */
  private changedElsewhere(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    this.serial(async () => {
      this.refreshQueued = false;
      const before = this.changes;
      await this.refresh();
      // the consoles' review list names candidates and exams: its processes push it again (server/cluster/index.ts)
      if (this.changes !== before) this.db.applied(TABLE, '*');
    }).catch((e: unknown) => console.error('inzage: could not reload content from PostgreSQL:', e));
  }

  /** Reload the kinds changed since loaded, from one snapshot. */
  private async refresh(): Promise<void> {
    const c = await this.db.pool.connect();
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await this.catchUp(c);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  /** Reload whatever kind's version moved (reading through `c`: a snapshot, or under the content lock). */
  private async catchUp(c: Query): Promise<void> {
    const { rows } = await c.query<{ kind: Kind; version: string }>('SELECT kind, version FROM content_versions');
    const now = { ...this.versions };
    for (const r of rows) now[r.kind] = Number(r.version);
    const stale = KINDS.filter((k) => now[k] !== this.versions[k]);
    if (!stale.length) return;
    const state = { ...this.state };
    if (stale.includes('exams')) {
      // the import time is a column of its own (migration 008), not part of the document
      const exams = (await c.query<{ doc: StoredExam; data_imported_at: Date | null }>('SELECT doc, data_imported_at FROM content_exams ORDER BY seq'))
        .rows.map((r) => (r.data_imported_at ? { ...r.doc, dataImportedAt: r.data_imported_at.toISOString() } : r.doc));
      const versions = (await c.query<{ exam_id: string; version: string; questions: StoredVersion['questions'] }>(
        'SELECT exam_id, version, questions FROM content_exam_versions ORDER BY exam_id, version',
      )).rows.map((r) => ({ examId: r.exam_id, version: r.version, questions: r.questions }));
      state.catalog = ExamCatalog.load({ exams, versions });
    }
    if (stale.includes('candidates')) {
      const { rows: cs } = await c.query<{ doc: Candidate }>('SELECT doc FROM content_candidates ORDER BY seq');
      state.candidates = new Map(cs.map((r) => [r.doc.number, r.doc]));
    }
    if (stale.includes('groups')) {
      const { rows: gs } = await c.query<{ doc: Group }>('SELECT doc FROM content_groups ORDER BY seq');
      state.groups = new Map(gs.map((r) => [r.doc.id, r.doc]));
    }
    if (stale.includes('sittings')) {
      const changed = await this.changedSittings(c, this.versions.sittings, now.sittings);
      if (changed) {
        // only the sittings the changes since named: the others are as loaded, unless removed (a removal names no
        // sitting: those no longer stored are dropped, by the ids alone)
        const { rows: ss } = await c.query<{ id: string; summary: SittingSummary }>(
          'SELECT id, summary FROM content_sittings WHERE id = ANY($1::text[]) ORDER BY seq', [[...changed.ids]],
        );
        const stored = changed.removes ? new Set((await c.query<{ id: string }>('SELECT id FROM content_sittings')).rows.map((r) => r.id)) : undefined;
        const found = new Map(ss.map((r) => [r.id, r.summary]));
        for (const f of found.values()) f.examVersion ??= state.catalog.versionOfLegacySitting(f.examId);
        // a sitting still there keeps its place (as a change keeps it), a new one comes last (in the order written)
        const summaries = new Map<string, SittingSummary>();
        for (const [id, old] of state.summaries) {
          if (!changed.ids.has(id)) {
            if (!stored || stored.has(id)) summaries.set(id, old);
          } else if (found.has(id)) {
            summaries.set(id, found.get(id)!);
            found.delete(id);
          }
        }
        for (const [id, fresh] of found) summaries.set(id, fresh);
        state.summaries = summaries;
      } else {
        // one text parsed at once is several times faster than a row per sitting
        const { rows: ss } = await c.query<{ all: string | null }>('SELECT json_agg(summary ORDER BY seq)::text AS all FROM content_sittings');
        const list = JSON.parse(ss[0]?.all ?? '[]') as SittingSummary[];
        for (const s of list) s.examVersion ??= state.catalog.versionOfLegacySitting(s.examId);
        state.summaries = new Map(list.map((s) => [s.id, s]));
      }
    }
    this.state = state;
    this.changes++;
    this.versions = now;
    this.reindex();
  }

  /**
   * The sittings changed from version `from` to `to` when the log names them all (few enough, and not pruned
   * yet); undefined when the summaries must be reloaded whole (as at open).
   */
  private async changedSittings(c: Query, from: number, to: number): Promise<{ ids: Set<string>; removes: boolean } | undefined> {
    if (from < 0 || to - from > LOG_VERSIONS) return undefined;
    const { rows } = await c.query<{ version: string; ids: string[] | null; removes: boolean }>(
      'SELECT version, ids, removes FROM content_sitting_log WHERE version > $1 AND version <= $2', [from, to],
    );
    if (rows.length !== to - from || rows.some((r) => !r.ids)) return undefined;
    const ids = new Set(rows.flatMap((r) => r.ids!));
    return ids.size <= LOG_IDS ? { ids, removes: rows.some((r) => r.removes) } : undefined;
  }

  private reindex(): void {
    this.byGroup = new Map();
    this.byCandidate = new Map();
    for (const s of this.state.summaries.values()) {
      (this.byGroup.get(s.groupId) ?? this.byGroup.set(s.groupId, []).get(s.groupId)!).push(s);
      (this.byCandidate.get(s.candidateNumber) ?? this.byCandidate.set(s.candidateNumber, []).get(s.candidateNumber)!).push(s);
    }
  }

  /** The change applied to copies of the working set (the file store's `compute`, row by row). */
  private async compute(q: Query, ch: ContentChanges): Promise<Next> {
    const counts: ChangeCounts = {
      exams: { added: 0, updated: 0, unchanged: 0 },
      candidates: { added: 0, updated: 0, unchanged: 0, removed: 0 },
      groups: { added: 0, updated: 0, unchanged: 0, removed: 0 },
      sittings: { added: 0, updated: 0, unchanged: 0, removed: 0 },
    };
    const catalog = this.state.catalog.clone();
    const candidates = new Map(this.state.candidates);
    const groups = new Map(this.state.groups);
    const summaries = new Map(this.state.summaries);
    const next: Next = {
      catalog, candidates, groups, summaries, counts, examChanges: [],
      sittings: new Map(), removedSittings: new Set(),
      candidatesChanged: new Set(), candidatesRemoved: new Set(), groupsChanged: new Set(), groupsRemoved: new Set(),
    };

    const upsert = <T>(map: Map<string, T>, key: string, value: T, c: { added: number; updated: number; unchanged: number }) => {
      const old = map.get(key);
      if (old === undefined) c.added++;
      else if (same(old, value)) { c.unchanged++; return false; }
      else c.updated++;
      map.set(key, value);
      return true;
    };

    const examChanges: ExamChange[] = [];
    for (const e of ch.exams ?? []) {
      const { change } = catalog.importExam(e);
      counts.exams[change.change]++;
      examChanges.push(change);
    }
    for (const { examId, review } of ch.reviews ?? []) catalog.setReview(examId, review);
    for (const { examId, retainUntil } of ch.retentions ?? []) catalog.setRetention(examId, retainUntil);
    for (const c of ch.candidates ?? []) {
      if (upsert(candidates, c.number, c, counts.candidates)) { next.candidatesChanged.add(c.number); next.candidatesRemoved.delete(c.number); }
    }
    /** the exams whose candidate data this change adds or changes */
    const touched = new Set<string>();
    for (const g of ch.groups ?? []) {
      if (upsert(groups, g.id, g, counts.groups)) { next.groupsChanged.add(g.id); next.groupsRemoved.delete(g.id); touched.add(g.examId); }
    }

    // the stored sittings these replace, read in bulk (a sitting written earlier in this change: as written then)
    const stored = await this.storedSittings(q, (ch.sittings ?? []).map((s) => s.id).filter((id) => summaries.has(id)));
    for (const given of ch.sittings ?? []) {
      // a sitting without a version (written straight into the store) belongs to its exam's current one
      const s = given.examVersion ? given : { ...given, examVersion: catalog.get(given.examId)?.version };
      const oldSummary = summaries.get(s.id);
      const before = next.sittings.get(s.id) ?? stored.get(s.id);
      if (before && before.groupId === s.groupId && sameSitting(before, oldSummary?.examVersion, s)) { counts.sittings.unchanged++; continue; }
      if (oldSummary) counts.sittings.updated++; else counts.sittings.added++;
      next.sittings.set(s.id, s);
      next.removedSittings.delete(s.id);
      summaries.set(s.id, summaryOf(s));
      touched.add(s.examId);
    }
    stampImports(catalog, ch, touched, this.now);
    for (const id of ch.removeSittings ?? []) {
      if (!summaries.delete(id)) continue;
      counts.sittings.removed++;
      next.sittings.delete(id);
      next.removedSittings.add(id);
    }
    if (ch.removeGroups?.length) {
      const used = new Set<string>();
      for (const s of summaries.values()) used.add(s.groupId);
      for (const id of ch.removeGroups) {
        if (!groups.delete(id)) continue;
        counts.groups.removed++;
        next.groupsChanged.delete(id);
        next.groupsRemoved.add(id);
        if (used.has(id)) throw new Error(`group ${id} still has sittings`);
      }
    }
    for (const n of ch.removeCandidates ?? []) {
      if (!candidates.delete(n)) continue;
      counts.candidates.removed++;
      next.candidatesChanged.delete(n);
      next.candidatesRemoved.add(n);
    }
    // an earlier version of an exam stays as long as a sitting was taken with it
    if (catalog.hasOlderVersions()) {
      const inUse = new Set<string>();
      for (const s of summaries.values()) if (s.examVersion) inUse.add(`${s.examId}\0${s.examVersion}`);
      catalog.prune((examId, version) => inUse.has(`${examId}\0${version}`));
    }
    next.examChanges = withSittings(examChanges, catalog, summaries, ch.sittings ?? []);
    return next;
  }

  private async storedSittings(q: Query, ids: string[]): Promise<Map<string, Sitting>> {
    const out = new Map<string, Sitting>();
    for (const part of chunks([...new Set(ids)], 5000)) {
      const { rows } = await q.query<{ doc: Sitting }>('SELECT doc FROM content_sittings WHERE id = ANY($1::text[])', [part]);
      for (const r of rows) out.set(r.doc.id, r.doc);
    }
    return out;
  }

  /** Write the rows `next` changed; the kinds' new versions (announced on commit). */
  private async write(c: pg.ClientBase, next: Next): Promise<Versions> {
    const changed = new Set<Kind>();
    // exams and versions: compared whole (there are few)
    const before = this.state.catalog.toFile();
    const after = next.catalog.toFile();
    const oldExams = new Map(before.exams.map((e) => [e.id, canonical(e)]));
    const exams = after.exams.filter((e) => oldExams.get(e.id) !== canonical(e));
    if (exams.length) {
      changed.add('exams');
      await insertRows(
        c, 'content_exams (id, doc, data_imported_at)',
        exams.map(({ dataImportedAt, ...doc }) => [doc.id, JSON.stringify(doc), dataImportedAt ?? null] as string[]),
        'ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, data_imported_at = excluded.data_imported_at',
      );
    }
    const key = (v: { examId: string; version: string }) => `${v.examId}\0${v.version}`;
    const oldVersions = new Set((before.versions ?? []).map(key));
    const newVersions = new Set((after.versions ?? []).map(key));
    const addVersions = (after.versions ?? []).filter((v) => !oldVersions.has(key(v)));
    const dropVersions = (before.versions ?? []).filter((v) => !newVersions.has(key(v)));
    if (addVersions.length) {
      changed.add('exams');
      await insertRows(
        c, 'content_exam_versions (exam_id, version, questions)', addVersions.map((v) => [v.examId, v.version, JSON.stringify(v.questions)]),
        'ON CONFLICT (exam_id, version) DO UPDATE SET questions = excluded.questions',
      );
    }
    if (dropVersions.length) {
      changed.add('exams');
      await c.query(
        'DELETE FROM content_exam_versions WHERE (exam_id, version) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
        [dropVersions.map((v) => v.examId), dropVersions.map((v) => v.version)],
      );
    }
    if (await upsertDocs(c, 'content_candidates', [...next.candidatesChanged].map((n) => [n, next.candidates.get(n)!]), [...next.candidatesRemoved])) changed.add('candidates');
    if (await upsertDocs(c, 'content_groups', [...next.groupsChanged].map((id) => [id, next.groups.get(id)!]), [...next.groupsRemoved])) changed.add('groups');
    // sittings: removals first (an id removed and added again in one change is written as added)
    for (const part of chunks([...next.removedSittings])) {
      changed.add('sittings');
      await c.query('DELETE FROM content_sittings WHERE id = ANY($1::text[])', [part]);
    }
    if (next.sittings.size) {
      changed.add('sittings');
      await insertRows(
        c, 'content_sittings (id, group_id, summary, doc)', [...next.sittings.values()].map((s) => [s.id, s.groupId, JSON.stringify(summaryOf(s)), JSON.stringify(s)]),
        'ON CONFLICT (id) DO UPDATE SET group_id = excluded.group_id, summary = excluded.summary, doc = excluded.doc',
      );
    }
    const versions = { ...this.versions };
    if (changed.size) {
      const { rows } = await c.query<{ kind: Kind; version: string }>(
        'UPDATE content_versions SET version = version + 1 WHERE kind = ANY($1::text[]) RETURNING kind, version',
        [[...changed]],
      );
      for (const r of rows) versions[r.kind] = Number(r.version);
      if (changed.has('sittings')) {
        // which sittings this version added or changed, for the other processes to reload just those (a large change:
        // all). A removed sitting is never named (a purge leaves no trace, not even its id in this log): `removes`
        // has the other processes drop what is gone by the ids still stored, and the earlier versions' lists forget it.
        const ids = [...next.sittings.keys()];
        const removed = [...next.removedSittings];
        await c.query('INSERT INTO content_sitting_log (version, ids, removes) VALUES ($1, $2, $3)', [versions.sittings, ids.length <= LOG_IDS ? ids : null, removed.length > 0]);
        for (const part of chunks(removed)) {
          await c.query('UPDATE content_sitting_log SET ids = ARRAY(SELECT x FROM unnest(ids) x WHERE x <> ALL($1::text[])) WHERE ids && $1::text[]', [part]);
        }
        await c.query('DELETE FROM content_sitting_log WHERE version <= $1', [versions.sittings - LOG_VERSIONS]);
      }
      await this.db.notify(c, TABLE, [...changed]);
    }
    return versions;
  }

  /** The committed change becomes the working set. */
  private take(next: Next, versions: Versions): void {
    const { catalog, candidates, groups, summaries } = next;
    const sittingsChanged = next.sittings.size > 0 || next.removedSittings.size > 0;
    this.state = { catalog, candidates, groups, summaries };
    this.versions = versions;
    if (sittingsChanged) this.reindex();
    this.changes++;
  }
}

/** Upsert documents by id (an updated row keeps its place) and delete others; whether anything was written. */
async function upsertDocs(c: pg.ClientBase, table: string, rows: [string, unknown][], removed: string[]): Promise<boolean> {
  for (const part of chunks(removed)) await c.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [part]);
  await insertRows(c, `${table} (id, doc)`, rows.map(([id, doc]) => [id, JSON.stringify(doc)]), 'ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
  return rows.length > 0 || removed.length > 0;
}

/**
 * A multi-row `INSERT … VALUES`, `BATCH` rows a statement, every value a parameter (text; PostgreSQL casts it to
 * the column's type). Several times faster than `unnest` of arrays, whose array literals the client escapes and the
 * server parses slowly: 100,000 sittings took 47–63 s as `INSERT … SELECT … FROM unnest($1::text[], …)` (28 s of it
 * the client's CPU) against 7–15 s so, on the same machine in the same hour (docs/design.md: PostgreSQL store).
 */
async function insertRows(c: pg.ClientBase, into: string, rows: readonly string[][], conflict: string): Promise<void> {
  for (const part of chunks(rows)) {
    const width = part[0]!.length;
    const values = part.map((_, i) => `(${Array.from({ length: width }, (_v, j) => `$${i * width + j + 1}`).join(',')})`);
    await c.query(`INSERT INTO ${into} VALUES ${values.join(',')} ${conflict}`, part.flat());
  }
}

