/**
 * Work run one at a time, in call order (a process's writes, so that a later write of a row never overtakes an
 * earlier one); a failure of one does not stop the next.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Run `fn` after everything queued before it. */
  run<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once nothing queued is under way (also what was queued while waiting). */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | undefined;
    while (seen !== this.tail) {
      seen = this.tail;
      await seen;
    }
  }
}
