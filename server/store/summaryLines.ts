/**
 * Finding a sitting's summary line in index.json's raw bytes by its id, before the summaries are parsed (a restarted
 * server's running reviews: ContentStore.forResume; docs/design.md: Start-up). Each line of the index's line layout
 * begins with `{"id":"<id>"` (content.ts, indexText).
 *
 * One pass over the lines when the first id is looked up; it keeps each line's start and a hash of its id's bytes in
 * typed arrays, never a string per line: a Map from 100,000 ids (each decoded into a string) took ~80–120 ms of the
 * main thread, and its garbage more, while the kiosks were reconnecting; this pass ~15–30 ms.
 */

const LINE_ID = Buffer.from('{"id":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

/** FNV-1a over bytes `[from, to)`. */
function hashBytes(buf: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h >>> 0;
}

export class SummaryLines {
  private constructor(
    private readonly buf: Buffer,
    /** each summary line's start, in the order of the file */
    private readonly starts: Uint32Array,
    /** the hash of each line's id bytes (as `starts`) */
    private readonly hashes: Uint32Array,
    /** open addressing: an index into `starts` + 1, or 0 for an empty slot */
    private readonly slots: Uint32Array,
  ) {}

  /**
   * The lines of bytes `[bodyStart, bodyEnd)` of `buf`. A line whose id has an escape in it (`\`) is left out: its
   * bytes are not its id's, and the full read finds it.
   */
  static of(buf: Buffer, bodyStart: number, bodyEnd: number): SummaryLines {
    let starts: Uint32Array = new Uint32Array(1024);
    let hashes: Uint32Array = new Uint32Array(1024);
    let n = 0;
    const idAt = LINE_ID.length;
    let at = bodyStart;
    while (at < bodyEnd) {
      const nl = buf.indexOf(NEWLINE, at);
      const end = nl < 0 || nl > bodyEnd ? bodyEnd : nl;
      // byte by byte, not through subarray(): no allocation per line
      let front = end - at > idAt;
      for (let i = 0; front && i < idAt; i++) front = buf[at + i] === LINE_ID[i];
      if (front) {
        let close = at + idAt;
        while (close < end && buf[close] !== QUOTE && buf[close] !== BACKSLASH) close++;
        if (close < end && buf[close] === QUOTE) {
          if (n === starts.length) {
            starts = grow(starts);
            hashes = grow(hashes);
          }
          starts[n] = at;
          hashes[n] = hashBytes(buf, at + idAt, close);
          n++;
        }
      }
      at = end + 1;
    }
    // at most half full: short probes
    let size = 2;
    while (size < n * 2) size *= 2;
    const slots = new Uint32Array(size);
    const mask = size - 1;
    for (let i = 0; i < n; i++) {
      let s = hashes[i]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    return new SummaryLines(buf, starts.subarray(0, n), hashes.subarray(0, n), slots);
  }

  /** How many lines were found (tests). */
  get size(): number {
    return this.starts.length;
  }

  /** The start of the line of the summary with this id, or undefined when no line has it (or its id has an escape). */
  find(id: string): number | undefined {
    const want = Buffer.from(id, 'utf8');
    // (such an id is written escaped: it cannot be among the lines kept)
    if (want.includes(QUOTE) || want.includes(BACKSLASH)) return undefined;
    const h = hashBytes(want, 0, want.length);
    const mask = this.slots.length - 1;
    const idAt = LINE_ID.length;
    for (let s = h & mask; this.slots[s] !== 0; s = (s + 1) & mask) {
      const i = this.slots[s]! - 1;
      if (this.hashes[i] !== h) continue;
      const from = this.starts[i]! + idAt;
      // the same bytes, then the id's closing quote
      if (this.buf[from + want.length] === QUOTE && this.buf.compare(want, 0, want.length, from, from + want.length) === 0) return this.starts[i];
    }
    return undefined;
  }
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
