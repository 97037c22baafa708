/**
 * Item parts the candidate answered by choosing: choice, order, match, associate, inline choice, gap match and
 * hottext — each as in the exam with the candidate's choices in place, and the key in place once revealed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { text } from '../../i18n.ts';
import { markedOrder, optionList, pairList, unanswered } from '../answers.ts';
import { describe, describeId, mappingList, valueList } from './describe.ts';
import { block, inlineAnswer, inlineKey, side, sides, withPicture } from './layout.ts';
import { correctValues, isCorrect, pairsOf, pointsTag, type PartCtx } from './values.ts';

/** How a part is drawn: a template for its placeholder, and for a part with its own text, what fills its gaps and hottexts. */
export interface PartView {
  template: TemplateResult;
  /** an inline part (in a sentence) rather than a block */
  inline?: boolean;
  gap?: (ref: string) => TemplateResult;
  hottext?: (ref: string) => { template: TemplateResult; chosen: boolean; correct: boolean };
}

const joined = (items: TemplateResult[]) => items.map((item, i) => html`${i ? ', ' : ''}${item}`);

export function choice(ctx: PartCtx): PartView {
  const chosen = new Set(ctx.values);
  const correct = ctx.key ? new Set(correctValues(ctx)) : null;
  const multiple = ctx.part.cardinality !== 'single';
  return {
    template: block(ctx, html`
      ${optionList(ctx.part.choices ?? [], chosen, correct, multiple, ctx.lang, (id) => pointsTag(ctx, id))}
      ${chosen.size ? nothing : unanswered(ctx.lang)}`),
  };
}

/** Order and graphic order: the candidate's order (each position marked once the key is revealed), the correct order beside it. */
export function order(ctx: PartCtx, picture: TemplateResult | typeof nothing = nothing): PartView {
  const t = (k: 'yourOrder' | 'correctOrder') => text(ctx.lang, k);
  const key = ctx.key?.key;
  const given = key?.length ? markedOrder(ctx.values, key, (id) => describe(ctx, id), ctx.lang) : valueList(ctx, ctx.values, true);
  const mine = ctx.values.length ? given : unanswered(ctx.lang);
  return { template: block(ctx, withPicture(picture, sides(ctx, t('yourOrder'), mine, valueList(ctx, correctValues(ctx), true), t('correctOrder')))) };
}

/** Match: each item of the first set with what the candidate matched it to, marked right or wrong once revealed. */
export function match(ctx: PartCtx): PartView {
  const sets = { left: ctx.part.choices ?? [], right: ctx.part.targets ?? [] };
  const key = ctx.key ? pairsOf(correctValues(ctx)) : undefined;
  const mine = ctx.values.length ? pairList(pairsOf(ctx.values), sets, ctx.lang, key) : unanswered(ctx.lang);
  const correct = !key ? nothing : ctx.key?.mapping ? mappingList(ctx) : pairList(key, sets, ctx.lang);
  return { template: block(ctx, sides(ctx, text(ctx.lang, 'yourPairs'), mine, correct, text(ctx.lang, 'correctPairs'))) };
}

/** Associate and graphic associate: the pairs the candidate made, the correct pairs (and points) beside them. */
export function associate(ctx: PartCtx, picture: TemplateResult | typeof nothing = nothing): PartView {
  const mine = ctx.values.length ? valueList(ctx, ctx.values) : unanswered(ctx.lang);
  const correct = ctx.key?.mapping ? mappingList(ctx) : valueList(ctx, correctValues(ctx));
  return { template: block(ctx, withPicture(picture, sides(ctx, text(ctx.lang, 'yourPairs'), mine, correct, text(ctx.lang, 'correctPairs')))) };
}

export function inlineChoice(ctx: PartCtx): PartView {
  const given = ctx.values[0];
  const correct = correctValues(ctx);
  return {
    inline: true,
    template: html`${inlineAnswer(ctx, given ? describeId(ctx, given) : null)}${inlineKey(ctx, correct.length ? html`${joined(correct.map((id) => describeId(ctx, id)))}` : null)}`,
  };
}

/** Gap match: the part's text with each gap filled with the candidate's gap text, the options below it. */
export function gapMatch(ctx: PartCtx): PartView {
  const mine = pairsOf(ctx.values);
  const key = pairsOf(correctValues(ctx));
  const inGap = (pairs: [string, string][], gap: string) => pairs.filter(([, g]) => g === gap).map(([source]) => describeId(ctx, source));
  return {
    template: block(ctx, html`
      <div class="part-body content">${unsafeHTML(ctx.part.body ?? '')}</div>
      <div class="part-sides">
        ${side('pool', text(ctx.lang, 'gapOptions'), valueList(ctx, (ctx.part.choices ?? []).map((c) => c.id)))}
        ${ctx.key?.mapping ? side('key', text(ctx.lang, 'correctPairs'), mappingList(ctx)) : nothing}
      </div>`),
    gap: (ref) => {
      const given = inGap(mine, ref);
      const correct = inGap(key, ref);
      return html`${inlineAnswer(ctx, given.length ? html`${joined(given)}` : null)}${inlineKey(ctx, correct.length ? html`${joined(correct)}` : null)}`;
    },
  };
}

/** Hottext: the part's text with the candidate's hottexts marked ('gekozen'), the correct ones tagged once revealed. */
export function hottext(ctx: PartCtx): PartView {
  const t = (k: 'chosen' | 'correctAnswer') => text(ctx.lang, k);
  return {
    template: block(ctx, html`<div class="part-body content">${unsafeHTML(ctx.part.body ?? '')}</div>${ctx.values.length ? nothing : unanswered(ctx.lang)}`),
    hottext: (ref) => {
      const chosen = ctx.values.includes(ref);
      const correct = !!ctx.key && isCorrect(ctx, ref);
      return {
        chosen,
        correct,
        template: html`${chosen ? html`<span class="sr-only"> (${t('chosen')})</span>` : nothing}${correct
          ? html` <span class="tag ok inline"><span aria-hidden="true">✓ </span>${t('correctAnswer')}</span>`
          : nothing}${pointsTag(ctx, ref)}`,
      };
    },
  };
}
