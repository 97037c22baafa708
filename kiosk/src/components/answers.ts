/**
 * How each question type shows the candidate's response and, once asked for, its answer key — as in the
 * exam, read-only. Pure render functions; candidate text only ever goes through Lit text bindings (never
 * innerHTML). Option, item and match labels are exam content, sanitised to restricted HTML by the server's
 * import (like stems), so they are rendered as HTML. Responses and keys come typed per question type
 * (`PayloadQuestion`, `TypedReveal` in shared/protocol.ts): each renderer reads the shape of its own type.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { ContentLabel, PayloadQuestion, PayloadQuestionOf, RevealByType, TypedReveal } from '../../../shared/protocol.ts';
import { formatNumber, text, texts, type Lang } from '../i18n.ts';
import { itemAnswer } from './itemAnswers.ts';

type Pair = [string, string];

/** A free-text response; blank counts as unanswered. */
const given = (text: string | null): string | null => (text?.trim() ? text : null);

/** An exam label (sanitised HTML from the import); an unknown id shows as plain text. */
export const label = (text: string) => html`${unsafeHTML(text)}`;
export const textOf = (list: readonly ContentLabel[], id: string): TemplateResult => {
  const found = list.find((x) => x.id === id);
  return found ? label(found.text) : html`${id}`;
};
const letter = (i: number) => String.fromCharCode(65 + (i % 26));

// ---------- shared pieces ----------

export function unanswered(lang: Lang): TemplateResult {
  return html`<p class="unanswered">${text(lang, 'unanswered')}</p>`;
}

/** The candidate's side: a titled panel. */
function answerPanel(lang: Lang, body: TemplateResult): TemplateResult {
  return html`
    <section class="panel yours" aria-labelledby="yours-h">
      <h3 id="yours-h">${text(lang, 'yourAnswer')}</h3>
      ${body}
    </section>
  `;
}

/** The key's side: a titled panel, beside the candidate's. */
export function keyPanel(title: string, body: TemplateResult | typeof nothing): TemplateResult {
  return html`
    <section class="panel key" id="key-panel" aria-labelledby="key-h">
      <h3 id="key-h">${title}</h3>
      ${body}
    </section>
  `;
}

// ---------- per type ----------

/**
 * Options as in the exam: the candidate's marked (a filled radio or checkbox look, and 'Jouw antwoord' in
 * words), with `correct` the right ones tagged; `extra` adds a tag per option (an item's points per answer).
 */
export function optionList(
  options: readonly ContentLabel[], chosen: ReadonlySet<string>, correct: ReadonlySet<string> | null, multiple: boolean, lang: Lang,
  extra: (id: string) => TemplateResult | typeof nothing = () => nothing,
): TemplateResult {
  const t = texts(lang);
  return html`
    ${multiple ? html`<p class="hint">${t('multipleHint')}</p>` : nothing}
    <ul class="options ${multiple ? 'multiple' : 'single'}" role="list">
      ${options.map((o, i) => {
        const mine = chosen.has(o.id);
        const right = correct?.has(o.id) ?? false;
        return html`
          <li class="option ${mine ? 'chosen' : ''} ${right ? 'correct' : ''}">
            <span class="mark" aria-hidden="true"></span>
            <span class="letter" aria-hidden="true">${letter(i)}</span>
            <span class="option-text"><span class="sr-only">${letter(i)}: </span>${label(o.text)}</span>
            <span class="tags">
              ${mine ? html`<span class="tag you">${t('yourAnswer')}</span>` : nothing}
              ${right ? html`<span class="tag ok"><span aria-hidden="true">✓ </span>${t('correctAnswer')}</span>` : nothing}
              ${extra(o.id)}
            </span>
          </li>
        `;
      })}
    </ul>
  `;
}

function choice(q: PayloadQuestionOf<'choice'>, key: RevealByType['choice']['key'] | undefined, lang: Lang): TemplateResult {
  const t = texts(lang);
  const chosen = new Set(q.response ?? []);
  const correct = key === undefined ? null : new Set(key);
  const options = q.options;
  return html`
    ${optionList(options, chosen, correct, q.multiple, lang)}
    ${chosen.size === 0 ? unanswered(lang) : nothing}
    ${correct
      ? keyPanel(
          t('answerKey'),
          html`<p class="key-line">
            ${t('correctAnswer')}:
            <strong>${options.flatMap((o, i) => (correct.has(o.id) ? [letter(i)] : [])).join(', ') || '—'}</strong>
          </p>`,
        )
      : nothing}
  `;
}

export function orderList(ids: readonly string[], items: readonly ContentLabel[]): TemplateResult {
  return html`<ol class="sequence">${ids.map((id) => html`<li>${textOf(items, id)}</li>`)}</ol>`;
}

/**
 * The candidate's order with each position marked against the key, as `pairList` marks pairs: correct or wrong in
 * words and with an icon (not by colour alone), and under a wrong position what belongs there. `show` names an item.
 * Used by order questions and by items' order parts.
 */
export function markedOrder(given: readonly string[], key: readonly string[], show: (id: string) => TemplateResult, lang: Lang): TemplateResult {
  const t = texts(lang);
  return html`<ol class="sequence marked">${given.map((id, i) => {
    const ok = key[i] !== undefined && key[i]!.trim() === id.trim();
    const verdict = html`<span class="verdict"><span class="sr-only">, </span><span class="tag ${ok ? 'ok' : 'bad'}"><span aria-hidden="true">${ok ? '✓' : '✗'} </span>${ok ? t('pairCorrect') : t('pairWrong')}</span></span>`;
    const partner = ok
      ? nothing
      : html`<span class="partner"><span class="sr-only">, </span>${t('correctPartner')}: ${key[i] !== undefined ? show(key[i]!) : '—'}</span>`;
    return html`<li class=${ok ? 'ok' : 'wrong'}><span class="row"><span class="item">${show(id)}</span>${verdict}${partner}</span></li>`;
  })}</ol>`;
}

function order(q: PayloadQuestionOf<'order'>, key: RevealByType['order']['key'] | undefined, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = q.response ?? [];
  const given = key ? markedOrder(mine, key, (id) => textOf(q.items, id), lang) : orderList(mine, q.items);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine.length ? given : unanswered(lang))}
      ${key === undefined ? nothing : keyPanel(t('answerKey'), html`<p class="key-line">${t('correctOrder')}</p>${orderList(key, q.items)}`)}
    </div>
  `;
}

/** The two sets pairs are made from: a match question's, or an item's match part (its choices and targets). */
export interface PairSets { left: readonly ContentLabel[]; right: readonly ContentLabel[] }

/** Per left item, the right items it is paired with (in the order of the right-hand list). */
function partners(pairs: readonly Pair[], q: PairSets): Map<string, string[]> {
  const order = new Map(q.right.map((r, i) => [r.id, i]));
  const out = new Map<string, string[]>();
  for (const [l, r] of pairs) out.set(l, [...(out.get(l) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
  return out;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Pairs as a list laid out as a table (subgrid): left item, arrow and right item(s) stay aligned in their
 * columns however long an item is. With `key`, each of the candidate's rows is marked correct or wrong in
 * words and with an icon (not by colour alone), and a wrong row shows the correct partner under it.
 */
export function pairList(pairs: readonly Pair[], q: PairSets, lang: Lang, key?: readonly Pair[]): TemplateResult {
  const t = texts(lang);
  const lefts = q.left;
  const mine = partners(pairs, q);
  const right = key ? partners(key, q) : null;
  const rows = lefts.map((l) => ({ id: l.id, left: label(l.text) }));
  for (const id of mine.keys()) if (!lefts.some((l) => l.id === id)) rows.push({ id, left: html`${id}` });
  const list = (ids: string[]) => ids.map((id, i) => html`${i ? ', ' : ''}${textOf(q.right, id)}`);
  return html`
    <ul class="pairs ${right ? 'marked' : ''}" role="list">
      ${rows.map((row) => {
        const given = mine.get(row.id) ?? [];
        const correct = right?.get(row.id) ?? [];
        const ok = sameSet(given, correct);
        const mineText = given.length
          ? html`<span class="right"><span class="sr-only">${t('matchedWith')} </span>${list(given)}</span>`
          : html`<span class="right none">${t('notMatched')}</span>`;
        const verdict = right
          ? html`<span class="verdict"><span class="sr-only">, </span><span class="tag ${ok ? 'ok' : 'bad'}"><span aria-hidden="true">${ok ? '✓' : '✗'} </span>${ok ? t('pairCorrect') : t('pairWrong')}</span></span>`
          : nothing;
        const partner = right && !ok
          ? html`<span class="partner"><span class="sr-only">, </span>${t('correctPartner')}: ${correct.length ? list(correct) : t('notMatched')}</span>`
          : nothing;
        return html`<li class=${right ? (ok ? 'ok' : 'wrong') : ''}><span class="left">${row.left}</span> <span class="arrow" aria-hidden="true">→</span> ${mineText}${verdict}${partner}</li>`;
      })}
    </ul>
  `;
}

function match(q: PayloadQuestionOf<'match'>, correct: RevealByType['match']['key'] | undefined, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = q.response ?? [];
  return html`
    <div class="sides stacked">
      ${answerPanel(lang, mine.length ? pairList(mine, q, lang, correct) : unanswered(lang))}
      ${correct === undefined ? nothing : keyPanel(t('answerKey'), html`<p class="key-line">${t('correctPairs')}</p>${pairList(correct, q, lang)}`)}
    </div>
  `;
}

function textAnswer(q: PayloadQuestionOf<'text'>, key: RevealByType['text']['key'] | undefined, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = given(q.response);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine === null ? unanswered(lang) : html`<p class="given">${mine}</p>`)}
      ${key === undefined
        ? nothing
        : keyPanel(
            t('answerKey'),
            html`<p class="key-line">${t('acceptedAnswers')}</p>
              <ul class="accepted" role="list">${key.map((a) => html`<li>${a}</li>`)}</ul>`,
          )}
    </div>
  `;
}

function numeric(q: PayloadQuestionOf<'numeric'>, k: RevealByType['numeric']['key'] | undefined, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = q.response === null ? null : formatNumber(lang, q.response);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine === null ? unanswered(lang) : html`<p class="given number">${mine}</p>`)}
      ${k === undefined
        ? nothing
        : keyPanel(
            t('answerKey'),
            html`<p class="key-line">${t('correctValue')}</p>
              <p class="given number">${formatNumber(lang, k.value)}</p>
              ${k.tolerance > 0 ? html`<p class="tolerance">${t('tolerance', { tolerance: k.tolerance })}</p>` : nothing}`,
          )}
    </div>
  `;
}

/** `scheme`: the marking scheme, sanitised HTML from the import. */
function open(q: PayloadQuestionOf<'open'>, scheme: string | undefined, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = given(q.response);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine === null ? unanswered(lang) : html`<p class="given essay">${mine}</p>`)}
      ${scheme === undefined ? nothing : keyPanel(t('markingScheme'), html`<div class="scheme content">${unsafeHTML(scheme)}</div>`)}
    </div>
  `;
}

/**
 * The response of any question type, with the key or marking scheme the candidate asked for (`reveal`; none:
 * not shown). A reveal belongs to its question, so its type is the question's.
 */
export function renderResponse(q: PayloadQuestion, lang: Lang, reveal: TypedReveal | null): TemplateResult {
  switch (q.type) {
    case 'choice':
      return choice(q, reveal?.type === 'choice' ? reveal.key : undefined, lang);
    case 'order':
      return order(q, reveal?.type === 'order' ? reveal.key : undefined, lang);
    case 'match':
      return match(q, reveal?.type === 'match' ? reveal.key : undefined, lang);
    case 'text':
      return textAnswer(q, reveal?.type === 'text' ? reveal.key : undefined, lang);
    case 'numeric':
      return numeric(q, reveal?.type === 'numeric' ? reveal.key : undefined, lang);
    case 'open':
      return open(q, reveal?.type === 'open' ? reveal.scheme : undefined, lang);
    case 'item':
      return itemAnswer(reveal?.type === 'item' ? reveal : undefined, lang);
  }
}
