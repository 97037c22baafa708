/** One named thing of an import run (a path on the command line, a file of an upload), told by its content. */
import type { SourceFile } from '../files/sources.ts';
import type { QtiPackage } from '../qti/index.ts';

export type ImportInput =
  /** an inzage/v1 JSON file, parsed */
  | { kind: 'json'; name: string; value: unknown; size: number }
  /** a QTI content package: a zip or a folder with imsmanifest.xml */
  | { kind: 'package'; name: string; pkg: QtiPackage; size: number }
  /** QTI results: one assessmentResult file, or the .xml files of a folder or zip */
  | { kind: 'results'; name: string; files: SourceFile[]; size: number }
  /** a candidate list: CSV or EDEXML */
  | { kind: 'candidates'; name: string; bytes: Uint8Array; size: number };

export type InputKind = ImportInput['kind'];

/** What was read: the inputs, and every problem that keeps one from being read at all. */
export interface InputsRead { inputs: ImportInput[]; errors: string[] }
