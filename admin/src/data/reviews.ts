/** Reviews (staff): start one on a kiosk, list the running ones, end one. The live list comes over the socket. */
import type { ReviewDto } from '../../../shared/protocol.ts';
import { request } from './http.ts';

export function startReview(sittingId: string, kioskId: string): Promise<ReviewDto> {
  return request('/reviews', { method: 'POST', body: { sittingId, kioskId } });
}

export function listReviews(signal?: AbortSignal): Promise<ReviewDto[]> {
  return request('/reviews', { signal });
}

export function endReview(id: string): Promise<void> {
  return request(`/reviews/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
