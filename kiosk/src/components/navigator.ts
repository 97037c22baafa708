import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { PayloadQuestion } from '../../../shared/protocol.ts';
import { isAnswered } from '../../../shared/rules.ts';
import { NavigateEvent } from '../events.ts';
import { formatNumber, plural, texts, type Lang } from '../i18n.ts';
import { baseStyles } from './shared-styles.ts';

/**
 * The question navigator, as in the exam: a button per question (accessible name 'Vraag 7', showing 7),
 * marked answered/unanswered and with its score, visually and in the accessible description;
 * `aria-current` on the question on screen. Arrow keys, Home and End move to another question
 * (one tab stop for the whole navigator).
 *
 * @fires ksk-navigate - {@link NavigateEvent} with the chosen question's id
 */
export class KskNavigator extends LitElement {
  static override properties = { questions: { attribute: false }, currentId: {}, language: { attribute: false } };
  static override styles = [baseStyles, css`
    /* a column beside the question: the list scrolls within it, heading and legend stay in view */
    :host {
      display: flex;
      flex-direction: column;
      font-size: var(--ksk-ui);
    }
    nav {
      position: relative;
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
      padding: 1em 0 0.75em;
    }
    h2 {
      font-size: 0.95em;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--ksk-muted);
      margin: 0 1.25em 0.5em;
    }
    ol {
      /* positioned: the hidden descriptions stay inside this scroller (never widen the page) */
      position: relative;
      flex: 0 1 auto;
      min-height: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
      list-style: none;
      margin: 0;
      /* room for the focus ring inside the scroller */
      padding: 0.5em 1em;
      scrollbar-width: thin;
      display: grid;
      grid-template-columns: repeat(4, minmax(0, 1fr));
      gap: 0.45em;
    }
    button {
      width: 100%;
      min-height: 3.1em;
      padding: 0.25em 0.15em;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.05em;
      border-radius: 0.5em;
      border: 2px solid var(--ksk-line-strong);
      color: var(--ksk-ink);
      background: var(--ksk-surface);
    }
    .n { font-size: 1.1em; font-weight: 700; line-height: 1.1; }
    .s { font-size: 0.72em; font-weight: 600; color: var(--ksk-muted); font-variant-numeric: tabular-nums; line-height: 1.1; }
    /*
     * The score is shown, not part of the button's name: the name is 'Vraag 7' and contains the visible label
     * '7' (WCAG 2.5.3, label in name); the score is in the description. Generated content with empty alternative
     * text ('/ ""') keeps it out of the name and the page text.
     */
    .s::before { content: attr(data-score); content: attr(data-score) / ''; }
    button.unanswered { border-style: dashed; background: var(--ksk-bg); }
    button.answered { border-color: var(--ksk-ink-soft); }
    button[aria-current='step'] {
      background: var(--ksk-accent);
      border: 2px solid var(--ksk-accent);
      color: var(--ksk-on-accent);
      box-shadow: 0 0.2em 0.6em rgb(0 0 0 / 0.2);
    }
    button[aria-current='step'] .s { color: var(--ksk-on-accent); }
    button[aria-current='step']:hover { background: var(--ksk-accent-strong); }
    .legend { flex: none; margin: 0.5em 1.25em 0; font-size: 0.8em; color: var(--ksk-muted); display: flex; flex-wrap: wrap; gap: 0.3em 1em; }
    .legend span::before {
      content: '';
      display: inline-block;
      width: 0.9em;
      height: 0.9em;
      margin-right: 0.4em;
      vertical-align: -0.1em;
      border: 2px solid var(--ksk-ink-soft);
      border-radius: 0.2em;
      background: var(--ksk-surface);
    }
    .legend .un::before { border-style: dashed; border-color: var(--ksk-line-strong); background: var(--ksk-bg); }
    /* one-column layout (large text, narrow screen): a single row of questions that scrolls sideways */
    @container (max-width: 48rem) {
      :host { display: block; }
      nav { display: block; padding: 0; }
      h2 {
        position: absolute;
        width: 1px;
        height: 1px;
        margin: -1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      ol {
        overflow: auto hidden;
        scrollbar-width: thin;
        grid-auto-flow: column;
        grid-template-columns: none;
        grid-auto-columns: 2.9em;
        gap: 0.4em;
        padding: 0.45em 0.75em;
      }
      button { min-height: 2.7em; }
      .legend { display: none; }
    }
  `];

  questions: readonly PayloadQuestion[] = [];
  /** the id of the question on screen */
  currentId = '';
  language: Lang = 'nl';

  /** Removed from the page means the review is over or hidden: let go of the candidate's data at once. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.questions = [];
    this.currentId = '';
  }

  override render() {
    const t = texts(this.language);
    return html`
      <nav aria-labelledby="nav-h">
        <h2 id="nav-h">${t('questions')}</h2>
        <ol role="list" @keydown=${this.onKey}>
          ${this.questions.map((q, i) => {
            const answered = isAnswered(q.response);
            const current = q.id === this.currentId;
            // an exam may hide per-question scores (its reveal policy): then only the maximum
            const score = q.score === undefined ? '' : `${formatNumber(this.language, q.score)}/${formatNumber(this.language, q.maxScore)}`;
            const points = q.score === undefined ? plural(this.language, 'maxPoints', q.maxScore) : plural(this.language, 'points', q.maxScore, { score: q.score });
            const description = `${answered ? t('answered') : t('unanswered')}, ${points}`;
            return html`<li>
              <button
                type="button"
                class=${answered ? 'answered' : 'unanswered'}
                data-id=${q.id}
                tabindex=${current ? '0' : '-1'}
                aria-current=${current ? 'step' : nothing}
                aria-label=${t('question', { n: q.number })}
                aria-describedby="d-${i}"
                @click=${() => this.go(q.id)}
              >
                <span class="n">${q.number}</span>
                <span class="s" data-score=${score}></span>
              </button>
              <span class="sr-only" id="d-${i}">${description}</span>
            </li>`;
          })}
        </ol>
        <p class="legend" aria-hidden="true">
          <span>${t('answered')}</span><span class="un">${t('unanswered')}</span>
        </p>
      </nav>
    `;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('currentId')) this.revealCurrent();
  }

  /** Keeps the current question's button in view within the navigator's own scroller (never the page). */
  private revealCurrent(): void {
    const list = this.renderRoot.querySelector('ol');
    const b = this.renderRoot.querySelector<HTMLElement>('button[aria-current]');
    if (!list || !b) return;
    const l = list.getBoundingClientRect();
    const r = b.getBoundingClientRect();
    const pad = 8;
    if (r.left < l.left + pad) list.scrollLeft -= l.left + pad - r.left;
    else if (r.right > l.right - pad) list.scrollLeft += r.right - (l.right - pad);
    if (r.top < l.top + pad) list.scrollTop -= l.top + pad - r.top;
    else if (r.bottom > l.bottom - pad) list.scrollTop += r.bottom - (l.bottom - pad);
  }

  private go(id: string, focus = false): void {
    if (id !== this.currentId) this.dispatchEvent(new NavigateEvent(id));
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(id)}"]`)?.focus());
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    const i = this.questions.findIndex((q) => q.id === this.currentId);
    const last = this.questions.length - 1;
    const target = { ArrowLeft: i - 1, ArrowUp: i - 1, ArrowRight: i + 1, ArrowDown: i + 1, Home: 0, End: last }[e.key];
    if (target === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const q = this.questions[Math.max(0, Math.min(last, target))];
    if (q) this.go(q.id, true);
  };
}

customElements.define('ksk-navigator', KskNavigator);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-navigator': KskNavigator;
  }
}
