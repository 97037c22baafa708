/** Exams (admin): their review settings and how long their candidate data is kept. */
import type {
  ExamDto, ExamRetentionResultDto, ExamReviewDto, ExamReviewPatch, ExamReviewResultDto, RetentionDto,
} from '../../../shared/protocol.ts';
import { request } from './http.ts';

export type { ExamDto, ExamReviewDto, ExamReviewPatch, RetentionDto };

export function listExams(signal?: AbortSignal): Promise<ExamDto[]> {
  return request('/exams', { signal });
}

/** `retainUntil`: an ISO date-time in the future (after the review window), or null for the server's default. */
export function patchExamRetention(id: string, retainUntil: string | null): Promise<ExamRetentionResultDto> {
  return request(`/exams/${encodeURIComponent(id)}/retention`, { method: 'PATCH', body: { retainUntil } });
}

export function patchExamReview(id: string, patch: ExamReviewPatch): Promise<ExamReviewResultDto> {
  return request(`/exams/${encodeURIComponent(id)}/review`, { method: 'PATCH', body: patch });
}
