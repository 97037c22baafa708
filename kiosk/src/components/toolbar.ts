import { LitElement, css, html } from 'lit';
import { LangEvent, ZoomEvent } from '../events.ts';
import { ZOOM_STEPS } from '../display.ts';
import { otherLang, texts, type Lang } from '../i18n.ts';
import { baseStyles } from './shared-styles.ts';

/**
 * The candidate's display settings in the review (beside the navigator): language toggle and text size ('Kleiner'/'Groter',
 * 100–200 %). Holds no state of its own.
 *
 * @fires ksk-lang - {@link LangEvent} with the other language
 * @fires ksk-zoom - {@link ZoomEvent} with the next smaller or larger zoom factor
 */
export class KskToolbar extends LitElement {
  static override properties = { language: { attribute: false }, zoom: { type: Number } };
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 0.4em 0.6em;
        flex-wrap: wrap;
        font-size: var(--ksk-ui);
      }
      .zoom {
        display: flex;
        align-items: center;
        gap: 0.3em;
      }
      .level {
        min-width: 3.4em;
        text-align: center;
        font-size: 0.85em;
        font-variant-numeric: tabular-nums;
        color: var(--ksk-muted);
        white-space: nowrap;
      }
      button {
        font-size: 0.9em;
        min-height: 2.5em;
        padding: 0.3em 0.7em;
      }
    `,
  ];

  language: Lang = 'nl';
  zoom = 1;

  override render() {
    const t = texts(this.language);
    const i = ZOOM_STEPS.indexOf(this.zoom as (typeof ZOOM_STEPS)[number]);
    return html`
      <div class="zoom" role="group" aria-label=${t('textSize')}>
        <button type="button" ?disabled=${i <= 0} @click=${() => this.step(i - 1)}>${t('smaller')}</button>
        <span class="level" aria-hidden="true">${Math.round(this.zoom * 100)} %</span>
        <button type="button" ?disabled=${i >= ZOOM_STEPS.length - 1} @click=${() => this.step(i + 1)}>${t('larger')}</button>
      </div>
      <button type="button" lang=${otherLang(this.language)} @click=${() => this.dispatchEvent(new LangEvent(otherLang(this.language)))}>
        ${t('otherLanguage')}
      </button>
    `;
  }

  private step(i: number): void {
    const zoom = ZOOM_STEPS[Math.max(0, Math.min(ZOOM_STEPS.length - 1, i))];
    if (zoom !== undefined && zoom !== this.zoom) this.dispatchEvent(new ZoomEvent(zoom));
  }
}

customElements.define('ksk-toolbar', KskToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-toolbar': KskToolbar;
  }
}
