/** Groups, their results, and candidates with their sittings (staff). */
import type { CandidateSearchDto, CandidateSittingsDto, GroupDto, ResultsDto } from '../../../shared/protocol.ts';
import { request } from './http.ts';

export function listGroups(signal?: AbortSignal): Promise<GroupDto[]> {
  return request('/groups', { signal });
}

export function getResults(groupId: string, signal?: AbortSignal): Promise<ResultsDto> {
  return request(`/groups/${encodeURIComponent(groupId)}/results`, { signal });
}

/** Find candidates by examination number (its start), name or class; at least 2 characters. */
export function searchCandidates(q: string, signal?: AbortSignal): Promise<CandidateSearchDto> {
  return request(`/candidates?q=${encodeURIComponent(q)}`, { signal });
}

export function getCandidateSittings(number: string, signal?: AbortSignal): Promise<CandidateSittingsDto> {
  return request(`/candidates/${encodeURIComponent(number)}/sittings`, { signal });
}
