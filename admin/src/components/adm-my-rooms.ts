import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { MeDto } from '../../../shared/protocol.ts';
import { ApiError } from '../data/http.ts';
import { listRooms } from '../data/rooms.ts';
import { chooseRooms, myRooms } from '../data/session.ts';
import { LangController, errorMessage, t } from '../i18n.ts';
import { base } from '../styles.ts';

/**
 * 'Mijn lokalen' in the console's header: the rooms this staff member supervises, as checkboxes in a disclosure, and
 * 'Alle lokalen' to see every room again. The choice is kept on the server's login session (`PUT /api/auth/rooms`),
 * so a reload keeps it and the next login starts from all rooms; the Kiosks screen, 'Start inzage', 'Actieve inzages'
 * and the kiosk alerts show only the chosen rooms' kiosks (adm-shell).
 */
export class AdmMyRooms extends LitElement {
  static override properties = {
    user: { attribute: false },
    version: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [base, css`
    :host { display: block; }
    :host([open]) { flex-basis: 100%; }
    summary { cursor: pointer; color: #fff; font-weight: 600; font-size: 0.9375rem; padding: 0.3rem 0.2rem; }
    fieldset { margin: var(--space-2) 0 0; padding: var(--space-3); border: 1px solid var(--line); border-radius: var(--radius);
      background: var(--surface); color: var(--ink); display: flex; flex-wrap: wrap; align-items: center; gap: var(--space-2) var(--space-4); }
    legend { font-weight: 600; padding: 0 var(--space-1); background: var(--surface); border-radius: var(--radius); }
    label { display: inline-flex; gap: var(--space-2); align-items: center; min-height: 2.75rem; }
    button { min-height: 2.75rem; }
    p { margin: 0; }
    .alert { margin-top: var(--space-2); }
  `];

  user: MeDto | undefined = undefined;
  version = 0;
  busy = false;
  error = '';

  private readonly rooms = new Task(this, { task: (_args, { signal }) => listRooms(signal), args: () => [this.version] });

  constructor() {
    super();
    new LangController(this);
  }

  private async choose(roomIds: readonly string[]) {
    this.busy = true;
    this.error = '';
    try {
      await chooseRooms(roomIds);
    } catch (err) {
      this.error = err instanceof ApiError ? errorMessage(err) : String(err);
    } finally {
      this.busy = false;
    }
  }

  private toggle(id: string, on: boolean) {
    const current = myRooms(this.user).filter((r) => r !== id);
    void this.choose(on ? [...current, id] : current);
  }

  override render() {
    const rooms = this.rooms.value ?? [];
    const mine = new Set(myRooms(this.user));
    const chosen = rooms.filter((r) => mine.has(r.id));
    const summary = chosen.length ? t('myRooms.some', { rooms: chosen.map((r) => r.name).join(', ') }) : t('myRooms.all');
    return html`<details @toggle=${(e: Event) => this.toggleAttribute('open', (e.currentTarget as HTMLDetailsElement).open)}>
      <summary>${summary}</summary>
      <fieldset>
        <legend>${t('myRooms.legend')}</legend>
        ${rooms.length === 0 ? html`<p>${t('myRooms.none')}</p>` : nothing}
        ${rooms.map((r) => html`<label><input type="checkbox" .checked=${mine.has(r.id)} ?disabled=${this.busy}
          @change=${(e: Event) => this.toggle(r.id, (e.currentTarget as HTMLInputElement).checked)}>${r.name}</label>`)}
        ${rooms.length > 0 ? html`<button type="button" class="secondary small" ?disabled=${this.busy || mine.size === 0}
          @click=${() => this.choose([])}>${t('myRooms.allButton')}</button>` : nothing}
      </fieldset>
      <div role="alert">${this.error ? html`<p class="alert">${this.error}</p>` : nothing}</div>
    </details>`;
  }
}
customElements.define('adm-my-rooms', AdmMyRooms);

declare global {
  interface HTMLElementTagNameMap { 'adm-my-rooms': AdmMyRooms }
}
