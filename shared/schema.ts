/**
 * The import format (inzage/v1) as zod schemas; the domain types (docs/design.md: Domain) are inferred from them.
 * Pure: no Node or DOM APIs. Cross-reference checks (unknown option ids, unknown groups, …) live in
 * `importRules.ts`, which runs after these structural checks.
 */
import { z } from 'zod';

const id = z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters');
const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });
const html = z.string().max(200_000, 'at most 200,000 characters');
const label = z.strictObject({ id, text: z.string().max(5_000) });

export const ReviewSettingsSchema = z.strictObject({
  allowed: z.boolean(),
  opensAt: isoDate.optional(),
  closesAt: isoDate.optional(),
  maxMinutes: z.number().int().min(5, 'at least 5').max(480, 'at most 480'),
  showKey: z.boolean(),
  showScheme: z.boolean(),
});

/** The review settings of an exam imported without them: no review until an admin opens it in the console. */
export const DEFAULT_REVIEW: Readonly<z.infer<typeof ReviewSettingsSchema>> = Object.freeze({ allowed: false, maxMinutes: 45, showKey: true, showScheme: true });

const base = {
  id,
  number: z.number().int().min(1).max(999),
  maxScore: z.number().min(0).max(1000),
  stem: html,
};

export const ChoiceQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('choice'),
  options: z.array(label).min(2, 'needs at least 2 options').max(26),
  multiple: z.boolean().default(false),
  key: z.array(id).min(1, 'needs at least one correct option'),
});
export const OrderQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('order'),
  items: z.array(label).min(2, 'needs at least 2 items').max(50),
  key: z.array(id).min(2),
});
export const MatchQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('match'),
  left: z.array(label).min(1).max(50),
  right: z.array(label).min(1).max(50),
  key: z.array(z.tuple([id, id])).min(1),
});
export const TextQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('text'),
  key: z.array(z.string().min(1)).min(1, 'needs at least one accepted answer'),
  caseSensitive: z.boolean().optional(),
});
export const NumericQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('numeric'),
  key: z.number(),
  tolerance: z.number().min(0).default(0),
});
export const OpenQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('open'),
  scheme: html,
});

export const QuestionSchema = z.discriminatedUnion('type', [
  ChoiceQuestionSchema, OrderQuestionSchema, MatchQuestionSchema,
  TextQuestionSchema, NumericQuestionSchema, OpenQuestionSchema,
]);

export const ExamSchema = z.strictObject({
  id,
  title: z.string().trim().min(1).max(200),
  subject: z.string().trim().min(1).max(100),
  level: z.string().trim().min(1).max(40),
  central: z.boolean(),
  /** Optional: an exam imported without it is not open for review until the console sets it; a re-import
   * without it keeps what is stored (docs/import-format.md, 'Review settings on a re-import'). */
  review: ReviewSettingsSchema.optional(),
  /** Keep the candidate data of this exam until then; without it: the review window's end + the server's retention days. */
  retainUntil: isoDate.optional(),
  questions: z.array(QuestionSchema).min(1, 'an exam needs at least one question').max(500),
});

export const CandidateSchema = z.strictObject({
  number: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and "-" only, at most 20'),
  firstName: z.string().trim().min(1).max(100),
  lastNamePrefix: z.string().trim().max(40).optional(),
  lastName: z.string().trim().min(1).max(100),
  className: z.string().trim().max(40).optional(),
});

export const GroupSchema = z.strictObject({
  id,
  name: z.string().trim().min(1).max(200),
  examId: id,
  startsAt: isoDate,
  location: z.string().max(200).optional(),
  candidateNumbers: z.array(z.string()).max(5_000),
});

/** A response's shape depends on its question's type; checked in importRules. */
export const ResponseValueSchema = z.union([
  z.null(),
  z.string().max(100_000),
  z.number(),
  z.array(z.string().max(120)).max(100),
  z.array(z.tuple([z.string().max(120), z.string().max(120)])).max(100),
]);

export const ResponseSchema = z.strictObject({
  questionId: id,
  response: ResponseValueSchema,
  score: z.number().min(0),
  flagged: z.boolean().optional(),
});

export const SittingSchema = z.strictObject({
  id,
  groupId: id,
  candidateNumber: z.string(),
  startedAt: isoDate,
  submittedAt: isoDate,
  grade: z.number().min(1).max(10).optional(),
  responses: z.array(ResponseSchema).max(500),
});

export const ImportFileSchema = z.strictObject({
  format: z.literal('inzage/v1', { message: 'must be "inzage/v1"' }),
  exams: z.array(ExamSchema).default([]),
  candidates: z.array(CandidateSchema).default([]),
  groups: z.array(GroupSchema).default([]),
  sittings: z.array(SittingSchema).default([]),
});

export type ReviewSettings = z.infer<typeof ReviewSettingsSchema>;
export type ChoiceQuestion = z.infer<typeof ChoiceQuestionSchema>;
export type OrderQuestion = z.infer<typeof OrderQuestionSchema>;
export type MatchQuestion = z.infer<typeof MatchQuestionSchema>;
export type TextQuestion = z.infer<typeof TextQuestionSchema>;
export type NumericQuestion = z.infer<typeof NumericQuestionSchema>;
export type OpenQuestion = z.infer<typeof OpenQuestionSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];
export type ClosedQuestion = Exclude<Question, OpenQuestion>;
/** An exam as an import file gives it (its review settings may be left out). */
export type ImportedExam = z.infer<typeof ExamSchema>;
/** An exam as stored: always with review settings. */
export type Exam = ImportedExam & { review: ReviewSettings };
export type Candidate = z.infer<typeof CandidateSchema>;
export type Group = z.infer<typeof GroupSchema>;
export type ResponseValue = z.infer<typeof ResponseValueSchema>;
export type ImportFile = z.infer<typeof ImportFileSchema>;
export type ImportedSitting = z.infer<typeof SittingSchema>;

/**
 * A stored sitting: the imported one plus the exam, the version of the exam it was taken with (a hash of the
 * questions, see server/store/examVersions.ts; absent in data written before exams had versions) and the
 * computed totals.
 */
export interface Sitting extends ImportedSitting {
  examId: string;
  examVersion?: string;
  totalScore: number;
  maxScore: number;
}
