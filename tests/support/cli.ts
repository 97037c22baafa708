/** `inzage ...` as a user runs it: a real process, cheap password hashing (which only a test run may have). */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/inzage.mjs', import.meta.url));

export function inzage(args: string[], input = '', extraEnv: NodeJS.ProcessEnv = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', INZAGE_SCRYPT_N: '16384', ...extraEnv };
  for (const [k, v] of Object.entries(extraEnv)) if (v === undefined) delete env[k];
  delete env.INZAGE_DATA;
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
