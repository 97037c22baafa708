/**
 * Response declarations: cardinality, base type, the key (`qti-correct-response`), and partial credit
 * (`qti-mapping`, `qti-area-mapping`), in the model's terms (`shared/schema.ts`, ItemPartSchema).
 */
import type { Element } from '@xmldom/xmldom';
import type { ItemPart } from '../../../shared/schema.ts';
import { AreaShapeSchema } from '../../../shared/schema.ts';
import { attr, child, children, numberAttr, textOf } from './xml.ts';
import { say } from '../issues.ts';

type Shape = NonNullable<ItemPart['hotspots']>[number]['shape'];

export type Declaration = Pick<ItemPart, 'cardinality' | 'baseType' | 'key' | 'mapping' | 'areaMapping'> & { el: Element };

const CARDINALITIES = ['single', 'multiple', 'ordered', 'record'] as const;
const BASE_TYPES = ['identifier', 'boolean', 'integer', 'float', 'string', 'point', 'pair', 'directedPair', 'duration', 'file', 'uri'] as const;

export interface Report { error(el: Element, message: string): void }

export function readDeclaration(el: Element, report: Report): Declaration {
  const cardinality = attr(el, 'cardinality') as ItemPart['cardinality'];
  if (!CARDINALITIES.includes(cardinality)) report.error(el, say('qti-cardinality', { value: cardinality ?? '', allowed: CARDINALITIES.join(', ') }));
  const rawBase = attr(el, 'base-type');
  // QTI 3 writes `directedPair` and `directed-pair` alike in the wild
  const baseType = rawBase === 'directed-pair' ? 'directedPair' : (rawBase as ItemPart['baseType']);
  if (baseType !== undefined && !BASE_TYPES.includes(baseType)) report.error(el, say('qti-base-type', { value: rawBase ?? '' }));
  const correct = child(el, 'qti-correct-response');
  const key = correct ? children(correct, 'qti-value').map(textOf) : undefined;
  const mapping = child(el, 'qti-mapping');
  const area = child(el, 'qti-area-mapping');
  return {
    el,
    cardinality: CARDINALITIES.includes(cardinality) ? cardinality : 'single',
    ...(baseType && BASE_TYPES.includes(baseType) ? { baseType } : {}),
    ...(key ? { key } : {}),
    ...(mapping ? { mapping: readMapping(mapping, report) } : {}),
    ...(area ? { areaMapping: readAreaMapping(area, report) } : {}),
  };
}

function bounds(el: Element) {
  const lowerBound = numberAttr(el, 'lower-bound');
  const upperBound = numberAttr(el, 'upper-bound');
  return {
    defaultValue: numberAttr(el, 'default-value') ?? 0,
    ...(lowerBound !== undefined ? { lowerBound } : {}),
    ...(upperBound !== undefined ? { upperBound } : {}),
  };
}

function points(el: Element, report: Report): number {
  const n = numberAttr(el, 'mapped-value');
  if (n === undefined) report.error(el, say('qti-mapped-value', { value: attr(el, 'mapped-value') ?? '' }));
  return n ?? 0;
}

function readMapping(el: Element, report: Report): NonNullable<ItemPart['mapping']> {
  return {
    ...bounds(el),
    entries: children(el, 'qti-map-entry').map((e) => {
      const cs = attr(e, 'case-sensitive');
      return { value: attr(e, 'map-key') ?? '', points: points(e, report), ...(cs !== undefined ? { caseSensitive: cs === 'true' } : {}) };
    }),
  };
}

function readAreaMapping(el: Element, report: Report): NonNullable<ItemPart['areaMapping']> {
  return {
    ...bounds(el),
    entries: children(el, 'qti-area-map-entry').map((e) => {
      const area = readArea(e, report);
      return { ...area, points: points(e, report) };
    }),
  };
}

/** `shape` and `coords` of an area (hotspot or area map entry). */
export function readArea(el: Element, report: Report): { shape: Shape; coords: number[] } {
  const shape = AreaShapeSchema.safeParse(attr(el, 'shape'));
  if (!shape.success) report.error(el, say('qti-shape', { value: attr(el, 'shape') ?? '' }));
  const raw = (attr(el, 'coords') ?? '').trim();
  const coords = raw ? raw.split(/\s*,\s*/).map(Number) : [];
  if (coords.some((n) => !Number.isFinite(n))) report.error(el, say('qti-coords', { value: raw }));
  return { shape: shape.success ? shape.data : 'default', coords: coords.filter(Number.isFinite) };
}
