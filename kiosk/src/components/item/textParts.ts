/**
 * Item parts the candidate typed or set: text entry (in its sentence), extended text (line breaks kept),
 * slider (the value on its scale), and what cannot be shown. Candidate text only through text bindings.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import { formatNumber, text } from '../../i18n.ts';
import { unanswered } from '../answers.ts';
import type { PartView } from './choiceParts.ts';
import { mappingList, valueList } from './describe.ts';
import { block, inlineAnswer, inlineKey, sides } from './layout.ts';
import { correctValues, pointsPill, shownValue, type PartCtx } from './values.ts';

/** Text entry: the typed text in its gap; once revealed, the accepted answers (with points from a mapping) beside it. */
export function textEntry(ctx: PartCtx): PartView {
  const given = ctx.values.find((v) => v.trim() !== '');
  const entries = ctx.key?.mapping?.entries.filter((e) => e.points > 0);
  const accepted = entries?.length
    ? entries.map((e) => html`${shownValue(ctx.part, e.value, ctx.lang)} ${pointsPill(ctx.lang, e.points)}`)
    : correctValues(ctx).map((v) => html`${shownValue(ctx.part, v, ctx.lang)}`);
  return {
    inline: true,
    template: html`${inlineAnswer(ctx, given === undefined ? null : html`${shownValue(ctx.part, given, ctx.lang)}`)}${inlineKey(
      ctx,
      accepted.length ? html`${accepted.map((a, i) => html`${i ? ' / ' : ''}${a}`)}` : null,
    )}`,
  };
}

/** Extended text: what the candidate wrote, line breaks kept; a key where the item has one (the scheme is the item's). */
export function extendedText(ctx: PartCtx): PartView {
  const given = ctx.values.filter((v) => v.trim() !== '');
  const mine = given.length ? html`${given.map((v) => html`<p class="essay-answer">${v}</p>`)}` : unanswered(ctx.lang);
  const correct = correctValues(ctx);
  return { template: block(ctx, sides(ctx, text(ctx.lang, 'yourAnswer'), mine, correct.length ? valueList(ctx, correct) : nothing, text(ctx.lang, 'acceptedAnswers'))) };
}

/** Slider: the scale with the candidate's value (and the correct one) drawn on it, and both in words. */
export function slider(ctx: PartCtx): PartView {
  const min = ctx.part.lowerBound ?? 0;
  const max = ctx.part.upperBound ?? 100;
  const at = (v: string) => {
    const n = Number(v);
    return Number.isFinite(n) && max > min ? Math.min(100, Math.max(0, ((n - min) / (max - min)) * 100)) : null;
  };
  const given = ctx.values[0];
  const mineAt = given === undefined ? null : at(given);
  const correct = correctValues(ctx);
  const scale = html`<svg class="slider" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
    <line class="track" x1="0" y1="5" x2="100" y2="5"></line>
    ${ctx.key ? correct.map((v) => { const x = at(v); return x === null ? nothing : svg`<rect class="correct" x=${x - 1} y="0" width="2" height="10"></rect>`; }) : nothing}
    ${mineAt === null ? nothing : svg`<rect class="chosen" x=${mineAt - 1.5} y="1" width="3" height="8"></rect>`}
  </svg>
  <p class="slider-ends" aria-hidden="true"><span>${formatNumber(ctx.lang, min)}</span><span>${formatNumber(ctx.lang, max)}</span></p>`;
  const mine = given === undefined
    ? unanswered(ctx.lang)
    : html`<p class="slider-value">${text(ctx.lang, 'sliderValue', { value: shownValue(ctx.part, given, ctx.lang), min: formatNumber(ctx.lang, min), max: formatNumber(ctx.lang, max) })}</p>`;
  const key = ctx.key?.mapping ? mappingList(ctx) : valueList(ctx, correct);
  return { template: block(ctx, html`${scale}${sides(ctx, text(ctx.lang, 'yourAnswer'), mine, key, text(ctx.lang, 'correctValue'))}`) };
}

/** An interaction the kiosk cannot replay (upload, drawing, custom): its prompt and a line that says so. */
export function unsupported(ctx: PartCtx): PartView {
  return { template: block(ctx, html`<p class="unsupported">${text(ctx.lang, 'notSupported')}</p>`) };
}
