import { LitElement, css, html, nothing } from 'lit';
import type { PayloadQuestion } from '../../../shared/protocol.ts';
import { isAnswered } from '../../../shared/rules.ts';
import { NavigateEvent } from '../events.ts';
import { formatNumber, texts, type Lang } from '../i18n.ts';
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
  static override properties = { questions: { attribute: false }, position: {}, language: { attribute: false } };
  static override styles = [baseStyles, css`
    :host { display: block; }
    nav { padding: 1.25rem 1rem; }
    h2 {
      font-size: 0.95rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--ksk-muted);
      margin: 0 0 0.75rem 0.25rem;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(3.3rem, 1fr));
      gap: 0.5rem;
    }
    button {
      width: 100%;
      min-height: 3.4rem;
      padding: 0.3rem 0.2rem;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.1rem;
      border-radius: 0.5rem;
      border: 2px solid var(--ksk-line-strong);
      color: var(--ksk-ink);
      background: var(--ksk-surface);
    }
    .n { font-size: 1.1rem; font-weight: 700; }
    .s { font-size: 0.75rem; font-weight: 600; color: var(--ksk-muted); font-variant-numeric: tabular-nums; }
    button.unanswered { border-style: dashed; background: var(--ksk-bg); }
    button.answered { border-color: var(--ksk-ink-soft); }
    button[aria-current='step'] {
      background: var(--ksk-accent);
      border: 2px solid var(--ksk-accent);
      color: var(--ksk-on-accent);
      box-shadow: 0 0.2rem 0.6rem rgb(0 0 0 / 0.2);
    }
    button[aria-current='step'] .s { color: var(--ksk-on-accent); }
    button[aria-current='step']:hover { background: var(--ksk-accent-strong); }
    .legend { margin-top: 1rem; font-size: 0.8rem; color: var(--ksk-muted); display: grid; gap: 0.3rem; }
    .legend span::before {
      content: '';
      display: inline-block;
      width: 0.9rem;
      height: 0.9rem;
      margin-right: 0.4rem;
      vertical-align: -0.1rem;
      border: 2px solid var(--ksk-ink-soft);
      border-radius: 0.2rem;
      background: var(--ksk-surface);
    }
    .legend .un::before { border-style: dashed; border-color: var(--ksk-line-strong); background: var(--ksk-bg); }
    /* one-column layout (large text): a single scrolling row of questions */
    @container (max-width: 52rem) {
      nav { padding: 0.75rem 1rem 0.5rem; }
      h2 { margin-bottom: 0.5rem; }
      ol {
        grid-auto-flow: column;
        grid-template-columns: none;
        grid-auto-columns: 3.3rem;
        overflow-x: auto;
        padding: 0.4rem 0.3rem 0.6rem;
      }
      .legend { display: none; }
    }
  `];

  questions: readonly PayloadQuestion[] = [];
  position = '';
  language: Lang = 'nl';

  /** Removed from the page means the review is over or hidden: let go of the candidate's data at once. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.questions = [];
    this.position = '';
  }

  override render() {
    const t = texts(this.language);
    return html`
      <nav aria-labelledby="nav-h">
        <h2 id="nav-h">${t.questions}</h2>
        <ol role="list" @keydown=${this.onKey}>
          ${this.questions.map((q, i) => {
            const answered = isAnswered(q.response);
            const current = q.id === this.position;
            const score = `${formatNumber(this.language, q.score)}/${formatNumber(this.language, q.maxScore)}`;
            const description = `${answered ? t.answered : t.unanswered}, ${t.points(formatNumber(this.language, q.score), formatNumber(this.language, q.maxScore), q.maxScore)}`;
            return html`<li>
              <button
                type="button"
                class=${answered ? 'answered' : 'unanswered'}
                data-id=${q.id}
                tabindex=${current ? '0' : '-1'}
                aria-current=${current ? 'step' : nothing}
                aria-label=${t.question(q.number)}
                aria-describedby="d-${i}"
                @click=${() => this.go(q.id)}
              >
                <span class="n">${q.number}</span>
                <span class="s" aria-hidden="true">${score}</span>
              </button>
              <span class="sr-only" id="d-${i}">${description}</span>
            </li>`;
          })}
        </ol>
        <p class="legend" aria-hidden="true">
          <span>${t.answered}</span><span class="un">${t.unanswered}</span>
        </p>
      </nav>
    `;
  }

  private go(id: string, focus = false): void {
    if (id !== this.position) this.dispatchEvent(new NavigateEvent(id));
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-id="${CSS.escape(id)}"]`)?.focus());
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    const i = this.questions.findIndex((q) => q.id === this.position);
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
