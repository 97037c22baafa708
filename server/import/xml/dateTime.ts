/**
 * `xs:dateTime` values as exports write them, to ISO 8601 in UTC. With a time zone (`Z`, `+01:00`) the
 * instant is exact; without one (QTI allows it, 1EdTech's own examples do it) the time is read as local time
 * in the zone given (the school's, `Europe/Amsterdam` by default) and the caller warns.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})?$/;

export type DateTimeParse = { ok: true; iso: string; zoned: boolean } | { ok: false };

export function parseDateTime(value: string, timeZone: string): DateTimeParse {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return { ok: false };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const local = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h! > 23 || +mi! > 59 || +s! > 59) return { ok: false };
  if (zone) {
    const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    return { ok: true, iso: new Date(local - offset * 60_000).toISOString(), zoned: true };
  }
  // the zone's offset at that local time: a first guess, then corrected once (right around a DST change)
  let utc = local - zoneOffset(timeZone, local);
  utc = local - zoneOffset(timeZone, utc);
  return { ok: true, iso: new Date(utc).toISOString(), zoned: false };
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** `zone quarter` → offset: every zone's offsets are whole quarter hours and change on a UTC quarter hour, so one
 * quarter hour has one offset. A results import asks this for every datestamp of every file (a formatToParts each
 * was a twentieth of its time); the cache is bounded. */
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

/** The zone's offset from UTC at that instant, in milliseconds. */
function zoneOffset(timeZone: string, instant: number): number {
  const key = `${timeZone} ${Math.floor(instant / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 10_000) offsets.clear();
    offset = computeOffset(timeZone, instant);
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffset(timeZone: string, instant: number): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}
