import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { KioskDto, ReviewDto, RoomDto } from '../../../shared/protocol.ts';
import { normalizePairingCode } from '../../../shared/rules.ts';
import { ApiError } from '../data/http.ts';
import { launchKitHref, moveKiosk, pairKiosk, renameKiosk, unpairKiosk, type LaunchKitKind } from '../data/kiosks.ts';
import { listRooms } from '../data/rooms.ts';
import { LangController, errorMessage, formatDate, formatNumber, plural, t } from '../i18n.ts';
import { href } from '../router.ts';
import { base } from '../styles.ts';
import './adm-seb-config.ts';
import { dialogStyles, syncDialog } from './dialog.ts';
import { kioskHealthCell } from './kiosk-health.ts';
import { TableSort, sortStyles } from './table-sort.ts';

const byName = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });
const KITS: readonly LaunchKitKind[] = ['desktop', 'systemd', 'windows'];

function message(err: unknown): string {
  return err instanceof ApiError ? errorMessage(err) : String(err);
}

/**
 * 'Kiosks': the paired review stations and their live status (online, offline, in inzage). Admins pair a new
 * kiosk by the code it shows ('Kiosk koppelen' → 'Koppelcode', 'Naam', 'Koppelen'), rename one ('Hernoemen'),
 * or unpair one ('Ontkoppelen', confirmed in a dialog), put one in a room (the 'Lokaal' select), download its launch kits
 * ('Startbestanden'), and download the Safe Exam Browser config (`adm-seb-config`).
 *
 * @fires none — commands go through `data/*`; the list itself is live.
 */
export class AdmKiosks extends LitElement {
  static override properties = {
    kiosks: { attribute: false },
    reviews: { attribute: false },
    synced: { attribute: false },
    isAdmin: { attribute: false },
    roomsVersion: { attribute: false },
    hiddenCount: { attribute: false },
    myRoomIds: { attribute: false },
    kits: { state: true },
    moveError: { state: true },
    pairOpen: { state: true },
    busy: { state: true },
    pairError: { state: true },
    status: { state: true },
    renaming: { state: true },
    renameError: { state: true },
    unpairing: { state: true },
    unpairError: { state: true },
  };
  static override styles = [base, dialogStyles, sortStyles, css`
    .head-row { display: flex; flex-wrap: wrap; align-items: flex-start; justify-content: space-between; gap: var(--space-3) var(--space-4); }
    .pair { margin-bottom: var(--space-4); display: flex; flex-direction: column; gap: var(--space-2); }
    .pair form { display: flex; flex-wrap: wrap; gap: var(--space-3); align-items: flex-start; margin-top: var(--space-2); }
    .pair .field { flex: 0 1 16rem; min-width: min(11rem, 100%); }
    /* level with the inputs: one label line (0.9375rem × 1.5) and the field gap above them */
    .pair .buttons { display: flex; gap: var(--space-2); padding-top: calc(0.9375rem * 1.5 + 0.3rem); }
    .pair input[name='code'] { text-transform: uppercase; letter-spacing: 0.12em; font-variant-numeric: tabular-nums; font-weight: 600; }
    .messages { display: flex; flex-direction: column; gap: var(--space-2); margin-bottom: var(--space-4); }
    .messages:empty { display: none; }
    /* three actions side by side would push the sticky column out of a narrow window: stacked, as in 'Medewerkers' */
    td.action .actions { display: inline-grid; gap: var(--space-2); }
    td.action .actions button { width: 100%; }
    td select { min-width: 8rem; max-width: 14rem; }
    .kit-links { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: var(--space-2); }
    adm-seb-config { margin-top: var(--space-5); }
    h1:focus { outline: none; }
  `];

  kiosks: readonly KioskDto[] = [];
  reviews: readonly ReviewDto[] = [];
  synced = false;
  isAdmin = false;
  /** the count of the server's `content:updated` for rooms: the room list reloads when it moves */
  roomsVersion = 0;
  /** kiosks not shown: they stand outside the rooms chosen in 'Mijn lokalen' (adm-shell filters) */
  hiddenCount = 0;
  /** the rooms chosen in 'Mijn lokalen': a new kiosk goes into the first by default */
  myRoomIds: readonly string[] = [];
  /** the kiosk whose launch kits the dialog offers */
  kits: KioskDto | null = null;
  moveError = '';
  pairOpen = false;
  busy = false;
  pairError = '';
  /** the outcome of the last command, for the status line */
  status = '';
  renaming: KioskDto | null = null;
  renameError = '';
  unpairing: KioskDto | null = null;
  unpairError = '';

  private readonly rooms = new Task(this, { task: (_args, { signal }) => listRooms(signal), args: () => [this.roomsVersion] });

  constructor() {
    super();
    new LangController(this);
  }

  override updated() {
    syncDialog(this.renderRoot, 'rename', this.renaming !== null);
    syncDialog(this.renderRoot, 'unpair', this.unpairing !== null);
    syncDialog(this.renderRoot, 'kits', this.kits !== null);
  }

  private togglePair() {
    this.pairOpen = !this.pairOpen;
    this.pairError = '';
    if (this.pairOpen) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus());
  }

  private async pair(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const code = normalizePairingCode(String(data.get('code') ?? ''));
    const name = String(data.get('name') ?? '').trim();
    const roomId = String(data.get('room') ?? '') || null;
    if (!code || !name) {
      this.pairError = t('kiosks.required');
      this.renderRoot.querySelector<HTMLInputElement>(code ? '#name' : '#code')?.focus();
      return;
    }
    this.busy = true;
    this.pairError = '';
    try {
      const kiosk = await pairKiosk(code, name, roomId);
      form.reset();
      this.pairOpen = false;
      const room = this.rooms.value?.find((r) => r.id === roomId);
      this.status = room ? t('kiosks.pairedIn', { name: kiosk.name, room: room.name }) : t('kiosks.paired', { name: kiosk.name });
    } catch (err) {
      this.pairError = message(err);
    } finally {
      this.busy = false;
    }
  }

  private async rename(e: SubmitEvent) {
    e.preventDefault();
    const kiosk = this.renaming;
    if (!kiosk) return;
    const name = String(new FormData(e.currentTarget as HTMLFormElement).get('name') ?? '').trim();
    if (!name) {
      this.renameError = t('kiosks.required');
      return;
    }
    this.busy = true;
    this.renameError = '';
    try {
      await renameKiosk(kiosk.id, name);
      this.renaming = null;
      this.status = t('kiosks.renamed', { old: kiosk.name, name });
    } catch (err) {
      this.renameError = message(err);
    } finally {
      this.busy = false;
    }
  }

  private async unpair() {
    const kiosk = this.unpairing;
    if (!kiosk) return;
    this.busy = true;
    this.unpairError = '';
    try {
      await unpairKiosk(kiosk.id);
      this.unpairing = null;
      this.status = t('kiosks.unpaired', { name: kiosk.name });
      // Its row (and the button that had focus) is gone: continue from the heading.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
    } catch (err) {
      this.unpairError = message(err);
    } finally {
      this.busy = false;
    }
  }

  private async move(k: KioskDto, select: HTMLSelectElement) {
    const roomId = select.value || null;
    const room = this.rooms.value?.find((r) => r.id === roomId);
    this.status = '';
    this.moveError = '';
    this.busy = true;
    try {
      await moveKiosk(k.id, roomId);
      this.status = room ? t('kiosks.moved', { name: k.name, room: room.name }) : t('kiosks.movedOut', { name: k.name });
    } catch (err) {
      select.value = k.roomId ?? '';
      this.moveError = message(err);
    } finally {
      this.busy = false;
    }
  }

  private roomCell(k: KioskDto, rooms: readonly RoomDto[]) {
    const name = rooms.find((r) => r.id === k.roomId)?.name;
    if (!this.isAdmin) {
      return name ? html`<a href=${href({ name: 'room', roomId: k.roomId! })}>${name}</a>` : html`<span class="muted">${t('kiosks.noRoom')}</span>`;
    }
    return html`<select aria-label=${t('kiosks.roomOf', { name: k.name })} ?disabled=${this.busy}
      @change=${(e: Event) => this.move(k, e.currentTarget as HTMLSelectElement)}>
      <option value="" ?selected=${!k.roomId}>${t('kiosks.noRoom')}</option>
      ${rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === k.roomId}>${r.name}</option>`)}
    </select>`;
  }

  private openRename(k: KioskDto) {
    this.renameError = '';
    this.status = '';
    this.renaming = k;
  }

  private openUnpair(k: KioskDto) {
    this.unpairError = '';
    this.status = '';
    this.unpairing = k;
  }

  private statusCell(k: KioskDto) {
    const review = k.reviewId ? this.reviews.find((r) => r.id === k.reviewId) : undefined;
    const offline = k.online ? nothing : html` <span class="badge neutral">${t('kiosks.offline')}</span>`;
    if (k.sebRefusedAt) return html`<span class="badge warn">${t('kiosks.sebRefused')}</span>${offline}`;
    if (k.reviewId) {
      return html`<span class="badge info">${review ? t('kiosks.inReviewOf', { candidate: review.candidateName }) : t('kiosks.inReview')}</span>${offline}`;
    }
    return k.online ? html`<span class="badge ok">${t('kiosks.online')}</span>` : offline;
  }

  /** status order: refused for Safe Exam Browser first (it needs someone), then in review, free, offline */
  private statusRank(k: KioskDto): number {
    return k.sebRefusedAt ? 0 : k.reviewId ? 1 : k.online ? 2 : 3;
  }

  private readonly sorter = new TableSort<KioskDto, 'name' | 'room' | 'status' | 'lastSeen'>(this, {
    name: (k) => k.name,
    room: (k) => (this.rooms.value ?? []).find((r) => r.id === k.roomId)?.name,
    status: (k) => this.statusRank(k),
    // online is "now": the most recent of all
    lastSeen: (k) => (k.online ? Number.MAX_SAFE_INTEGER : k.lastSeenAt ? Date.parse(k.lastSeenAt) : null),
  }, { key: 'name', dir: 'ascending' });

  private table() {
    if (!this.synced) return html`<p class="card muted" role="status">${t('app.loading')}</p>`;
    if (this.kiosks.length === 0) return html`${this.hiddenNote()}<p class="card empty">${t(this.hiddenCount ? 'kiosks.emptyInMyRooms' : 'kiosks.empty')}</p>`;
    const kiosks = this.sorter.apply([...this.kiosks].sort((a, b) => byName.compare(a.name, b.name)));
    const rooms = this.rooms.value ?? [];
    return html`${this.hiddenNote()}<div class="table-wrap">
      <table>
        <caption>${t('kiosks.caption')} <span class="muted">(${formatNumber(kiosks.length)})</span></caption>
        <thead><tr>
          ${this.sorter.header('name', t('kiosks.name'))}
          ${this.sorter.header('room', t('kiosks.room'))}
          ${this.sorter.header('status', t('kiosks.status'))}
          <th scope="col">${t('kiosks.health')}</th>
          ${this.sorter.header('lastSeen', t('kiosks.lastSeen'))}
          ${this.isAdmin ? html`<th scope="col" class="action"><span class="sr-only">${t('kiosks.actions')}</span></th>` : nothing}
        </tr></thead>
        <tbody>${kiosks.map((k) => html`<tr>
          <th scope="row">${k.name}</th>
          <td>${this.roomCell(k, rooms)}</td>
          <td>${this.statusCell(k)}</td>
          <td class="health-cell">${kioskHealthCell(k)}</td>
          <td class="muted">${k.online ? t('kiosks.now') : formatDate(k.lastSeenAt)}</td>
          ${this.isAdmin ? html`<td class="action"><span class="actions">
            <button type="button" class="secondary small" @click=${() => { this.status = ''; this.kits = k; }}>${t('kiosks.kits')}</button>
            <button type="button" class="secondary small" @click=${() => this.openRename(k)}>${t('kiosks.rename')}</button>
            <button type="button" class="danger small" @click=${() => this.openUnpair(k)}>${t('kiosks.unpair')}</button>
          </span></td>` : nothing}
        </tr>`)}</tbody>
      </table>
    </div>`;
  }

  /** With rooms chosen in 'Mijn lokalen': how many kiosks stand elsewhere, and where to see them. */
  private hiddenNote() {
    return this.hiddenCount > 0 ? html`<p class="notice info">${plural('kiosks.hiddenByRooms', this.hiddenCount)}</p>` : nothing;
  }

  private pairForm() {
    return html`<section class="card pair" id="pair-section" aria-labelledby="pair-title">
      <h2 id="pair-title">${t('kiosks.pairTitle')}</h2>
      <p class="muted">${t('kiosks.pairIntro')}</p>
      <form @submit=${this.pair} @input=${() => { this.pairError = ''; }} novalidate>
        <div class="field">
          <label for="code">${t('kiosks.code')}</label>
          <input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="9" required
            aria-describedby="code-hint" aria-invalid=${this.pairError ? 'true' : 'false'}>
          <span class="hint" id="code-hint">${t('kiosks.codeHint')}</span>
        </div>
        <div class="field">
          <label for="name">${t('kiosks.kioskName')}</label>
          <input id="name" name="name" autocomplete="off" maxlength="60" required aria-describedby="name-hint">
          <span class="hint" id="name-hint">${t('kiosks.kioskNameHint')}</span>
        </div>
        <div class="field">
          <label for="pair-room">${t('kiosks.room')}</label>
          <select id="pair-room" name="room" aria-describedby="room-hint">
            <option value="">${t('kiosks.noRoom')}</option>
            ${(this.rooms.value ?? []).map((r) => html`<option value=${r.id} ?selected=${r.id === this.myRoomIds[0]}>${r.name}</option>`)}
          </select>
          <span class="hint" id="room-hint">${t('kiosks.pairRoomHint')}</span>
        </div>
        <div class="buttons">
          <button type="submit" ?disabled=${this.busy}>${t('kiosks.submitPair')}</button>
          <button type="button" class="secondary" @click=${this.togglePair}>${t('common.cancel')}</button>
        </div>
      </form>
      <div role="alert">${this.pairError ? html`<p class="alert">${this.pairError}</p>` : nothing}</div>
    </section>`;
  }

  private dialogs() {
    const r = this.renaming;
    const u = this.unpairing;
    const running = u?.reviewId != null;
    const kit = this.kits;
    return html`
      <dialog id="kits" aria-labelledby="kits-title" @close=${() => { this.kits = null; }}>
        ${kit ? html`<div class="body">
          <h2 id="kits-title">${t('kiosks.kitsTitle', { name: kit.name })}</h2>
          <p>${t('kiosks.kitsIntro')}</p>
          <ul class="kit-links">${KITS.map((kind) => html`<li><a href=${launchKitHref(kit.id, kind)} download>${t(`kiosks.kit.${kind}`)}</a></li>`)}</ul>
          <div class="buttons">
            <button type="button" class="secondary" autofocus @click=${() => { this.kits = null; }}>${t('common.close')}</button>
          </div>
        </div>` : nothing}
      </dialog>
      <dialog id="rename" aria-labelledby="rename-title" @close=${() => { this.renaming = null; }}>
        ${r ? html`<form @submit=${this.rename} novalidate>
          <h2 id="rename-title">${t('kiosks.renameTitle')}</h2>
          <div class="field">
            <label for="new-name">${t('kiosks.newName')}</label>
            <input id="new-name" name="name" .value=${r.name} maxlength="60" required autocomplete="off">
          </div>
          <div role="alert">${this.renameError ? html`<p class="alert">${this.renameError}</p>` : nothing}</div>
          <div class="buttons">
            <button type="button" class="secondary" @click=${() => { this.renaming = null; }}>${t('common.cancel')}</button>
            <button type="submit" ?disabled=${this.busy}>${t('common.save')}</button>
          </div>
        </form>` : nothing}
      </dialog>
      <dialog id="unpair" aria-labelledby="unpair-title" aria-describedby="unpair-text" @close=${() => { this.unpairing = null; }}>
        ${u ? html`<div class="body">
          <h2 id="unpair-title">${t('kiosks.unpairTitle')}</h2>
          <div id="unpair-text" class="stack">
            <p>${t('kiosks.unpairText', { name: u.name })}</p>
            ${running ? html`<p class="notice warn">${t('kiosks.unpairRunning')}</p>` : nothing}
          </div>
          <div role="alert">${this.unpairError ? html`<p class="alert">${this.unpairError}</p>` : nothing}</div>
          <div class="buttons">
            <button type="button" class="secondary" autofocus @click=${() => { this.unpairing = null; }}>${t('common.cancel')}</button>
            <button type="button" class="danger solid" ?disabled=${this.busy} @click=${this.unpair}>${t('kiosks.unpair')}</button>
          </div>
        </div>` : nothing}
      </dialog>
    `;
  }

  override render() {
    return html`
      <div class="page-head">
        <div class="head-row">
          <h1 tabindex="-1">${t('kiosks.title')}</h1>
          ${this.isAdmin ? html`<button type="button" aria-expanded=${String(this.pairOpen)} aria-controls="pair-section"
            @click=${this.togglePair}>${t('kiosks.pair')}</button>` : nothing}
        </div>
        <p class="lead">${t('kiosks.intro')}</p>
      </div>
      <div class="messages" role="status">${this.status ? html`<p class="notice ok">${this.status}</p>` : nothing}</div>
      <div role="alert">${this.moveError ? html`<p class="alert">${this.moveError}</p>` : nothing}</div>
      ${this.isAdmin && this.pairOpen ? this.pairForm() : nothing}
      ${this.table()}
      ${this.isAdmin ? html`<adm-seb-config></adm-seb-config>${this.dialogs()}` : nothing}
    `;
  }
}
customElements.define('adm-kiosks', AdmKiosks);

declare global {
  interface HTMLElementTagNameMap { 'adm-kiosks': AdmKiosks }
}
