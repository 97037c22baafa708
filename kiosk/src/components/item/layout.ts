/** The frames item parts share: a block part as a labelled group, the candidate's side and the key's side, an answer inline in a sentence. */
import { html, nothing, type TemplateResult } from 'lit';
import { text } from '../../i18n.ts';
import { prompt, type PartCtx } from './values.ts';

/** A block part: a group named 'Onderdeel 2', with the part's prompt above its interaction. */
export function block(ctx: PartCtx, body: TemplateResult): TemplateResult {
  return html`<div class="part part-${ctx.part.interaction}" role="group" aria-label=${text(ctx.lang, 'part', { n: ctx.n })}>
    ${prompt(ctx.part)}${body}
  </div>`;
}

/** The candidate's side under its title, and once revealed the key's side beside it. */
export function sides(ctx: PartCtx, title: string, mine: TemplateResult, key: TemplateResult | typeof nothing, keyTitle = text(ctx.lang, 'answerKey')): TemplateResult {
  return html`<div class="part-sides">
    ${side('yours', title, mine)}
    ${ctx.key && key !== nothing ? side('key', keyTitle, key) : nothing}
  </div>`;
}

/** One titled side, a group named by its title (shown, and not read twice). */
export function side(kind: 'yours' | 'key' | 'pool', title: string, body: TemplateResult | typeof nothing): TemplateResult {
  return html`<div class="side ${kind}" role="group" aria-label=${title}><p class="side-h" aria-hidden="true">${title}</p>${body}</div>`;
}

/** The candidate's answer in a sentence, boxed like the field it was typed or chosen in; empty: a blank box. */
export function inlineAnswer(ctx: PartCtx, given: TemplateResult | null): TemplateResult {
  return given
    ? html`<span class="inline-answer"><span class="sr-only">${text(ctx.lang, 'yourAnswer')}: </span>${given}</span>`
    : html`<span class="inline-answer empty"><span aria-hidden="true">…</span><span class="sr-only">${text(ctx.lang, 'emptyGap')}</span></span>`;
}

/** The key beside an inline answer, once revealed: '✓ juist: York'. */
export function inlineKey(ctx: PartCtx, correct: TemplateResult | null): TemplateResult | typeof nothing {
  if (!ctx.key || !correct) return nothing;
  return html` <span class="inline-key"><span aria-hidden="true">✓ </span>${text(ctx.lang, 'correctPartner')}: ${correct}</span>`;
}

/** A graphic part's picture with its words beside it (below it where there is no room). */
export function withPicture(picture: TemplateResult | typeof nothing, body: TemplateResult): TemplateResult {
  return picture === nothing ? body : html`<div class="graphic">${picture}${body}</div>`;
}
