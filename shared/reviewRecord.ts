/**
 * The record of a review that was held (issue 14, item 6; docs/design.md: The review record): what the review
 * history of a sitting shows and what the report ('proces-verbaal') is built from. Written once, durably, when the
 * review ends; candidate data (it names the sitting and the candidate), so purge and retention remove it.
 */
import * as z from 'zod';
import type { EndReason, QuestionId } from './domain.ts';

export type OpenedWhat = 'key' | 'scheme';

export interface ReviewRecord {
  /** the review's id (the audit log's `target` of its lines) */
  id: string;
  sittingId: string;
  groupId: string;
  examId: string;
  candidateNumber: string;
  kioskId: string;
  /** the kiosk's name when the review ended (a kiosk can be renamed or unpaired later) */
  kioskName: string;
  approvedById: string;
  /** the approver's username and display name when the review ended */
  approvedBy: string;
  approvedByName: string;
  startedAt: string;
  endsAt: string;
  endedAt: string;
  endReason: EndReason;
  /** who ended it: a staff user's id, `kiosk:NAME` or `system` */
  endedBy: string;
  viewed: QuestionId[];
  opened: { questionId: QuestionId; what: OpenedWhat }[];
  remarkCount: number;
  /** the sequence number of its `review.ended` line in the audit log, where the report reads its trail back from */
  endSeq?: number;
}

/** One review held (or running), as the console's history lists show it. */
export interface HeldReviewDto {
  id: string;
  sittingId: string;
  candidateNumber: string;
  candidateName: string;
  examTitle: string;
  kioskName: string;
  approvedBy: string;
  approvedByName: string;
  startedAt: string;
  /** null while it runs */
  endedAt: string | null;
  endReason: EndReason | null;
  remarkCount: number;
  /** questions seen, of how many */
  viewedCount: number;
  questionCount: number;
  /** keys and schemes opened */
  openedCount: number;
}

/** `GET /api/groups/:id/reviews`, `GET /api/candidates/:number/reviews`: newest first. */
export interface HeldReviewsDto { reviews: HeldReviewDto[] }

/** One audit line of a review's trail, with its place in the chain. */
export interface ReportAuditLineDto {
  seq: number; at: string; actor: string; action: string; details: Record<string, unknown>;
  /** the SHA-256 of the line before it, and of its own content with that */
  prev: string; hash: string;
}

/** `GET /api/reviews/:id/report?format=json`: everything the printed report shows. */
export interface ReviewReportDto {
  review: HeldReviewDto & { groupId: string; groupName: string; examId: string; endsAt: string; endedBy: string | null };
  viewed: { questionId: string; number: number }[];
  opened: { questionId: string; number: number; what: OpenedWhat }[];
  remarks: { questionId: string; number: number; kind: string; text: string; status: string; note: string | null }[];
  audit: { lines: ReportAuditLineDto[]; verified: boolean; problem: { seq: number; reason: string } | null; count: number };
  generatedAt: string;
}

/** `GET /api/reviews/:id/report`, `GET /api/groups/:id/report`: HTML (default) or JSON, in a language, times in a zone. */
export const ReportQuery = z.object({
  format: z.enum(['html', 'json']).optional(),
  lang: z.enum(['nl', 'en']).optional(),
  tz: z.string().max(64).optional(),
}).strict();
