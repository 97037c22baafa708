import { LitElement, css, html, nothing } from 'lit';
import { ApiError } from '../data/http.ts';
import { sebConfig } from '../data/kiosks.ts';
import { LangController, errorMessage, t } from '../i18n.ts';
import { base } from '../styles.ts';

/**
 * 'Safe Exam Browser' on the Kiosks screen (admin): a quit password → the `.seb` config file for the kiosk page,
 * downloaded, and the Config Key SEB will send for it, shown to copy into a room's SEB requirement ('Lokalen').
 */
export class AdmSebConfig extends LitElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    configKey: { state: true },
    status: { state: true },
  };
  static override styles = [base, css`
    :host { display: block; }
    section { display: flex; flex-direction: column; gap: var(--space-3); }
    form { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: flex-end; }
    form .field { flex: 1 1 16rem; max-width: 24rem; }
    .key { display: flex; flex-wrap: wrap; gap: var(--space-2); align-items: flex-end; }
    .key .field { flex: 1 1 16rem; min-width: 0; }
    .key input { font-size: 0.875rem; }
  `];

  busy = false;
  error = '';
  configKey = '';
  status = '';

  constructor() {
    super();
    new LangController(this);
  }

  private async download(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const quitPassword = String(new FormData(form).get('quitPassword') ?? '');
    this.status = '';
    if (quitPassword.length < 8) {
      this.error = t('kiosks.sebPasswordShort');
      this.renderRoot.querySelector<HTMLInputElement>('#seb-password')?.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      const seb = await sebConfig(quitPassword);
      const url = URL.createObjectURL(seb.file);
      const a = document.createElement('a');
      a.href = url;
      a.download = seb.filename;
      a.hidden = true;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      form.reset();
      this.configKey = seb.configKey;
      this.status = t('kiosks.sebDownloaded');
    } catch (err) {
      this.error = err instanceof ApiError ? errorMessage(err) : String(err);
    } finally {
      this.busy = false;
    }
  }

  private async copy() {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#seb-key');
    input?.select();
    try {
      await navigator.clipboard.writeText(this.configKey);
      this.status = t('kiosks.sebCopied');
    } catch {
      // no clipboard permission: the key stays selected to copy by hand
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="seb-title">
      <h2 id="seb-title">${t('kiosks.sebTitle')}</h2>
      <p class="muted">${t('kiosks.sebIntro')}</p>
      <form @submit=${this.download} @input=${() => { this.error = ''; }} novalidate>
        <div class="field">
          <label for="seb-password">${t('kiosks.sebPassword')}</label>
          <input id="seb-password" name="quitPassword" type="password" autocomplete="new-password" minlength="8" maxlength="200" required
            aria-describedby="seb-password-hint" aria-invalid=${this.error ? 'true' : 'false'}>
          <span class="hint" id="seb-password-hint">${t('kiosks.sebPasswordHint')}</span>
        </div>
        <button type="submit" ?disabled=${this.busy}>${t('kiosks.sebDownload')}</button>
      </form>
      <div role="alert">${this.error ? html`<p class="alert">${this.error}</p>` : nothing}</div>
      ${this.configKey ? html`<div class="key">
        <div class="field">
          <label for="seb-key">${t('kiosks.sebConfigKey')}</label>
          <input id="seb-key" readonly .value=${this.configKey} spellcheck="false">
        </div>
        <button type="button" class="secondary" @click=${this.copy}>${t('kiosks.sebCopy')}</button>
      </div>` : nothing}
      <div role="status">${this.status ? html`<p class="notice ok">${this.status}</p>` : nothing}</div>
    </section>`;
  }
}
customElements.define('adm-seb-config', AdmSebConfig);

declare global {
  interface HTMLElementTagNameMap { 'adm-seb-config': AdmSebConfig }
}
