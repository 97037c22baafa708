import { LitElement, css, html } from 'lit';
import { SessionController, refresh } from '../data/session.ts';
import { ApiError } from '../data/http.ts';
import { LangController, errorMessage, lang, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { focusMainHeading } from './focus-heading.ts';
import './adm-login.ts';
import './adm-password.ts';
import './adm-shell.ts';

/**
 * The console's root: asks the server who is logged in, then shows the login, the first-login password
 * change, or the console itself (`adm-shell`, which owns the live connection for as long as it is shown).
 *
 * @fires none
 */
export class AdmApp extends LitElement {
  static override properties = {
    bootError: { state: true },
  };
  static override styles = [base, css`
    .boot { margin: 4rem auto; max-width: 30rem; display: flex; flex-direction: column; gap: var(--space-3); align-items: center; text-align: center; }
  `];

  private readonly session = new SessionController(this);
  bootError = '';
  /** which screen was shown last ('' before the server has said who is logged in) */
  private shown = '';

  constructor() {
    super();
    new LangController(this);
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.restore();
  }

  private async restore() {
    this.bootError = '';
    try {
      await refresh();
    } catch (err) {
      this.bootError = err instanceof ApiError ? errorMessage(err) : String(err);
    }
  }

  override willUpdate() {
    document.documentElement.lang = lang();
  }

  override updated() {
    const s = this.session.state;
    const screen = s.status === 'authenticated' ? (s.user.mustChangePassword ? 'password' : 'console') : s.status;
    if (screen === this.shown || screen === 'unknown') return;
    const before = this.shown;
    this.shown = screen;
    // the screen that had focus (its button) is gone: the new screen's heading takes it (not on first load)
    const next = this.renderRoot.querySelector('adm-login, adm-password, adm-shell');
    if (before && next) void focusMainHeading(next);
  }

  override render() {
    const s = this.session.state;
    switch (s.status) {
      case 'unknown':
        return this.bootError
          ? html`<main class="boot"><p role="alert" class="alert">${this.bootError}</p>
              <button type="button" @click=${this.restore}>${t('common.retry')}</button></main>`
          : html`<main class="boot"><p class="muted" role="status">${t('app.loading')}</p></main>`;
      case 'anonymous':
        return html`<adm-login .reason=${s.reason}></adm-login>`;
      case 'authenticated':
        return s.user.mustChangePassword
          ? html`<adm-password .user=${s.user}></adm-password>`
          : html`<adm-shell .user=${s.user}></adm-shell>`;
    }
  }
}
customElements.define('adm-app', AdmApp);

declare global {
  interface HTMLElementTagNameMap { 'adm-app': AdmApp }
}
