import { LitElement, css, html } from 'lit';
import { LangController, lang, setLang, t } from '../i18n.ts';
import { LANGS, type Lang } from '../../../shared/i18n.ts';

/**
 * The console's language switch: Nederlands / English, remembered in localStorage `inzage.lang`.
 * Each language is named in itself (and marked with its `lang`), so a reader of either finds it.
 *
 * @fires none — the choice goes to the i18n catalogue, which re-renders every component.
 */
export class AdmLangSwitch extends LitElement {
  static override styles = css`
    :host { display: inline-block; }
    .group { display: inline-flex; border: 1px solid var(--switch-line, var(--line-strong)); border-radius: 999px; padding: 2px; gap: 2px; }
    button {
      font: inherit; font-size: 0.8125rem; font-weight: 600; cursor: pointer;
      border: 0; border-radius: 999px; padding: 0.25rem 0.7rem;
      background: transparent; color: var(--switch-ink, var(--muted));
    }
    button[aria-pressed='true'] { background: var(--switch-active-bg, var(--accent)); color: var(--switch-active-ink, #fff); }
    button:hover:not([aria-pressed='true']) { color: var(--switch-hover, var(--ink)); text-decoration: underline; }
    button:focus-visible { outline: 3px solid var(--switch-focus, var(--focus)); outline-offset: 2px; }
  `;

  constructor() {
    super();
    new LangController(this);
  }

  override render() {
    const names: Record<Lang, string> = { nl: t('lang.nl'), en: t('lang.en') };
    return html`<div class="group" role="group" aria-label=${t('lang.label')}>
      ${LANGS.map((l) => html`<button type="button" lang=${l} aria-pressed=${String(lang() === l)} @click=${() => setLang(l)}>${names[l]}</button>`)}
    </div>`;
  }
}
customElements.define('adm-lang-switch', AdmLangSwitch);

declare global {
  interface HTMLElementTagNameMap { 'adm-lang-switch': AdmLangSwitch }
}
