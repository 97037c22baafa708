/** Errors and warnings of an import, each prefixed with its JSON path (`exams[0].questions[3].key: …`). */
import { formatPath } from '../../shared/protocol.ts';

export type Path = readonly (string | number)[];

export class Issues {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  error(path: Path, message: string): void {
    this.errors.push(`${formatPath(path)}: ${message}`);
  }

  warn(path: Path, message: string): void {
    this.warnings.push(`${formatPath(path)}: ${message}`);
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
