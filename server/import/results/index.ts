/** QTI results import (issue 13; docs/import-format.md: QTI results): read, then build a group's sittings. */
export type { ParsedItemResult, ParsedResult, ResultParse, ResultsParseOptions } from './types.ts';
export { parseResult } from './parseResult.ts';
export { parseResultFiles, readResults, type ResultsRead } from './readResults.ts';
export { buildSittings, sittingId, type ExamQuestion, type ItemSittingResponse, type ResultSitting, type ResultsExam, type SittingOptions, type SittingsBuild } from './buildSittings.ts';
