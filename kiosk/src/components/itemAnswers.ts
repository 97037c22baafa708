/**
 * Below a QTI item's text: the parts themselves are replayed in the stem, each where its interaction stood
 * (item/fill.ts; the import puts exactly one placeholder per part in the stem), so here is only, once asked
 * for, the answer-key panel — a line that the keys are now shown in place — with the item's marking scheme.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { RevealByType } from '../../../shared/protocol.ts';
import { text, type Lang } from '../i18n.ts';
import { keyPanel } from './answers.ts';

function revealPanel(reveal: RevealByType['item'], lang: Lang): TemplateResult {
  const keys = reveal.parts.length > 0;
  return keyPanel(
    text(lang, keys ? 'answerKey' : 'markingScheme'),
    html`
      ${keys ? html`<p class="key-line">${text(lang, 'keyInPlace')}</p>` : nothing}
      ${reveal.scheme === undefined
        ? nothing
        : html`${keys ? html`<h4>${text(lang, 'markingScheme')}</h4>` : nothing}<div class="scheme content">${unsafeHTML(reveal.scheme)}</div>`}
    `,
  );
}

export function itemAnswer(reveal: RevealByType['item'] | undefined, lang: Lang): TemplateResult {
  return reveal === undefined ? html`` : revealPanel(reveal, lang);
}
