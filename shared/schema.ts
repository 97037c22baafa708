/**
 * The import format (inzage/v1) as zod schemas; the domain types (docs/design.md: Domain) are inferred from them.
 * Pure: no Node or DOM APIs. Cross-reference checks (unknown option ids, unknown groups, …) live in
 * `importRules.ts`, which runs after these structural checks.
 */
import * as z from 'zod';

const id = z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters');
const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });
const html = z.string().max(200_000, 'at most 200,000 characters');
const label = z.strictObject({ id, text: z.string().max(5_000) });

const revealWhen = z.enum(['never', 'on-request', 'always']);
/**
 * What a candidate may see during a review (docs/design.md: The reveal policy): the key (closed questions) and the
 * marking scheme (open ones) never, on request ('Antwoordsleutel'/'Correctievoorschrift') or always (in the payload);
 * on every question or only where the candidate lost points; per-question scores shown or hidden.
 */
export const RevealPolicySchema = z.strictObject({
  key: revealWhen,
  scheme: revealWhen,
  scope: z.enum(['all', 'not-full-marks']),
  scores: z.enum(['shown', 'hidden']),
});

export const ReviewSettingsSchema = z.strictObject({
  allowed: z.boolean(),
  opensAt: isoDate.optional(),
  closesAt: isoDate.optional(),
  maxMinutes: z.number().int().min(5, 'at least 5').max(480, 'at most 480'),
  /** `reveal.key` 'never' or not (kept in step with `reveal` when that is set; see `revealPolicy` in rules.ts) */
  showKey: z.boolean(),
  showScheme: z.boolean(),
  /** Optional: without it the policy follows `showKey`/`showScheme` (true: 'on-request', false: 'never'). */
  reveal: RevealPolicySchema.optional(),
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

/**
 * QTI items (issue 13; docs/design.md: QTI content). An item is one question whose `stem` is the item body's
 * sanitised XHTML, in which each interaction stands as a placeholder element `<inzage-part ref="RESPONSE_ID">`
 * at its place in the text (block and inline interactions alike). Each part is one interaction bound to one
 * response declaration, with its own key, mapping and maximum where the item declares them.
 *
 * Values are QTI's own value strings, whatever the base type: an identifier ("ChoiceA"), a pair or directed pair
 * ("A B", source first), a point ("102 113"), a number as written ("3.14"), a string. A candidate's response to
 * an item is a record from part id to its list of values (`ItemResponseSchema`): one value for single
 * cardinality, several (in order, for `ordered`) otherwise; a part left out or empty is unanswered.
 */
export const PART_INTERACTIONS = [
  'choice', 'order', 'match', 'associate', 'gapMatch', 'inlineChoice', 'textEntry', 'extendedText',
  'hotspot', 'selectPoint', 'graphicOrder', 'graphicAssociate', 'graphicGapMatch', 'hottext', 'slider',
  'unsupported',
] as const;
export type PartInteraction = (typeof PART_INTERACTIONS)[number];
const qtiValue = z.string().max(10_000);
const itemLabel = z.strictObject({ id, text: html });
const coords = z.array(z.number()).max(400);
export const AreaShapeSchema = z.enum(['rect', 'circle', 'ellipse', 'poly', 'default']);
export const ItemImageSchema = z.strictObject({
  /** the picture: a media file `/api/media/<sha256>.<ext>` (the QTI import stores a package's pictures so) or inline `data:image/png|jpeg|gif|webp;base64,…` */
  src: z.string().min(1).max(200_000),
  width: z.number().positive().max(10_000).optional(),
  height: z.number().positive().max(10_000).optional(),
  alt: z.string().max(1_000).optional(),
});
export const HotspotSchema = z.strictObject({ id, shape: AreaShapeSchema, coords, label: z.string().max(1_000).optional() });
export const MappingSchema = z.strictObject({
  defaultValue: z.number().default(0),
  lowerBound: z.number().optional(),
  upperBound: z.number().optional(),
  entries: z.array(z.strictObject({ value: qtiValue, points: z.number(), caseSensitive: z.boolean().optional() })).max(500),
});
export const AreaMappingSchema = z.strictObject({
  defaultValue: z.number().default(0),
  lowerBound: z.number().optional(),
  upperBound: z.number().optional(),
  entries: z.array(z.strictObject({ shape: AreaShapeSchema, coords, points: z.number() })).max(500),
});
export const ItemPartSchema = z.strictObject({
  /** the response identifier (`RESPONSE`, `RESPONSE2`, …) */
  id,
  interaction: z.enum(PART_INTERACTIONS),
  cardinality: z.enum(['single', 'multiple', 'ordered', 'record']),
  baseType: z.enum(['identifier', 'boolean', 'integer', 'float', 'string', 'point', 'pair', 'directedPair', 'duration', 'file', 'uri']).optional(),
  /** the interaction's prompt (XHTML) */
  prompt: html.optional(),
  /**
   * gap match and hottext: the interaction's own text (XHTML), in which each gap stands as
   * `<inzage-gap ref="GAP_ID"></inzage-gap>` and each hottext as `<inzage-hottext ref="ID">its text</inzage-hottext>`
   */
  body: html.optional(),
  /** choices, order items, inline choices, gap texts, hottexts, the first set of a match, associate's choices (XHTML: may hold an inline image) */
  choices: z.array(itemLabel).max(500).optional(),
  /** the second set of a match, a gap match's gaps */
  targets: z.array(itemLabel).max(500).optional(),
  minChoices: z.number().int().min(0).optional(),
  maxChoices: z.number().int().min(0).optional(),
  /** graphic interactions: the picture and its areas */
  image: ItemImageSchema.optional(),
  hotspots: z.array(HotspotSchema).max(500).optional(),
  /** slider: its range */
  lowerBound: z.number().optional(),
  upperBound: z.number().optional(),
  /** `qti-correct-response` values; absent when the item declares none (an open part) */
  key: z.array(qtiValue).max(500).optional(),
  mapping: MappingSchema.optional(),
  areaMapping: AreaMappingSchema.optional(),
  /** points this part is worth, where the item says or its processing template implies */
  maxScore: z.number().min(0).optional(),
  /** `unsupported`: the QTI element's name (`qti-upload-interaction`, `qti-portable-custom-interaction`, …) */
  element: z.string().max(100).optional(),
});
export const ItemQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('item'),
  /** the item's title (the question's heading in the exam, if the delivery showed one) */
  title: z.string().max(300).optional(),
  /** the title of the test section the item stands in, shown as a heading above its first item */
  section: z.string().max(300).optional(),
  parts: z.array(ItemPartSchema).max(100),
  /** the marking scheme: the item's rubric block for scorers (else for authors/tutors), XHTML */
  scheme: html.optional(),
});
/** A candidate's response to an item: part id → values (see `ItemPartSchema`). */
export const ItemResponseSchema = z.record(z.string().max(120), z.array(qtiValue).max(500));

export const QuestionSchema = z.discriminatedUnion('type', [
  ChoiceQuestionSchema, OrderQuestionSchema, MatchQuestionSchema,
  TextQuestionSchema, NumericQuestionSchema, OpenQuestionSchema, ItemQuestionSchema,
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

/** What a candidate had in the exam and gets in the review too: extra time (a percentage of the limit) and read-aloud. */
export const AccommodationsSchema = z.strictObject({
  extraTimePercent: z.number().int('a whole number').min(0, 'at least 0').max(100, 'at most 100').default(0),
  readAloud: z.boolean().default(false),
});

/**
 * A candidate. The names are optional together: a candidate that QTI results name but no candidate list brought
 * in is stored with the number only (docs/import-format.md, Candidate), shown by its number (`displayName`)
 * until a candidate list gives the names.
 */
export const CandidateSchema = z.strictObject({
  number: z.string().trim().regex(/^[A-Za-z0-9-]{1,20}$/, 'letters, digits and "-" only, at most 20'),
  firstName: z.string().trim().min(1).max(100).optional(),
  lastNamePrefix: z.string().trim().max(40).optional(),
  lastName: z.string().trim().min(1).max(100).optional(),
  className: z.string().trim().max(40).optional(),
  accommodations: AccommodationsSchema.optional(),
}).refine((c) => (c.firstName === undefined) === (c.lastName === undefined), {
  message: 'give firstName and lastName both, or neither (a candidate known by number only)',
  path: ['lastName'],
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
  ItemResponseSchema,
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
export type RevealPolicy = z.infer<typeof RevealPolicySchema>;
export type Accommodations = z.infer<typeof AccommodationsSchema>;
export type ChoiceQuestion = z.infer<typeof ChoiceQuestionSchema>;
export type OrderQuestion = z.infer<typeof OrderQuestionSchema>;
export type MatchQuestion = z.infer<typeof MatchQuestionSchema>;
export type TextQuestion = z.infer<typeof TextQuestionSchema>;
export type NumericQuestion = z.infer<typeof NumericQuestionSchema>;
export type OpenQuestion = z.infer<typeof OpenQuestionSchema>;
export type ItemPart = z.infer<typeof ItemPartSchema>;
export type ItemQuestion = z.infer<typeof ItemQuestionSchema>;
export type ItemResponse = z.infer<typeof ItemResponseSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionType = Question['type'];
export type ClosedQuestion = Exclude<Question, OpenQuestion | ItemQuestion>;
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
