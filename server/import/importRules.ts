/**
 * Cross-reference checks of an import file, after the structural checks of `shared/schema.ts`: unique ids,
 * references between exams, candidates, groups and sittings (within the file, or to what is stored already),
 * and each response against its question. Elements that failed the structural checks are left out here
 * (except a sitting broken only in some responses: its others are checked, validate.ts); references to their
 * ids are not reported again. Every message is coded (shared/i18n/importIssues.ts).
 */
import type { Candidate, Exam, Group } from '../../shared/domain.ts';
import type { ImportedExam, ImportedSitting } from '../../shared/schema.ts';
import { coded } from '../../shared/i18n/importIssues.ts';
import { findDuplicates, type Issues } from './issues.ts';
import { checkExam } from './questionRules.ts';
import { checkResponse } from './responseRules.ts';

/** What is stored already (the content store fits this). */
export interface KnownContent {
  exam(id: string): Exam | undefined;
  group(id: string): Group | undefined;
  candidate(number: string): Candidate | undefined;
}

/** An element that passed the structural checks, with its index in the file. */
export interface Indexed<T> { index: number; value: T }

export interface ParsedFile {
  exams: Indexed<ImportedExam>[];
  candidates: Indexed<Candidate>[];
  groups: Indexed<Group>[];
  sittings: Indexed<ImportedSitting>[];
  /** Ids of elements that failed the structural checks. */
  broken: { exams: Set<string>; candidates: Set<string>; groups: Set<string> };
}

/**
 * An exam's questions by id and a group's candidate numbers as a set, made once per object (neither is changed
 * once validated or stored): every sitting of a results import is checked against the same exam and group.
 */
const questionIndex = new WeakMap<ImportedExam, ReadonlyMap<string, ImportedExam['questions'][number]>>();
const questionsOf = (exam: ImportedExam) => questionIndex.get(exam) ?? questionIndex.set(exam, new Map(exam.questions.map((q) => [q.id, q]))).get(exam)!;
const groupMembers = new WeakMap<Group, ReadonlySet<string>>();
const membersOf = (group: Group) => groupMembers.get(group) ?? groupMembers.set(group, new Set(group.candidateNumbers)).get(group)!;

export class ImportRules {
  private readonly exams = new Map<string, ImportedExam>();
  private readonly candidates = new Set<string>();
  private readonly groups = new Map<string, Group>();
  /** candidate number → group id → index of its first sitting */
  private readonly sittingOf = new Map<string, Map<string, number>>();

  constructor(private readonly file: ParsedFile, private readonly issues: Issues, private readonly known?: KnownContent) {}

  checkContent(): void {
    const { file, issues } = this;
    findDuplicates(file.exams, (e) => e.value.id, (i, id) =>
      issues.error(['exams', file.exams[i]!.index, 'id'], coded('duplicate-exam-id', { id })));
    for (const { index, value } of file.exams) {
      if (!this.exams.has(value.id)) this.exams.set(value.id, value);
      checkExam(value, ['exams', index], issues);
      const { retainUntil, review } = value;
      if (retainUntil && review?.closesAt && Date.parse(retainUntil) <= Date.parse(review.closesAt)) {
        issues.error(['exams', index, 'retainUntil'], coded('retain-before-window-end', {}));
      }
    }
    findDuplicates(file.candidates, (c) => c.value.number, (i, n) =>
      issues.error(['candidates', file.candidates[i]!.index, 'number'], coded('duplicate-candidate-number', { number: n })));
    for (const { value } of file.candidates) this.candidates.add(value.number);
    findDuplicates(file.groups, (g) => g.value.id, (i, id) =>
      issues.error(['groups', file.groups[i]!.index, 'id'], coded('duplicate-group-id', { id })));
    for (const g of file.groups) {
      if (!this.groups.has(g.value.id)) this.groups.set(g.value.id, g.value);
      this.checkGroup(g);
    }
    findDuplicates(file.sittings, (s) => s.value.id, (i, id) =>
      issues.error(['sittings', file.sittings[i]!.index, 'id'], coded('duplicate-sitting-id', { id })));
  }

  private exam(id: string): ImportedExam | undefined {
    return this.exams.get(id) ?? this.known?.exam(id);
  }

  private group(id: string): Group | undefined {
    return this.groups.get(id) ?? this.known?.group(id);
  }

  private hasCandidate(number: string): boolean {
    return this.candidates.has(number) || this.file.broken.candidates.has(number) || !!this.known?.candidate(number);
  }

  private checkGroup({ index, value: g }: Indexed<Group>): void {
    const at = ['groups', index] as const;
    if (!this.exam(g.examId) && !this.file.broken.exams.has(g.examId)) this.issues.error([...at, 'examId'], coded('unknown-exam', { id: g.examId }));
    g.candidateNumbers.forEach((n, i) => {
      if (!this.hasCandidate(n)) this.issues.error([...at, 'candidateNumbers', i], coded('unknown-candidate', { number: n }));
    });
    findDuplicates(g.candidateNumbers, (n) => n, (i, n) => this.issues.error([...at, 'candidateNumbers', i], coded('candidate-listed-twice', { number: n })));
  }

  /** `responseIndex`: each response's index in the file, when some of the sitting's responses were left out. */
  checkSitting({ index, value: s }: Indexed<ImportedSitting>, responseIndex?: readonly number[]): void {
    const at = ['sittings', index] as const;
    if (Date.parse(s.submittedAt) < Date.parse(s.startedAt)) this.issues.error([...at, 'submittedAt'], coded('submitted-before-start', { startedAt: s.startedAt }));
    const group = this.group(s.groupId);
    if (!group) {
      if (!this.file.broken.groups.has(s.groupId)) this.issues.error([...at, 'groupId'], coded('unknown-group', { id: s.groupId }));
      return;
    }
    this.checkCandidate(s, group, index);
    const exam = this.exam(group.examId);
    if (!exam) return; // reported with the group
    const questions = questionsOf(exam);
    const answered = new Map<string, number>();
    s.responses.forEach((r, j) => {
      const i = responseIndex?.[j] ?? j;
      const rat = [...at, 'responses', i];
      const q = questions.get(r.questionId);
      if (!q) return this.issues.error([...rat, 'questionId'], coded('unknown-question', { question: r.questionId, exam: exam.id }));
      const first = answered.get(r.questionId);
      if (first !== undefined) return this.issues.error([...rat, 'questionId'], coded('answered-twice', { question: r.questionId, first }));
      answered.set(r.questionId, i);
      checkResponse(q, r, rat, this.issues);
    });
  }

  private checkCandidate(s: ImportedSitting, group: Group, index: number): void {
    const at = ['sittings', index, 'candidateNumber'];
    const n = s.candidateNumber;
    if (!this.hasCandidate(n)) return this.issues.error(at, coded('unknown-candidate', { number: n }));
    if (!membersOf(group).has(n)) return this.issues.error(at, coded('candidate-not-in-group', { number: n, group: group.id }));
    const inGroups = this.sittingOf.get(n) ?? this.sittingOf.set(n, new Map()).get(n)!;
    const first = inGroups.get(group.id);
    if (first !== undefined) this.issues.error(at, coded('candidate-sitting-twice', { number: n, group: group.id, first }));
    else inGroups.set(group.id, index);
  }
}
