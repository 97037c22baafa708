/**
 * An import's errors and warnings as the wire carries them (docs/api.md: POST /api/imports): the JSON path, a
 * code with its parameters, and the server's English text. `importIssueText` renders one in a language; an issue
 * whose code this catalogue does not know (a newer server, a rule without a code yet) keeps the server's text.
 */
import { fill, type ParamValue, type Params } from './catalogue.ts';
import { importIssuesEn } from './importIssuesEn.ts';
import { importIssuesNl } from './importIssuesNl.ts';
import type { Lang } from './lang.ts';

export type ImportIssueCode = keyof typeof importIssuesNl;
export type ImportIssueParams<K extends ImportIssueCode> = Params<(typeof importIssuesNl)[K]>;

/** One error or warning of an import. `code` is absent for a rule that has no code (its text is English). */
export interface ImportIssue { path: string; code?: string; params?: Readonly<Record<string, ParamValue>>; message: string }

/** A coded message before it has a path: `coded('score-above-max', { score: 3, max: 2 })`. */
export interface CodedMessage {
  code: ImportIssueCode; params: Readonly<Record<string, ParamValue>>;
  /** The English text when it says more than the catalogue's (zod's 'expected boolean, received string'). */
  english?: string;
}
export const coded = <K extends ImportIssueCode>(code: K, params: ImportIssueParams<K>): CodedMessage & { code: K } => ({ code, params });

const catalogues: Record<Lang, Readonly<Record<string, string>>> = { nl: importIssuesNl, en: importIssuesEn };

export const isImportIssueCode = (code: string): code is ImportIssueCode => Object.hasOwn(importIssuesNl, code);

/** Parameters that are positions in the file (`responses[{first}]`): written as they are, not as amounts. */
const POSITIONS = new Set(['first']);

/** The text of a coded message; a score is written the language's way ("2,5" in Dutch), a position as it is. */
export function codedText(lang: Lang, m: CodedMessage): string {
  const params = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, POSITIONS.has(k) ? String(v) : v]));
  return fill(lang, catalogues[lang][m.code]!, params);
}

/** An issue at a path (formatted): a coded message gets its English text from the catalogue. */
export function issueAt(path: string, m: string | CodedMessage): ImportIssue {
  return typeof m === 'string' ? { path, message: m } : { path, code: m.code, params: m.params, message: m.english ?? codedText('en', m) };
}

/** The issue's text (without its path) in a language, or the server's text for a code this side does not know. */
export function importIssueText(lang: Lang, issue: ImportIssue): string {
  if (!issue.code || !isImportIssueCode(issue.code)) return issue.message;
  return codedText(lang, { code: issue.code, params: issue.params ?? {} });
}

/**
 * The codes of messages that the file readers write as lines (`klas.csv:3: 4 fields, the header has 3`), in the
 * order they are tried: a more specific text before a more general one it would also match.
 */
export const LINE_CODES = [
  'xml-no-root', 'xml-not-well-formed', 'xml-malformed-no-root', 'xml-malformed', 'xml-encoding-unsupported', 'xml-not-utf8',
  'json-invalid-end', 'json-invalid', 'json-not-object', 'format-not-inzage', 'unknown-field', 'must-be-list',
  'csv-not-utf8', 'csv-unreadable', 'csv-empty', 'csv-no-column', 'csv-no-candidates', 'csv-field-count', 'csv-duplicate-number',
  'zip-unreadable', 'zip-without-content', 'folder-without-content', 'manifest-alone', 'qti-content-alone',
  'results-file-too-large', 'list-too-large', 'file-too-large', 'total-too-large', 'zip-too-large', 'no-results-files',
  'results-need-group', 'group-other-exam',
  'qti-no-test', 'qti-stimulus-missing', 'qti-not-stimulus', 'qti-not-test',
  'qti-no-identifier', 'qti-test-selects', 'qti-test-shuffles', 'qti-section-ref', 'qti-href-not-file',
  'qti-item-ref-twice', 'qti-no-items', 'qti-not-item', 'qti-declaration-twice', 'qti-no-response-identifier',
  'qti-interaction-twice', 'qti-no-declaration', 'qti-no-item-body', 'qti-template-needs-key', 'qti-template-needs-mapping',
  'qti-max-score-guessed', 'qti-interaction-unsupported', 'qti-graphic-needs-picture', 'qti-per-candidate-content', 'qti-element-content-kept',
  'qti-media-object', 'qti-cardinality', 'qti-base-type', 'qti-mapped-value', 'qti-shape',
  'qti-coords', 'qti-image-remote', 'qti-image-not-file', 'qti-image-missing', 'qti-image-svg',
  'qti-image-not-picture', 'qti-image-too-large', 'qti-images-over-total',
  'results-not-results-file', 'results-namespace', 'results-no-context', 'results-no-sourced-id', 'results-no-exam-id',
  'results-no-item-id', 'results-datestamp-invalid', 'results-datestamp-no-zone', 'results-id-too-long', 'results-response-twice',
  'results-not-a-number', 'results-unknown-exam', 'results-unknown-exam-of', 'results-other-exam', 'results-not-a-number-id', 'results-candidate-twice',
  'results-no-datestamp', 'results-unknown-candidate', 'results-item-not-in-exam', 'results-question-not-item', 'results-no-such-response',
  'results-not-scored', 'results-score-outside',
  'edexml-unknown-group', 'edexml-duplicate-key', 'edexml-no-leerling', 'package-too-large', 'package-unreadable', 'folder-package-too-large',
  // last: its opening parameter would take the start of the texts above
  'package-file-too-large', 'folder-file-too-large',
  'results-too-many-values', 'results-value-too-long',
  'qti-file-missing',
] as const satisfies readonly ImportIssueCode[];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `^(?:(path): )?text$`, each `{param}` of the English text a group; a parameter that opens the text holds no
 * ': ' (else it could take the end of the path).
 */
const LINE_PATTERNS = LINE_CODES.map((code) => {
  const text = importIssuesEn[code];
  const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const parts = text.split(/\{\w+\}/).map(escapeRe);
  const body = parts.reduce((re, part, i) => `${re}${i === 1 && parts[0] === '' ? '((?:(?!: ).)+?)' : '(.+?)'}${part}`);
  return { code, names, re: new RegExp(`^(?:(.*): )?${body}$`, 's') };
});

/**
 * A file reader's line as an issue: its place (`klas.csv:3`) and, if its text is one of `LINE_CODES` (which the
 * readers write from this catalogue), that code with its parameters; any other line keeps its text, uncoded.
 */
export function issueOfLine(line: string): ImportIssue {
  for (const { code, names, re } of LINE_PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, m[i + 2]!]));
    return { path: m[1] ?? '', code, params, message: m[1] === undefined ? line : line.slice(m[1].length + 2) };
  }
  return { path: '', message: line };
}
