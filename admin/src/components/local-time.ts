/**
 * Date and time inputs ↔ the API's ISO 8601 strings. The inputs show the local time of this computer
 * (`datetime-local`, `date`); the server wants an explicit offset, which is the local one at that moment
 * (so a window in June gets +02:00 and one in January +01:00 in the Netherlands).
 */

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** A local moment as ISO 8601 with its offset: `2026-06-01T08:00:00+02:00` (milliseconds only when set). */
export function isoWithOffset(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const ms = d.getMilliseconds() ? `.${pad(d.getMilliseconds(), 3)}` : '';
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
    + `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${ms}`
    + `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `datetime-local` value → ISO with the local offset; `''` → `null` (no boundary); garbage → `undefined`. */
export function localInputToIso(value: string): string | null | undefined {
  if (!value) return null;
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return undefined;
  const d = new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  return Number.isNaN(d.getTime()) ? undefined : isoWithOffset(d);
}

/** An ISO date-time → the `datetime-local` value showing it in local time (minutes precision). */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A `date` value → the start (00:00:00) or the end (23:59:59.999) of that local day as ISO with offset;
 * `''` → `undefined`.
 */
export function localDayToIso(value: string, end = false): string | undefined {
  const m = LOCAL_DATE.exec(value);
  if (!m) return undefined;
  const d = end
    ? new Date(+m[1]!, +m[2]! - 1, +m[3]!, 23, 59, 59, 999)
    : new Date(+m[1]!, +m[2]! - 1, +m[3]!);
  return Number.isNaN(d.getTime()) ? undefined : isoWithOffset(d);
}

/** The IANA name of this computer's time zone, for hints ("Europe/Amsterdam"). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
