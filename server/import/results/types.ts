/** The intermediate form of QTI results: what one `assessmentResult` file says, before it meets an exam. */
import type { ItemResponse } from '../../../shared/schema.ts';

export interface ParsedItemResult {
  /** `itemResult/@identifier`: the item's identifier in the test */
  itemId: string;
  /** per response identifier, the `candidateResponse` values (QTI value strings) */
  responses: ItemResponse;
  /** the reported `SCORE` outcome, if any */
  score?: number;
  /** ISO 8601 (UTC), if the result has a datestamp */
  datestamp?: string;
  /** `file:line:column` of the `itemResult`, and of each response's `responseVariable`, for later messages */
  at: string;
  responseAt: Record<string, string>;
}

export interface ParsedResult {
  file: string;
  /** `context/@sourcedId` */
  candidateId: string;
  /** `testResult/@identifier`; absent when the file has no test result (some exports write only item results) */
  examId?: string;
  /** ISO 8601 (UTC): the test's datestamp less its `duration`, else the earliest item datestamp */
  startedAt?: string;
  /** ISO 8601 (UTC): the test's datestamp, else the latest item datestamp */
  submittedAt?: string;
  /** one per item: of several `itemResult`s for an item, the last by datestamp */
  items: ParsedItemResult[];
  /** `file:line:column` of the root and of `context`, for messages */
  at: { root: string; context: string };
}

export interface ResultsParseOptions {
  /** the zone of datestamps written without one; default `Europe/Amsterdam` */
  timeZone?: string;
}

export type ResultParse =
  | { ok: true; result: ParsedResult; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };
