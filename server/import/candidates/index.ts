/** Candidate lists (issue 13; docs/import-format.md: Candidate lists): CSV from a student administration, or EDEXML 2.1. */
export type { CandidateList } from './types.ts';
export { parseCandidateCsv, detectDelimiter } from './parseCsv.ts';
export { parseCandidateEdexml } from './parseEdexml.ts';
export { parseCandidateList, readCandidateList } from './readCandidates.ts';
