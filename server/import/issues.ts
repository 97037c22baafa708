/**
 * Errors and warnings of an import, each with its JSON path (`exams[0].questions[3].key: …`). A message is a
 * coded one (`coded('score-above-max', { score, max })`, shared/i18n/importIssues.ts), whose English text comes
 * from the catalogue, or plain English text for a rule without a code. `errors`/`warnings` are the lines the CLI
 * prints; `errorItems`/`warningItems` the structured issues the HTTP API sends beside them.
 */
import { codedText, coded, issueAt, issueOfLine, type CodedMessage, type ImportIssue, type ImportIssueCode, type ImportIssueParams } from '../../shared/i18n/importIssues.ts';
import { formatPath } from '../../shared/protocol.ts';

export type Path = readonly (string | number)[];
export type Message = string | CodedMessage;

export const issueOf = (path: Path, m: Message): ImportIssue => issueAt(formatPath(path), m);

export const issueLine = (i: ImportIssue): string => `${i.path}: ${i.message}`;

/** An issue whose line was relabelled (`exams[0]…` → `package.zip: …`): the new line less its message is its path. */
export function relabelIssue(i: ImportIssue, line: string): ImportIssue {
  const tail = `: ${i.message}`;
  return line.endsWith(tail) ? { ...i, path: line.slice(0, -tail.length) } : { path: '', message: line };
}

/**
 * A message that is a line of text (`file.xml:3:7: …`): coded if its text is a file reader's (`LINE_CODES`),
 * else its text as the server wrote it, no code.
 */
export const uncodedIssue = (line: string): ImportIssue => issueOfLine(line);

/** A file reader's text from the catalogue, for a line: `${file}: ${say('zip-unreadable', {})}`. */
export const say = <K extends ImportIssueCode>(code: K, params: ImportIssueParams<K>): string => codedText('en', coded(code, params));

export class Issues {
  readonly errorItems: ImportIssue[] = [];
  readonly warningItems: ImportIssue[] = [];

  get errors(): string[] { return this.errorItems.map(issueLine); }
  get warnings(): string[] { return this.warningItems.map(issueLine); }
  get errorCount(): number { return this.errorItems.length; }

  error(path: Path, message: Message): void {
    this.errorItems.push(issueOf(path, message));
  }

  warn(path: Path, message: Message): void {
    this.warningItems.push(issueOf(path, message));
  }
}

/** Calls `onDuplicate` for every element whose key an earlier element already had. */
export function findDuplicates<T>(list: readonly T[], keyOf: (x: T) => string, onDuplicate: (index: number, key: string, first: number) => void): void {
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    const key = keyOf(x);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else onDuplicate(i, key, first);
  });
}
