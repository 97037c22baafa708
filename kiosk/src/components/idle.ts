import { LitElement, css, html } from 'lit';
import { ClockController } from '../controllers/clock.ts';
import { formatLongDate, formatTime, texts, type Lang } from '../i18n.ts';
import { baseStyles, centredScreen } from './shared-styles.ts';

/**
 * The idle screen of a paired kiosk: its station name, a clock, and "Wacht op een inzage…".
 * Fires no events.
 */
export class KskIdle extends LitElement {
  static override properties = { stationName: {}, language: { attribute: false } };
  static override styles = [
    baseStyles,
    centredScreen,
    css`
      .station {
        font-size: 1.5rem;
        font-weight: 600;
        color: var(--ksk-muted);
      }
      .clock {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.5rem;
      }
      time {
        font-size: min(7rem, 14vw, 20vh);
        font-weight: 300;
        line-height: 1;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.02em;
      }
      .date {
        font-size: 1.4rem;
        color: var(--ksk-muted);
      }
      h1 {
        font-size: 2.2rem;
        font-weight: 600;
        margin-top: 1.5rem;
      }
    `,
  ];

  stationName = '';
  language: Lang = 'nl';
  private readonly clock = new ClockController(this);

  override render() {
    const t = texts(this.language);
    const now = new Date(this.clock.now);
    const time = formatTime(this.language, now);
    const date = formatLongDate(this.language, now);
    return html`
      <main>
        <p class="station">${this.stationName || t('station')}</p>
        <div class="clock">
          <time datetime=${now.toISOString()}>${time}</time>
          <span class="date">${date}</span>
        </div>
        <h1>${t('waiting')}</h1>
        <p class="muted">${t('waitingHint')}</p>
      </main>
    `;
  }
}

customElements.define('ksk-idle', KskIdle);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-idle': KskIdle;
  }
}
