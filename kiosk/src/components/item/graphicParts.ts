/**
 * Graphic item parts: hotspot, select point, graphic order, graphic associate and graphic gap match — the
 * picture with the candidate's areas, points and lines drawn on it (picture.ts), the correct ones once the key
 * is revealed, and the same in words beside the picture (the drawing is hidden from screen readers).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { text } from '../../i18n.ts';
import { unanswered } from '../answers.ts';
import { associate, order, type PartView } from './choiceParts.ts';
import { mappingList, valueList } from './describe.ts';
import { block, sides, withPicture } from './layout.ts';
import { centreOf, type AreaMark, type LineMark, type PictureMarks, type PointMark } from './picture.ts';
import './picture.ts';
import { correctValues, pairsOf, pointOf, pointsPill, type PartCtx } from './values.ts';

type Kind = 'chosen' | 'correct';

/** Every area faintly with its number; the areas of `chosen` and `correct` (ids) drawn over them. */
function areaMarks(ctx: PartCtx, chosen: readonly string[], correct: readonly string[]): AreaMark[] {
  const spots = ctx.part.hotspots ?? [];
  const of = (ids: readonly string[], kind: Kind) => spots.filter((h) => ids.includes(h.id)).map((h) => ({ shape: h.shape, coords: h.coords, kind }));
  return [
    ...spots.map((h, i) => ({ shape: h.shape, coords: h.coords, kind: 'area' as const, badge: String(i + 1) })),
    ...of(chosen, 'chosen'),
    ...of(ctx.key ? correct : [], 'correct'),
  ];
}

/** Lines between the centres of the two areas of each pair. */
function pairLines(ctx: PartCtx, values: readonly string[], kind: Kind): LineMark[] {
  const spots = ctx.part.hotspots ?? [];
  const size = { width: ctx.part.image?.width ?? 0, height: ctx.part.image?.height ?? 0 };
  const centre = (id: string) => {
    const h = spots.find((s) => s.id === id);
    return h ? centreOf(h.shape, h.coords, size) : null;
  };
  return pairsOf(values).flatMap(([a, b]) => {
    const from = centre(a);
    const to = centre(b);
    return from && to ? [{ from, to, kind }] : [];
  });
}

function picture(ctx: PartCtx, marks: Partial<PictureMarks>): TemplateResult | typeof nothing {
  if (!ctx.part.image) return nothing;
  return html`<ksk-item-picture .image=${ctx.part.image} .marks=${{ areas: [], points: [], lines: [], ...marks }}></ksk-item-picture>`;
}

/** The picture and, beside it, what the candidate chose in words (and once revealed the key). */
function beside(ctx: PartCtx, pic: TemplateResult | typeof nothing, mine: TemplateResult, key: TemplateResult | typeof nothing): TemplateResult {
  return block(ctx, withPicture(pic, sides(ctx, text(ctx.lang, 'onPicture'), mine, key, text(ctx.lang, 'correctOnPicture'))));
}

const mineList = (ctx: PartCtx, ordered = false) => (ctx.values.length ? valueList(ctx, ctx.values, ordered) : unanswered(ctx.lang));
const keyList = (ctx: PartCtx, ordered = false) => (ctx.key?.mapping ? mappingList(ctx) : valueList(ctx, correctValues(ctx), ordered));

export function hotspot(ctx: PartCtx): PartView {
  const pic = picture(ctx, { areas: areaMarks(ctx, ctx.values, correctValues(ctx)) });
  return { template: beside(ctx, pic, mineList(ctx), keyList(ctx)) };
}

/** Select point: the candidate's points as crosses; the correct point or the areas that score (with their points). */
export function selectPoint(ctx: PartCtx): PartView {
  const cross = (values: readonly string[], kind: Kind): PointMark[] =>
    values.flatMap((v, i) => { const p = pointOf(v); return p ? [{ x: p[0], y: p[1], kind, ...(values.length > 1 ? { badge: String(i + 1) } : {}) }] : []; });
  const areas = ctx.key?.areaMapping?.entries ?? [];
  const pic = picture(ctx, {
    points: [...cross(ctx.values, 'chosen'), ...(ctx.key && !areas.length ? cross(correctValues(ctx), 'correct') : [])],
    areas: areas.map((a, i) => ({ shape: a.shape, coords: a.coords, kind: 'correct', badge: String(i + 1) })),
  });
  const key = areas.length
    ? html`<ul class="value-list mapping" role="list">${areas.map((a, i) => html`<li>${text(ctx.lang, 'correctArea', { n: i + 1 })} ${pointsPill(ctx.lang, a.points)}</li>`)}</ul>`
    : valueList(ctx, correctValues(ctx));
  return { template: beside(ctx, pic, mineList(ctx, ctx.values.length > 1), key) };
}

export function graphicOrder(ctx: PartCtx): PartView {
  return order(ctx, picture(ctx, { areas: areaMarks(ctx, ctx.values, []) }));
}

export function graphicAssociate(ctx: PartCtx): PartView {
  const correct = correctValues(ctx);
  const lines = [...pairLines(ctx, ctx.values, 'chosen'), ...(ctx.key ? pairLines(ctx, correct, 'correct') : [])];
  return associate(ctx, picture(ctx, { areas: areaMarks(ctx, [], []), lines }));
}

/** Graphic gap match: the areas the candidate placed a label on, and which label, in words beside the picture. */
export function graphicGapMatch(ctx: PartCtx): PartView {
  const placed = pairsOf(ctx.values).map(([, area]) => area);
  const correct = pairsOf(correctValues(ctx)).map(([, area]) => area);
  const pic = picture(ctx, { areas: areaMarks(ctx, placed, correct) });
  return { template: beside(ctx, pic, mineList(ctx), keyList(ctx)) };
}
