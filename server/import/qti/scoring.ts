/**
 * An item's maximum score: the `MAXSCORE` outcome's default value where the item declares one; else what the
 * standard response processing templates imply, whatever URL form names them (`…/qti_v2p1/rptemplates/…`,
 * `…/qti_v3p0/rptemplates/…`, `purl.imsglobal.org/spec/qti/v3p0/rptemplates/….xml`):
 *
 * - `match_correct`: 1 point for the response `RESPONSE` when it equals the key;
 * - `map_response` / `map_response_point`: the best the mapping (area mapping) can give `RESPONSE`: its upper
 *   bound if it has one, else the best entry (single) or the best `max-choices` positive entries (multiple).
 *
 * Else (the item's own processing): the `SCORE` outcome's `normal-maximum`, else the sum of what each part's
 * key and mapping would give under these templates — said in a warning, since it is a guess.
 */
import type { Element } from '@xmldom/xmldom';
import type { ItemPart } from '../../../shared/schema.ts';
import { attr, child, children, numberAttr, textOf } from './xml.ts';

export type Template = 'match_correct' | 'map_response' | 'map_response_point';

export function templateOf(processing: Element | undefined): Template | 'none' | 'custom' {
  if (!processing) return 'none';
  const url = attr(processing, 'template');
  if (!url) return children(processing).length ? 'custom' : 'none';
  const m = /\/rptemplates\/(match_correct|map_response_point|map_response)(\.xml)?\s*$/.exec(url);
  return m ? (m[1] as Template) : 'custom';
}

/** The best a part can score if it is processed by `template` (match_correct for a part with a key only). */
export function partMax(part: Pick<ItemPart, 'key' | 'mapping' | 'areaMapping' | 'cardinality' | 'maxChoices'>, template: Template): number | undefined {
  if (template === 'match_correct') return part.key?.length ? 1 : undefined;
  const mapping = template === 'map_response' ? part.mapping : part.areaMapping;
  if (!mapping) return undefined;
  if (mapping.upperBound !== undefined) return mapping.upperBound;
  const values = mapping.entries.map((e) => e.points).filter((p) => p > 0).sort((a, b) => b - a);
  if (part.cardinality === 'single') return Math.max(values[0] ?? 0, mapping.defaultValue, 0);
  const take = part.maxChoices && part.maxChoices > 0 ? part.maxChoices : values.length;
  return values.slice(0, take).reduce((s, v) => s + v, 0);
}

/** The default value of the outcome `identifier`, or its `normal-maximum` when `attribute` says so. */
export function outcomeNumber(item: Element, identifier: string, attribute?: 'normal-maximum'): number | undefined {
  const decl = children(item, 'qti-outcome-declaration').find((o) => attr(o, 'identifier') === identifier);
  if (!decl) return undefined;
  if (attribute) return numberAttr(decl, attribute);
  const dv = child(decl, 'qti-default-value');
  const value = dv ? child(dv, 'qti-value') : undefined;
  if (!value) return undefined;
  const n = Number(textOf(value));
  return Number.isFinite(n) ? n : undefined;
}
