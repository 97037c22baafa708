/** What a candidate list gives: candidates (with their class as `className`), or every error found. */
import type { Candidate } from '../../../shared/schema.ts';

export type CandidateList =
  | { ok: true; candidates: Candidate[]; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };
