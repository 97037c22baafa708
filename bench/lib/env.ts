/** What every benchmark process shares: the repository root, the environment of the server, the staff. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Password hashing at the lowest cost the server accepts (logins are not what is measured); it accepts a lower
 * cost only in a test run (NODE_ENV=test), which a benchmark is.
 */
export const BENCH_ENV: Record<string, string> = { NODE_ENV: 'test', INZAGE_SCRYPT_N: String(2 ** 14), INZAGE_SECRET: 'bench-secret-not-for-production' };
Object.assign(process.env, { NODE_ENV: BENCH_ENV.NODE_ENV, INZAGE_SCRYPT_N: BENCH_ENV.INZAGE_SCRYPT_N });

export const STAFF_PASSWORD = 'bench-password-2026';
export const supervisorName = (i: number) => `bench-sup${i}`;

/** Node options for the benchmark's own child processes (TypeScript through tsx). */
export const TSX_ARGV = ['--import=tsx'];
