import { LitElement, html } from 'lit';
import type { MeDto } from '../../../shared/protocol.ts';
import { logout } from '../data/session.ts';
import { LangController, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { authLayout } from './auth-layout.ts';
import './adm-lang-switch.ts';
import './password-form.ts';

/**
 * The first-login password change (docs/design.md: Security model): until it is done the server answers every other route with
 * `password-change-required`, so this screen comes before the console.
 *
 * @fires none — success refreshes the session, and `adm-app` shows the console.
 */
export class AdmPassword extends LitElement {
  static override properties = {
    user: { attribute: false },
  };
  static override styles = [base, authLayout];

  user: MeDto | undefined = undefined;

  constructor() {
    super();
    new LangController(this);
  }

  override render() {
    return html`
      <header class="top">
        <div class="brand">${t('app.name')} <small>${this.user?.displayName ?? ''}</small></div>
        <adm-lang-switch></adm-lang-switch>
      </header>
      <main>
        <div class="panel">
          <h1>${t('password.title')}</h1>
          <p class="muted">${t('password.intro')}</p>
          <adm-password-form></adm-password-form>
          <div class="actions">
            <button type="button" class="quiet" @click=${() => void logout()}>${t('logout')}</button>
          </div>
        </div>
      </main>
    `;
  }

  override async firstUpdated() {
    const form = this.renderRoot.querySelector('adm-password-form');
    await form?.updateComplete;
    form?.focusFirst();
  }
}
customElements.define('adm-password', AdmPassword);

declare global {
  interface HTMLElementTagNameMap { 'adm-password': AdmPassword }
}
