import { LitElement, html, nothing } from 'lit';
import { LangController, t } from '../i18n.ts';
import { href } from '../router.ts';
import { base } from '../styles.ts';

/**
 * A screen with only a heading and a sentence: sections that are still to come, no access, not found.
 *
 * @fires none
 */
export class AdmPlaceholder extends LitElement {
  static override properties = {
    heading: {},
    text: {},
    back: { type: Boolean },
  };
  static override styles = [base];

  heading = '';
  text = '';
  /** offer a link back to the groups */
  back = false;

  constructor() {
    super();
    new LangController(this);
  }

  override render() {
    return html`
      <div class="page-head"><h1>${this.heading}</h1></div>
      <div class="card stack">
        <p>${this.text}</p>
        ${this.back ? html`<p><a href=${href({ name: 'groups' })}>${t('notfound.back')}</a></p>` : nothing}
      </div>
    `;
  }
}
customElements.define('adm-placeholder', AdmPlaceholder);

declare global {
  interface HTMLElementTagNameMap { 'adm-placeholder': AdmPlaceholder }
}
