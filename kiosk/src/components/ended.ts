import { LitElement, css, html } from 'lit';
import type { EndReason } from '../../../shared/domain.ts';
import { endReasonText, texts, type Lang } from '../i18n.ts';
import { baseStyles, centredScreen } from './shared-styles.ts';

/**
 * Shown for a few seconds after `review:ended` (or a `kiosk:state` saying the review ended while the kiosk
 * was away): 'De inzage is beëindigd' and the reason in words. Holds no candidate data. Fires no events.
 */
export class KskEnded extends LitElement {
  static override properties = { reason: {}, language: { attribute: false } };
  static override styles = [
    baseStyles,
    centredScreen,
    css`
      .icon {
        width: 5rem;
        height: 5rem;
        border-radius: 50%;
        display: grid;
        place-items: center;
        font-size: 2.6rem;
        background: var(--ksk-accent-soft);
        color: var(--ksk-accent);
      }
      h1 {
        font-size: 2.6rem;
      }
      .message {
        display: grid;
        gap: 1rem;
      }
      .reason {
        font-size: 1.5rem;
      }
    `,
  ];

  reason: EndReason | null = null;
  language: Lang = 'nl';

  override render() {
    const t = texts(this.language);
    return html`
      <main>
        <div class="icon" aria-hidden="true">✓</div>
        <div class="message" role="status">
          <h1>${t('ended')}</h1>
          ${this.reason ? html`<p class="reason">${endReasonText(this.language, this.reason)}</p>` : null}
        </div>
        <p class="muted">${this.reason === 'kiosk-unpaired' ? t('endedHintUnpaired') : t('endedHint')}</p>
      </main>
    `;
  }
}

customElements.define('ksk-ended', KskEnded);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-ended': KskEnded;
  }
}
