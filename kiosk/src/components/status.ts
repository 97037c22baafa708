import { LitElement, css, html } from 'lit';
import { baseStyles, centredScreen } from './shared-styles.ts';

/**
 * A full-screen status message: 'Verbinden…' at start, 'Verbinding verbroken — opnieuw verbinden…' while
 * the connection is down. Rendered instead of (never over) the review, so nothing of it stays readable.
 * Fires no events.
 */
export class KskStatus extends LitElement {
  static override properties = { message: {}, alert: { type: Boolean } };
  static override styles = [
    baseStyles,
    centredScreen,
    css`
      .spinner {
        width: 3.5rem;
        height: 3.5rem;
        border-radius: 50%;
        border: 0.4rem solid var(--ksk-line);
        border-top-color: var(--ksk-accent);
        animation: spin 1.1s linear infinite;
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation-duration: 4s;
        }
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      p {
        font-size: 1.6rem;
        font-weight: 600;
      }
      .alert p {
        color: var(--ksk-warn-ink);
      }
    `,
  ];

  message = '';
  /** a connection loss, announced assertively; otherwise a polite status */
  alert = false;

  override render() {
    return html`
      <main class=${this.alert ? 'alert' : ''}>
        <div class="spinner" aria-hidden="true"></div>
        <p role=${this.alert ? 'alert' : 'status'}>${this.message}</p>
      </main>
    `;
  }
}

customElements.define('ksk-status', KskStatus);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-status': KskStatus;
  }
}
