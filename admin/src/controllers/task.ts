/**
 * Async loading tied to an element (a small stand-in for @lit/task, which is not installed): runs when its
 * arguments change, aborts the previous run, and exposes pending / complete / error for the template.
 * `refresh` (optional) names what makes the same arguments worth loading again — the server said the data
 * changed: then it reloads and keeps showing the old value meanwhile.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type TaskState<T> =
  | { status: 'initial' }
  | { status: 'pending'; value?: T }
  | { status: 'complete'; value: T }
  | { status: 'error'; error: unknown; value?: T };

export class TaskController<A extends readonly unknown[], T> implements ReactiveController {
  state: TaskState<T> = { status: 'initial' };
  private lastArgs: A | undefined;
  private lastRefresh: unknown;
  private abort: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly task: (args: A, signal: AbortSignal) => Promise<T>,
    private readonly args: () => A,
    private readonly refresh: () => unknown = () => undefined,
  ) {
    host.addController(this);
  }

  get value(): T | undefined {
    return 'value' in this.state ? this.state.value : undefined;
  }

  hostUpdate() {
    const args = this.args();
    const refresh = this.refresh();
    const same = this.lastArgs && args.length === this.lastArgs.length && args.every((a, i) => a === this.lastArgs![i]);
    const stale = refresh !== this.lastRefresh;
    this.lastRefresh = refresh;
    if (same && !stale) return;
    this.lastArgs = args;
    void this.run(args, !!same);
  }

  hostDisconnected() {
    this.abort?.abort();
    // Run again when the element comes back.
    this.lastArgs = undefined;
  }

  /** Load again with the same arguments (a retry button, or after a change elsewhere). */
  reload(): Promise<void> {
    return this.run(this.args(), true);
  }

  private async run(args: A, keepValue = false) {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    // Same arguments: keep showing the old value while reloading; new arguments start afresh.
    this.state = { status: 'pending', value: keepValue ? this.value : undefined };
    this.host.requestUpdate();
    try {
      const value = await this.task(args, abort.signal);
      if (abort.signal.aborted) return;
      this.state = { status: 'complete', value };
    } catch (error) {
      if (abort.signal.aborted) return;
      this.state = { status: 'error', error, value: keepValue ? this.value : undefined };
    }
    this.host.requestUpdate();
  }
}
