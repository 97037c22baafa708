import { LitElement, html, nothing } from 'lit';
import { ApiError } from '../data/http.ts';
import { login } from '../data/session.ts';
import { LangController, errorMessage, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { authLayout } from './auth-layout.ts';
import './adm-lang-switch.ts';

/**
 * Staff login: 'Gebruikersnaam', 'Wachtwoord', 'Inloggen'. A failed login shows one generic text, never which
 * of the two was wrong (docs/design.md: Security model).
 *
 * @fires none — success changes the session, and `adm-app` shows the console.
 */
export class AdmLogin extends LitElement {
  static override properties = {
    reason: {},
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [base, authLayout];

  /** why the login screen is shown: after a logout or an expired session */
  reason: 'logged-out' | 'expired' | undefined = undefined;
  busy = false;
  error = '';

  constructor() {
    super();
    new LangController(this);
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!username || !password) {
      this.error = t('login.failed');
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await login(username, password);
    } catch (err) {
      this.error = err instanceof ApiError && err.code !== 'invalid-credentials' && err.code !== 'invalid-input'
        ? errorMessage(err)
        : t('login.failed');
      const pw = form.elements.namedItem('password') as HTMLInputElement | null;
      if (pw) pw.value = '';
      pw?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <header class="top">
        <div class="brand">${t('app.name')} <small>${t('login.brand')}</small></div>
        <adm-lang-switch></adm-lang-switch>
      </header>
      <main>
        <div class="panel">
          <h1>${t('login.title')}</h1>
          <p class="muted">${t('login.intro')}</p>
          ${this.reason && !this.error
            ? html`<p class="notice info" role="status">${this.reason === 'expired' ? t('login.expired') : t('login.loggedOut')}</p>`
            : nothing}
          <form @submit=${this.submit} novalidate>
            <div class="field">
              <label for="username">${t('login.username')}</label>
              <input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required
                aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'login-error' : nothing}>
            </div>
            <div class="field">
              <label for="password">${t('login.password')}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required
                aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'login-error' : nothing}>
            </div>
            <div id="login-error" role="alert">${this.error ? html`<p class="alert">${this.error}</p>` : nothing}</div>
            <button type="submit" ?disabled=${this.busy}>${t('login.submit')}</button>
          </form>
        </div>
      </main>
    `;
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
  }
}
customElements.define('adm-login', AdmLogin);

declare global {
  interface HTMLElementTagNameMap { 'adm-login': AdmLogin }
}
