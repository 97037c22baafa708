/**
 * Other processes for crash and lock tests: a lock holder, a lock holder left a zombie, and `inzage serve`
 * started through a wrapper process in its own process group, as a service manager or a shell script runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOLD = join(ROOT, 'tests', 'support', 'holdLock.ts');

/** Resolves with the first line of `child`'s stdout matching `re`, or rejects when the child exits first. */
export function lineFrom(child: ChildProcess, re: RegExp, what = String(re)): Promise<RegExpMatchArray> {
  return new Promise((res, rej) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(re);
      if (m) {
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        res(m);
      }
    };
    const onExit = (code: number | null, signal: string | null) => rej(new Error(`exited (${code ?? signal}) before ${what}: ${out}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

/** A process holding `dir`'s lock (resolves once it holds it). */
export async function lockHolderProcess(dir: string, env: Record<string, string> = {}, role?: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import=tsx', HOLD, dir, ...(role ? [role] : [])], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await lineFrom(child, /^locked$/m, 'taking the lock');
  return child;
}

/**
 * A lock holder whose parent never reaps it: `sh` starts it in the background and then becomes `sleep`.
 * Killing the holder leaves it a zombie (`<defunct>`) for as long as the parent lives, as a server is left when
 * its wrapper's parent — or PID 1 in a container without an init — does not wait for it.
 */
export async function unreapedLockHolder(dir: string, env: Record<string, string> = {}): Promise<{ parent: ChildProcess; pid: number }> {
  const script = `"${process.execPath}" --import=tsx "${HOLD}" "$1" & echo "pid $!"; exec sleep 600`;
  const parent = spawn('sh', ['-c', script, 'sh', dir], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [, pid] = await lineFrom(parent, /^pid (\d+)$/m, 'the holder\'s pid');
  await lineFrom(parent, /^locked$/m, 'taking the lock');
  return { parent, pid: Number(pid) };
}

/** The state letter of a Linux process (`R`, `S`, `Z` for a zombie, …), or null when it is gone. */
export function processState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Runs `argv` (the wrapper) in its own session and process group under a parent that adopts orphans and never
 * reaps them (a child subreaper, Linux): what PID 1 does in a container without an init, or on a machine whose
 * init does not reap. SIGKILL the wrapper's group and the server below it is left a zombie. Needs python3 for
 * prctl(PR_SET_CHILD_SUBREAPER); null where there is none (or not on Linux).
 */
export function nonReapingParent(argv: string[], env: Record<string, string> = {}): { parent: ChildProcess; wrapperPid: Promise<number> } | null {
  if (process.platform !== 'linux') return null;
  const python = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p));
  if (!python) return null;
  const script = [
    'import ctypes, os, signal, sys',
    'ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER',
    'pid = os.fork()',
    'if pid == 0:',
    '    os.setsid()',
    '    os.execvp(sys.argv[1], sys.argv[1:])',
    'print(f"wrapper {pid}", flush=True)',
    'while True: signal.pause()  # never waits for a child',
  ].join('\n');
  const parent = spawn(python, ['-c', script, ...argv], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { parent, wrapperPid: lineFrom(parent, /^wrapper (\d+)$/m, 'the wrapper\'s pid').then((m) => Number(m[1])) };
}
