/**
 * The append-only audit log (docs/design.md: Storage): JSON Lines, each line with a sequence number, the hash of the
 * previous line and its own hash, fsynced before `append` resolves. Appends that arrive together share one
 * write and one fsync (group commit).
 *
 * Details that identify a candidate are given as `personal` and stored sealed with their sitting's key
 * (`auditKeys.ts`); `readAll` opens them again, or shows them as '[verwijderd]' once a purge destroyed the key.
 * Lines without sealed details (all lines of older logs) read as they are.
 */
import { createHash } from 'node:crypto';
import { promises as fs, appendFileSync, closeSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { SHREDDED, type AuditAction, type AuditEvent } from '../../shared/domain.ts';
import type { AuditKeys, Sealed } from './auditKeys.ts';
import { CorruptDataError } from './durableFile.ts';

export interface AuditLine extends AuditEvent { prev: string; hash: string }
export interface AuditInput {
  actor: string;
  action: AuditAction;
  target: string;
  details?: Record<string, unknown>;
  /** Details that identify a candidate, sealed with the key of `scope` (the sitting they are about). */
  personal?: { scope: string; fields: Record<string, unknown> };
}
export interface AuditVerdict { ok: boolean; count: number; problem?: { seq: number; line: number; reason: string } }

const ZERO = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const bodyOf = (e: AuditEvent) => JSON.stringify([e.seq, e.at, e.actor, e.action, e.target, e.details]);
export const hashLine = (prev: string, e: AuditEvent) => sha256(prev + bodyOf(e));

export class AuditLog {
  private seq = 0;
  private lastHash = ZERO;
  private batch: { event: Omit<AuditEvent, 'seq'>; resolve: (e: AuditEvent) => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(readonly file: string, private readonly now: () => number = Date.now, private readonly keys?: AuditKeys) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      closeSync(openSync(file, 'a', 0o600));
    }
    text = this.dropTornTail(text);
    const lines = text.split('\n').filter(Boolean);
    const last = lines.at(-1);
    if (last) {
      let parsed: AuditLine;
      try {
        parsed = JSON.parse(last) as AuditLine;
      } catch (e) {
        throw new CorruptDataError(file, `its last line does not parse: ${(e as Error).message}`);
      }
      this.seq = parsed.seq;
      this.lastHash = sha256(last);
    }
  }

  /**
   * A last line without its line end that does not parse is an append a crash (a power cut, a full disk) cut
   * off before its fsync returned: never acknowledged, so it is cut off the log — kept aside in
   * `audit.jsonl.torn` for inspection — and the chain goes on from the line before. Anything else that does
   * not parse is corruption, and stops the server.
   */
  private dropTornTail(text: string): string {
    if (text === '' || text.endsWith('\n')) return text;
    const cut = text.lastIndexOf('\n') + 1;
    const tail = text.slice(cut);
    try {
      JSON.parse(tail);
      return text; // a whole line that only lacks its line end: keep it
    } catch {
      appendFileSync(`${this.file}.torn`, `${new Date(this.now()).toISOString()} ${tail}\n`, { mode: 0o600 });
      truncateSync(this.file, Buffer.byteLength(text.slice(0, cut)));
      process.emitWarning(`${this.file}: removed an unfinished last line left by a crash (kept in ${this.file}.torn)`);
      return text.slice(0, cut);
    }
  }

  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Append one event; resolves once it is on disk. The sequence number and the chain are assigned when its
   * batch is written, so a write that fails (a full disk) leaves the chain where the file is: the failed lines
   * are cut off again and the next append links to the last line that is really there.
   */
  append(input: AuditInput): Promise<AuditEvent> {
    let details = input.details ?? {};
    let keyPersisted: Promise<void> = Promise.resolve();
    if (input.personal) {
      if (!this.keys) throw new Error('this audit log has no keys to seal personal details with');
      const { sealed, persisted } = this.keys.seal(input.personal.scope, input.personal.fields, sealAad(input.action, input.target));
      details = { ...details, sealed };
      keyPersisted = persisted;
    }
    const event: Omit<AuditEvent, 'seq'> = {
      at: new Date(this.now()).toISOString(),
      actor: input.actor,
      action: input.action,
      target: input.target,
      details,
    };
    const written = new Promise<AuditEvent>((resolve, reject) => {
      this.batch.push({ event, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
    return Promise.all([written, keyPersisted]).then(([e]) => e);
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.batch.length) {
        const batch = this.batch;
        this.batch = [];
        let seq = this.seq;
        let hash = this.lastHash;
        const events: AuditEvent[] = [];
        const lines: string[] = [];
        for (const b of batch) {
          const e: AuditEvent = { seq: ++seq, ...b.event };
          const line = JSON.stringify({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details, prev: hash, hash: hashLine(hash, e) } satisfies AuditLine);
          hash = sha256(line);
          events.push(e);
          lines.push(line);
        }
        try {
          await this.write(lines.map((l) => l + '\n').join(''));
          this.seq = seq;
          this.lastHash = hash;
          batch.forEach((b, i) => b.resolve(events[i]!));
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Append `text` and fsync; on failure cut the file back to where it was. */
  private async write(text: string): Promise<void> {
    const handle = await fs.open(this.file, 'a', 0o600);
    try {
      const { size } = await handle.stat();
      try {
        await handle.appendFile(text, 'utf8');
        await handle.datasync();
      } catch (e) {
        await handle.truncate(size).catch(() => undefined); // best effort: at worst the next start cuts a torn tail
        throw e;
      }
    } finally {
      await handle.close();
    }
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Every event, oldest first, sealed details opened (or '[verwijderd]'). */
  async readAll(): Promise<AuditEvent[]> {
    await this.flush();
    const text = await fs.readFile(this.file, 'utf8');
    return text.split('\n').filter(Boolean).map((l) => openEvent(JSON.parse(l) as AuditLine, this.keys));
  }

  /** Check the chain: consecutive sequence numbers, each line's own hash, and the link to the line before. */
  async verify(): Promise<AuditVerdict> {
    await this.flush();
    return verifyAuditText(await fs.readFile(this.file, 'utf8'));
  }
}

const sealAad = (action: string, target: string) => `${action}\n${target}`;

function isSealed(v: unknown): v is Sealed {
  const s = v as Sealed;
  return typeof s === 'object' && s !== null && typeof s.kid === 'string' && Array.isArray(s.fields) && typeof s.data === 'string';
}

/** A stored line as readers see it: without its chain fields, sealed details opened where their key exists. */
export function openEvent(line: AuditLine | AuditEvent, keys?: AuditKeys): AuditEvent {
  const { prev: _p, hash: _h, ...event } = line as AuditLine;
  const { sealed, ...plain } = event.details ?? {};
  if (!isSealed(sealed)) return event;
  const opened = keys?.open(sealed, sealAad(event.action, event.target));
  const fields = opened ?? Object.fromEntries(sealed.fields.map((f) => [f, SHREDDED]));
  return { ...event, details: { ...plain, ...fields } };
}

export function verifyAuditText(text: string): AuditVerdict {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let prevHash = ZERO;
  for (let i = 0; i < lines.length; i++) {
    const fail = (reason: string): AuditVerdict => ({ ok: false, count: lines.length, problem: { seq: i + 1, line: i + 1, reason } });
    let l: AuditLine;
    try {
      l = JSON.parse(lines[i]!) as AuditLine;
    } catch {
      return fail('line does not parse');
    }
    if (l.seq !== i + 1) return fail(`expected sequence number ${i + 1}, found ${l.seq}`);
    if (l.prev !== prevHash) return fail('does not link to the line before (a line was removed or edited)');
    const { prev: _p, hash, ...event } = l;
    if (hash !== hashLine(l.prev, event)) return fail('its content does not match its hash (the line was edited)');
    prevHash = sha256(lines[i]!);
  }
  return { ok: true, count: lines.length };
}
