/**
 * The stored exams (`exams.json`) with their versions. An exam record holds the current version's questions;
 * earlier versions keep only their questions, and only as long as a sitting was taken with them.
 *
 *   { "exams": [{ ...exam, "version", "importedReview"?, "legacyVersion"? }],
 *     "versions": [{ "examId", "version", "questions" }] }        earlier versions still in use
 *
 * Data written before exams had versions opens unchanged: such a record gets its version computed on load and
 * that version as its `legacyVersion`, the version of every stored sitting without an `examVersion`.
 *
 * Review settings belong to the exam, not to a version. An import merges them three-way against the settings
 * of the exam's previous import (`importedReview`): a file without `review` keeps what is stored; a file that
 * repeats its previous import's settings keeps a change an admin made in the console since; a file with other
 * settings wins.
 */
import type { Exam, Question, ReviewSettings } from '../../shared/domain.ts';
import type { ExamChangeDto } from '../../shared/protocol.ts';
import { DEFAULT_REVIEW, type ImportedExam } from '../../shared/schema.ts';
import { canonical, diffQuestions, examVersion, totalMaxScore } from './examVersions.ts';

export interface StoredExam extends Exam {
  version: string;
  /** the review settings the exam's last import gave; a console edit may differ from them */
  importedReview?: ReviewSettings;
  /** the version of sittings stored before exams had versions */
  legacyVersion?: string;
  /**
   * When an import last added or changed this exam's groups or sittings (ISO 8601): the default retention counts from
   * the later of this and the review window's end (shared/rules.ts `retentionEnd`). Absent: no candidate data imported
   * since the field exists (data of an older build is stamped at the first start: privacy/importTimes.ts).
   */
  dataImportedAt?: string;
}

export interface StoredVersion { examId: string; version: string; questions: Question[] }
export interface ExamsFile { exams: StoredExam[]; versions?: StoredVersion[] }

/** What an import does to one exam, before the sittings are counted. */
export type ExamChange = Omit<ExamChangeDto, 'sittingsOnOldVersion' | 'sittingsInFile'>;

/** Order-independent JSON: a record read from disk and one built here compare equal when their fields are. */
const json = canonical;
const sameReview = (a: ReviewSettings | undefined, b: ReviewSettings | undefined) => !!a && !!b && json(a) === json(b);

export class ExamCatalog {
  private constructor(
    private readonly current: Map<string, StoredExam>,
    /** exam id → version → questions, for versions other than the current one */
    private readonly older: Map<string, Map<string, Question[]>>,
  ) {}

  static load(file: ExamsFile | undefined): ExamCatalog {
    const current = new Map<string, StoredExam>();
    for (const e of file?.exams ?? []) {
      if (e.version) current.set(e.id, e);
      else {
        const version = examVersion(e.questions);
        current.set(e.id, { ...e, version, legacyVersion: version });
      }
    }
    const older = new Map<string, Map<string, Question[]>>();
    for (const v of file?.versions ?? []) (older.get(v.examId) ?? older.set(v.examId, new Map()).get(v.examId)!).set(v.version, v.questions);
    return new ExamCatalog(current, older);
  }

  /** A copy to change (the maps are copied; what they hold is replaced, never mutated). */
  clone(): ExamCatalog {
    return new ExamCatalog(new Map(this.current), new Map([...this.older].map(([id, m]) => [id, new Map(m)])));
  }

  toFile(): ExamsFile {
    const versions = [...this.older].flatMap(([examId, m]) => [...m].map(([version, questions]) => ({ examId, version, questions })));
    return { exams: [...this.current.values()], ...(versions.length ? { versions } : {}) };
  }

  get size(): number { return this.current.size; }
  hasOlderVersions(): boolean { return this.older.size > 0; }
  all(): StoredExam[] { return [...this.current.values()]; }
  get(id: string): StoredExam | undefined { return this.current.get(id); }

  /** The version a stored sitting without `examVersion` was taken with. */
  versionOfLegacySitting(examId: string): string | undefined {
    const e = this.current.get(examId);
    return e?.legacyVersion ?? e?.version;
  }

  /** The exam with the questions of one of its versions; undefined when that version is not stored. */
  atVersion(examId: string, version: string | undefined): Exam | undefined {
    const exam = this.current.get(examId);
    if (!exam) return undefined;
    if (!version || version === exam.version) return exam;
    const questions = this.older.get(examId)?.get(version);
    return questions ? { ...exam, questions } : undefined;
  }

  /** Upsert an imported exam; returns what changed, and whether the stored record changed at all. */
  importExam(e: ImportedExam): { change: ExamChange; dirty: boolean } {
    const old = this.current.get(e.id);
    const version = examVersion(e.questions);
    const { review: fileReview, ...content } = e;
    if (!old) {
      const record: StoredExam = { ...content, review: fileReview ?? { ...DEFAULT_REVIEW }, version, ...(fileReview ? { importedReview: fileReview } : {}) };
      this.current.set(e.id, record);
      const change: ExamChange = { examId: e.id, title: e.title, change: 'added', newVersion: false, questions: { added: [], changed: [], removed: [] }, maxScore: null, review: null };
      return { change, dirty: true };
    }
    const { review, importedReview, outcome } = mergeReview(old, fileReview);
    const record: StoredExam = {
      ...content, review, version,
      ...(importedReview ? { importedReview } : {}),
      ...(old.legacyVersion ? { legacyVersion: old.legacyVersion } : {}),
      ...(old.dataImportedAt ? { dataImportedAt: old.dataImportedAt } : {}),
    };
    const newVersion = version !== old.version;
    if (newVersion) {
      const versions = this.older.get(e.id) ?? this.older.set(e.id, new Map()).get(e.id)!;
      versions.set(old.version, old.questions);
      versions.delete(version); // back to an earlier version: it is the current one again
    }
    const from = totalMaxScore(old.questions);
    const to = totalMaxScore(e.questions);
    const visible = ({ version: _v, importedReview: _i, legacyVersion: _l, dataImportedAt: _d, ...rest }: StoredExam) => json(rest);
    const contentChanged = newVersion || visible(old) !== visible(record);
    const dirty = json(old) !== json(record);
    if (dirty) this.current.set(e.id, record);
    const change: ExamChange = {
      examId: e.id, title: e.title, change: contentChanged ? 'updated' : 'unchanged', newVersion,
      questions: newVersion ? diffQuestions(old.questions, e.questions) : { added: [], changed: [], removed: [] },
      maxScore: from === to ? null : { from, to },
      review: outcome,
    };
    return { change, dirty };
  }

  /** An admin's change of an exam's review settings in the console. */
  setReview(examId: string, review: ReviewSettings): boolean {
    const old = this.current.get(examId);
    if (!old) throw new Error(`unknown exam ${examId}`);
    if (json(old.review) === json(review)) return false;
    // the settings of the last import stay the reference for the next one
    this.current.set(examId, { ...old, review, importedReview: old.importedReview ?? old.review });
    return true;
  }

  /** An admin's change of how long the exam's candidate data is kept (undefined: back to the default). */
  setRetention(examId: string, retainUntil: string | undefined): boolean {
    const old = this.current.get(examId);
    if (!old) throw new Error(`unknown exam ${examId}`);
    if (old.retainUntil === retainUntil) return false;
    const { retainUntil: _old, ...rest } = old;
    this.current.set(examId, retainUntil ? { ...rest, retainUntil } : rest);
    return true;
  }

  /**
   * When the exam's candidate data was last imported (`ifMissing`: only where the exam has no such time yet — data of
   * an older build at its upgrade); false when nothing changed or the exam is unknown (its import failed validation).
   */
  setDataImportedAt(examId: string, at: string, ifMissing = false): boolean {
    const old = this.current.get(examId);
    if (!old || old.dataImportedAt === at || (ifMissing && old.dataImportedAt)) return false;
    this.current.set(examId, { ...old, dataImportedAt: at });
    return true;
  }

  /** Drops earlier versions no sitting uses any more; true when one was dropped. */
  prune(inUse: (examId: string, version: string) => boolean): boolean {
    let dropped = false;
    for (const [examId, versions] of this.older) {
      for (const version of versions.keys()) {
        if (inUse(examId, version)) continue;
        versions.delete(version);
        dropped = true;
      }
      if (versions.size === 0) this.older.delete(examId);
    }
    return dropped;
  }
}

function mergeReview(old: StoredExam, file: ReviewSettings | undefined): { review: ReviewSettings; importedReview?: ReviewSettings; outcome: ExamChange['review'] } {
  if (!file) return { review: old.review, ...(old.importedReview ? { importedReview: old.importedReview } : {}), outcome: null };
  const previous = old.importedReview ?? old.review;
  if (sameReview(file, previous)) {
    // the file says what it said before: a change made in the console since stays
    const outcome = sameReview(old.review, file) ? null : { outcome: 'kept' as const, kept: old.review, file };
    return { review: old.review, ...(old.importedReview ? { importedReview: old.importedReview } : {}), outcome };
  }
  const outcome = sameReview(old.review, file) ? null : { outcome: 'changed' as const, from: old.review, to: file };
  return { review: file, importedReview: file, outcome };
}
