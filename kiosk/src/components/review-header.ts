import { LitElement, css, html, nothing } from 'lit';
import type { ReviewPayload } from '../../../shared/protocol.ts';
import { formatRemaining } from '../../../shared/rules.ts';
import { ClockController } from '../controllers/clock.ts';
import { LogoutEvent } from '../events.ts';
import { formatGrade, texts, type Lang } from '../i18n.ts';
import { baseStyles } from './shared-styles.ts';

/** Below this the countdown turns to the warning colour. */
const LOW_MS = 5 * 60_000;

/**
 * The review's banner, compact at every text size: the exam title and 'Examennummer' across the top (a long
 * title wraps, never cut); below, in one row, the candidate's name, the total score and grade, the
 * countdown to `endsAt` (its own clock, so only this part re-renders every second) and 'Uitloggen'.
 * 'Uitloggen' asks first, in a modal dialog ('Inzage beëindigen?'): the candidate cannot come back afterwards. 'Annuleren' or Esc closes it and puts focus back on 'Uitloggen'.
 *
 * @fires ksk-logout - {@link LogoutEvent} once the candidate has confirmed 'Uitloggen'
 */
export class KskReviewHeader extends LitElement {
  static override properties = { review: { attribute: false }, language: { attribute: false }, loggingOut: { type: Boolean } };
  static override styles = [baseStyles, css`
    :host {
      display: block;
      font-size: var(--ksk-ui);
    }
    /*
     * The exam line runs across the top, so that a long title has the banner's whole width to wrap in; name,
     * score, time left and 'Uitloggen' share the row below.
     */
    header {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto auto auto;
      grid-template-areas: 'exam exam exam exam' 'name result timer logout';
      align-items: center;
      column-gap: 1.5em;
      padding: 0.6em 1.5em;
      background: var(--ksk-surface);
      border-bottom: 2px solid var(--ksk-line);
    }
    /*
     * Exam title and exam number: a long title wraps (at large text too) rather than being cut, and the number
     * with its label 'Examennummer' stays together on one line, after the title or below it.
     */
    .exam {
      grid-area: exam; min-width: 0; display: flex; flex-wrap: wrap; column-gap: 1em; align-self: end;
      font-size: 0.85em; font-weight: 600; color: var(--ksk-muted); overflow-wrap: anywhere;
    }
    .title { min-width: 0; }
    .number { white-space: nowrap; }
    h1 { grid-area: name; min-width: 0; align-self: start; font-size: 1.35em; overflow-wrap: anywhere; }
    .result { grid-area: result; align-self: start; display: grid; gap: 0.1em; font-weight: 700; }
    .grade { color: var(--ksk-ink-soft); font-size: 0.95em; }
    .timer {
      grid-area: timer;
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      line-height: 1.15;
    }
    .timer .label { font-size: 0.8em; color: var(--ksk-muted); font-weight: 600; white-space: nowrap; }
    .timer .left { font-size: 1.5em; font-weight: 700; font-variant-numeric: tabular-nums; }
    .timer.low .left { color: var(--ksk-warn-ink); }
    .logout { grid-area: logout; min-width: 7em; }
    /* large text, narrow screen: the same rows, tighter */
    @container (max-width: 48rem) {
      header { column-gap: 0.9em; padding: 0.3em 1em; }
      .exam { font-size: 0.75em; column-gap: 0.75em; }
      h1 { font-size: 1.15em; }
      .result { font-size: 0.85em; gap: 0; }
      .timer .label { font-size: 0.75em; }
      .timer .left { font-size: 1.2em; }
      .logout { min-width: 0; min-height: 2.3em; padding: 0.3em 0.8em; }
    }

    dialog {
      font-size: var(--ksk-ui);
      width: min(32em, calc(100vw - 2em));
      max-height: calc(100vh - 2em);
      overflow: auto;
      padding: 1.5em 1.75em;
      border: 2px solid var(--ksk-line-strong);
      border-radius: 0.9em;
      background: var(--ksk-surface);
      color: var(--ksk-ink);
      box-shadow: 0 1em 3em rgb(0 0 0 / 0.3);
    }
    dialog::backdrop { background: rgb(23 25 28 / 0.55); }
    dialog h2 { font-size: 1.4em; margin-bottom: 0.6em; }
    dialog p { font-size: 1.05em; line-height: 1.5; }
    .actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0.75em; margin-top: 1.5em; }
  `];

  review: ReviewPayload | null = null;
  language: Lang = 'nl';
  loggingOut = false;
  private readonly clock = new ClockController(this);

  /** Removed from the page means the review is over or hidden: let go of the candidate's data at once. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.review = null;
  }

  override render() {
    const r = this.review;
    if (!r) return nothing;
    const t = texts(this.language);
    const leftMs = Date.parse(r.endsAt) - this.clock.now;
    const left = formatRemaining(leftMs);
    return html`
      <header>
        <p class="exam">
          <span class="title">${r.exam.title}</span><span class="number"><span class="sr-only">, </span><span class="label">${t('candidateNumber')} </span>${r.candidate.number}</span>
        </p>
        <h1>${r.candidate.name}</h1>
        <div class="result">
          <p>${t('totalScore', { score: r.totalScore, max: r.maxScore })}</p>
          ${r.grade === null ? nothing : html`<p class="grade">${t('grade', { grade: formatGrade(this.language, r.grade) })}</p>`}
        </div>
        <div class="timer ${leftMs <= LOW_MS ? 'low' : ''}" role="timer" aria-label="${t('remaining')} ${left}">
          <span class="label" aria-hidden="true">${t('remaining')}</span>
          <span class="left" aria-hidden="true">${left}</span>
        </div>
        <button type="button" class="primary logout" ?disabled=${this.loggingOut} @click=${this.ask}>${t('logout')}</button>
      </header>
      <dialog aria-labelledby="confirm-h" aria-describedby="confirm-p" @close=${this.closed}>
        <h2 id="confirm-h">${t('logoutTitle')}</h2>
        <p id="confirm-p">${t('logoutText')}</p>
        <div class="actions">
          <button type="button" autofocus @click=${() => this.dialog?.close('cancel')}>${t('cancel')}</button>
          <button type="button" class="primary" @click=${() => this.dialog?.close('confirm')}>${t('logout')}</button>
        </div>
      </dialog>
    `;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private readonly ask = (): void => {
    const d = this.dialog;
    if (!d || d.open) return;
    d.returnValue = '';
    d.showModal(); // modal: the rest of the page is inert, focus stays in the dialog, Esc cancels
  };

  private readonly closed = (): void => {
    if (this.dialog?.returnValue === 'confirm') {
      this.dispatchEvent(new LogoutEvent());
      return;
    }
    this.renderRoot.querySelector<HTMLButtonElement>('.logout')?.focus();
  };
}

customElements.define('ksk-review-header', KskReviewHeader);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-review-header': KskReviewHeader;
  }
}
