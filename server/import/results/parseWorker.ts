/**
 * A worker thread of the results parse pool (`parsePool.ts`): parses the chunks of results files it is sent,
 * exactly as the import's own thread would (`parseResultFiles`), and answers each with what it read.
 */
import { parentPort } from 'node:worker_threads';
import type { SourceFile } from '../files/sources.ts';
import { parseResultFiles } from './readResults.ts';
import type { ResultsParseOptions } from './types.ts';

export interface ParseJob { id: number; files: SourceFile[]; options: ResultsParseOptions }

parentPort!.on('message', (job: ParseJob) => {
  parentPort!.postMessage({ id: job.id, read: parseResultFiles(job.files, job.options) });
});
