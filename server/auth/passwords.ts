/**
 * Password hashing (docs/design.md: Security model): scrypt N=2^17, r=8, p=1, 16-byte salt, constant-time compare.
 * A hash takes about 0.6 s of CPU here, so at most two run at once; the rest wait their turn.
 * Format: `scrypt$N$r$p$salt(base64)$hash(base64)`.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEYLEN = 32;
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 };
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

/** Test and demo runs may lower the cost through INZAGE_SCRYPT_N (never below 2^14). */
function params() {
  const n = Number(process.env.INZAGE_SCRYPT_N);
  return Number.isInteger(n) && n >= 2 ** 14 && (n & (n - 1)) === 0 ? { ...SCRYPT_PARAMS, N: n } : SCRYPT_PARAMS;
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = params();
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
