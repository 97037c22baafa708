import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { KioskDto, ReviewDto } from '../../../shared/protocol.ts';
import { formatRemaining } from '../../../shared/rules.ts';
import { ClockController } from '../controllers/clock.ts';
import type { EndedNotice } from '../data/live.ts';
import { listRooms } from '../data/rooms.ts';
import { LangController, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { loadStatus } from './load-state.ts';

const byName = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });

export type EndReviewEvent = CustomEvent<{ review: ReviewDto }>;

/**
 * 'Lokaalkaart': one room's kiosks as tiles, live from the console's socket (data/live.ts) — offline, vrij, in
 * inzage (candidate, exam, 'Vraag n van m', time left, 'Beëindigen'), or net beëindigd (while the end notice lasts).
 * Tiles wrap and their buttons are large: it is meant for a tablet carried through the room.
 *
 * @fires adm-end-review {review} — 'Beëindigen' on a tile; adm-shell asks for confirmation as 'Actieve inzages' does.
 */
export class AdmRoomMap extends LitElement {
  static override properties = {
    roomId: { attribute: false },
    kiosks: { attribute: false },
    reviews: { attribute: false },
    ended: { attribute: false },
    synced: { attribute: false },
    version: { attribute: false },
  };
  static override styles = [base, css`
    .tiles { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); gap: var(--space-3); }
    .tile { border: 1px solid var(--line); border-left-width: 6px; border-radius: var(--radius-lg); background: var(--surface); padding: var(--space-3) var(--space-4);
      display: flex; flex-direction: column; gap: var(--space-2); min-height: 9rem; }
    .tile.free { border-left-color: var(--ok); }
    .tile.review { border-left-color: var(--accent); }
    .tile.ended { border-left-color: var(--warn); }
    .tile.offline { border-left-color: var(--line); background: var(--surface-sunk); }
    .tile h2 { font-size: 1.125rem; margin: 0; }
    .tile p { margin: 0; }
    .candidate { font-weight: 650; }
    .row { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--space-2); }
    .timer { font-variant-numeric: tabular-nums; font-weight: 700; }
    .tile button { min-height: 2.75rem; margin-top: auto; }
    h1:focus { outline: none; }
  `];

  roomId = '';
  kiosks: readonly KioskDto[] = [];
  reviews: readonly ReviewDto[] = [];
  ended: readonly EndedNotice[] = [];
  synced = false;
  version = 0;

  private readonly clock = new ClockController(this);
  private readonly rooms = new Task(this, { task: (_args, { signal }) => listRooms(signal), args: () => [this.version] });

  constructor() {
    super();
    new LangController(this);
  }

  private end(review: ReviewDto) {
    this.dispatchEvent(new CustomEvent('adm-end-review', { detail: { review }, bubbles: true, composed: true }));
  }

  private tile(k: KioskDto) {
    const review = k.reviewId ? this.reviews.find((r) => r.id === k.reviewId) : undefined;
    if (review) {
      const left = Date.parse(review.endsAt) - Math.max(this.clock.now, Date.now());
      return html`<li class="tile review">
        <h2>${k.name}</h2>
        <span class="badge info">${t('kiosks.inReview')}</span>
        <p class="candidate">${review.candidateName}</p>
        <p class="muted">${review.examTitle}</p>
        <div class="row">
          <span>${t('active.question', { n: review.questionNumber, total: review.questionCount })}</span>
          <span class="timer" role="timer"><span class="sr-only">${t('active.timeLeft')}: </span>${formatRemaining(left)}</span>
        </div>
        ${k.online ? nothing : html`<span class="badge danger">${t('active.kioskOffline')}</span>`}
        <button type="button" class="danger" aria-haspopup="dialog"
          aria-label=${t('active.endLabel', { candidate: review.candidateName, kiosk: k.name })}
          @click=${() => this.end(review)}>${t('active.end')}</button>
      </li>`;
    }
    const ended = [...this.ended].reverse().find((n) => n.kioskId === k.id);
    if (ended) {
      return html`<li class="tile ended">
        <h2>${k.name}</h2>
        <span class="badge warn">${t('map.ended')}</span>
        <p class="candidate">${ended.candidateName}</p>
        <p class="muted">${ended.examTitle}</p>
      </li>`;
    }
    return html`<li class="tile ${k.online ? 'free' : 'offline'}">
      <h2>${k.name}</h2>
      <span class="badge ${k.online ? 'ok' : 'neutral'}">${t(k.online ? 'map.free' : 'kiosks.offline')}</span>
      ${k.sebRefusedAt ? html`<span class="badge warn">${t('kiosks.sebRefused')}</span>` : nothing}
    </li>`;
  }

  override render() {
    const rooms = this.rooms.value;
    const room = rooms?.find((r) => r.id === this.roomId);
    if (rooms && !room) {
      return html`<div class="page-head"><h1 tabindex="-1">${t('map.title')}</h1></div><p class="card empty">${t('map.unknown')}</p>`;
    }
    const kiosks = this.kiosks.filter((k) => k.roomId === this.roomId).sort((a, b) => byName.compare(a.name, b.name));
    return html`
      <div class="page-head">
        <h1 tabindex="-1">${room ? t('map.titleOf', { room: room.name }) : t('map.title')}</h1>
        <p class="lead">${t('map.intro')}</p>
      </div>
      ${loadStatus(this.rooms, rooms, () => this.rooms.run())}
      ${!this.synced ? html`<p class="card muted" role="status">${t('app.loading')}</p>`
        : kiosks.length === 0 ? html`<p class="card empty">${t('map.empty')}</p>`
          : html`<ul class="tiles" aria-label=${t('map.tiles')}>${kiosks.map((k) => this.tile(k))}</ul>`}
    `;
  }
}
customElements.define('adm-room-map', AdmRoomMap);

declare global {
  interface HTMLElementTagNameMap { 'adm-room-map': AdmRoomMap }
  interface HTMLElementEventMap { 'adm-end-review': EndReviewEvent }
}
