import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { PayloadQuestion } from '../../../shared/protocol.ts';
import { SpeechController } from '../controllers/speech.ts';
import type { RemarkEntry, RevealEntry } from '../data/state.ts';
import { RevealEvent } from '../events.ts';
import { commandErrorText, texts, type Lang } from '../i18n.ts';
import { answerStyles } from './answer-styles.ts';
import { renderResponse } from './answers.ts';
import { contentStyles } from './content-styles.ts';
import { fillItem } from './item/fill.ts';
import { itemStyles } from './item/styles.ts';
import { panelOf, scoreBadge, scoreStyles } from './question-head.ts';
import { baseStyles } from './shared-styles.ts';
import './remark.ts';

/**
 * One question, read-only, as in the exam: heading 'Vraag 7', score, stem, the candidate's response and —
 * on request — the answer key ('Antwoordsleutel', closed questions) or the marking scheme
 * ('Correctievoorschrift', open questions), beside the response. Where the exam withholds them (`hasKey` /
 * `hasScheme`) a line says so instead of the button. The button stays enabled (aria-disabled) while the
 * server is asked, so keyboard focus stays on it. A key or scheme the exam's policy sends up front is open at once.
 * A candidate with read-aloud gets 'Voorlezen' (question, answer and, when open, key or scheme; pause and stop).
 * Under it the candidate's remark ('Opmerking', remark.ts).
 *
 * @fires ksk-reveal - {@link RevealEvent} when the key or scheme button is pressed
 */
export class KskQuestion extends LitElement {
  static override properties = {
    question: { attribute: false }, reveal: { attribute: false }, remark: { attribute: false },
    readAloud: { attribute: false }, language: { attribute: false },
  };
  static override styles = [baseStyles, contentStyles, answerStyles, itemStyles, scoreStyles, css`
    :host {
      display: block;
      max-width: 62rem;
    }
    /* the heading row sizes with the chrome (--ksk-ui), the exam's text below it with the text zoom */
    .head {
      font-size: var(--ksk-ui);
      display: flex;
      align-items: center;
      gap: 0.6em 1.25em;
      flex-wrap: wrap;
      padding-bottom: 0.6em;
      border-bottom: 2px solid var(--ksk-line);
    }
    .reveal, .withheld { margin-left: auto; }
    .speech { display: flex; gap: 0.5em; }
    .speech-note { font-size: var(--ksk-ui); color: var(--ksk-muted); margin: 0.5em 0 0; }
    .reveal[aria-disabled='true'] { opacity: 0.6; cursor: progress; }
    .withheld { color: var(--ksk-muted); font-style: italic; font-size: 0.9em; }
    h2 {
      font-size: 1.6em;
    }
    .stem {
      margin: calc(var(--ksk-ui) * 1.1) 0 calc(var(--ksk-ui) * 1.25);
      font-size: 1.15rem;
      line-height: 1.6;
      max-width: 48rem;
    }

    /*
     * A question with a source (a section or aside in its stem), where there is room: the response and the
     * key or scheme beside the stem, in view (sticky) while the stem and its sources scroll — as on paper,
     * where the text booklet lies open beside the question. With less room (large text) they follow the
     * stem, and a long source scrolls within itself (content-styles.ts).
     */
    @container (min-width: 40rem) {
      article:has(.stem :is(section, aside)) .body {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: 0 calc(var(--ksk-ui) * 1.5);
        align-items: start;
      }
      article:has(.stem :is(section, aside)) .response {
        position: sticky;
        top: 0;
        max-height: 100cqh;
        overflow-y: auto;
        padding-top: calc(var(--ksk-ui) * 1.1);
      }
    }

    /* large text for the room it has (the page is the container): a tighter heading row */
    @container (max-width: 48rem) {
      .head { gap: 0.4em 1em; padding-bottom: 0.45em; }
      h2 { font-size: 1.35em; }
      .reveal { min-height: 2.4em; padding: 0.35em 0.9em; }
      .stem { margin-top: calc(var(--ksk-ui) * 0.8); }
    }

    .note { margin-top: 0.75rem; text-align: right; }
    .error { color: var(--ksk-warn-ink); font-weight: 600; }
    .pending { color: var(--ksk-muted); }
  `];

  question: PayloadQuestion | null = null;
  reveal: RevealEntry | undefined = undefined;
  remark: RemarkEntry | undefined = undefined;
  /** the candidate has the read-aloud accommodation */
  readAloud = false;
  language: Lang = 'nl';
  private readonly speech = new SpeechController(this);

  override willUpdate(changed: PropertyValues<this>): void {
    // another question (or language): what was being read is not this one's
    const before = changed.get('question') as PayloadQuestion | null | undefined;
    if ((changed.has('question') && before?.id !== this.question?.id) || changed.has('language')) this.speech.stop();
  }

  /** Removed from the page means the review is over or hidden: let go of the candidate's data at once. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.question = null;
    this.reveal = undefined;
    this.remark = undefined;
  }

  private shownReveal() {
    const r = this.reveal;
    return r?.open && r.data ? r.data : null;
  }

  /** An item's parts are rendered into their places in the rendered stem (item/fill.ts). */
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const q = this.question;
    const stem = this.renderRoot.querySelector('.stem');
    if (q?.type !== 'item' || !stem) return;
    const shown = this.shownReveal();
    fillItem(stem, q, shown?.type === 'item' ? shown : undefined, this.language);
  }

  override render() {
    const q = this.question;
    if (!q) return nothing;
    const t = texts(this.language);
    const { closed, canReveal } = panelOf(q);
    const r = this.reveal;
    const shown = this.shownReveal();
    return html`
      <article aria-labelledby="q-h">
        <div class="head">
          <h2 id="q-h">${t('question', { n: q.number })}</h2>
          ${scoreBadge(q, this.language)}
          ${canReveal
            ? html`<button
                type="button"
                class="reveal ${shown ? 'primary' : ''}"
                aria-expanded=${shown ? 'true' : 'false'}
                aria-controls=${shown ? 'key-panel' : nothing}
                aria-disabled=${r?.pending ? 'true' : nothing}
                @click=${() => r?.pending || this.dispatchEvent(new RevealEvent(q.id))}
              >${closed ? t('answerKey') : t('markingScheme')}</button>`
            : html`<p class="withheld">${closed ? t('keyWithheld') : t('schemeWithheld')}</p>`}
          ${this.readAloud ? this.speechControls() : nothing}
        </div>
        ${this.readAloud && !this.speech.supported ? html`<p class="speech-note" role="status">${t('readAloudUnsupported')}</p>` : nothing}
        ${this.readAloud && this.speech.noVoice ? html`<p class="speech-note" role="status">${t('readAloudNoVoice')}</p>` : nothing}
        ${r?.pending ? html`<p class="note pending" role="status">${t('loadingKey')}</p>` : nothing}
        ${r?.error ? html`<p class="note error" role="alert">${commandErrorText(this.language, r.error)}</p>` : nothing}
        <div class="body">
          <div class="stem content">${unsafeHTML(q.stem)}</div>
          <div class="response">${renderResponse(q, this.language, shown)}</div>
        </div>
        <ksk-remark .questionId=${q.id} .entry=${this.remark} .language=${this.language}></ksk-remark>
      </article>
    `;
  }

  private speechControls() {
    const t = texts(this.language);
    const s = this.speech.state;
    if (s === 'idle') {
      return html`<button type="button" class="speak" ?disabled=${!this.speech.supported} @click=${() => this.readOut()}>${t('readAloud')}</button>`;
    }
    return html`<div class="speech" role="group" aria-label=${t('readAloud')}>
      ${s === 'speaking'
        ? html`<button type="button" @click=${() => this.speech.pause()}>${t('readAloudPause')}</button>`
        : html`<button type="button" @click=${() => this.speech.resume()}>${t('readAloudResume')}</button>`}
      <button type="button" @click=${() => this.speech.stop()}>${t('readAloudStop')}</button>
    </div>`;
  }

  /** The question, the candidate's answer and, when open, the key or scheme: as they are on screen. */
  private readOut(): void {
    const q = this.question;
    if (!q) return;
    const t = texts(this.language);
    const textOf = (sel: string) => (this.renderRoot.querySelector(sel)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    this.speech.speak([`${t('question', { n: q.number })}.`, textOf('.stem'), t('readAloudAnswer'), textOf('.response')].join(' '), this.language);
  }
}

customElements.define('ksk-question', KskQuestion);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-question': KskQuestion;
  }
}
