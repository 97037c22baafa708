import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { PublicUser, Role } from '../../../shared/domain.ts';
import type { ReviewDto } from '../../../shared/protocol.ts';
import { ApiError } from '../data/http.ts';
import { createStaffUser, listUsers, patchStaffUser } from '../data/staff.ts';
import { LangController, errorMessage, formatNumber, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { adminStyles } from './admin-styles.ts';
import { loadStatus } from './load-state.ts';
import { syncDialog } from './dialog.ts';
import { TableSort, sortStyles } from './table-sort.ts';

/** As the server checks it (CreateUserBody in shared/protocol.ts). */
const USERNAME = /^[a-z0-9._-]{2,40}$/;
const byName = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });

/** A one-time password to hand over: shown once, until dismissed. */
interface Secret { user: PublicUser; password: string; reason: 'created' | 'reset' }
type Pending = { kind: 'disable' | 'reset'; user: PublicUser };

/**
 * 'Medewerkers' (admin): the staff accounts with role ('Beheerder', 'Toezichthouder'), status and whether a
 * password change is due. 'Medewerker toevoegen' ('Gebruikersnaam', 'Naam', 'Rol') creates an account with a
 * generated one-time password, shown once in a marked box to hand over. Per account 'Uitschakelen' (confirmed:
 * it logs the person out and ends the reviews they approved), 'Inschakelen', and 'Wachtwoord resetten'
 * (confirmed; the new one-time password is shown once). The server refuses to disable the last admin.
 *
 * @fires none — commands go through `data/*`.
 */
export class AdmStaff extends LitElement {
  static override properties = {
    currentUserId: { attribute: false },
    reviews: { attribute: false },
    version: { attribute: false },
    addOpen: { state: true },
    busy: { state: true },
    addError: { state: true },
    secret: { state: true },
    pending: { state: true },
    pendingError: { state: true },
    status: { state: true },
    rowError: { state: true },
  };
  static override styles = [base, adminStyles, sortStyles, css`
    .add { margin-bottom: var(--space-4); }
    .add form { display: grid; grid-template-columns: minmax(0, 14rem) minmax(0, 16rem) minmax(0, 11rem) auto; gap: var(--space-3); align-items: start; }
    /* level with the inputs: one label line (0.9375rem × 1.5) and the field gap above them */
    .add .buttons { padding-top: calc(0.9375rem * 1.5 + 0.3rem); flex-wrap: nowrap; }
    @media (max-width: 80rem) { .add form { grid-template-columns: repeat(2, minmax(0, 1fr)); } .add .buttons { padding-top: 0; } }
    td.state .badge { display: flex; width: fit-content; }
    td.state .badge + .badge { margin-top: 0.3rem; }
    .you { color: var(--muted); font-weight: 500; font-size: 0.8125rem; margin-left: 0.4em; }
    tr.disabled th, tr.disabled td:not(.action) { color: var(--muted); }
    /* stacked, so that the table fits beside 'Actieve inzages' */
    td.action .actions { display: inline-grid; gap: var(--space-2); }
    td.action .actions button { width: 100%; }
  `];

  /** the logged-in admin: their own row says so */
  currentUserId = '';
  /** the live list of running reviews (`approvedBy` is the approver's username), to say how many a disable would end */
  reviews: readonly ReviewDto[] = [];
  /** moves when the server says the data behind this screen changed (`content:updated`): reload */
  version = '';
  addOpen = false;
  busy = false;
  addError = '';
  secret: Secret | null = null;
  pending: Pending | null = null;
  pendingError = '';
  /** the outcome of the last command, for the status line */
  status = '';
  rowError = '';

  private readonly users = new Task(this, { task: (_args, { signal }) => listUsers(signal), args: () => [this.version] });

  constructor() {
    super();
    new LangController(this);
  }

  override updated() {
    syncDialog(this.renderRoot, 'confirm', !!this.pending);
  }

  private message(err: unknown, username?: string): string {
    if (!(err instanceof ApiError)) return String(err);
    // The server's texts for these two are not Dutch: say it in the console's words.
    if (err.code === 'conflict' && username) return t('staff.exists', { username });
    if (err.code === 'invalid-input' && username !== undefined) return t('staff.badUsername');
    return errorMessage(err);
  }

  private toggleAdd() {
    this.addOpen = !this.addOpen;
    this.addError = '';
    if (this.addOpen) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus());
  }

  private async showSecret(secret: Secret) {
    this.secret = secret;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#secret')?.focus();
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim().toLowerCase();
    const displayName = String(data.get('displayName') ?? '').trim();
    const role: Role = String(data.get('role')) === 'admin' ? 'admin' : 'supervisor';
    if (!USERNAME.test(username)) {
      this.addError = t('staff.badUsername');
      this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
      return;
    }
    this.busy = true;
    this.addError = '';
    this.status = '';
    try {
      const { user, password } = await createStaffUser({ username, role, ...(displayName ? { displayName } : {}) });
      form.reset();
      this.addOpen = false;
      this.status = t('staff.added', { name: user.displayName, username: user.username });
      await this.users.run();
      if (password) await this.showSecret({ user, password, reason: 'created' });
    } catch (err) {
      this.addError = this.message(err, username);
    } finally {
      this.busy = false;
    }
  }

  private async enable(user: PublicUser) {
    this.busy = true;
    this.status = '';
    this.rowError = '';
    try {
      await patchStaffUser(user.id, { disabled: false });
      this.status = t('staff.enabled', { name: user.displayName });
      await this.users.run();
    } catch (err) {
      this.rowError = this.message(err);
    } finally {
      this.busy = false;
    }
  }

  private async confirm() {
    const p = this.pending;
    if (!p) return;
    this.busy = true;
    this.pendingError = '';
    try {
      if (p.kind === 'disable') {
        await patchStaffUser(p.user.id, { disabled: true });
        this.pending = null;
        this.status = t('staff.disabled', { name: p.user.displayName });
        await this.users.run();
      } else {
        const { user, password } = await patchStaffUser(p.user.id, { resetPassword: true });
        this.pending = null;
        this.status = t('staff.resetDone', { name: user.displayName });
        await this.users.run();
        if (password) await this.showSecret({ user, password, reason: 'reset' });
      }
    } catch (err) {
      this.pendingError = this.message(err);
    } finally {
      this.busy = false;
    }
  }

  private ask(kind: Pending['kind'], user: PublicUser) {
    this.pendingError = '';
    this.status = '';
    this.rowError = '';
    this.pending = { kind, user };
  }

  private dismissSecret() {
    this.secret = null;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private secretBox() {
    const s = this.secret;
    if (!s) return nothing;
    const name = s.user.displayName;
    return html`<section class="secret" id="secret" tabindex="-1" aria-labelledby="secret-title" aria-describedby="secret-text">
      <h2 id="secret-title">${t('staff.secretTitle', { name })}</h2>
      <p><span class="sr-only">${t('staff.secretLabel')}: </span><code class="password">${s.password}</code></p>
      <div id="secret-text" class="stack">
        <p>${t(s.reason === 'created' ? 'staff.secretCreated' : 'staff.secretReset', { name, username: s.user.username })}</p>
        <p><strong>${t('staff.secretOnce')}</strong></p>
      </div>
      <button type="button" class="secondary" @click=${this.dismissSecret}>${t('staff.secretDone')}</button>
    </section>`;
  }

  private addForm() {
    return html`<section class="card add" id="add-section" aria-labelledby="add-title">
      <h2 id="add-title">${t('staff.add')}</h2>
      <p class="section-intro">${t('staff.addIntro')}</p>
      <form @submit=${this.add} @input=${() => { this.addError = ''; }} novalidate>
        <div class="field">
          <label for="username">${t('staff.username')}</label>
          <input id="username" name="username" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="40" required
            aria-describedby="username-hint" aria-invalid=${this.addError ? 'true' : 'false'}>
          <span class="hint" id="username-hint">${t('staff.usernameHint')}</span>
        </div>
        <div class="field">
          <label for="displayName">${t('staff.name')}</label>
          <input id="displayName" name="displayName" autocomplete="off" maxlength="100" aria-describedby="name-hint">
          <span class="hint" id="name-hint">${t('staff.nameHint')}</span>
        </div>
        <div class="field">
          <label for="role">${t('staff.role')}</label>
          <select id="role" name="role">
            <option value="supervisor" selected>${t('staff.role.supervisor')}</option>
            <option value="admin">${t('staff.role.admin')}</option>
          </select>
        </div>
        <div class="buttons">
          <button type="submit" ?disabled=${this.busy}>${t('staff.submitAdd')}</button>
          <button type="button" class="secondary" @click=${this.toggleAdd}>${t('common.cancel')}</button>
        </div>
      </form>
      <div role="alert">${this.addError ? html`<p class="alert">${this.addError}</p>` : nothing}</div>
    </section>`;
  }

  private row(u: PublicUser) {
    const you = u.id === this.currentUserId;
    const who = `${u.displayName} (${u.username})`;
    return html`<tr class=${u.disabled ? 'disabled' : ''}>
      <th scope="row">${u.displayName}${you ? html`<span class="you">${t('staff.you')}</span>` : nothing}
        <span class="sub mono"><span class="sr-only">${t('staff.username')}: </span>${u.username}</span></th>
      <td>${t(u.role === 'admin' ? 'staff.role.admin' : 'staff.role.supervisor')}</td>
      <td class="state">
        ${u.disabled ? html`<span class="badge neutral">${t('staff.state.disabled')}</span>` : html`<span class="badge ok">${t('staff.state.active')}</span>`}
        ${u.mustChangePassword ? html`<span class="badge warn">${t('staff.mustChange')}</span>` : nothing}
      </td>
      <td class="action"><span class="actions">
        <button type="button" class="secondary small" ?disabled=${this.busy} aria-label=${t('staff.resetLabel', { who })}
          @click=${() => this.ask('reset', u)}>${t('staff.reset')}</button>
        ${u.disabled
          ? html`<button type="button" class="secondary small" ?disabled=${this.busy} aria-label=${t('staff.enableLabel', { who })}
              @click=${() => void this.enable(u)}>${t('staff.enable')}</button>`
          : html`<button type="button" class="danger small" ?disabled=${this.busy} aria-label=${t('staff.disableLabel', { who })}
              @click=${() => this.ask('disable', u)}>${t('staff.disable')}</button>`}
      </span></td>
    </tr>`;
  }

  private readonly sorter = new TableSort<PublicUser, 'person' | 'role' | 'state'>(this, {
    person: (u) => u.displayName,
    role: (u) => t(u.role === 'admin' ? 'staff.role.admin' : 'staff.role.supervisor'),
    // active first; among them those who must still choose a password
    state: (u) => (u.disabled ? 2 : u.mustChangePassword ? 1 : 0),
  });

  private table(users: PublicUser[]) {
    // until a header is pressed: active accounts first, then by username
    const sorted = this.sorter.apply([...users].sort((a, b) => Number(a.disabled) - Number(b.disabled) || byName.compare(a.username, b.username)));
    return html`<div class="table-wrap">
      <table>
        <caption>${t('staff.caption')} <span class="count">(${formatNumber(users.length)})</span></caption>
        <thead><tr>
          ${this.sorter.header('person', t('staff.person'))}
          ${this.sorter.header('role', t('staff.role'))}
          ${this.sorter.header('state', t('staff.state'))}
          <th scope="col" class="action"><span class="sr-only">${t('staff.actions')}</span></th>
        </tr></thead>
        <tbody>${sorted.map((u) => this.row(u))}</tbody>
      </table>
    </div>`;
  }

  private dialog() {
    const p = this.pending;
    const self = p?.user.id === this.currentUserId;
    const running = p ? this.reviews.filter((r) => r.approvedBy === p.user.username).length : 0;
    return html`<dialog id="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${() => { this.pending = null; }}>
      ${p ? html`<div class="body">
        <h2 id="confirm-title">${t(p.kind === 'disable' ? 'staff.disableTitle' : 'staff.resetTitle')}</h2>
        <div id="confirm-text" class="stack">
          <p>${t(p.kind === 'disable' ? 'staff.disableText' : 'staff.resetText', { name: p.user.displayName, username: p.user.username })}</p>
          ${p.kind === 'disable' ? html`<div class="notice warn stack">
            <p>${t('staff.disableEffects', { name: p.user.displayName })}</p>
            ${running ? html`<p><strong>${t(running === 1 ? 'staff.running.one' : 'staff.running.other', { n: running, name: p.user.displayName })}</strong></p>` : nothing}
          </div>` : nothing}
          ${self ? html`<p class="notice warn">${t('staff.self')}</p>` : nothing}
        </div>
        <div role="alert">${this.pendingError ? html`<p class="alert">${this.pendingError}</p>` : nothing}</div>
        <div class="buttons">
          <button type="button" class="secondary" autofocus @click=${() => { this.pending = null; }}>${t('common.cancel')}</button>
          <button type="button" class=${p.kind === 'disable' ? 'danger solid' : ''} ?disabled=${this.busy}
            @click=${this.confirm}>${t(p.kind === 'disable' ? 'staff.disable' : 'staff.reset')}</button>
        </div>
      </div>` : nothing}
    </dialog>`;
  }

  override render() {
    const users = this.users.value;
    return html`
      <div class="page-head">
        <div class="head-row">
          <h1 tabindex="-1">${t('staff.title')}</h1>
          <button type="button" aria-expanded=${String(this.addOpen)} aria-controls="add-section" @click=${this.toggleAdd}>${t('staff.add')}</button>
        </div>
        <p class="lead">${t('staff.intro')}</p>
      </div>
      ${this.secretBox()}
      <div class="messages" role="status">${this.status ? html`<p class="notice ok">${this.status}</p>` : nothing}</div>
      <div class="messages" role="alert">${this.rowError ? html`<p class="alert">${this.rowError}</p>` : nothing}</div>
      ${this.addOpen ? this.addForm() : nothing}
      ${loadStatus(this.users, users, () => void this.users.run())}
      ${users ? this.table(users) : nothing}
      ${this.dialog()}
    `;
  }
}
customElements.define('adm-staff', AdmStaff);

declare global {
  interface HTMLElementTagNameMap { 'adm-staff': AdmStaff }
}
