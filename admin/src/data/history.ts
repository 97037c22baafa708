/** The reviews held (staff): of a group, of a candidate; the addresses of the printable reports. */
import type { HeldReviewsDto } from '../../../shared/reviewRecord.ts';
import type { Lang } from '../../../shared/i18n/lang.ts';
import { request } from './http.ts';

export function getGroupReviews(groupId: string, signal?: AbortSignal): Promise<HeldReviewsDto> {
  return request(`/groups/${encodeURIComponent(groupId)}/reviews`, { signal });
}

export function getCandidateReviews(number: string, signal?: AbortSignal): Promise<HeldReviewsDto> {
  return request(`/candidates/${encodeURIComponent(number)}/reviews`, { signal });
}

const reportQuery = (lang: Lang) => `lang=${lang}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}`;

/** The report ('proces-verbaal') of one review: a page of its own, to print or save as PDF. */
export function reviewReportHref(id: string, lang: Lang): string {
  return `/api/reviews/${encodeURIComponent(id)}/report?${reportQuery(lang)}`;
}

/** A group's overview of its reviews. */
export function groupReportHref(groupId: string, lang: Lang): string {
  return `/api/groups/${encodeURIComponent(groupId)}/report?${reportQuery(lang)}`;
}
