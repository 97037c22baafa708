import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { listRooms } from '../data/rooms.ts';
import { MyRoomsController, myRooms, setMyRooms } from '../data/myRooms.ts';
import { LangController, t } from '../i18n.ts';
import { base } from '../styles.ts';

/**
 * 'Mijn lokalen' in the console's header: the rooms this staff member supervises, as checkboxes in a disclosure.
 * The choice is kept per user in this browser (data/myRooms.ts); 'Actieve inzages' and 'Start inzage' follow it.
 */
export class AdmMyRooms extends LitElement {
  static override properties = {
    userId: { attribute: false },
    version: { attribute: false },
  };
  static override styles = [base, css`
    :host { display: block; }
    :host([open]) { flex-basis: 100%; }
    summary { cursor: pointer; color: #fff; font-weight: 600; font-size: 0.9375rem; padding: 0.3rem 0.2rem; }
    fieldset { margin: var(--space-2) 0 0; padding: var(--space-3); border: 1px solid var(--line); border-radius: var(--radius);
      background: var(--surface); color: var(--ink); display: flex; flex-wrap: wrap; gap: var(--space-2) var(--space-4); }
    legend { font-weight: 600; padding: 0 var(--space-1); background: var(--surface); border-radius: var(--radius); }
    label { display: inline-flex; gap: var(--space-2); align-items: center; min-height: 2.75rem; }
    p { margin: 0; }
  `];

  userId = '';
  version = 0;

  private readonly rooms = new Task(this, { task: (_args, { signal }) => listRooms(signal), args: () => [this.version] });

  constructor() {
    super();
    new LangController(this);
    new MyRoomsController(this);
  }

  private toggle(id: string, on: boolean) {
    const current = myRooms(this.userId).filter((r) => r !== id);
    setMyRooms(this.userId, on ? [...current, id] : current);
  }

  override render() {
    const rooms = this.rooms.value ?? [];
    const mine = new Set(myRooms(this.userId));
    const chosen = rooms.filter((r) => mine.has(r.id));
    const summary = chosen.length ? t('myRooms.some', { rooms: chosen.map((r) => r.name).join(', ') }) : t('myRooms.all');
    return html`<details @toggle=${(e: Event) => this.toggleAttribute('open', (e.currentTarget as HTMLDetailsElement).open)}>
      <summary>${summary}</summary>
      <fieldset>
        <legend>${t('myRooms.legend')}</legend>
        ${rooms.length === 0 ? html`<p>${t('myRooms.none')}</p>` : nothing}
        ${rooms.map((r) => html`<label><input type="checkbox" .checked=${mine.has(r.id)}
          @change=${(e: Event) => this.toggle(r.id, (e.currentTarget as HTMLInputElement).checked)}>${r.name}</label>`)}
      </fieldset>
    </details>`;
  }
}
customElements.define('adm-my-rooms', AdmMyRooms);

declare global {
  interface HTMLElementTagNameMap { 'adm-my-rooms': AdmMyRooms }
}
