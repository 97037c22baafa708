/**
 * The wire contract (docs/design.md: Transport): HTTP request schemas and response shapes, socket event maps for the
 * `/kiosk` and `/admin` namespaces. Used as generics on both ends so that a renamed event fails to compile.
 */
import * as z from 'zod';
import type { AckFn } from './errors.ts';
import type { ImportIssue } from './i18n/importIssues.ts';
import { REMARK_KINDS, REMARK_MAX_CHARS, REMARK_STATUSES, type Accommodations, type AuditEvent, type EndReason, type PublicUser, type QuestionId, type QuestionType, type RemarkKind, type RemarkStatus, type ReviewSettings, type ReviewStatus, type Role } from './domain.ts';
import { ReviewSettingsSchema, type ItemPart, type ItemResponse } from './schema.ts';

// ---------- HTTP request bodies ----------

const shortText = (max: number) => z.string().trim().min(1).max(max);

/** Routes that take no input (logout, ending a review, unpairing): no body, or `{}`; anything else is refused. */
export const EmptyBody = z.strictObject({}).optional();
export const LoginBody = z.strictObject({ username: shortText(100), password: z.string().min(1).max(500) });
export const PasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(500),
  newPassword: z.string().min(10, 'at least 10 characters').max(500),
});
export const StartReviewBody = z.strictObject({ sittingId: shortText(120), kioskId: shortText(120) });
/** `POST /api/kiosks`: `roomId` puts the new kiosk in that room at once (and a room that requires SEB checks it first). */
export const PairKioskBody = z.strictObject({ code: shortText(20), name: shortText(60), roomId: shortText(120).nullable().optional() });
/** `PUT /api/auth/rooms`: the rooms this login session supervises ('Mijn lokalen'); empty: all rooms. */
export const MyRoomsBody = z.strictObject({ roomIds: z.array(shortText(120)).max(100) });
/** `POST /api/kiosks/seb-config`: the password that quits Safe Exam Browser on the stations (SEB keeps its SHA-256). */
export const SebConfigBody = z.strictObject({ quitPassword: z.string().min(8, 'at least 8 characters').max(200) });
/** `GET /api/kiosks/:id/launch-kit/:kind`. */
export const LaunchKitKindParam = z.enum(['desktop', 'systemd', 'windows']);
export const RenameKioskBody = z.strictObject({ name: shortText(60) });
/** `PATCH /api/kiosks/:id/room`: the room it stands in, or null for none. */
export const KioskRoomBody = z.strictObject({ roomId: shortText(120).nullable() });
const sebKey = z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hexadecimal (64 characters)');
export const CreateRoomBody = z.strictObject({ name: shortText(60) });
/** `PATCH /api/rooms/:id`: a new name; `seb` null: no SEB required; else the keys SEB must prove (one at least). */
export const PatchRoomBody = z.strictObject({
  name: shortText(60).optional(),
  seb: z.strictObject({ configKeys: z.array(sebKey).max(20).default([]), browserExamKeys: z.array(sebKey).max(20).default([]) })
    .refine((s) => s.configKeys.length + s.browserExamKeys.length > 0, { message: 'give at least one Config Key or Browser Exam Key' })
    .nullable().optional(),
});
export const ExamReviewPatch = ReviewSettingsSchema.partial().extend({
  opensAt: ReviewSettingsSchema.shape.opensAt.nullable(),
  closesAt: ReviewSettingsSchema.shape.closesAt.nullable(),
}).partial();
/** `retainUntil`: an ISO date-time, or null for the default (the review window's end + the server's retention days). */
export const ExamRetentionBody = z.strictObject({ retainUntil: z.iso.datetime({ offset: true }).nullable() });
/** How long an exam's candidate data is kept (`GET /api/exams`). */
export interface RetentionDto {
  /** when the daily purge removes it; null: nothing to date it by (no window end, no sittings) */
  until: string | null;
  /** set for this exam (in the console or by import), rather than the default */
  explicit: boolean;
  /** what the default date counts from: the review window's end, or the last import of the candidate data, whichever is later (null: explicit or undated) */
  basis: 'review' | 'import' | null;
  /** when this exam's candidate data was last imported (an import that added or changed its groups or sittings); null: none since this field exists */
  importedAt: string | null;
  /** the server's default: days after the later of the review window's end and the last import */
  defaultDays: number;
  /** how many sittings it would remove */
  sittings: number;
}
export const CreateUserBody = z.strictObject({
  username: z.string().trim().regex(/^[a-z0-9._-]{2,40}$/, 'lowercase letters, digits, ".", "_" or "-"; 2 to 40'),
  displayName: shortText(100).optional(),
  role: z.enum(['supervisor', 'admin']),
  password: z.string().min(10).max(500).optional(),
});
export const PatchUserBody = z.strictObject({
  displayName: shortText(100).optional(),
  role: z.enum(['supervisor', 'admin']).optional(),
  disabled: z.boolean().optional(),
  resetPassword: z.literal(true).optional(),
});
export const CandidateSearchQuery = z.object({
  q: z.string().trim().min(2, 'type at least 2 characters').max(100),
});
/** A whole number in a query string: digits only (no '1e2', '0x10' or '2.5'). */
const wholeNumber = z.string().regex(/^\d{1,9}$/, 'a whole number').transform(Number);
export const AuditQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  action: z.string().max(60).optional(),
  actor: z.string().max(100).optional(),
  format: z.enum(['json', 'csv']).optional(),
  // the CSV export: field separator, the IANA zone its times are written in (with their offset), header language
  delimiter: z.enum([',', ';']).optional(),
  tz: z.string().max(64).optional(),
  lang: z.enum(['nl', 'en']).optional(),
  // paging (JSON only): the newest `limit` matching events with seq < `before`
  limit: wholeNumber.pipe(z.number().min(1).max(1000)).optional(),
  before: wholeNumber.pipe(z.number().min(1)).optional(),
}).refine((q) => q.before === undefined || q.limit !== undefined, { message: 'before needs limit', path: ['before'] });
/** `GET /api/remarks`: the examiner's queue, filtered; `format=csv` (with `delimiter`, `lang`) for a spreadsheet. */
export const RemarksQuery = z.object({
  examId: z.string().max(120).optional(),
  groupId: z.string().max(120).optional(),
  status: z.enum(REMARK_STATUSES).optional(),
  format: z.enum(['json', 'csv']).optional(),
  delimiter: z.enum([',', ';']).optional(),
  tz: z.string().max(64).optional(),
  lang: z.enum(['nl', 'en']).optional(),
});
/** `PATCH /api/remarks/:id`: handled (or open again), with a reply note (an empty one clears it). */
export const RemarkPatch = z.strictObject({
  status: z.enum(REMARK_STATUSES),
  note: z.string().trim().max(REMARK_MAX_CHARS).optional(),
});
export const PurgeBody = z.strictObject({
  examId: shortText(120).optional(),
  before: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  dryRun: z.boolean().default(false),
}).refine((b) => !!b.examId !== !!b.before, { message: 'give exactly one of examId or before' });

// ---------- HTTP response shapes ----------

// Every answer the server sends is one of these; the routes check theirs with `satisfies`, the console's
// `admin/src/data/*` modules return them.

export interface MeDto {
  id: string; username: string; displayName: string; role: Role; mustChangePassword: boolean;
  /** the rooms this login session supervises ('Mijn lokalen', `PUT /api/auth/rooms`): [] all, null not chosen yet */
  rooms: string[] | null;
}
/** `POST /api/auth/login`, `GET /api/auth/me`. */
export interface LoginDto { user: MeDto }
export interface GroupDto {
  id: string; name: string; examId: string; examTitle: string; startsAt: string; candidateCount: number; location?: string;
  /** whether a review of this group's exam can start now (the exam's settings and the server's clock) */
  reviewStatus: ReviewStatus;
}
export interface ResultRowDto {
  candidateNumber: string; name: string; className?: string;
  /** the key the name sorts by: last name without its prefix, first name, prefix (shared/names.ts `sortName`) */
  sortName: string;
  /** extra time and read-aloud, when the candidate has them */
  accommodations?: Accommodations;
  sittingId: string | null; totalScore: number | null; maxScore: number | null; grade: number | null;
  /** an active review of this sitting, if any */
  reviewId: string | null;
}
export interface ResultsDto {
  group: GroupDto;
  exam: { id: string; title: string; central: boolean; review: { allowed: boolean; opensAt: string | null; closesAt: string | null; status: ReviewStatus; maxMinutes: number } };
  rows: ResultRowDto[];
}
export interface CandidateSittingDto {
  sittingId: string; groupId: string; groupName: string; examId: string; examTitle: string; central: boolean;
  startedAt: string; submittedAt: string; totalScore: number; maxScore: number; grade: number | null;
  reviewStatus: ReviewStatus; reviewId: string | null;
}
/** One hit of `GET /api/candidates?q=`. */
export interface CandidateHitDto {
  number: string; name: string; className?: string; sittingCount: number;
  /** the review of one of their sittings running now ('Inzage loopt'), else null */
  reviewId: string | null;
}
export interface CandidateSearchDto { candidates: CandidateHitDto[]; /** more matched than are listed */ more: boolean }
export interface CandidateSittingsDto { candidate: { number: string; name: string; className?: string; accommodations?: Accommodations }; sittings: CandidateSittingDto[] }
export interface KioskDto {
  id: string; name: string; online: boolean; reviewId: string | null; pairedAt: string; lastSeenAt: string | null; roomId: string | null;
  /** when it was last refused for not proving Safe Exam Browser (its room requires it), until it connects with it */
  sebRefusedAt: string | null;
  /** its last `kiosk:health` report since the server started (kept in memory only), with when it came; null: none yet */
  health: KioskHealthDto | null;
}
/** `GET /api/rooms`: an exam room, its kiosks counted, whether it requires Safe Exam Browser (the keys stay on the server). */
export interface RoomDto { id: string; name: string; kioskCount: number; sebRequired: boolean; createdAt: string }
/** `POST /api/kiosks` (201) and `PATCH /api/kiosks/:id`: the kiosk paired or renamed. */
export interface KioskRefDto { id: string; name: string; roomId?: string | null }
/** A review as consoles list it (`GET /api/reviews`, `POST /api/reviews`, `reviews:updated`). */
export interface ReviewDto {
  id: string; sittingId: string; kioskId: string; kioskName: string;
  candidateNumber: string; candidateName: string; examTitle: string;
  /** the key the candidate sorts by: last name without its prefix, first name, prefix (shared/names.ts `sortName`) */
  candidateSortName: string;
  startedAt: string; endsAt: string;
  /** the id of the question the candidate is on (wire name of the original contract) */
  position: QuestionId;
  /** that question's number (1-based) of `questionCount` */
  questionNumber: number; questionCount: number;
  /**
   * The **username** of the staff member who approved (started) the review (wire name of the original contract);
   * empty should that account no longer exist. The stored session keeps the user's id (`ReviewSession.approvedById`).
   */
  approvedBy: string;
  /** that staff member's display name; empty should the account no longer exist */
  approvedByName: string;
  kioskOnline: boolean;
  /**
   * While the kiosk is offline: when the review ends unless the kiosk is back (the grace period's end, or the time
   * limit if that comes first); null while it is online.
   */
  offlineEndsAt: string | null;
  /** the candidate's remarks ('Opmerking') in this review so far */
  remarkCount: number;
}
/** `GET /api/reviews/:id`: also an ended review (the last 200 are kept), then with when and why it ended. */
export type ReviewDetailDto = ReviewDto & { endedAt?: string; endReason?: EndReason };

/** An exam's review settings with what they mean now on the server's clock. */
export type ExamReviewDto = ReviewSettings & { status: ReviewStatus };
/** `GET /api/exams` (admin). */
export interface ExamDto {
  id: string; title: string; subject: string; level: string; central: boolean;
  questionCount: number; groupCount: number; review: ExamReviewDto;
  /** when the daily retention purge removes this exam's candidate data */
  retention: RetentionDto;
}
/** `PATCH /api/exams/:id/review`: the settings as they are now. */
export interface ExamReviewResultDto { id: string; review: ExamReviewDto }
/** `PATCH /api/exams/:id/retention`: the retention as it is now. */
export interface ExamRetentionResultDto { id: string; retention: RetentionDto }
/** Any of the review settings; `null` clears a window boundary. Times are ISO 8601 with an offset. */
export type ExamReviewPatch = z.input<typeof ExamReviewPatch>;

/** One remark in the examiner's queue (`GET /api/remarks`, `PATCH /api/remarks/:id`). */
export interface RemarkDto {
  id: string; reviewId: string;
  examId: string; examTitle: string; groupId: string; groupName: string;
  candidateNumber: string; candidateName: string;
  questionId: QuestionId; questionNumber: number;
  kind: RemarkKind; text: string; createdAt: string; updatedAt: string;
  status: RemarkStatus; note: string | null; handledBy: string | null; handledAt: string | null;
}
export interface RemarkListDto { remarks: RemarkDto[] }
export type RemarkPatch = z.input<typeof RemarkPatch>;

/** `POST /api/users` (201), `PATCH /api/users/:id`: the account, and a generated password, shown this once. */
export interface UserResultDto { user: PublicUser; password?: string }
export type CreateUserBody = z.input<typeof CreateUserBody>;
export type PatchUserBody = z.input<typeof PatchUserBody>;

/** `GET /api/audit` (JSON): `events` oldest first; `more` (asked for a page): older matching events exist. */
export interface AuditDto {
  events: AuditEvent[]; more?: boolean;
  /** the hash chain holds; else `problem` says where it breaks */
  verified: boolean; problem?: { seq: number; line: number; reason: string };
}

/** What a purge removes (or, in a dry run, would remove). */
export interface PurgeCountsDto { sittings: number; groups: number; candidates: number }
/** `POST /api/purge`. */
export interface PurgeResultDto { dryRun: boolean; counts: PurgeCountsDto }

// ---------- socket payloads ----------

/** An option, item or match label: exam content, sanitised HTML from the import. */
export interface ContentLabel { id: string; text: string }

/** What every question of a review payload carries, whatever its type. */
interface PayloadQuestionBase {
  id: string; number: number; stem: string; maxScore: number;
  /** the candidate's score on it; left out when the exam hides per-question scores (`reveal.scores` 'hidden') */
  score?: number;
  flagged?: boolean;
  /** the exam's policy lets the candidate see the key (closed questions) or the marking scheme (open ones) here */
  hasKey: boolean; hasScheme: boolean;
  /** the key or scheme sent up front, where the policy says 'always' (what `review:reveal` would answer) */
  revealed?: RevealData;
}
/**
 * One question of a `ReviewPayload`: a union on `type`, each with the response in the shape its type takes
 * (the import checks it; `null`: unanswered). No keys, no schemes: those come with `review:reveal`.
 */
export type PayloadQuestion =
  | PayloadQuestionBase & { type: 'choice'; options: ContentLabel[]; multiple: boolean; /** option ids */ response: string[] | null }
  | PayloadQuestionBase & { type: 'order'; items: ContentLabel[]; /** item ids, in the candidate's order */ response: string[] | null }
  | PayloadQuestionBase & { type: 'match'; left: ContentLabel[]; right: ContentLabel[]; /** [left id, right id] pairs */ response: [string, string][] | null }
  | PayloadQuestionBase & { type: 'text'; response: string | null }
  | PayloadQuestionBase & { type: 'numeric'; response: number | null }
  | PayloadQuestionBase & { type: 'open'; response: string | null }
  | PayloadQuestionBase & {
    type: 'item'; title?: string; section?: string;
    /** the item body (sanitised HTML) with a placeholder `<inzage-part ref>` per part */
    parts: PayloadItemPart[];
    /** part id → the candidate's values (QTI value strings); a part left out: unanswered */
    response: ItemResponse | null;
  };
/** An item's response part as the kiosk gets it: what the candidate chose from, never its key or mappings. */
export type PayloadItemPart = Omit<ItemPart, 'key' | 'mapping' | 'areaMapping'>;
/** An item part's key and partial credit, as `review:reveal` gives them. */
export type ItemPartKey = Pick<ItemPart, 'id' | 'key' | 'mapping' | 'areaMapping'>;
/** The payload question of one type, e.g. `PayloadQuestionOf<'match'>`. */
export type PayloadQuestionOf<T extends QuestionType> = Extract<PayloadQuestion, { type: T }>;

export interface ReviewPayload {
  id: string;
  candidate: { number: string; name: string };
  exam: { title: string; subject: string; level: string; central: boolean };
  totalScore: number; maxScore: number; grade: number | null;
  /** `position`: the id of the question the candidate is on (the wire name of the original contract) */
  startedAt: string; endsAt: string; position: QuestionId;
  /** The server's clock when this was sent: a kiosk with a skewed clock still counts down to `endsAt` right. */
  serverNow?: string;
  questions: PayloadQuestion[];
  /** the candidate's accommodations: extra time (already in `endsAt`) and read-aloud ('Voorlezen' on each question) */
  accommodations: Accommodations;
  /** the remarks the candidate has left in this review so far, one per question at most */
  remarks: KioskRemark[];
}
/** A remark as its kiosk sees it: its own, on a question of its review. */
export interface KioskRemark { questionId: QuestionId; kind: RemarkKind; text: string; updatedAt: string }
/** A review's time-limit warning: when it was due, and the end it warns of (ISO date-times, the server's clock). */
export interface ReviewWarning { at: string; endsAt: string }

/**
 * The answer to `review:reveal` per question type: the key of a closed question, the marking scheme (sanitised
 * HTML) of an open one. On the wire it is `{key}` or `{scheme}` without a tag (the original contract): the
 * kiosk knows the type from the question it asked about, and tags it (`TypedReveal`).
 */
export interface RevealByType {
  /** the correct option ids */
  choice: { key: string[] };
  /** the item ids in the correct order */
  order: { key: string[] };
  /** the correct [left id, right id] pairs */
  match: { key: [string, string][] };
  /** the accepted answers */
  text: { key: string[] };
  numeric: { key: { value: number; tolerance: number } };
  open: { scheme: string };
  /** per part its key and mappings (when the exam shows keys), and the item's marking scheme (when it shows schemes) */
  item: { parts: ItemPartKey[]; scheme?: string };
}
export type RevealData = RevealByType[QuestionType];
/** A reveal together with the type of its question: a union discriminated by `type`. */
export type TypedReveal = { [T in QuestionType]: { type: T } & RevealByType[T] }[QuestionType];
export interface KioskIdentity { id: string; name: string }

// What a kiosk sends. The server validates every payload with these schemas (a kiosk may send anything); the
// kiosk's typed emits use their input types (`KioskClientToServer`).
export const NavigatePayload = z.strictObject({ questionId: z.string().min(1).max(120) });
export const RevealPayload = z.strictObject({ questionId: z.string().min(1).max(120) });
/** `review:remark`: the candidate's remark on a question; it replaces their earlier one there, an empty text removes it. */
export const RemarkPayload = z.strictObject({
  questionId: z.string().min(1).max(120),
  kind: z.enum(REMARK_KINDS),
  text: z.string().max(REMARK_MAX_CHARS),
});
/**
 * `kiosk:health`: the kiosk's browser, screen and page state, sent at connect and whenever fullscreen, focus or
 * visibility changes. Kept in memory for the console's Kiosks screen; during a review, losing one of the three
 * raises a `kiosk:alert` on the consoles (server/kiosks/health.ts).
 */
export const KioskHealthPayload = z.strictObject({
  browser: z.string().trim().min(1).max(60),
  version: z.string().trim().max(40),
  screen: z.strictObject({ width: z.number().int().min(0).max(100_000), height: z.number().int().min(0).max(100_000) }),
  fullscreen: z.boolean(),
  focused: z.boolean(),
  visible: z.boolean(),
  appVersion: z.string().trim().min(1).max(40),
});
export type KioskHealth = z.output<typeof KioskHealthPayload>;
/** A kiosk's last health report and when the server got it. */
export type KioskHealthDto = KioskHealth & { at: string };
/** What a kiosk in review left: fullscreen, the focus, or visibility (its page was hidden). */
export const LEFT_PAGE_KINDS = ['fullscreen', 'focus', 'hidden'] as const;
export type LeftPageKind = (typeof LEFT_PAGE_KINDS)[number];
/** `kiosk:alert` (/admin): a kiosk in review left fullscreen, lost the focus or was hidden. */
export interface KioskAlertDto { kioskId: string; kioskName: string; reviewId: string; candidateName: string; what: LeftPageKind; at: string }
/** `kiosk:back` (/admin): the kiosk is fullscreen, focused and visible again (or its review ended): its alert is over. */
export interface KioskBackDto { kioskId: string; reviewId: string; at: string }

/**
 * `review:view`: what the kiosk shows now — the question on screen and whether its key or marking scheme panel is
 * open (opening asks the server, folding it away does not; this report says both). Kept in memory for the
 * supervisor's mirror (server/realtime/mirror.ts); it stores nothing.
 */
export const ViewPayload = z.strictObject({ questionId: z.string().min(1).max(120), open: z.boolean() });

/** `review:logout` takes nothing: no payload or `{}`. */
export const LogoutPayload = z.strictObject({}).optional();

export interface KioskServerToClient {
  'pairing:code': (p: { code: string; expiresAt: string }) => void;
  /** an admin tried to pair this kiosk into a room that requires Safe Exam Browser, and it did not prove it */
  'pairing:refused': (p: { code: 'seb-required' }) => void;
  'kiosk:paired': (p: { token: string; kiosk: KioskIdentity }) => void;
  /**
   * `ended`: the kiosk's last review, when it ended in the last 10 minutes while the kiosk was away (it missed `review:ended`).
   * `warning`: with a review whose time-limit warning is due (`review:warning` was sent, or would have been): when, and
   * the end it warns of.
   */
  'kiosk:state': (p: { kiosk: KioskIdentity; review: ReviewPayload | null; ended?: { id: string; reason: EndReason }; warning?: ReviewWarning }) => void;
  'review:started': (p: ReviewPayload, ack: AckFn) => void;
  'review:warning': (p: { endsAt: string }) => void;
  'review:ended': (p: { reason: EndReason }) => void;
  'kiosk:unpaired': (p: Record<string, never>) => void;
  'kiosk:renamed': (p: { kiosk: KioskIdentity }) => void;
}
export interface KioskClientToServer {
  'review:navigate': (p: z.input<typeof NavigatePayload>, ack: AckFn) => void;
  'review:reveal': (p: z.input<typeof RevealPayload>, ack: AckFn<RevealData>) => void;
  'review:logout': (p: z.input<typeof LogoutPayload>, ack: AckFn) => void;
  /** ack data: the remark as stored, or null when an empty text removed it */
  'review:remark': (p: z.input<typeof RemarkPayload>, ack: AckFn<KioskRemark | null>) => void;
  'kiosk:health': (p: z.input<typeof KioskHealthPayload>, ack: AckFn) => void;
  'review:view': (p: z.input<typeof ViewPayload>, ack: AckFn) => void;
}

/** `position`: the id of the question the candidate is on now. */
export interface ReviewProgress { id: string; position: QuestionId; questionNumber: number; questionCount: number }
export interface ReviewEndedDto { id: string; reason: EndReason; kioskId: string; candidateName: string; examTitle: string; endedAt: string }

/** What changed in the stored data, for consoles to reload what they show: exams' settings, results (groups,
 * candidates, sittings: import or purge), staff accounts, rooms, remarks (a candidate left or changed one, staff handled one). */
export type ContentKind = 'exams' | 'results' | 'users' | 'rooms' | 'remarks';
export interface AdminServerToClient {
  'content:updated': (p: { kinds: ContentKind[] }) => void;
  'kiosks:updated': (kiosks: KioskDto[]) => void;
  'reviews:updated': (reviews: ReviewDto[]) => void;
  'review:progress': (p: ReviewProgress) => void;
  'review:ended': (p: ReviewEndedDto) => void;
  'review:warning': (p: { id: string; endsAt: string }) => void;
  'kiosk:alert': (p: KioskAlertDto) => void;
  'kiosk:back': (p: KioskBackDto) => void;
  /** to the consoles mirroring that review only (`mirror:open`): what its kiosk shows now */
  'mirror:view': (p: MirrorView) => void;
  /** delta consoles only (handshake `auth.lists: 'delta'`), right after the full lists: the version they are at */
  'lists:version': (p: ListsVersionDto) => void;
  /** delta consoles only: the kiosk and review rows that changed since the previous version, and those removed */
  'lists:delta': (p: ListsDeltaDto) => void;
}

/**
 * The version of the kiosk and review lists a console holds (docs/design.md: Consoles: lists as deltas). `epoch`
 * names the server process's run (a restart starts a new one); `seq` counts the deltas within it.
 */
export interface ListsVersionDto { epoch: string; seq: number }
/** Rows to add or replace (matched by `id`) and ids to remove; a list that did not change is left out. */
export interface ListDelta<T> { upsert: T[]; removed: string[] }
/**
 * `lists:delta`: applies to the lists at version `seq - 1` of the same `epoch`. A console at another version
 * (a gap, another epoch) asks `lists:sync` and ignores deltas until the full lists and `lists:version` came.
 */
export interface ListsDeltaDto extends ListsVersionDto { kiosks?: ListDelta<KioskDto>; reviews?: ListDelta<ReviewDto> }
/** `lists:sync`: no payload (or `{}`). */
export const ListsSyncPayload = z.strictObject({}).optional();

/** `mirror:open` / `mirror:close` (/admin): a staff console follows one active review ('Meekijken'), or stops. */
export const MirrorPayload = z.strictObject({ reviewId: z.string().min(1).max(120) });
/**
 * What a review's kiosk shows now, for the supervisor's mirror: the question on screen (`position`) and whether its
 * key or scheme is open; `reveal` is then what `review:reveal` answered the kiosk (the reveal policy applied), else null.
 */
export interface MirrorView { id: string; position: QuestionId; questionNumber: number; open: boolean; reveal: RevealData | null }
/** The ack of `mirror:open`: the review, its questions as its kiosk got them (the reveal policy applied), and the view now. */
export interface MirrorDto { review: ReviewDto; questions: PayloadQuestion[]; view: MirrorView }
// The console sends its commands over HTTP; over its socket only the mirror's subscription (the room of one review).
export interface AdminClientToServer {
  'mirror:open': (p: z.input<typeof MirrorPayload>, ack: AckFn<MirrorDto>) => void;
  'mirror:close': (p: z.input<typeof MirrorPayload>, ack: AckFn) => void;
  /** the full kiosk and review lists again (`kiosks:updated`, `reviews:updated`, `lists:version`), then the ack */
  'lists:sync': (p: z.input<typeof ListsSyncPayload>, ack: AckFn<ListsVersionDto>) => void;
}

// ---------- import (admin) ----------

export type ImportKind = 'exams' | 'candidates' | 'groups' | 'sittings';
export interface ImportKindCounts { added: number; updated: number; unchanged: number; removed?: number }

/**
 * What an import does (or, in a dry run, would do) to one exam in its file. A change to the questions — text,
 * options, key, marking scheme or maximum score — adds a version of the exam: stored sittings stay on the
 * version they were taken with, the file's sittings belong to the new one.
 */
export interface ExamChangeDto {
  examId: string;
  title: string;
  change: 'added' | 'updated' | 'unchanged';
  /** the questions differ from the stored exam's: a new version is added (false for a new exam) */
  newVersion: boolean;
  /** question numbers: new questions, changed ones (both numbered as in the file) and removed ones (as stored) */
  questions: { added: number[]; changed: number[]; removed: number[] };
  /** the exam's total maximum score, when it changed */
  maxScore: { from: number; to: number } | null;
  /** stored sittings of this exam, not in the file, that stay on the version they were taken with */
  sittingsOnOldVersion: number;
  /** sittings of this exam in the file: they belong to the version in the file */
  sittingsInFile: number;
  /**
   * The review settings: `changed` by the file (it wins over the console); `kept` when the file repeats the
   * settings of its previous import while an admin has changed them in the console since; null: no change.
   */
  review: { outcome: 'changed'; from: ReviewSettings; to: ReviewSettings } | { outcome: 'kept'; kept: ReviewSettings; file: ReviewSettings } | null;
}

/** What one uploaded file was read as (`json`, a QTI `package`, QTI `results`, a `candidates` list) and how much it held. */
export interface ImportInputDto { name: string; kind: 'json' | 'package' | 'results' | 'candidates'; count: number }

/**
 * `POST /api/imports`: the counts per kind, what happens to each exam of the file, and score warnings; for an
 * upload of files (multipart), what each file was read as.
 */
export interface ImportResultDto {
  dryRun: boolean; counts: Record<ImportKind, ImportKindCounts>; exams: ExamChangeDto[]; warnings: string[];
  /** The warnings as coded items (`warnings` are their lines): the console renders them in its language. */
  warningIssues: ImportIssue[];
  inputs?: ImportInputDto[];
}

/** Zod issues → `path: message` lines, e.g. `exams[0].questions[3].key: unknown option "E"`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}
