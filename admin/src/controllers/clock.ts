/** A ticking clock for countdowns: re-renders its host every second while connected (cf. lit.dev's clock controller). */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  constructor(private readonly host: ReactiveControllerHost, private readonly intervalMs = 1000) {
    host.addController(this);
  }
  hostConnected() {
    this.now = Date.now();
    this.timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, this.intervalMs);
  }
  hostDisconnected() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
