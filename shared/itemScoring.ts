/**
 * Scoring a QTI item's response parts the way QTI 3.0's standard response processing templates do, for results
 * that report no `SCORE` (issue 13). Pure: no Node or DOM APIs.
 *
 * Which template a part follows is not stored with it; it is read from what the part declares, as the templates
 * need it: an area mapping → `map_response_point`, a mapping → `map_response`, a key only → `match_correct`.
 * A part with none of them (an open question, an unsupported interaction) cannot be scored here.
 */
import type { ItemPart, ItemQuestion, ItemResponse } from './schema.ts';
import { canonicalValue, distinctValues, parseQtiPoint } from './qtiValues.ts';
import { insideArea } from './qtiAreas.ts';

export type ScoringTemplate = 'match_correct' | 'map_response' | 'map_response_point';

export function partTemplate(part: ItemPart): ScoringTemplate | undefined {
  if (part.areaMapping) return 'map_response_point';
  if (part.mapping) return 'map_response';
  if (part.key?.length) return 'match_correct';
  return undefined;
}

/** Whether a string key value compares case-insensitively: its mapping entry says `caseSensitive="false"`. */
function keyCaseSensitive(part: ItemPart, keyValue: string): boolean {
  if (part.baseType !== 'string' || !part.mapping) return true;
  const lower = keyValue.toLowerCase();
  const entry = part.mapping.entries.find((e) => e.value.toLowerCase() === lower);
  return entry?.caseSensitive ?? true;
}

/**
 * Whether the values match the part's key (`qti-correct-response`), per cardinality: one value for `single`
 * (any of the key's values, should an export list several), the same set for `multiple`, the same sequence for
 * `ordered`. Unanswered is not correct; `undefined` when the part has no key or is a record.
 */
export function isPartCorrect(part: ItemPart, values: readonly string[] | undefined): boolean | undefined {
  const key = part.key;
  if (!key?.length || part.cardinality === 'record') return undefined;
  if (!values?.length) return false;
  const bt = part.baseType;
  const { caseSensitive, canonical, wanted } = keyOf(part, key);
  const canon = (v: string) => canonicalValue(v, bt, caseSensitive);
  switch (part.cardinality) {
    case 'single': {
      const given = distinctValues(values, bt, caseSensitive);
      return given.length === 1 && wanted.has(given[0]!);
    }
    case 'multiple': {
      const given = new Set(values.map(canon));
      return given.size === wanted.size && [...wanted].every((k) => given.has(k));
    }
    case 'ordered':
      return values.length === canonical.length && canonical.every((k, i) => k === canon(values[i]!));
  }
}

interface CanonicalKey { caseSensitive: boolean; canonical: string[]; wanted: ReadonlySet<string> }
const canonicalKeys = new WeakMap<ItemPart, CanonicalKey>();

/** A part's key in canonical form, made once per part: an import compares thousands of candidates' values with it. */
function keyOf(part: ItemPart, key: readonly string[]): CanonicalKey {
  let k = canonicalKeys.get(part);
  if (!k) {
    const caseSensitive = key.every((v) => keyCaseSensitive(part, v));
    const canonical = key.map((v) => canonicalValue(v, part.baseType, caseSensitive));
    k = { caseSensitive, canonical, wanted: new Set(canonical) };
    canonicalKeys.set(part, k);
  }
  return k;
}

/** Sums of decimal points (0.1 + 0.2) rounded to a millionth, so that they compare as written. */
const round = (n: number) => Math.round(n * 1e6) / 1e6;

function clamp(sum: number, lower: number | undefined, upper: number | undefined): number {
  const n = round(sum);
  if (lower !== undefined && n < lower) return lower;
  if (upper !== undefined && n > upper) return upper;
  return n;
}

/**
 * `mapResponse`: the sum over the response's distinct values of their mapped points (the first entry that
 * matches; `defaultValue` for a value no entry maps), bounded by the mapping's lower and upper bounds.
 */
export function mapResponse(mapping: NonNullable<ItemPart['mapping']>, baseType: ItemPart['baseType'], values: readonly string[]): number {
  let sum = 0;
  for (const value of new Set(values.map((v) => canonicalValue(v, baseType)))) {
    const raw = values.find((v) => canonicalValue(v, baseType) === value)!;
    const entry = mapping.entries.find((e) => {
      const cs = e.caseSensitive ?? true;
      return canonicalValue(e.value, baseType, cs) === canonicalValue(raw, baseType, cs);
    });
    sum += entry ? entry.points : mapping.defaultValue;
  }
  return clamp(sum, mapping.lowerBound, mapping.upperBound);
}

/**
 * `mapResponsePoint`: each point counts the first area (in the mapping's order) that contains it, and each area
 * counts once however many points fall in it (QTI 3.0, `qti-map-response-point`); a point in no area counts
 * `defaultValue`. Bounded by the lower and upper bounds. A value that is not a point counts as in no area.
 */
export function mapResponsePoint(mapping: NonNullable<ItemPart['areaMapping']>, values: readonly string[]): number {
  const counted = new Set<number>();
  let sum = 0;
  for (const value of values) {
    const point = parseQtiPoint(value);
    const index = point ? mapping.entries.findIndex((e) => insideArea(e.shape, e.coords, point)) : -1;
    if (index < 0) sum += mapping.defaultValue;
    else if (!counted.has(index)) {
      counted.add(index);
      sum += mapping.entries[index]!.points;
    }
  }
  return clamp(sum, mapping.lowerBound, mapping.upperBound);
}

/**
 * The part's score under its template; `undefined` when it has none (see `partTemplate`). An unanswered part
 * scores 0 under every template (the templates test `isNull` first).
 */
export function scorePart(part: ItemPart, values: readonly string[] | undefined, template = partTemplate(part)): number | undefined {
  if (!template) return undefined;
  if (!values?.length) return 0;
  switch (template) {
    case 'match_correct': return isPartCorrect(part, values) ? (part.maxScore ?? 1) : 0;
    case 'map_response': return part.mapping ? mapResponse(part.mapping, part.baseType, values) : undefined;
    case 'map_response_point': return part.areaMapping ? mapResponsePoint(part.areaMapping, values) : undefined;
  }
}

export interface PartScore {
  id: string;
  /** `undefined`: the part cannot be scored from the item (no key, no mapping) */
  score?: number;
  correct?: boolean;
}

export interface ItemScore {
  /** the sum of the scored parts */
  score: number;
  parts: PartScore[];
  /** ids of the parts that could not be scored (open parts): counted 0 in `score` */
  unscored: string[];
}

/** The item's score: the sum of its parts' scores. */
export function scoreItem(item: Pick<ItemQuestion, 'parts'>, response: ItemResponse | null | undefined): ItemScore {
  const parts = item.parts.map((part): PartScore => {
    const values = response && Object.hasOwn(response, part.id) ? response[part.id] : undefined;
    const score = scorePart(part, values);
    const correct = isPartCorrect(part, values);
    return { id: part.id, ...(score !== undefined && { score }), ...(correct !== undefined && { correct }) };
  });
  return {
    score: round(parts.reduce((sum, p) => sum + (p.score ?? 0), 0)),
    parts,
    unscored: parts.filter((p) => p.score === undefined).map((p) => p.id),
  };
}
