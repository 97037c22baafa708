/** Time, injected (STYLE: review windows, time limits and grace periods are tested with a fake clock). */
export interface Timer { cancel(): void }

export interface Clock {
  now(): number;
  /** Run `fn` after `ms` of this clock's time. */
  after(ms: number, fn: () => void): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/** A clock for tests: time moves only when `advance` or `set` is called. */
export class FakeClock implements Clock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  constructor(private t: number) {}
  now() {
    return this.t;
  }
  after(ms: number, fn: () => void): Timer {
    const id = ++this.seq;
    this.timers.push({ at: this.t + Math.max(0, ms), fn, id });
    return { cancel: () => { this.timers = this.timers.filter((x) => x.id !== id); } };
  }
  /** Move time forward, running due timers in order. */
  advance(ms: number) {
    this.set(this.t + ms);
  }
  /**
   * Set the time; moving forward runs due timers. Moving back (a test's next scenario) runs none and moves
   * every pending timer back with it, so each keeps the time it had left.
   */
  set(to: number) {
    if (to < this.t) {
      const back = this.t - to;
      this.timers = this.timers.map((x) => ({ ...x, at: x.at - back }));
    }
    for (;;) {
      const due = this.timers.filter((x) => x.at <= to).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = to;
  }
}
