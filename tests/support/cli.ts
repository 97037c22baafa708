/** Running `inzage …` as a user runs it: a real process, cheap password hashing (which only a test run may have). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/inzage.mjs', import.meta.url));

function cliEnv(extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', INZAGE_SCRYPT_N: '16384', ...extraEnv };
  for (const [k, v] of Object.entries(extraEnv)) if (v === undefined) delete env[k];
  delete env.INZAGE_DATA;
  // the file store unless a test gives a database (a developer's own INZAGE_DATABASE_URL must not leak into tests)
  if (!Object.hasOwn(extraEnv, 'INZAGE_DATABASE_URL')) delete env.INZAGE_DATABASE_URL;
  return env;
}

export function inzage(args: string[], input = '', extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env: cliEnv(extraEnv), timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `inzage …` running in the background, its output collected; `waitFor` resolves once the output matches. */
export function inzageBackground(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { env: cliEnv(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const heard = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout!.on('data', heard);
  child.stderr!.on('data', heard);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => out,
    waitFor(re: RegExp): Promise<RegExpMatchArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (m) {
            listeners.delete(check);
            resolve(m);
          }
        };
        listeners.add(check);
        exited.then((code) => reject(new Error(`inzage exited (${code}) before printing ${re}:\n${out}`)));
        check();
      });
    },
  };
}
