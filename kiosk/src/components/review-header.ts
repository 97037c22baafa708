import { LitElement, css, html, nothing } from 'lit';
import type { ReviewPayload } from '../../../shared/protocol.ts';
import { formatRemaining } from '../../../shared/rules.ts';
import { ClockController } from '../controllers/clock.ts';
import { LogoutEvent } from '../events.ts';
import { formatGrade, formatNumber, texts, type Lang } from '../i18n.ts';
import { baseStyles } from './shared-styles.ts';

/** Below this the countdown turns to the warning colour. */
const LOW_MS = 5 * 60_000;

/**
 * The review's banner: candidate name and number, exam title, total score and grade, the countdown to
 * `endsAt` (its own clock, so only this part re-renders every second) and 'Uitloggen'.
 *
 * @fires ksk-logout - {@link LogoutEvent} when 'Uitloggen' is pressed
 */
export class KskReviewHeader extends LitElement {
  static override properties = { review: { attribute: false }, language: { attribute: false }, loggingOut: { type: Boolean } };
  static override styles = [baseStyles, css`
    :host { display: block; }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 2.25rem;
      padding: 0.8rem 1.5rem;
      background: var(--ksk-surface);
      border-bottom: 2px solid var(--ksk-line);
    }
    .who { flex: 1 1 16rem; min-width: 0; }
    .exam { font-size: 0.95rem; font-weight: 600; color: var(--ksk-muted); }
    h1 { font-size: 1.4rem; }
    .sep { margin: 0 0.5rem; }
    .result { display: grid; gap: 0.1rem; font-size: 1.05rem; font-weight: 700; }
    .grade { color: var(--ksk-ink-soft); }
    .logout { min-width: 8rem; }
    .timer {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      line-height: 1.15;
    }
    .timer .label { font-size: 0.85rem; color: var(--ksk-muted); font-weight: 600; }
    .timer .left { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .timer.low .left { color: var(--ksk-warn-ink); }
    @container (max-width: 52rem) {
      header { gap: 0.5rem 1.25rem; padding: 0.75rem 1.25rem; }
      .who { flex-basis: 100%; }
      .result { display: flex; flex-wrap: wrap; gap: 0 1.25rem; }
      .timer { flex-direction: row; align-items: baseline; gap: 0.5rem; }
      .timer .left { font-size: 1.2rem; }
      .logout { min-width: 0; margin-left: auto; }
    }
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
          <p class="exam">${r.exam.title}<span class="sep" aria-hidden="true">·</span><span class="sr-only">, </span>${t.candidateNumber} ${r.candidate.number}</p>
          <h1>${r.candidate.name}</h1>
        </div>
        <div class="result">
          <p>${t.totalScore(formatNumber(this.language, r.totalScore), formatNumber(this.language, r.maxScore))}</p>
          ${r.grade === null ? nothing : html`<p class="grade">${t.grade(formatGrade(this.language, r.grade))}</p>`}
        </div>
        <div class="timer ${leftMs <= LOW_MS ? 'low' : ''}" role="timer" aria-label="${t.remaining} ${left}">
          <span class="label" aria-hidden="true">${t.remaining}</span>
          <span class="left" aria-hidden="true">${left}</span>
        </div>
        <button type="button" class="primary logout" ?disabled=${this.loggingOut} @click=${() => this.dispatchEvent(new LogoutEvent())}>
          ${t.logout}
        </button>
      </header>
    `;
  }
}

customElements.define('ksk-review-header', KskReviewHeader);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-review-header': KskReviewHeader;
  }
}
