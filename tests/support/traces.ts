/**
 * Looking for personal data in a data directory the way an auditor would: every file below it, read as text
 * (backups, temp files and shards included). A needle counts where it stands on its own (not inside a longer
 * run of letters and digits), so that a number cannot "appear" inside a random hash or key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './dataDir.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `file: needle` for every needle found in a file below `dir`. */
export function tracesIn(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const file of listFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const needle of needles) {
      if (new RegExp(`(?<![A-Za-z0-9])${escape(needle)}(?![A-Za-z0-9])`).test(text)) hits.push(`${file}: ${needle}`);
    }
  }
  return hits;
}
