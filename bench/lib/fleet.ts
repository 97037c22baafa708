/** The runner's handle on the kiosk fleet worker (fleetWorker.ts), a child process over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, TSX_ARGV } from './env.ts';
import type { SeededKiosk } from './seed.ts';

export type FleetRequest =
  | { type: 'connect'; group: string; base: string; kiosks: SeededKiosk[]; waitFor: 'state' | 'connect'; concurrency: number }
  | { type: 'consoles'; group: string; base: string; cookies: string[] }
  | { type: 'close'; group: string }
  | { type: 'exit' };
export type FleetReply =
  | { type: 'connected'; n: number; ms: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

export class Fleet {
  private child: ChildProcess;
  constructor() {
    // The fleet stands for 800 kiosks and the consoles, machines of their own in a school. Its garbage collection is
    // kept to its own thread: V8's parallel collector would otherwise take both of this machine's cores for tens of
    // ms (its heap holds 1,000-kiosk console lists) and stall the server under test for that long.
    this.child = fork(join(ROOT, 'bench', 'lib', 'fleetWorker.ts'), [], { execArgv: [...TSX_ARGV, '--single-threaded-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  private ask<T extends FleetReply['type']>(req: FleetRequest, want: T): Promise<Extract<FleetReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      const on = (m: FleetReply) => {
        if (m.type !== want && m.type !== 'error') return;
        this.child.off('message', on);
        if (m.type === 'error') reject(new Error(`fleet: ${m.message}`));
        else resolve(m as Extract<FleetReply, { type: T }>);
      };
      this.child.on('message', on);
      this.child.send(req);
    });
  }

  /** Connect `kiosks` to `base` as the named group (replacing that group). */
  connect(group: string, base: string, kiosks: SeededKiosk[], waitFor: 'state' | 'connect' = 'state', concurrency = 25) {
    return this.ask({ type: 'connect', group, base, kiosks, waitFor, concurrency }, 'connected');
  }
  /** Consoles on /admin, one per staff session cookie, that only listen. */
  consoles(group: string, base: string, cookies: string[]) {
    return this.ask({ type: 'consoles', group, base, cookies }, 'connected');
  }
  close(group: string) {
    return this.ask({ type: 'close', group }, 'closed');
  }
  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise((r) => this.child.once('exit', r));
    this.child.send({ type: 'exit' } satisfies FleetRequest);
    await gone;
  }
}
