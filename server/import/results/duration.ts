/**
 * A QTI duration in seconds: QTI 2 writes a number of seconds (`1800`, `1800.5`, `1800,5`); some exports
 * write an ISO 8601 duration (`PT30M`, `PT1H2M3.5S`), which is read too. `undefined` for anything else.
 */
import { parseQtiNumber } from '../../../shared/qtiValues.ts';

const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(value: string): number | undefined {
  const t = value.trim();
  const n = parseQtiNumber(t);
  if (n !== undefined) return n >= 0 ? n : undefined;
  const m = ISO.exec(t);
  if (!m || t === 'P' || t.endsWith('T')) return undefined;
  const [, d, h, mi, s] = m;
  return Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(mi ?? 0) * 60 + Number((s ?? '0').replace(',', '.'));
}
