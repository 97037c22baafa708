/** Result shards (`results/*.jsonl`): one per group, a sitting per line. */
import { createHash } from 'node:crypto';
import type { Sitting } from '../../shared/domain.ts';
import { CorruptDataError } from './durableFile.ts';

export function shardFileName(groupId: string): string {
  const safe = groupId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${safe}-${createHash('sha256').update(groupId).digest('hex').slice(0, 12)}.jsonl`;
}

/** Shard text and each sitting's `[offset, length]` in it. */
export function shardText(list: Sitting[]): { text: string; locs: Map<string, [number, number]> } {
  const locs = new Map<string, [number, number]>();
  let offset = 0;
  const lines = list.map((s) => {
    const line = JSON.stringify(s);
    const length = Buffer.byteLength(line);
    locs.set(s.id, [offset, length]);
    offset += length + 1;
    return line;
  });
  return { text: lines.length ? lines.join('\n') + '\n' : '', locs };
}

export function parseShard(path: string, text: string): Sitting[] {
  const out: Sitting[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as Sitting);
    } catch (e) {
      throw new CorruptDataError(path, `line ${i + 1}: ${(e as Error).message}`);
    }
  }
  return out;
}
