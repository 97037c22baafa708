import { LitElement, html, nothing } from 'lit';
import type { MeDto } from '../../../shared/protocol.ts';
import { ApiError } from '../data/http.ts';
import { changePassword, logout } from '../data/session.ts';
import { LangController, errorMessage, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { authLayout } from './auth-layout.ts';
import './adm-lang-switch.ts';

const MIN_LENGTH = 10;

/**
 * The first-login password change (docs/design.md: Security model): until it is done the server answers every other route with
 * `password-change-required`, so this screen comes before the console.
 *
 * @fires none — success refreshes the session, and `adm-app` shows the console.
 */
export class AdmPassword extends LitElement {
  static override properties = {
    user: { attribute: false },
    busy: { state: true },
    error: { state: true },
    invalid: { state: true },
  };
  static override styles = [base, authLayout];

  user: MeDto | undefined = undefined;
  busy = false;
  error = '';
  /** the field the error is about */
  invalid: 'current' | 'new' | 'repeat' | '' = '';

  constructor() {
    super();
    new LangController(this);
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('new') ?? '');
    const repeat = String(data.get('repeat') ?? '');
    const fail = (field: AdmPassword['invalid'], message: string) => {
      this.invalid = field;
      this.error = message;
      if (field) this.renderRoot.querySelector<HTMLInputElement>(`#${field}`)?.focus();
    };
    if (!current) return fail('current', t('password.wrongCurrent'));
    if (next.length < MIN_LENGTH) return fail('new', t('password.tooShort'));
    if (next === current) return fail('new', t('password.same'));
    if (next !== repeat) return fail('repeat', t('password.mismatch'));
    this.busy = true;
    this.error = '';
    this.invalid = '';
    try {
      await changePassword(current, next);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'invalid-credentials' || err.code === 'forbidden')) fail('current', t('password.wrongCurrent'));
      else fail('', err instanceof ApiError ? errorMessage(err) : String(err));
    } finally {
      this.busy = false;
    }
  }

  private field(id: 'current' | 'new' | 'repeat', label: string, autocomplete: string, hint?: string) {
    const describedBy = [hint ? `${id}-hint` : '', this.invalid === id ? 'password-error' : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${id} type="password" autocomplete=${autocomplete} required
        aria-invalid=${this.invalid === id ? 'true' : 'false'} aria-describedby=${describedBy || nothing}>
      ${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : nothing}
    </div>`;
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
          <form @submit=${this.submit} novalidate>
            ${this.field('current', t('password.current'), 'current-password')}
            ${this.field('new', t('password.new'), 'new-password', t('password.hint'))}
            ${this.field('repeat', t('password.repeat'), 'new-password')}
            <div id="password-error" role="alert">${this.error ? html`<p class="alert">${this.error}</p>` : nothing}</div>
            <button type="submit" ?disabled=${this.busy}>${t('password.submit')}</button>
          </form>
          <div class="actions">
            <button type="button" class="quiet" @click=${() => void logout()}>${t('logout')}</button>
          </div>
        </div>
      </main>
    `;
  }

  override firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('#current')?.focus();
  }
}
customElements.define('adm-password', AdmPassword);

declare global {
  interface HTMLElementTagNameMap { 'adm-password': AdmPassword }
}
