/**
 * Password hashing (docs/design.md: Security model): scrypt N=2^17, r=8, p=1, 16-byte salt, constant-time compare.
 * A hash takes about 0.6 s of CPU here, so at most two run at once; the rest wait their turn.
 * Format: `scrypt$N$r$p$salt(base64)$hash(base64)`.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEYLEN = 32;
export const SCRYPT_PARAMS: { readonly N: number; readonly r: number; readonly p: number } = { N: 2 ** 17, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((res, rej) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? rej(err) : res(key))));
}

let running = 0;
const waiting: (() => void)[] = [];
const MAX_CONCURRENT = 2;

async function bounded<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * `INZAGE_SCRYPT_N`: the scrypt cost for new hashes. Unset: the default (2^17). Only a test run (`NODE_ENV=test`)
 * may lower it (a power of two, at least 2^14): anywhere else a lower value would silently weaken every password
 * set from then on, so it is refused (the server does not start, the CLI does nothing). A higher value is not
 * possible within the memory bound.
 */
export function scryptParamsFrom(value: string | undefined, nodeEnv: string | undefined): typeof SCRYPT_PARAMS {
  const v = value?.trim() ?? '';
  if (v === '') return SCRYPT_PARAMS;
  const n = Number(v);
  if (!/^\d{1,7}$/.test(v) || n < 2 ** 14 || n > SCRYPT_PARAMS.N || (n & (n - 1)) !== 0) {
    throw new Error(`INZAGE_SCRYPT_N must be a power of two from ${2 ** 14} to ${SCRYPT_PARAMS.N}, not "${value}"; leave it unset for the default`);
  }
  if (n < SCRYPT_PARAMS.N && nodeEnv !== 'test') {
    throw new Error(`INZAGE_SCRYPT_N=${v} would lower the password-hash cost below the default (${SCRYPT_PARAMS.N}); only test runs (NODE_ENV=test) may do that. Unset INZAGE_SCRYPT_N.`);
  }
  return { ...SCRYPT_PARAMS, N: n };
}

/** The parameters for new hashes, from the environment (throws on a value that is not allowed). */
export function scryptParams(): typeof SCRYPT_PARAMS {
  return scryptParamsFrom(process.env.INZAGE_SCRYPT_N, process.env.NODE_ENV);
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = scryptParams();
  const salt = randomBytes(16);
  const key = await bounded(() => scrypt(password, salt, KEYLEN, { N, r, p, maxmem: MAXMEM }));
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await bounded(() => scrypt(password, salt, expected.length, { N, r, p, maxmem: MAXMEM }));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A dummy hash to compare against for unknown users, so that timing does not reveal which names exist. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(16).toString('hex')));
}

/** A readable random password: 4 groups of 4 from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKMNPQRTUVWXY34679';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += alphabet[bytes[i]! % alphabet.length];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  return out;
}
