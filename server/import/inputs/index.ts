/** An import run of several inputs, each told by its content (docs/import-format.md, The command). */
export type { ImportInput, InputKind, InputsRead } from './types.ts';
export { classifyBytes, readPath, type Classified } from './detect.ts';
export { combineInputs, type CombineOptions, type Combined, type InputSummary } from './combine.ts';
export { importInputs, withInputs, EMPTY_CONTENT, type InputsImportResult } from './importInputs.ts';
