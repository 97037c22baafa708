/**
 * Waiting on conditions, never on a fixed time (STYLE: a fixed sleep is a race with a busy machine).
 *
 * `eventually(check)` runs `check` until it neither throws nor returns `false`, and fails with the check's
 * last error once `timeout` has passed. The check polls: each try is cheap (a look at server state, a request),
 * and the wait ends as soon as the condition holds, however fast or slow the machine is.
 */
export interface EventuallyOptions {
  /** Give up after this long (default 10 s: generous, since a passing wait ends as soon as it holds). */
  timeout?: number;
  /** Between tries (default 10 ms). */
  interval?: number;
  /** Names the condition in the error when it never holds. */
  what?: string;
}

export async function eventually<T>(check: () => T | Promise<T>, opts: EventuallyOptions = {}): Promise<Exclude<T, false>> {
  const { timeout = 10_000, interval = 10, what } = opts;
  const until = Date.now() + timeout;
  for (let tries = 1; ; tries++) {
    let failure: unknown;
    try {
      const value = await check();
      if (value !== false) return value as Exclude<T, false>;
      failure = new Error('the condition was false');
    } catch (e) {
      failure = e;
    }
    if (Date.now() >= until) {
      const reason = failure instanceof Error ? failure.message : String(failure);
      const err = new Error(`${what ?? 'condition'} did not hold within ${timeout} ms (${tries} tries): ${reason}`);
      if (failure instanceof Error) err.stack = `${err.message}\n${failure.stack ?? ''}`;
      throw err;
    }
    await new Promise((res) => setTimeout(res, interval));
  }
}

