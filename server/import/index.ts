/** The import of exams, candidates, groups and sittings (docs/import-format.md). */
export { validateImport, validationSteps, type ValidationResult } from './validate.ts';
export { importData, applyImport, type ImportOptions, type ImportProgress, type ImportPhase, type ImportResult } from './importData.ts';
export type { KnownContent } from './importRules.ts';
export { sanitizeExamHtml } from './sanitize.ts';
export { parseJsonText, type JsonTextResult } from '../../shared/jsonText.ts';
