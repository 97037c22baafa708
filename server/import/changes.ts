/**
 * A validated import as content-store changes. Each stored sitting gets its exam (from its group), its
 * responses in the exam's question order — a question without a response is stored as unanswered (null,
 * score 0) — its totals: the sum of its scores and the sum of the exam's maximum scores — and the version of the
 * exam it belongs to: the exam's version in the file when the file has the exam, else the stored exam's current
 * version.
 */
import type { Group, Sitting } from '../../shared/domain.ts';
import type { ImportedExam, ImportedSitting, ImportFile } from '../../shared/schema.ts';
import { examVersion } from '../store/examVersions.ts';
import type { ContentChanges } from '../store/index.ts';
import type { KnownContent } from './importRules.ts';

/** Sums of scores such as 0.5 + 0.1 stay free of floating-point noise. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

type ExamContent = Pick<ImportedExam, 'id' | 'questions'>;

export function storedSitting(s: ImportedSitting, exam: ExamContent, version = examVersion(exam.questions)): Sitting {
  const given = new Map(s.responses.map((r) => [r.questionId, r]));
  const responses = exam.questions.map((q) => given.get(q.id) ?? { questionId: q.id, response: null, score: 0 });
  return {
    ...s,
    responses,
    examId: exam.id,
    examVersion: version,
    totalScore: round(responses.reduce((sum, r) => sum + r.score, 0)),
    maxScore: round(exam.questions.reduce((sum, q) => sum + q.maxScore, 0)),
  };
}

export function toContentChanges(data: ImportFile, known?: KnownContent): ContentChanges {
  const exams = new Map(data.exams.map((e) => [e.id, e]));
  const groups = new Map(data.groups.map((g) => [g.id, g]));
  const examOf = (id: string) => exams.get(id) ?? known?.exam(id);
  const versions = new Map<ExamContent, string>();
  const versionOf = (e: ExamContent) => versions.get(e) ?? versions.set(e, examVersion(e.questions)).get(e)!;
  const groupOf = (id: string): Group | undefined => groups.get(id) ?? known?.group(id);
  return {
    // the exams whose groups or sittings this adds or changes are stamped with the time (their retention counts from it)
    imported: true,
    // a retention date set in the console survives a re-import that does not set one itself
    exams: data.exams.map((e) => {
      const kept = known?.exam(e.id)?.retainUntil;
      return e.retainUntil === undefined && kept ? { ...e, retainUntil: kept } : e;
    }),
    candidates: data.candidates,
    groups: data.groups,
    sittings: data.sittings.map((s) => {
      const exam = examOf(groupOf(s.groupId)?.examId ?? '');
      if (!exam) throw new Error(`sitting ${s.id}: its group or exam is unknown (validate the import first)`);
      return storedSitting(s, exam, versionOf(exam));
    }),
  };
}
