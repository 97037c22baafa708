/**
 * The real server in its own process, started the way an operator starts it:
 * `node bin/inzage.mjs serve --host 127.0.0.1 --port P --data DIR`. Its memory is read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_ENV, ROOT } from './env.ts';

export interface ServerOptions {
  dataDir: string;
  port?: number;
  /** write a V8 CPU profile into this directory when the server exits normally (SIGINT) */
  cpuProfDir?: string;
  env?: Record<string, string>;
}

/** Servers still running: killed when the runner exits, however it exits. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export class ServerProcess {
  private exited: Promise<number | null>;
  private constructor(readonly child: ChildProcess, readonly port: number, readonly upAt: number, readonly log: string[], readonly spawnedAt: number) {
    this.exited = new Promise((res) => child.once('exit', (code) => res(code)));
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /**
   * Starts the server; resolves when it prints its "serving on" line (`upAt`, performance.now()), which it does
   * once it listens (the exam content is read after that, in the background). `spawnedAt`: when it was started.
   */
  static start(opts: ServerOptions): Promise<ServerProcess> {
    const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
    // diagnosis only, e.g. INZAGE_BENCH_NODE_ARGS=--trace-gc (the output lands in the server's log)
    if (process.env.INZAGE_BENCH_NODE_ARGS) nodeArgs.push(...process.env.INZAGE_BENCH_NODE_ARGS.split(' '));
    const args = [...nodeArgs, join(ROOT, 'bin', 'inzage.mjs'), 'serve', '--host', '127.0.0.1', '--port', String(opts.port ?? 0), '--data', opts.dataDir];
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...BENCH_ENV, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    live.add(child);
    child.once('exit', () => live.delete(child));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('the server did not start within 60 s')), 60_000);
      const fail = (e: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${e.message}\n${log.join('')}`));
      };
      child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
      child.stdout!.on('data', (d: Buffer) => {
        const text = d.toString();
        log.push(text);
        const m = /serving on https?:\/\/[^:]+:(\d+)/.exec(text);
        if (m) {
          clearTimeout(timer);
          resolve(new ServerProcess(child, Number(m[1]), performance.now(), log, spawnedAt));
        }
      });
      child.once('exit', (code) => fail(new Error(`the server exited with ${code} before it was up`)));
    });
  }

  /** Resident memory of the server process, in KiB (VmRSS from /proc). */
  rssKb(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    if (!m) throw new Error('no VmRSS in /proc status');
    return Number(m[1]);
  }

  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  }

  /** Bytes the server process has caused to be written to storage so far (/proc/PID/io write_bytes). */
  diskWriteBytes(): number {
    const m = /write_bytes:\s+(\d+)/.exec(readFileSync(`/proc/${this.pid}/io`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  }

  /** `kill -9`: no shutdown, no flush. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A normal stop (SIGINT): the server flushes, and writes its CPU profile when asked to. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGINT');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(t);
    if (process.env.INZAGE_BENCH_SERVER_LOG) writeFileSync(process.env.INZAGE_BENCH_SERVER_LOG, this.log.join(''));
  }
}
