import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { KioskDto, RoomDto } from '../../../shared/protocol.ts';
import { ApiError } from '../data/http.ts';
import { createRoom, listRooms, removeRoom, renameRoom, setRoomSeb } from '../data/rooms.ts';
import { LangController, errorMessage, formatNumber, t } from '../i18n.ts';
import { href } from '../router.ts';
import { base } from '../styles.ts';
import { dialogStyles, syncDialog } from './dialog.ts';
import { loadStatus } from './load-state.ts';
import { parseConfigKeys } from './seb-keys.ts';

function message(err: unknown): string {
  return err instanceof ApiError ? errorMessage(err) : String(err);
}

type Editing = { kind: 'rename' | 'seb' | 'remove'; room: RoomDto };

/**
 * 'Lokalen' (admin): the exam rooms with their kiosk count (from the live kiosks) and whether they require Safe Exam Browser. Adds a room
 * ('Lokaal toevoegen'), renames one, sets or lifts its SEB requirement with the Config Keys SEB must prove (one per
 * line, 64 hexadecimal characters, checked here and by the server), removes one (confirmed; its kiosks stay, in no
 * room). Kiosks are put in a room on the Kiosks screen.
 */
export class AdmRooms extends LitElement {
  static override properties = {
    version: { attribute: false },
    kiosks: { attribute: false },
    editing: { state: true },
    busy: { state: true },
    addError: { state: true },
    dialogError: { state: true },
    status: { state: true },
    sebOn: { state: true },
  };
  static override styles = [base, dialogStyles, css`
    .add { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: flex-end; margin-bottom: var(--space-4); }
    .add .field { flex: 1 1 14rem; max-width: 22rem; }
    .messages:empty { display: none; }
    .messages { margin-bottom: var(--space-4); }
    td.action .actions { display: inline-grid; gap: var(--space-2); }
    td.action .actions button { width: 100%; }
    textarea { width: 100%; min-height: 6rem; font-size: 0.8125rem; }
    .check { display: flex; gap: var(--space-2); align-items: center; }
    h1:focus { outline: none; }
  `];

  /** moves when the server says the rooms (or their kiosks) changed */
  version = 0;
  /** the live kiosks: a room's count follows a kiosk moved in or out */
  kiosks: readonly KioskDto[] = [];
  editing: Editing | null = null;
  busy = false;
  addError = '';
  dialogError = '';
  status = '';
  /** the SEB dialog's checkbox */
  sebOn = false;

  private readonly rooms = new Task(this, { task: (_args, { signal }) => listRooms(signal), args: () => [this.version] });

  constructor() {
    super();
    new LangController(this);
  }

  override updated() {
    for (const kind of ['rename', 'seb', 'remove'] as const) syncDialog(this.renderRoot, `room-${kind}`, this.editing?.kind === kind);
  }

  private open(kind: Editing['kind'], room: RoomDto) {
    this.dialogError = '';
    this.status = '';
    this.sebOn = room.sebRequired;
    this.editing = { kind, room };
  }

  private async run(action: () => Promise<string>, onError: (m: string) => void) {
    this.busy = true;
    try {
      this.status = await action();
      this.rooms.run();
    } catch (err) {
      onError(message(err));
    } finally {
      this.busy = false;
    }
  }

  private async add(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    this.status = '';
    if (!name) {
      this.addError = t('kiosks.required');
      return;
    }
    this.addError = '';
    await this.run(async () => {
      const room = await createRoom(name);
      form.reset();
      return t('rooms.added', { name: room.name });
    }, (m) => { this.addError = m; });
  }

  private async rename(e: SubmitEvent) {
    e.preventDefault();
    const room = this.editing?.room;
    const name = String(new FormData(e.currentTarget as HTMLFormElement).get('name') ?? '').trim();
    if (!room) return;
    if (!name) {
      this.dialogError = t('kiosks.required');
      return;
    }
    await this.run(async () => {
      await renameRoom(room.id, name);
      this.editing = null;
      return t('rooms.renamed', { old: room.name, name });
    }, (m) => { this.dialogError = m; });
  }

  private async saveSeb(e: SubmitEvent) {
    e.preventDefault();
    const room = this.editing?.room;
    if (!room) return;
    let keys: string[] | null = null;
    if (this.sebOn) {
      const parsed = parseConfigKeys(String(new FormData(e.currentTarget as HTMLFormElement).get('keys') ?? ''));
      if (!parsed.ok) {
        this.dialogError = t('rooms.badKeys', { lines: parsed.badLines.join(', ') });
        return;
      }
      if (parsed.keys.length === 0) {
        this.dialogError = t('rooms.noKeys');
        return;
      }
      keys = parsed.keys;
    }
    await this.run(async () => {
      await setRoomSeb(room.id, keys);
      this.editing = null;
      return t(keys ? 'rooms.sebSet' : 'rooms.sebLifted', { name: room.name });
    }, (m) => { this.dialogError = m; });
  }

  private async removeConfirmed() {
    const room = this.editing?.room;
    if (!room) return;
    await this.run(async () => {
      await removeRoom(room.id);
      this.editing = null;
      // its row (and the button that had focus) is gone: continue from the heading
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
      return t('rooms.removed', { name: room.name });
    }, (m) => { this.dialogError = m; });
  }

  private table(rooms: readonly RoomDto[]) {
    if (rooms.length === 0) return html`<p class="card empty">${t('rooms.empty')}</p>`;
    return html`<div class="table-wrap"><table>
      <caption>${t('rooms.caption')} <span class="muted">(${formatNumber(rooms.length)})</span></caption>
      <thead><tr>
        <th scope="col">${t('rooms.name')}</th>
        <th scope="col" class="num">${t('rooms.kiosks')}</th>
        <th scope="col">${t('rooms.seb')}</th>
        <th scope="col" class="action"><span class="sr-only">${t('rooms.actions')}</span></th>
      </tr></thead>
      <tbody>${rooms.map((r) => html`<tr>
        <th scope="row"><a href=${href({ name: 'room', roomId: r.id })}>${r.name}</a></th>
        <td class="num">${formatNumber(this.kiosks.filter((k) => k.roomId === r.id).length)}</td>
        <td>${r.sebRequired ? html`<span class="badge info">${t('rooms.sebRequired')}</span>` : html`<span class="muted">${t('rooms.sebNotRequired')}</span>`}</td>
        <td class="action"><span class="actions">
          <button type="button" class="secondary small" aria-label=${t('rooms.renameLabel', { name: r.name })} @click=${() => this.open('rename', r)}>${t('kiosks.rename')}</button>
          <button type="button" class="secondary small" aria-label=${t('rooms.sebLabel', { name: r.name })} @click=${() => this.open('seb', r)}>${t('rooms.sebButton')}</button>
          <button type="button" class="danger small" aria-label=${t('rooms.removeLabel', { name: r.name })} @click=${() => this.open('remove', r)}>${t('rooms.remove')}</button>
        </span></td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  private dialogs() {
    const e = this.editing;
    const error = html`<div role="alert">${this.dialogError ? html`<p class="alert">${this.dialogError}</p>` : nothing}</div>`;
    const cancel = html`<button type="button" class="secondary" @click=${() => { this.editing = null; }}>${t('common.cancel')}</button>`;
    const close = () => { this.editing = null; };
    return html`
      <dialog id="room-rename" aria-labelledby="room-rename-title" @close=${close}>
        ${e?.kind === 'rename' ? html`<form @submit=${this.rename} novalidate>
          <h2 id="room-rename-title">${t('rooms.renameTitle')}</h2>
          <div class="field">
            <label for="room-new-name">${t('kiosks.newName')}</label>
            <input id="room-new-name" name="name" .value=${e.room.name} maxlength="60" required autocomplete="off">
          </div>
          ${error}
          <div class="buttons">${cancel}<button type="submit" ?disabled=${this.busy}>${t('common.save')}</button></div>
        </form>` : nothing}
      </dialog>
      <dialog id="room-seb" aria-labelledby="room-seb-title" @close=${close}>
        ${e?.kind === 'seb' ? html`<form @submit=${this.saveSeb} novalidate>
          <h2 id="room-seb-title">${t('rooms.sebTitle', { name: e.room.name })}</h2>
          <label class="check"><input type="checkbox" name="required" .checked=${this.sebOn}
            @change=${(ev: Event) => { this.sebOn = (ev.currentTarget as HTMLInputElement).checked; this.dialogError = ''; }}>
            ${t('rooms.sebRequire')}</label>
          ${this.sebOn ? html`<div class="field">
            <label for="room-keys">${t('rooms.keys')}</label>
            <textarea id="room-keys" name="keys" spellcheck="false" autocomplete="off" aria-describedby="room-keys-hint"
              aria-invalid=${this.dialogError ? 'true' : 'false'} @input=${() => { this.dialogError = ''; }}></textarea>
            <span class="hint" id="room-keys-hint">${t(e.room.sebRequired ? 'rooms.keysHintReplace' : 'rooms.keysHint')}</span>
          </div>` : nothing}
          ${error}
          <div class="buttons">${cancel}<button type="submit" ?disabled=${this.busy}>${t('common.save')}</button></div>
        </form>` : nothing}
      </dialog>
      <dialog id="room-remove" aria-labelledby="room-remove-title" aria-describedby="room-remove-text" @close=${close}>
        ${e?.kind === 'remove' ? html`<div class="body">
          <h2 id="room-remove-title">${t('rooms.removeTitle')}</h2>
          <p id="room-remove-text">${t('rooms.removeText', { name: e.room.name })}</p>
          ${error}
          <div class="buttons">
            <button type="button" class="secondary" autofocus @click=${close}>${t('common.cancel')}</button>
            <button type="button" class="danger solid" ?disabled=${this.busy} @click=${this.removeConfirmed}>${t('rooms.remove')}</button>
          </div>
        </div>` : nothing}
      </dialog>`;
  }

  override render() {
    const rooms = this.rooms.value;
    return html`
      <div class="page-head">
        <h1 tabindex="-1">${t('rooms.title')}</h1>
        <p class="lead">${t('rooms.intro')}</p>
      </div>
      <form class="card add" @submit=${this.add} @input=${() => { this.addError = ''; }} novalidate>
        <div class="field">
          <label for="room-name">${t('rooms.addName')}</label>
          <input id="room-name" name="name" maxlength="60" required autocomplete="off" aria-invalid=${this.addError ? 'true' : 'false'}>
        </div>
        <button type="submit" ?disabled=${this.busy}>${t('rooms.add')}</button>
      </form>
      <div role="alert">${this.addError ? html`<p class="alert">${this.addError}</p>` : nothing}</div>
      <div class="messages" role="status">${this.status ? html`<p class="notice ok">${this.status}</p>` : nothing}</div>
      ${loadStatus(this.rooms, rooms, () => this.rooms.run())}
      ${rooms ? this.table(rooms) : nothing}
      ${this.dialogs()}
    `;
  }
}
customElements.define('adm-rooms', AdmRooms);

declare global {
  interface HTMLElementTagNameMap { 'adm-rooms': AdmRooms }
}
