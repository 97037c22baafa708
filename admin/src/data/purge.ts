/** Removing candidate data (admin): of one exam, or everything before a date. */
import type { PurgeCountsDto, PurgeResultDto } from '../../../shared/protocol.ts';
import { request } from './http.ts';

export type { PurgeCountsDto };

/** Exactly one of the two: an exam's candidate data, or everything before an ISO date or date-time. */
export type PurgeSelector = { examId: string } | { before: string };

export function purgeData(selector: PurgeSelector, dryRun: boolean): Promise<PurgeResultDto> {
  return request('/purge', { method: 'POST', body: { ...selector, dryRun } });
}
