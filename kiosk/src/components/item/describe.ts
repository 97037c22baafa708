/**
 * An item part's values in words, as the candidate would recognise them: a choice by its label, a pair by
 * its two labels, an area of a picture by its label or number, a gap by its number, a point by its
 * coordinates, a number as the language writes it. Labels are exam content (sanitised by the import);
 * everything else goes through text bindings.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PayloadItemPart } from '../../../../shared/protocol.ts';
import { text } from '../../i18n.ts';
import { label } from '../answers.ts';
import { pairOf, pointOf, pointsPill, shownValue, type PartCtx } from './values.ts';

/** An area of the part's picture: its label, else 'Gebied 3' (the number drawn on it). */
export function areaName(ctx: PartCtx, index: number): string {
  return ctx.part.hotspots?.[index]?.label || text(ctx.lang, 'area', { n: index + 1 });
}

/** One identifier: a choice's or target's label, an area's name, a gap's number; else the id itself. */
export function describeId(ctx: PartCtx, id: string): TemplateResult {
  const p: PayloadItemPart = ctx.part;
  const choice = p.choices?.find((c) => c.id === id);
  if (choice) return label(choice.text);
  const targetIndex = p.targets?.findIndex((c) => c.id === id) ?? -1;
  if (targetIndex >= 0) {
    const target = p.targets![targetIndex]!;
    return target.text ? label(target.text) : html`${text(ctx.lang, 'gap', { n: targetIndex + 1 })}`;
  }
  const area = p.hotspots?.findIndex((h) => h.id === id) ?? -1;
  if (area >= 0) return html`${areaName(ctx, area)}`;
  return html`${id}`;
}

/** One value of the part, in words. */
export function describe(ctx: PartCtx, value: string): TemplateResult {
  const { part, lang } = ctx;
  if (part.baseType === 'pair' || part.baseType === 'directedPair') {
    const pair = pairOf(value);
    if (pair) return html`${describeId(ctx, pair[0])} ${part.baseType === 'pair' ? '—' : '→'} ${describeId(ctx, pair[1])}`;
  }
  if (part.baseType === 'point') {
    const point = pointOf(value);
    if (point) return html`${text(lang, 'point', { x: point[0], y: point[1] })}`;
  }
  const known = [...(part.choices ?? []), ...(part.targets ?? []), ...(part.hotspots ?? [])].some((x) => x.id === value);
  return known || part.baseType === 'identifier' ? describeId(ctx, value) : html`${shownValue(part, value, lang)}`;
}

/** A list of values in words; `ordered`: numbered, for an order. */
export function valueList(ctx: PartCtx, values: readonly string[], ordered = false): TemplateResult {
  const items = values.map((v) => html`<li>${describe(ctx, v)}</li>`);
  return ordered ? html`<ol class="sequence">${items}</ol>` : html`<ul class="value-list" role="list">${items}</ul>`;
}

/** Points per answer from the part's mapping (revealed keys only): every entry worth something. */
export function mappingList(ctx: PartCtx): TemplateResult | typeof nothing {
  const entries = ctx.key?.mapping?.entries;
  if (!entries?.length) return nothing;
  return html`<ul class="value-list mapping" role="list">
    ${entries.map((e) => html`<li>${describe(ctx, e.value)} ${pointsPill(ctx.lang, e.points)}</li>`)}
  </ul>`;
}
