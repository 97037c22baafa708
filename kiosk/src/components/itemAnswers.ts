/**
 * A QTI item's response, read-only and plain (docs/design.md: QTI content): the item's text is the question's
 * stem (question.ts); here each response part is listed with its prompt and the candidate's values, a choice or
 * pair shown by its label, and — once asked for — the part's key and points per answer, and the marking scheme.
 * The replay of each interaction in place (choices ticked in the text, gaps filled, points on the picture) is
 * a later step; this shows everything that was answered, in words. Candidate values go through text bindings.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PayloadItemPart, PayloadQuestionOf, RevealByType } from '../../../shared/protocol.ts';
import { formatNumber, text, type Lang } from '../i18n.ts';

/** A value as the candidate would recognise it: a choice's label, a pair's two labels, else the value itself. */
function shown(part: PayloadItemPart, value: string): TemplateResult {
  const labels = [...(part.choices ?? []), ...(part.targets ?? []), ...(part.hotspots ?? []).map((h) => ({ id: h.id, text: '' }))];
  const one = (id: string) => {
    const found = labels.find((l) => l.id === id);
    return found?.text ? html`${unsafeHTML(found.text)}` : html`${id}`;
  };
  const ids = value.trim().split(/\s+/);
  if (ids.length === 2 && ids.every((id) => labels.some((l) => l.id === id))) return html`${one(ids[0]!)} → ${one(ids[1]!)}`;
  return labels.some((l) => l.id === value) ? one(value) : html`${value}`;
}

function values(part: PayloadItemPart, list: readonly string[], lang: Lang): TemplateResult {
  if (!list.length) return html`<p class="unanswered">${text(lang, 'unanswered')}</p>`;
  return html`<ul class="item-values" role="list">${list.map((v) => html`<li>${shown(part, v)}</li>`)}</ul>`;
}

function partKey(part: PayloadItemPart, n: number, key: RevealByType['item']['parts'][number] | undefined, lang: Lang): TemplateResult | typeof nothing {
  if (!key || (!key.key?.length && !key.mapping)) return nothing;
  return html`
    <h4>${text(lang, 'part', { n })}</h4>
    ${key.key?.length ? values(part, key.key, lang) : nothing}
    ${key.mapping
      ? html`<ul class="item-mapping" role="list">${key.mapping.entries.map((e) => html`<li>${shown(part, e.value)}: ${text(lang, 'mappedPoints', { points: formatNumber(lang, e.points) })}</li>`)}</ul>`
      : nothing}
  `;
}

/** The key of every part that has one, and the marking scheme: one panel, as for the other question types. */
function revealPanel(q: PayloadQuestionOf<'item'>, reveal: RevealByType['item'], lang: Lang): TemplateResult {
  const keys = new Map(reveal.parts.map((p) => [p.id, p]));
  return html`
    <section class="panel key" id="key-panel" aria-labelledby="key-h">
      <h3 id="key-h">${text(lang, reveal.parts.length ? 'answerKey' : 'markingScheme')}</h3>
      ${q.parts.map((part, i) => partKey(part, i + 1, keys.get(part.id), lang))}
      ${reveal.scheme === undefined
        ? nothing
        : html`${reveal.parts.length ? html`<h4>${text(lang, 'markingScheme')}</h4>` : nothing}<div class="scheme content">${unsafeHTML(reveal.scheme)}</div>`}
    </section>
  `;
}

export function itemAnswer(q: PayloadQuestionOf<'item'>, reveal: RevealByType['item'] | undefined, lang: Lang): TemplateResult {
  return html`
    <div class="sides">
      <section class="panel yours" aria-labelledby="yours-h">
        <h3 id="yours-h">${text(lang, 'yourAnswer')}</h3>
        ${q.parts.map((part, i) => html`
          <section class="item-part" aria-labelledby="part-${i}-h">
            <h4 id="part-${i}-h">${text(lang, 'part', { n: i + 1 })}</h4>
            ${part.prompt ? html`<div class="content">${unsafeHTML(part.prompt)}</div>` : nothing}
            ${part.body ? html`<div class="content">${unsafeHTML(part.body)}</div>` : nothing}
            ${values(part, q.response?.[part.id] ?? [], lang)}
          </section>
        `)}
      </section>
      ${reveal === undefined ? nothing : revealPanel(q, reveal, lang)}
    </div>
  `;
}
