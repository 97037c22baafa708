import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PayloadQuestion, TypedReveal } from '../../../shared/protocol.ts';
import { answerStyles } from '../../../kiosk/src/components/answer-styles.ts';
import { renderResponse } from '../../../kiosk/src/components/answers.ts';
import { contentStyles } from '../../../kiosk/src/components/content-styles.ts';
import { fillItem } from '../../../kiosk/src/components/item/fill.ts';
import { itemStyles } from '../../../kiosk/src/components/item/styles.ts';
import { panelOf, scoreBadge, scoreStyles } from '../../../kiosk/src/components/question-head.ts';
import { texts } from '../../../kiosk/src/i18n.ts';
import { LangController, lang, t } from '../i18n.ts';

/**
 * One question as the candidate's kiosk shows it now, read-only, for 'Meekijken': the kiosk's own renderers
 * (kiosk/src/components: stem, response, key or scheme beside it, QTI item parts) in the kiosk's wording, without
 * anything to press. Instead of the kiosk's key or scheme button a line says whether that panel is open, closed, or
 * withheld from the candidate by the exam's policy. The kiosk's colour tokens are mapped onto the console's.
 */
export class AdmMirrorQuestion extends LitElement {
  static override properties = { question: { attribute: false }, reveal: { attribute: false } };
  static override styles = [contentStyles, answerStyles, itemStyles, scoreStyles, css`
    :host {
      display: block;
      --ksk-ink: var(--ink); --ksk-ink-soft: var(--ink); --ksk-muted: var(--muted);
      --ksk-line: var(--line); --ksk-line-strong: var(--line-strong);
      --ksk-accent: var(--accent); --ksk-accent-soft: var(--accent-soft); --ksk-on-accent: var(--on-accent);
      --ksk-ok-ink: var(--ok-ink); --ksk-ok-soft: var(--ok-bg); --ksk-part-ink: var(--warn-ink); --ksk-part-soft: var(--warn-bg);
      --ksk-warn-ink: var(--danger-ink); --ksk-surface: var(--surface); --ksk-panel: var(--surface-sunk);
      --ksk-mono: ui-monospace, 'DejaVu Sans Mono', Consolas, monospace;
      --ksk-ui: 1rem;
      color: var(--ink);
    }
    * { box-sizing: border-box; }
    article { border: 1px solid var(--line); border-radius: var(--radius-lg); background: var(--surface); padding: 1rem 1.25rem; container-type: inline-size; }
    .head { display: flex; align-items: center; gap: 0.5rem 1rem; flex-wrap: wrap; padding-bottom: 0.5rem; border-bottom: 2px solid var(--line); }
    h2 { margin: 0; font-size: 1.35rem; }
    p { margin: 0; }
    .state { margin-left: auto; font-weight: 650; }
    .state.open { color: var(--accent); }
    .state.withheld { color: var(--muted); font-style: italic; font-weight: 500; }
    .stem { margin: 1rem 0; font-size: 1.05rem; line-height: 1.6; max-width: 48rem; }
  `];

  question: PayloadQuestion | null = null;
  /** the key or scheme open on the kiosk now; null: closed */
  reveal: TypedReveal | null = null;

  constructor() {
    super();
    new LangController(this);
  }

  /** An item's parts go into their places in the rendered stem (as on the kiosk). */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const q = this.question;
    const stem = this.renderRoot.querySelector('.stem');
    if (q?.type !== 'item' || !stem) return;
    fillItem(stem, q, this.reveal?.type === 'item' ? this.reveal : undefined, lang());
  }

  override render() {
    const q = this.question;
    if (!q) return nothing;
    const kiosk = texts(lang());
    const { closed, canReveal } = panelOf(q);
    const what = closed ? 'key' : 'scheme';
    const state = !canReveal ? 'withheld' : this.reveal ? 'open' : 'closed';
    return html`<article aria-labelledby="mq-h">
      <div class="head">
        <h2 id="mq-h">${kiosk('question', { n: q.number })}</h2>
        ${scoreBadge(q, lang())}
        <p class="state ${state}">${t(`mirror.${what}.${state}`)}</p>
      </div>
      <div class="body">
        <div class="stem content">${unsafeHTML(q.stem)}</div>
        <div class="response">${renderResponse(q, lang(), this.reveal)}</div>
      </div>
    </article>`;
  }
}

customElements.define('adm-mirror-question', AdmMirrorQuestion);

declare global {
  interface HTMLElementTagNameMap { 'adm-mirror-question': AdmMirrorQuestion }
}
