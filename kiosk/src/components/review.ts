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
 * @slot tools - the display settings, under the navigator (or beside its strip)
 * @fires ksk-navigate - {@link NavigateEvent} ('Vorige', 'Volgende', navigator)
 * @fires ksk-reveal - from the question: key or scheme asked for
 * @fires ksk-logout - from the banner: 'Uitloggen'
 */
export class KskReview extends LitElement {
  static override properties = { view: { attribute: false }, language: { attribute: false } };
  static override styles = [baseStyles, css`
    /*
     * One screen that never scrolls as a whole: banner on top, the question in its own scroller, the
     * navigator beside it (a wide screen) or as a strip above it (large text, narrow screen). Chrome sizes in
     * --ksk-ui (grows at half the text zoom), the question in rem (grows with it).
     */
    :host {
      display: block;
      container: review / inline-size;
    }
    .frame {
      position: relative;
      display: grid;
      grid-template-rows: auto auto minmax(0, 1fr);
      height: 100vh;
      overflow: hidden;
    }
    .warning {
      margin: 0;
      padding: 0.5em 1.5em;
      background: var(--ksk-warn-soft);
      color: var(--ksk-warn-ink);
      border-bottom: 2px solid var(--ksk-warn-ink);
      font-weight: 700;
      font-size: calc(var(--ksk-ui) * 1.05);
    }
    .body {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr);
      min-height: 0;
    }
    .side {
      display: flex;
      flex-direction: column;
      width: calc(var(--ksk-ui) * 15);
      min-height: 0;
      border-right: 2px solid var(--ksk-line);
      background: var(--ksk-panel);
    }
    ksk-navigator {
      flex: 1;
      min-height: 0;
    }
    .tools {
      font-size: var(--ksk-ui);
      padding: 0.75em 1em;
      border-top: 2px solid var(--ksk-line);
    }
    main {
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
    }
    .page {
      position: relative;
      flex: 1;
      min-height: 0;
      overflow: auto;
      overscroll-behavior: contain;
      padding: calc(var(--ksk-ui) * 1.5) calc(var(--ksk-ui) * 2.25) calc(var(--ksk-ui) * 2);
      /* the question's layout follows the room it gets, not the screen's (its height: a source's, content-styles.ts) */
      container-type: size;
    }
    .pager {
      font-size: var(--ksk-ui);
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1em;
      padding: 0.6em 2.25em;
      border-top: 2px solid var(--ksk-line);
      background: var(--ksk-surface);
    }
    .pager button { min-width: 7.5em; }
    .where { font-weight: 600; color: var(--ksk-muted); text-align: center; }
    /*
     * Large text or a narrow screen: one column. The navigator becomes a strip above the question (it
     * scrolls sideways within itself) with the display settings beside it; the banner stays one row.
     */
    @container review (max-width: 48rem) {
      .body { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto minmax(0, 1fr); }
      .side {
        flex-direction: row;
        align-items: center;
        width: auto;
        border-right: 0;
        border-bottom: 2px solid var(--ksk-line);
      }
      ksk-navigator { min-width: 0; }
      .tools { flex: none; padding: 0.3em 0.75em; border-top: 0; border-left: 2px solid var(--ksk-line); }
      .page { padding: calc(var(--ksk-ui) * 0.9) calc(var(--ksk-ui) * 1.1) calc(var(--ksk-ui) * 1.25); }
      .pager { padding: 0.4em 1em; }
      .pager button { min-width: 0; min-height: 2.4em; padding: 0.35em 0.9em; }
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
    const i = Math.max(0, qs.findIndex((q) => q.id === v.questionId));
    const q = qs[i];
    const prev = qs[i - 1];
    const next = qs[i + 1];
    return html`<div class="frame">
      <ksk-review-header .review=${v.review} .language=${this.language} ?loggingOut=${v.loggingOut}></ksk-review-header>
      ${v.warningEndsAt
        ? html`<p class="warning" role="alert">${t('warning', { time: formatTime(this.language, v.warningEndsAt) })}</p>`
        : html`<span></span>`}
      <div class="body">
        <div class="side">
          <ksk-navigator .questions=${qs} .currentId=${v.questionId} .language=${this.language}></ksk-navigator>
          <div class="tools"><slot name="tools"></slot></div>
        </div>
        <main>
          <div class="page">
            <ksk-question .question=${q ?? null} .reveal=${q ? v.reveals[q.id] : undefined} .remark=${q ? v.remarks[q.id] : undefined}
              .readAloud=${v.review.accommodations.readAloud} .language=${this.language}></ksk-question>
          </div>
          <div class="pager">
            <button type="button" ?disabled=${!prev} @click=${() => prev && this.go(prev.id)}>
              <span aria-hidden="true">← </span>${t('previous')}
            </button>
            <p class="where" aria-live="polite">${q ? t('questionOf', { n: q.number, total: qs.length }) : ''}</p>
            <button type="button" class="primary" ?disabled=${!next} @click=${() => next && this.go(next.id)}>
              ${t('next')}<span aria-hidden="true"> →</span>
            </button>
          </div>
        </main>
      </div>
    </div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    const before = changed.get('view');
    if (!before || before.questionId === this.view?.questionId) return;
    // a new question starts at its top
    this.renderRoot.querySelector('.page')?.scrollTo(0, 0);
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
