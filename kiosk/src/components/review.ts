import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { ReviewView } from '../data/state.ts';
import { NavigateEvent } from '../events.ts';
import { formatTime, texts, type Lang } from '../i18n.ts';
import { baseStyles } from './shared-styles.ts';
import './navigator.ts';
import './question.ts';
import './review-header.ts';

/**
 * The review itself: banner, navigator, one question per page, 'Vorige' / 'Volgende'. Renders the
 * {@link ReviewView} it is given and nothing else; it keeps no candidate data of its own.
 *
 * @slot tools - the display settings, shown under the navigator
 * @fires ksk-navigate - {@link NavigateEvent} ('Vorige', 'Volgende', navigator)
 * @fires ksk-reveal - from the question: key or scheme asked for
 * @fires ksk-logout - from the banner: 'Uitloggen'
 */
export class KskReview extends LitElement {
  static override properties = { view: { attribute: false }, language: { attribute: false } };
  static override styles = [baseStyles, css`
    :host {
      display: block;
      container: review / inline-size;
    }
    .frame {
      display: grid;
      grid-template-rows: auto auto minmax(0, 1fr);
      height: 100vh;
    }
    .warning {
      margin: 0;
      padding: 0.7rem 1.5rem;
      background: var(--ksk-warn-soft);
      color: var(--ksk-warn-ink);
      border-bottom: 2px solid var(--ksk-warn-ink);
      font-weight: 700;
      font-size: 1.1rem;
    }
    .body {
      display: grid;
      grid-template-columns: minmax(12rem, 16rem) minmax(0, 1fr);
      min-height: 0;
    }
    .side {
      display: flex;
      flex-direction: column;
      min-height: 0;
      border-right: 2px solid var(--ksk-line);
      background: var(--ksk-panel);
    }
    ksk-navigator {
      flex: 1;
      overflow-y: auto;
    }
    .tools {
      padding: 1rem;
      border-top: 2px solid var(--ksk-line);
    }
    main {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
    }
    .page {
      flex: 1;
      overflow-y: auto;
      padding: 1.75rem 2.5rem 2rem;
    }
    .pager {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
      padding: 0.8rem 2.5rem;
      border-top: 2px solid var(--ksk-line);
      background: var(--ksk-surface);
    }
    .pager button { min-width: 8rem; }
    .where { font-weight: 600; color: var(--ksk-muted); }
    /* large text or a narrow screen: the navigator goes on top and the page scrolls as a whole */
    /*
     * Large text or a narrow screen: the page reflows into one column that scrolls as a whole (WCAG 1.4.10),
     * with the navigator as a strip above the question and 'Vorige'/'Volgende' kept in reach at the bottom.
     */
    @container review (max-width: 52rem) {
      .frame { display: block; height: auto; min-height: 100vh; }
      .body { display: block; }
      .side { border-right: 0; border-bottom: 2px solid var(--ksk-line); }
      .tools { padding: 0.5rem 1rem 0.75rem; border-top: 0; }
      .page { overflow: visible; padding: 1.25rem 1.25rem 1.5rem; }
      .pager { position: sticky; bottom: 0; padding: 0.6rem 1.25rem; }
      .pager button { min-width: 0; }
    }
  `];

  view: ReviewView | null = null;
  language: Lang = 'nl';

  /** Removed from the page means the review is over or hidden: let go of the candidate's data at once. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view = null;
  }

  override render() {
    const v = this.view;
    if (!v) return nothing;
    const t = texts(this.language);
    const qs = v.review.questions;
    const i = Math.max(0, qs.findIndex((q) => q.id === v.position));
    const q = qs[i];
    const prev = qs[i - 1];
    const next = qs[i + 1];
    return html`<div class="frame">
      <ksk-review-header .review=${v.review} .language=${this.language} ?loggingOut=${v.loggingOut}></ksk-review-header>
      ${v.warningEndsAt
        ? html`<p class="warning" role="alert">${t.warning(formatTime(this.language, v.warningEndsAt))}</p>`
        : html`<span></span>`}
      <div class="body">
        <div class="side">
          <ksk-navigator .questions=${qs} .position=${v.position} .language=${this.language}></ksk-navigator>
          <div class="tools"><slot name="tools"></slot></div>
        </div>
        <main>
          <div class="page">
            <ksk-question .question=${q ?? null} .reveal=${q ? v.reveals[q.id] : undefined} .language=${this.language}></ksk-question>
          </div>
          <div class="pager">
            <button type="button" ?disabled=${!prev} @click=${() => prev && this.go(prev.id)}>
              <span aria-hidden="true">← </span>${t.previous}
            </button>
            <p class="where" aria-live="polite">${q ? t.questionOf(q.number, qs.length) : ''}</p>
            <button type="button" class="primary" ?disabled=${!next} @click=${() => next && this.go(next.id)}>
              ${t.next}<span aria-hidden="true"> →</span>
            </button>
          </div>
        </main>
      </div>
    </div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    const before = changed.get('view');
    if (!before || before.position === this.view?.position) return;
    // a new question starts at its top: the page's own scroller, or the window in the one-column layout
    this.renderRoot.querySelector('.page')?.scrollTo(0, 0);
    const main = this.renderRoot.querySelector('main');
    if (main && main.getBoundingClientRect().top < 0) main.scrollIntoView();
  }

  /** Done rendering only when the banner, navigator and question are too (the start is acknowledged then). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const children = this.renderRoot.querySelectorAll('ksk-review-header, ksk-navigator, ksk-question');
    await Promise.all([...children].map((c) => (c as LitElement).updateComplete));
    return done;
  }

  private go(id: string): void {
    this.dispatchEvent(new NavigateEvent(id));
  }
}

customElements.define('ksk-review', KskReview);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-review': KskReview;
  }
}
