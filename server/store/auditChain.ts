/**
 * The audit log's chain and anchor, as pure functions over its lines (docs/design.md: The audit log). Shared by
 * the server's `AuditLog` and `inzage audit verify`, which reads the files without a server.
 *
 * Each line is `{seq, at, actor, action, target, details, prev, hash}`: `hash` covers the event and `prev`, and
 * `prev` is the SHA-256 of the whole line before (zeros for the first). The head record `audit.head` holds the
 * count and the last line's SHA-256 under an HMAC whose key derives from the data directory's secret, so that
 * recomputing the chain after an edit, or cutting lines off the end, no longer matches it.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEvent } from '../../shared/domain.ts';

export interface AuditLine extends AuditEvent { prev: string; hash: string }
/** Where the log stops being trustworthy: `seq` (= `line`, the event's number in the whole log) and why. */
export interface AuditProblem { seq: number; line: number; reason: string }
export interface AuditVerdict { ok: boolean; count: number; problem?: AuditProblem }

export const ZERO = '0'.repeat(64);
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const bodyOf = (e: AuditEvent) => JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.details]);
export const hashLine = (prev: string, e: AuditEvent) => sha256(prev + bodyOf(e));

/** The stored line of `e` after the line whose SHA-256 is `prev`. */
export function lineOf(prev: string, e: AuditEvent): string {
  return JSON.stringify({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details, prev, hash: hashLine(prev, e) } satisfies AuditLine);
}

/** A position in the chain: the number of the last line and its SHA-256. */
export interface ChainPoint { seq: number; hash: string }

/**
 * Checks lines one after another from a known point: consecutive numbers, each line's own hash, the link to the
 * line before. A break stops it (`broken`); the anchor's own records are checked as they pass: a second
 * `audit.anchored` (the head record was missing at a start) and any `audit.chain-broken` (the head did not match
 * the log at a start) are problems too, but the chain goes on through them.
 */
export class ChainChecker {
  seq: number;
  hash: string;
  anchors: number;
  problem: AuditProblem | undefined;
  broken = false;

  constructor(from: ChainPoint = { seq: 0, hash: ZERO }, anchors = 0) {
    this.seq = from.seq;
    this.hash = from.hash;
    this.anchors = anchors;
  }

  get point(): ChainPoint {
    return { seq: this.seq, hash: this.hash };
  }

  /** Check the next line; false once the chain is broken (nothing after it can be trusted). */
  push(raw: string): boolean {
    if (this.broken) return false;
    const expected = this.seq + 1;
    const fail = (reason: string) => {
      this.problem ??= { seq: expected, line: expected, reason };
      this.broken = true;
      return false;
    };
    let l: AuditLine;
    try {
      l = JSON.parse(raw) as AuditLine;
    } catch {
      return fail('line does not parse');
    }
    if (l.seq !== expected) return fail(`expected sequence number ${expected}, found ${l.seq}`);
    if (l.prev !== this.hash) return fail('does not link to the line before (a line was removed or edited)');
    const { prev: _p, hash, ...event } = l;
    if (hash !== hashLine(l.prev, event)) return fail('its content does not match its hash (the line was edited)');
    if (l.action === 'audit.anchored' && this.anchors++ > 0) {
      this.problem ??= { seq: expected, line: expected, reason: 'the head record was missing at a start: lines may have been cut off the end before it' };
    }
    if (l.action === 'audit.chain-broken') {
      this.problem ??= { seq: expected, line: expected, reason: String((l.details as { problem?: unknown }).problem ?? 'the log did not match its head record at a start') };
    }
    this.seq = expected;
    this.hash = sha256(raw);
    return true;
  }
}

/** Check a whole log given as text (one file, from the first line). */
export function verifyAuditText(text: string): AuditVerdict {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const c = new ChainChecker();
  for (const raw of lines) if (!c.push(raw)) break;
  return c.problem ? { ok: false, count: lines.length, problem: c.problem } : { ok: true, count: lines.length };
}

// ---------- the head record ----------

export interface AuditHead { v: 1; count: number; hash: string; mac: string }

const macOf = (key: Buffer, count: number, hash: string) => createHmac('sha256', key).update(`inzage audit head\n${count}\n${hash}`).digest('hex');

export function headRecord(key: Buffer, at: ChainPoint): AuditHead {
  return { v: 1, count: at.seq, hash: at.hash, mac: macOf(key, at.seq, at.hash) };
}

/** The head's point, or why it cannot be trusted. */
export function readHead(text: string, key: Buffer): { point: ChainPoint } | { problem: string } {
  let h: Partial<AuditHead>;
  try {
    h = JSON.parse(text) as Partial<AuditHead>;
  } catch {
    return { problem: 'the head record does not parse' };
  }
  if (h.v !== 1 || !Number.isSafeInteger(h.count) || typeof h.hash !== 'string' || typeof h.mac !== 'string') return { problem: 'the head record is not one' };
  const want = Buffer.from(macOf(key, h.count!, h.hash), 'hex');
  const got = Buffer.from(h.mac, 'hex');
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return { problem: 'the head record was altered, or the secret it was made with is not this one' };
  }
  return { point: { seq: h.count!, hash: h.hash } };
}

/**
 * Does a log that ends at `end` agree with the head at `head`? `hashAt(n)` gives the SHA-256 of line n of the
 * log (n ≤ end). The head may lag the log (it is written after the lines it names), never lead it.
 */
export function headProblem(head: ChainPoint, end: ChainPoint, hashAt: (seq: number) => string | undefined): string | undefined {
  if (head.seq > end.seq) return `the log ends at event ${end.seq} but its head record says ${head.seq}: ${head.seq - end.seq} event(s) were cut off the end`;
  const h = head.seq === end.seq ? end.hash : head.seq === 0 ? ZERO : hashAt(head.seq);
  if (h !== head.hash) return `event ${head.seq} is not the one the head record names: the log was rewritten (its chain recomputed)`;
  return undefined;
}
