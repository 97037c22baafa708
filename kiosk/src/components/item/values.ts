/**
 * What an item part's renderer reads (docs/design.md: QTI content): the part, the candidate's values, and —
 * once revealed — its key and mapping. Values are QTI's own strings: an identifier, a pair "A B" (source first
 * for a directed pair, either way round for a pair), a point "102 113", a number or a text as written.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ItemPartKey, PayloadItemPart } from '../../../../shared/protocol.ts';
import { formatNumber, text, type Lang } from '../../i18n.ts';

export interface PartCtx {
  part: PayloadItemPart;
  /** the part's number in the item (1, 2, …), for its accessible name */
  n: number;
  values: readonly string[];
  /** the part's key and mappings: only once the key is revealed, and only where the item has one */
  key: ItemPartKey | undefined;
  lang: Lang;
}

export type Pair = [string, string];

/** "A B" → ['A', 'B']; anything else is no pair. */
export function pairOf(value: string): Pair | null {
  const ids = value.trim().split(/\s+/);
  return ids.length === 2 ? [ids[0]!, ids[1]!] : null;
}
export const pairsOf = (values: readonly string[]): Pair[] => values.flatMap((v): Pair[] => { const p = pairOf(v); return p ? [p] : []; });

/** A pair as one string, an undirected pair in a fixed order: so that "P A" and "A P" are the same pair. */
export function pairId(value: string, directed: boolean): string {
  const p = pairOf(value);
  if (!p) return value.trim();
  return directed ? p.join(' ') : [...p].sort().join(' ');
}

/** "102 113" → [102, 113]. */
export function pointOf(value: string): [number, number] | null {
  const [x, y, ...rest] = value.trim().split(/\s+/).map(Number);
  return x !== undefined && y !== undefined && !rest.length && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

const sameValue = (part: PayloadItemPart, a: string, b: string, caseSensitive = true): boolean => {
  if (part.baseType === 'pair' || part.baseType === 'directedPair') return pairId(a, part.baseType === 'directedPair') === pairId(b, part.baseType === 'directedPair');
  return caseSensitive ? a.trim() === b.trim() : a.trim().toLowerCase() === b.trim().toLowerCase();
};

/** The correct values: the key, else what the mapping gives points for. */
export function correctValues(ctx: PartCtx): string[] {
  const k = ctx.key;
  if (!k) return [];
  if (k.key?.length) return k.key;
  return k.mapping?.entries.filter((e) => e.points > 0).map((e) => e.value) ?? [];
}

export const isCorrect = (ctx: PartCtx, value: string): boolean => correctValues(ctx).some((c) => sameValue(ctx.part, c, value));

/** The points the mapping gives `value` (revealed keys only), as a tag; nothing without a mapping entry. */
export function pointsTag(ctx: PartCtx, value: string): TemplateResult | typeof nothing {
  const entry = ctx.key?.mapping?.entries.find((e) => sameValue(ctx.part, e.value, value, e.caseSensitive ?? true));
  return entry ? pointsPill(ctx.lang, entry.points) : nothing;
}

export const pointsPill = (lang: Lang, points: number) =>
  html`<span class="tag points">${text(lang, 'mappedPoints', { points: formatNumber(lang, points) })}</span>`;

/** A number as the language writes it ("4,136"), where the part's base type is a number; else as given. */
export function shownValue(part: PayloadItemPart, value: string, lang: Lang): string {
  if (part.baseType !== 'float' && part.baseType !== 'integer') return value;
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isFinite(n) ? formatNumber(lang, n) : value;
}

/** The part's prompt (sanitised exam content), above a block interaction. */
export const prompt = (part: PayloadItemPart) =>
  part.prompt ? html`<div class="prompt content">${unsafeHTML(part.prompt)}</div>` : nothing;
