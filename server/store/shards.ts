/**
 * Result shards (`results/*.jsonl`, one per group, a sitting per line) and their check at boot.
 *
 * The index records each shard's size, modification time and CRC-32 when it writes it. At boot each shard the
 * index refers to is checked, cheaply first:
 *
 *   1. `stat`: missing, emptied, cut short or grown is damage at once; the same size and modification time
 *      as recorded means the file was not written since — trusted without reading (a stat of every shard of
 *      100,000 sittings takes milliseconds, where reading and a CRC of their 300 MB take a few hundred, and
 *      parsing every line several seconds);
 *   2. otherwise (copied, touched, or edited in place) its CRC-32 is compared with the recorded one;
 *   3. a shard that still differs is parsed line by line: one that parses is accepted (an import interrupted
 *      between writing the shard and the index leaves exactly that), one that does not stops the boot with a
 *      CorruptDataError naming the file and the line.
 *
 * An index from before these stamps gives only its lines' offsets: the size they add up to is checked, and a
 * shard of another size is parsed. (Damage that keeps a shard's size and modification time — bit rot below the
 * file system — is not found at boot; a read of the shard still reports it as corrupt.)
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import type { Sitting } from '../../shared/domain.ts';
import { CorruptDataError } from './durableFile.ts';

/** A shard's size in bytes, its modification time when written, and (where Node has it: 20.15+) its CRC-32. */
export interface ShardStamp { bytes: number; mtimeMs?: number; crc32?: number }

const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;

export function stampOf(text: string, mtimeMs: number): ShardStamp {
  const buf = Buffer.from(text, 'utf8');
  return { bytes: buf.length, mtimeMs, ...(crc32 ? { crc32: crc32(buf) } : {}) };
}

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
    let s: Sitting;
    try {
      s = JSON.parse(line) as Sitting;
    } catch (e) {
      throw new CorruptDataError(path, `line ${i + 1}: ${(e as Error).message}`);
    }
    if (!s || typeof s !== 'object' || typeof s.id !== 'string' || !Array.isArray(s.responses)) {
      throw new CorruptDataError(path, `line ${i + 1}: not a sitting`);
    }
    out.push(s);
  }
  return out;
}

/** What the index says of one group's shard. */
export interface ShardExpectation {
  groupId: string;
  sittings: number;
  stamp?: ShardStamp;
  /** the size the lines' offsets add up to, for an index without stamps (undefined when an offset is missing) */
  bytesFromOffsets?: number;
}

/** Checks every shard the index refers to; throws CorruptDataError for the first that is missing or does not parse. */
export function checkShards(resultsDir: string, shards: Iterable<ShardExpectation>): void {
  for (const e of shards) {
    if (e.sittings === 0) continue;
    const path = join(resultsDir, shardFileName(e.groupId));
    let stat: { size: number; mtimeMs: number };
    try {
      stat = statSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new CorruptDataError(path, `it is missing, and index.json lists ${e.sittings} sitting(s) of group "${e.groupId}" in it`);
    }
    // (an empty shard is never written for a group that keeps sittings: it is damage, not an interrupted write)
    if (stat.size === 0) throw new CorruptDataError(path, `it is empty, and index.json lists ${e.sittings} sitting(s) of group "${e.groupId}" in it`);
    const { stamp } = e;
    if (stat.size === (stamp?.bytes ?? e.bytesFromOffsets)) {
      if (!stamp || stamp.mtimeMs === stat.mtimeMs) continue;
      if (stamp.crc32 !== undefined && crc32) {
        const buf = readFileSync(path);
        if (crc32(buf) === stamp.crc32) continue;
        parseShard(path, buf.toString('utf8'));
        continue;
      }
    }
    parseShard(path, readFileSync(path, 'utf8'));
  }
}
