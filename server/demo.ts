/**
 * The demo data (`serve --demo`): `demo/demo.json`, written by `scripts/make-demo.ts`, and the demo staff
 * accounts. The file's dates are written around one fixed moment, `DEMO_ANCHOR`; loading moves them all
 * so that the anchor falls on the day the demo runs, and the review windows are open, expired or not yet
 * open whenever the demo is started.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../shared/domain.ts';

/** "Now" as the demo file sees it. */
export const DEMO_ANCHOR = '2026-06-10T12:00:00+02:00';

/** Shown in the start-up lines of a demo server; never created outside `--demo`. */
export const DEMO_ACCOUNTS: readonly { username: string; role: Role; password: string }[] = [
  { username: 'beheerder', role: 'admin', password: 'demo-beheerder' },
  { username: 'toezicht', role: 'supervisor', password: 'demo-toezicht' },
  { username: 'toezicht2', role: 'supervisor', password: 'demo-toezicht2' },
];

const DEMO_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'demo.json');

/** The fields of the import format that hold a date-time. */
const DATE_FIELDS = new Set(['opensAt', 'closesAt', 'startsAt', 'startedAt', 'submittedAt']);

const DAY = 86_400_000;

/**
 * The demo import file with every date moved by the time between the anchor and `now`, rounded to whole
 * days so that an exam still starts at 09:00 (the windows are days away from the anchor, so the rounding
 * never changes which side of a window `now` is on). Dates come out in UTC (`…Z`).
 */
export function loadDemoImport(now: number): unknown {
  const shift = Math.round((now - Date.parse(DEMO_ANCHOR)) / DAY) * DAY;
  const data: unknown = JSON.parse(readFileSync(DEMO_FILE, 'utf8'));
  return shiftDates(data, shift);
}

function shiftDates(value: unknown, shift: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, shift));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = DATE_FIELDS.has(k) && typeof v === 'string' ? shiftDate(v, shift, k) : shiftDates(v, shift);
  }
  return out;
}

function shiftDate(iso: string, shift: number, field: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`demo data: ${field} "${iso}" is not a date`);
  return new Date(t + shift).toISOString();
}
