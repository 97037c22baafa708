import { LitElement, css, html } from 'lit';
import { formatPairingCode } from '../../../shared/rules.ts';
import { formatTime, texts, type Lang } from '../i18n.ts';
import { baseStyles, centredScreen } from './shared-styles.ts';

/**
 * The pairing screen of a kiosk without a device token: the one-time code, large, and what to do with it.
 * Fires no events; a new code arrives from the server when this one expires. `sebRefused`: an admin tried to pair it
 * into a room that requires Safe Exam Browser, which this page is not in (the code stays valid for another try).
 */
export class KskPairing extends LitElement {
  static override properties = { code: {}, expiresAt: {}, sebRefused: { attribute: false }, language: { attribute: false } };
  static override styles = [
    baseStyles,
    centredScreen,
    css`
      .label {
        font-size: 1.6rem;
        font-weight: 700;
        letter-spacing: 0.02em;
        color: var(--ksk-muted);
        text-transform: uppercase;
      }
      .code {
        font-family: var(--ksk-mono);
        /* capped by the screen: at 200 % text the code still fits on one line */
        font-size: min(6.5rem, 9vw, 18vh);
        font-weight: 700;
        letter-spacing: 0.12em;
        line-height: 1;
        white-space: nowrap;
        padding: 0.35em 0.45em 0.35em 0.55em;
        border: 3px solid var(--ksk-line-strong);
        border-radius: 1.25rem;
        background: var(--ksk-surface);
        box-shadow: var(--ksk-shadow);
        font-variant-numeric: tabular-nums;
      }
      .code.waiting {
        font-size: 1.5rem;
        letter-spacing: normal;
        font-family: inherit;
        color: var(--ksk-muted);
      }
      .instruction {
        max-width: 36rem;
        font-size: 1.4rem;
        line-height: 1.5;
      }
      .refused {
        font-weight: 700;
        color: var(--ksk-warn-ink);
      }
    `,
  ];

  code: string | null = null;
  expiresAt: string | null = null;
  sebRefused = false;
  language: Lang = 'nl';

  override render() {
    const t = texts(this.language);
    const until = this.expiresAt ? formatTime(this.language, this.expiresAt) : null;
    return html`
      <main aria-labelledby="label">
        <h1 class="label" id="label">${t('pairingCode')}</h1>
        ${this.code
          ? html`<p class="code" aria-live="polite">${formatPairingCode(this.code)}</p>`
          : html`<p class="code waiting" role="status">${t('pairingWaiting')}</p>`}
        <p class="instruction">${t('pairingInstruction')}</p>
        <div role="alert">${this.sebRefused ? html`<p class="instruction refused">${t('pairingSebRefused')}</p>` : null}</div>
        ${until ? html`<p class="muted">${t('pairingValidUntil', { time: until })}</p>` : null}
      </main>
    `;
  }
}

customElements.define('ksk-pairing', KskPairing);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-pairing': KskPairing;
  }
}
