/**
 * How each question type shows the candidate's response and, once asked for, its answer key — as in the
 * exam, read-only. Pure render functions; candidate text only ever goes through Lit text bindings (never
 * innerHTML). Option, item and match labels are exam content, sanitised to restricted HTML by the server's
 * import (like stems), so they are rendered as HTML. Keys and responses are read defensively: a shape we do not expect shows as nothing rather
 * than breaking the review.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PayloadQuestion } from '../../../shared/protocol.ts';
import { formatNumber, texts, type Lang } from '../i18n.ts';

type Label = { id: string; text: string };
type Pair = [string, string];

// ---------- reading loosely typed values ----------

function asIds(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function asPairs(v: unknown): Pair[] {
  if (!Array.isArray(v)) return [];
  const out: Pair[] = [];
  for (const p of v) {
    if (Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') out.push([p[0], p[1]]);
    else if (p && typeof p === 'object' && 'left' in p && 'right' in p) out.push([String(p.left), String(p.right)]);
  }
  return out;
}

/** numeric keys come as `{value, tolerance}` or as a bare number */
function asNumericKey(v: unknown): { value: number; tolerance: number } | null {
  if (typeof v === 'number') return { value: v, tolerance: 0 };
  if (v && typeof v === 'object' && 'value' in v && typeof v.value === 'number') {
    const tol = 'tolerance' in v && typeof v.tolerance === 'number' ? v.tolerance : 0;
    return { value: v.value, tolerance: tol };
  }
  return null;
}

function asTexts(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (v && typeof v === 'object' && 'accepted' in v) return asTexts(v.accepted);
  return [];
}

function asValue(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() ? v : null;
  if (typeof v === 'number') return String(v);
  return null;
}

/** An exam label (sanitised HTML from the import); an unknown id shows as plain text. */
const label = (text: string) => html`${unsafeHTML(text)}`;
const textOf = (list: readonly Label[] | undefined, id: string): TemplateResult => {
  const found = list?.find((x) => x.id === id);
  return found ? label(found.text) : html`${id}`;
};
const letter = (i: number) => String.fromCharCode(65 + (i % 26));

// ---------- shared pieces ----------

function unanswered(lang: Lang): TemplateResult {
  return html`<p class="unanswered">${texts(lang).unanswered}</p>`;
}

/** The candidate's side: a titled panel. */
function answerPanel(lang: Lang, body: TemplateResult): TemplateResult {
  return html`
    <section class="panel yours" aria-labelledby="yours-h">
      <h3 id="yours-h">${texts(lang).yourAnswer}</h3>
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

function choice(q: PayloadQuestion, key: unknown, lang: Lang): TemplateResult {
  const t = texts(lang);
  const chosen = new Set(asIds(q.response));
  const correct = key === undefined ? null : new Set(asIds(key));
  const options = q.options ?? [];
  return html`
    ${q.multiple ? html`<p class="hint">${t.multipleHint}</p>` : nothing}
    <ul class="options ${q.multiple ? 'multiple' : 'single'}" role="list">
      ${options.map((o, i) => {
        const mine = chosen.has(o.id);
        const right = correct?.has(o.id) ?? false;
        return html`
          <li class="option ${mine ? 'chosen' : ''} ${right ? 'correct' : ''}">
            <span class="mark" aria-hidden="true"></span>
            <span class="letter" aria-hidden="true">${letter(i)}</span>
            <span class="option-text"><span class="sr-only">${letter(i)}: </span>${label(o.text)}</span>
            <span class="tags">
              ${mine ? html`<span class="tag you">${t.yourAnswer}</span>` : nothing}
              ${right ? html`<span class="tag ok"><span aria-hidden="true">✓ </span>${t.correctAnswer}</span>` : nothing}
            </span>
          </li>
        `;
      })}
    </ul>
    ${chosen.size === 0 ? unanswered(lang) : nothing}
    ${correct
      ? keyPanel(
          t.answerKey,
          html`<p class="key-line">
            ${t.correctAnswer}:
            <strong>${options.flatMap((o, i) => (correct.has(o.id) ? [letter(i)] : [])).join(', ') || '—'}</strong>
          </p>`,
        )
      : nothing}
  `;
}

function orderList(ids: string[], items: PayloadQuestion['items']): TemplateResult {
  return html`<ol class="sequence">${ids.map((id) => html`<li>${textOf(items, id)}</li>`)}</ol>`;
}

function order(q: PayloadQuestion, key: unknown, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = asIds(q.response);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine.length ? orderList(mine, q.items) : unanswered(lang))}
      ${key === undefined ? nothing : keyPanel(t.answerKey, html`<p class="key-line">${t.correctOrder}</p>${orderList(asIds(key), q.items)}`)}
    </div>
  `;
}

/** Per left item, the right items it is paired with (in the order of the right-hand list). */
function partners(pairs: Pair[], q: PayloadQuestion): Map<string, string[]> {
  const order = new Map((q.right ?? []).map((r, i) => [r.id, i]));
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
function pairList(pairs: Pair[], q: PayloadQuestion, lang: Lang, key?: Pair[]): TemplateResult {
  const t = texts(lang);
  const lefts = q.left ?? [];
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
          ? html`<span class="right"><span class="sr-only">${t.matchedWith} </span>${list(given)}</span>`
          : html`<span class="right none">${t.notMatched}</span>`;
        const verdict = right
          ? html`<span class="verdict"><span class="sr-only">, </span><span class="tag ${ok ? 'ok' : 'bad'}"><span aria-hidden="true">${ok ? '✓' : '✗'} </span>${ok ? t.pairCorrect : t.pairWrong}</span></span>`
          : nothing;
        const partner = right && !ok
          ? html`<span class="partner"><span class="sr-only">, </span>${t.correctPartner}: ${correct.length ? list(correct) : t.notMatched}</span>`
          : nothing;
        return html`<li class=${right ? (ok ? 'ok' : 'wrong') : ''}><span class="left">${row.left}</span> <span class="arrow" aria-hidden="true">→</span> ${mineText}${verdict}${partner}</li>`;
      })}
    </ul>
  `;
}

function match(q: PayloadQuestion, key: unknown, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = asPairs(q.response);
  const correct = key === undefined ? undefined : asPairs(key);
  return html`
    <div class="sides stacked">
      ${answerPanel(lang, mine.length ? pairList(mine, q, lang, correct) : unanswered(lang))}
      ${correct === undefined ? nothing : keyPanel(t.answerKey, html`<p class="key-line">${t.correctPairs}</p>${pairList(correct, q, lang)}`)}
    </div>
  `;
}

function textAnswer(q: PayloadQuestion, key: unknown, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = asValue(q.response);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine === null ? unanswered(lang) : html`<p class="given">${mine}</p>`)}
      ${key === undefined
        ? nothing
        : keyPanel(
            t.answerKey,
            html`<p class="key-line">${t.acceptedAnswers}</p>
              <ul class="accepted" role="list">${asTexts(key).map((a) => html`<li>${a}</li>`)}</ul>`,
          )}
    </div>
  `;
}

function numeric(q: PayloadQuestion, key: unknown, lang: Lang): TemplateResult {
  const t = texts(lang);
  const r = q.response;
  const mine = typeof r === 'number' ? formatNumber(lang, r) : asValue(r);
  const k = key === undefined ? null : asNumericKey(key);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine === null ? unanswered(lang) : html`<p class="given number">${mine}</p>`)}
      ${key === undefined
        ? nothing
        : keyPanel(
            t.answerKey,
            k
              ? html`<p class="key-line">${t.correctValue}</p>
                  <p class="given number">${formatNumber(lang, k.value)}</p>
                  ${k.tolerance > 0 ? html`<p class="tolerance">${t.tolerance(formatNumber(lang, k.tolerance))}</p>` : nothing}`
              : html`<p class="given number">—</p>`,
          )}
    </div>
  `;
}

function open(q: PayloadQuestion, scheme: TemplateResult | undefined, lang: Lang): TemplateResult {
  const t = texts(lang);
  const mine = asValue(q.response);
  return html`
    <div class="sides">
      ${answerPanel(lang, mine === null ? unanswered(lang) : html`<p class="given essay">${mine}</p>`)}
      ${scheme === undefined ? nothing : keyPanel(t.markingScheme, html`<div class="scheme content">${scheme}</div>`)}
    </div>
  `;
}

/**
 * The response of any question type. `key` is the revealed key (`undefined`: not shown); `scheme` is the
 * already rendered marking scheme of an open question.
 */
export function renderResponse(q: PayloadQuestion, lang: Lang, key: unknown, scheme: TemplateResult | undefined): TemplateResult {
  switch (q.type) {
    case 'choice':
      return choice(q, key, lang);
    case 'order':
      return order(q, key, lang);
    case 'match':
      return match(q, key, lang);
    case 'text':
      return textAnswer(q, key, lang);
    case 'numeric':
      return numeric(q, key, lang);
    case 'open':
      return open(q, scheme, lang);
  }
}
