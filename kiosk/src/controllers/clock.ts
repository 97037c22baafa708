/**
 * A clock tied to its host element's life: ticks on each second boundary while the host is connected
 * and stops when it is removed, so a removed screen leaves no timer behind.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  /** ms since the epoch, as of the last tick */
  now = Date.now();

  private readonly host: ReactiveControllerHost;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.tick();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly tick = (): void => {
    this.now = Date.now();
    this.host.requestUpdate();
    this.timer = setTimeout(this.tick, 1000 - (this.now % 1000) + 10);
  };
}
