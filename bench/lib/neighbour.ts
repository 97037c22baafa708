/**
 * `--noisy`: a CPU-bound neighbour on the machine while starts are measured, as a school's server is never idle
 * on exam day. One child process spinning on one core (of 2 here), started before and killed after the row;
 * the baseline's blocks run beside the same neighbour, so the ratio compares like with like.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { sleep } from './stats.ts';

export class Neighbour {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<Neighbour> {
    // a tight loop with no allocation: it takes one core and nothing else (no memory, no I/O)
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    await sleep(500); // let the scheduler see it as the busy process it is
    return new Neighbour(child);
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
