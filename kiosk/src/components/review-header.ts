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
 * The review's banner, one row at every text size: candidate name and number, exam title, total score and
 * grade, the countdown to `endsAt` (its own clock, so only this part re-renders every second) and
 * 'Uitloggen'. 'Uitloggen' asks first, in a modal dialog ('Inzage beëindigen?'): the candidate cannot come
 * back afterwards. 'Annuleren' or Esc closes it and puts focus back on 'Uitloggen'.
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
    header {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto auto auto;
      align-items: center;
      column-gap: 1.5em;
      padding: 0.6em 1.5em;
      background: var(--ksk-surface);
      border-bottom: 2px solid var(--ksk-line);
    }
    .who { min-width: 0; }
    /*
     * One line: exam title and exam number. A long title is cut (screen readers still get all of it) rather
     * than growing the banner; the number stays.
     */
    .exam { display: flex; font-size: 0.85em; font-weight: 600; color: var(--ksk-muted); white-space: nowrap; }
    .title { flex: 0 1 auto; min-width: 2em; overflow: hidden; text-overflow: ellipsis; }
    .number { flex: none; }
    .sep { margin: 0 0.5em; }
    h1 { font-size: 1.35em; overflow-wrap: anywhere; }
    .result { display: grid; gap: 0.1em; font-weight: 700; }
    .grade { color: var(--ksk-ink-soft); font-size: 0.95em; }
    .timer {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      line-height: 1.15;
    }
    .timer .label { font-size: 0.8em; color: var(--ksk-muted); font-weight: 600; white-space: nowrap; }
    .timer .left { font-size: 1.5em; font-weight: 700; font-variant-numeric: tabular-nums; }
    .timer.low .left { color: var(--ksk-warn-ink); }
    .logout { min-width: 7em; }
    /* large text, narrow screen: the same row, tighter; the exam line is cut rather than wrapped */
    @container (max-width: 48rem) {
      header { column-gap: 0.9em; padding: 0.3em 1em; }
      .exam { font-size: 0.8em; }
      /* the number speaks for itself beside the name; screen readers still hear 'Examennummer' */
      .number .label {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
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
        <div class="who">
          <p class="exam">
            <span class="title">${r.exam.title}</span><span class="number"><span class="sep" aria-hidden="true">·</span><span class="sr-only">, </span><span class="label">${t('candidateNumber')} </span>${r.candidate.number}</span>
          </p>
          <h1>${r.candidate.name}</h1>
        </div>
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
