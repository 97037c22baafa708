import { LitElement, css, html, nothing } from 'lit';
import { ApiError } from '../data/http.ts';
import { changePassword } from '../data/session.ts';
import { LangController, errorMessage, t } from '../i18n.ts';
import { base } from '../styles.ts';

const MIN_LENGTH = 10;

/**
 * The password change form ('Huidig wachtwoord', 'Nieuw wachtwoord', 'Herhaal nieuw wachtwoord', 'Wachtwoord
 * wijzigen'), checked here first and then by the server (`POST /api/auth/password`); an error is said in an alert and
 * the field it is about takes the focus. Used by the first-login screen (`adm-password`) and by the shell's dialog,
 * where own passwords change at any time.
 *
 * @fires adm-password-changed — the server took the new password (the session is refreshed).
 */
export class AdmPasswordForm extends LitElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    invalid: { state: true },
  };
  static override styles = [base, css`
    :host { display: block; }
    form { display: flex; flex-direction: column; gap: var(--space-4); }
    /* an empty alert region takes no room (it stays in the tree, so what appears in it is announced) */
    form > [role='alert']:empty { margin-top: calc(-1 * var(--space-4)); }
    form button[type='submit'] { width: 100%; min-height: 2.75rem; font-size: 1rem; }
  `];

  busy = false;
  error = '';
  /** the field the error is about */
  invalid: 'current' | 'new' | 'repeat' | '' = '';

  constructor() {
    super();
    new LangController(this);
  }

  /** Empties the fields and the error (the dialog opens afresh) and puts the focus in the first field. */
  reset() {
    this.renderRoot.querySelector<HTMLFormElement>('form')?.reset();
    this.error = '';
    this.invalid = '';
    this.focusFirst();
  }

  focusFirst() {
    this.renderRoot.querySelector<HTMLInputElement>('#current')?.focus();
  }

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('new') ?? '');
    const repeat = String(data.get('repeat') ?? '');
    const fail = (field: AdmPasswordForm['invalid'], message: string) => {
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
      form.reset();
      this.dispatchEvent(new CustomEvent('adm-password-changed', { bubbles: true, composed: true }));
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
    return html`<form @submit=${this.submit} novalidate>
      ${this.field('current', t('password.current'), 'current-password')}
      ${this.field('new', t('password.new'), 'new-password', t('password.hint'))}
      ${this.field('repeat', t('password.repeat'), 'new-password')}
      <div id="password-error" role="alert">${this.error ? html`<p class="alert">${this.error}</p>` : nothing}</div>
      <button type="submit" ?disabled=${this.busy}>${t('password.submit')}</button>
    </form>`;
  }
}
customElements.define('adm-password-form', AdmPasswordForm);

declare global {
  interface HTMLElementTagNameMap { 'adm-password-form': AdmPasswordForm }
  interface HTMLElementEventMap { 'adm-password-changed': CustomEvent }
}
