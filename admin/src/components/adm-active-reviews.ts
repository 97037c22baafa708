import { LitElement, css, html, nothing } from 'lit';
import type { KioskAlertDto, KioskDto, ReviewDto } from '../../../shared/protocol.ts';
import { compareNames } from '../../../shared/names.ts';
import { formatRemaining } from '../../../shared/rules.ts';
import { ApiError } from '../data/http.ts';
import { endReview } from '../data/reviews.ts';
import type { EndedNotice } from '../data/live.ts';
import { ClockController } from '../controllers/clock.ts';
import { LangController, endedReasonSentence, errorMessage, formatNumber, t } from '../i18n.ts';
import { navigate } from '../router.ts';
import { base } from '../styles.ts';
import { dialogStyles, syncDialog } from './dialog.ts';
import { alertBadge } from './kiosk-alerts.ts';

export type DismissNoticeEvent = CustomEvent<{ key: string }>;

const WARN_MS = 5 * 60 * 1000;

/** The orders the list offers ('Volgorde'): by kiosk (the room's layout), by the candidate's last name, by time left. */
type ActiveOrder = 'kiosk' | 'name' | 'time';
const ORDERS: Record<ActiveOrder, (a: ReviewDto, b: ReviewDto) => number> = {
  kiosk: (a, b) => compareNames(a.kioskName, b.kioskName),
  name: (a, b) => compareNames(a.candidateSortName, b.candidateSortName),
  time: (a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt) || compareNames(a.kioskName, b.kioskName),
};

/**
 * 'Actieve inzages': the reviews running now, live — kiosk, candidate, exam, "Vraag n van N", a countdown,
 * who approved it, and 'Beëindigen' (named with its candidate and kiosk), which asks first in a dialog
 * ('Inzage beëindigen?') naming the candidate and the station: a supervisor watching many stations must not end
 * the wrong one by a slip. With rooms chosen in 'Mijn lokalen' only their kiosks' reviews show, until 'Alle lokalen
 * tonen' is pressed (a toggle button). 'Volgorde' orders the list by kiosk (the default), by the candidate's last name
 * (prefixes ignored) or by time left. When a review ends, a short notice says which one and why, in words.
 *
 * @fires adm-dismiss-notice {key} — the close button of an end notice was pressed.
 */
export class AdmActiveReviews extends LitElement {
  static override properties = {
    reviews: { attribute: false },
    kiosks: { attribute: false },
    warned: { attribute: false },
    alerts: { attribute: false },
    ended: { attribute: false },
    connected: { attribute: false },
    synced: { attribute: false },
    roomIds: { attribute: false },
    showAll: { state: true },
    order: { state: true },
    confirming: { state: true },
    busy: { state: true },
    confirmError: { state: true },
  };
  static override styles = [base, dialogStyles, css`
    aside { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius-lg); overflow: hidden; }
    .head { display: flex; align-items: center; justify-content: space-between; padding: var(--space-3) var(--space-4); border-bottom: 1px solid var(--line); background: var(--surface-sunk); }
    .count { font-variant-numeric: tabular-nums; min-width: 1.75rem; height: 1.75rem; border-radius: 999px; display: inline-grid; place-items: center; background: var(--accent); color: #fff; font-weight: 700; font-size: 0.875rem; padding: 0 0.5rem; }
    .count.zero { background: var(--line-soft); color: var(--muted); }
    ul { list-style: none; margin: 0; padding: 0; max-height: calc(100vh - 16rem); overflow-y: auto; }
    /* above the screen on a narrow window (adm-shell): the page scrolls, the list need not scroll on its own */
    @media (max-width: 60rem) { ul { max-height: none; } }
    li.review { padding: var(--space-3) var(--space-4); display: grid; grid-template-columns: 1fr auto; gap: var(--space-1) var(--space-3); }
    li.review + li.review { border-top: 1px solid var(--line-soft); }
    li.review.warned { background: var(--warn-bg); }
    .who { font-weight: 650; font-size: 1rem; color: var(--ink-strong); align-self: center; }
    .exam { color: var(--muted); font-size: 0.875rem; grid-column: 1 / -1; }
    .where { grid-column: 1 / -1; display: flex; gap: var(--space-2); align-items: center; flex-wrap: wrap; font-size: 0.875rem; }
    .kiosk { font-weight: 600; }
    .timer { font-variant-numeric: tabular-nums; font-weight: 700; font-size: 1.125rem; text-align: right; line-height: 1.2; }
    .timer small { display: block; font-size: 0.75rem; font-weight: 500; color: var(--muted); }
    .timer.low { color: var(--warn); }
    .meta { grid-column: 1 / -1; display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: var(--space-2); }
    .meta .mirror { margin-left: auto; }
    .approved { margin-left: auto; color: var(--muted); font-size: 0.8125rem; }
    .progress { font-weight: 600; color: var(--ink); font-size: 0.875rem; }
    .bar { grid-column: 1 / -1; margin-top: var(--space-1); height: 4px; background: var(--line-soft); border-radius: 2px; overflow: hidden; }
    .bar > span { display: block; height: 100%; background: var(--accent); }
    .empty { padding: var(--space-5) var(--space-4); font-size: 0.9375rem; }
    .notices { display: flex; flex-direction: column; gap: var(--space-2); padding: var(--space-3) var(--space-3) 0; }
    .notices:empty { display: none; }
    .notice { display: flex; gap: var(--space-2); align-items: flex-start; justify-content: space-between; font-size: 0.875rem; padding: var(--space-2) var(--space-3); }
    .notice strong { display: block; font-weight: 650; }
    .notice button.quiet { color: inherit; font-size: 1.1rem; line-height: 1; padding: 0.1rem 0.35rem; }
    .rooms { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--space-2); padding: var(--space-2) var(--space-4); border-bottom: 1px solid var(--line-soft); font-size: 0.875rem; }
    .order select { min-height: 2rem; padding: 0.2rem 0.4rem; font-size: 0.875rem; }
    .order label { font-size: 0.875rem; }
    .offline-bar { font-size: 0.875rem; margin: var(--space-3) var(--space-3) 0; padding: var(--space-2) var(--space-3); }
    h2:focus { outline: none; }
  `];

  reviews: readonly ReviewDto[] = [];
  kiosks: readonly KioskDto[] = [];
  warned: ReadonlySet<string> = new Set();
  /** kiosks in review that left the page (kiosk:alert), until they are back */
  alerts: readonly KioskAlertDto[] = [];
  ended: readonly EndedNotice[] = [];
  connected = false;
  synced = false;
  /** the rooms this staff member supervises ('Mijn lokalen'); empty: all */
  roomIds: readonly string[] = [];
  /** the list shows every room's reviews although rooms are chosen */
  showAll = false;
  order: ActiveOrder = 'kiosk';
  /** the review whose 'Beëindigen' was pressed: the dialog asks about it */
  confirming: ReviewDto | null = null;
  busy = false;
  confirmError = '';

  private readonly clock = new ClockController(this);

  constructor() {
    super();
    new LangController(this);
  }

  override updated() {
    syncDialog(this.renderRoot, 'end-confirm', this.confirming !== null);
    // Progress bars: width set through the CSSOM, which the strict CSP allows (no inline style attributes).
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.fill')) {
      el.style.width = `${el.dataset.pct ?? 0}%`;
    }
  }

  /** Asks (in its dialog) whether to end `r`: its own 'Beëindigen', and the room map's (through adm-shell). */
  ask(r: ReviewDto) {
    this.confirmError = '';
    this.confirming = r;
  }

  private cancel() {
    this.confirming = null;
  }

  private async end() {
    const r = this.confirming;
    if (!r || this.busy) return;
    this.busy = true;
    this.confirmError = '';
    try {
      try {
        await endReview(r.id);
      } catch (err) {
        // Not found: it ended meanwhile (time up, the candidate logged out), which is what was asked; its notice says why.
        if (!(err instanceof ApiError && err.code === 'not-found')) throw err;
      }
      this.confirming = null;
      // Its row (and the button that had focus) is gone: continue from the panel's heading.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#active-title')?.focus();
    } catch (err) {
      this.confirmError = t('active.endFailed', { message: err instanceof ApiError ? errorMessage(err) : String(err) });
    } finally {
      this.busy = false;
    }
  }

  private dismiss(key: string) {
    this.dispatchEvent(new CustomEvent('adm-dismiss-notice', { detail: { key }, bubbles: true, composed: true }));
  }

  private kioskOnline(r: ReviewDto): boolean {
    const k = this.kiosks.find((x) => x.id === r.kioskId);
    return k ? k.online : r.kioskOnline;
  }

  private item(r: ReviewDto) {
    // the clock controller re-renders every second; read the time now, not at its last tick
    const left = Date.parse(r.endsAt) - Math.max(this.clock.now, Date.now());
    const low = left <= WARN_MS || this.warned.has(r.id);
    const online = this.kioskOnline(r);
    const pct = r.questionCount > 0 ? Math.round((r.questionNumber / r.questionCount) * 100) : 0;
    return html`<li class="review ${low ? 'warned' : ''}">
      <h3 class="who">${r.candidateName}</h3>
      <div class="timer ${low ? 'low' : ''}" role="timer">${formatRemaining(left)}<small>${t('active.timeLeft')}</small></div>
      <div class="exam">${r.examTitle}</div>
      <div class="where">
        <span><span class="sr-only">${t('active.kiosk')}: </span><span class="kiosk">${r.kioskName}</span></span>
        ${online ? nothing : html`<span class="badge danger">${t('active.kioskOffline')}</span>`}
        ${low ? html`<span class="badge warn">${t('active.warning')}</span>` : nothing}
        ${alertBadge(this.alerts.find((a) => a.reviewId === r.id))}
        <span class="approved">${t('active.approvedBy')}: ${r.approvedByName || r.approvedBy}</span>
      </div>
      <div class="bar" aria-hidden="true"><span class="fill" data-pct=${pct}></span></div>
      <div class="meta">
        <span class="progress">${t('active.question', { n: r.questionNumber, total: r.questionCount })}</span>
        ${r.remarkCount ? html`<span class="badge">${t('active.remarks', { n: r.remarkCount })}</span>` : nothing}
        <button type="button" class="secondary small mirror"
          aria-label=${t('active.mirrorLabel', { candidate: r.candidateName, kiosk: r.kioskName })}
          @click=${() => navigate({ name: 'mirror', reviewId: r.id })}>${t('active.mirror')}</button>
        <button type="button" class="danger small"
          aria-label=${t('active.endLabel', { candidate: r.candidateName, kiosk: r.kioskName })}
          aria-haspopup="dialog"
          @click=${() => this.ask(r)}>${t('active.end')}</button>
      </div>
    </li>`;
  }

  private notice(n: EndedNotice) {
    const title = n.kioskName
      ? t('active.ended', { candidate: n.candidateName, kiosk: n.kioskName })
      : t('active.endedNoKiosk', { candidate: n.candidateName });
    return html`<div class="notice info">
      <p><strong>${title}</strong> ${endedReasonSentence(n.reason)}</p>
      <button type="button" class="quiet" aria-label=${t('common.dismiss')} @click=${() => this.dismiss(n.key)}>×</button>
    </div>`;
  }

  private dialog() {
    const r = this.confirming;
    // gone from the live list, and not because of our own 'Beëindigen' just now
    const gone = r !== null && !this.busy && !this.reviews.some((x) => x.id === r.id);
    const names = r ? { candidate: r.candidateName, kiosk: r.kioskName } : { candidate: '', kiosk: '' };
    return html`<dialog id="end-confirm" aria-labelledby="end-confirm-title" aria-describedby="end-confirm-text"
      @close=${this.cancel}>
      ${r ? html`<div class="body">
        <h2 id="end-confirm-title">${t('active.confirmTitle')}</h2>
        <p id="end-confirm-text">${t(gone ? 'active.confirmGone' : 'active.confirmText', names)}</p>
        <div role="alert">${this.confirmError ? html`<p class="alert">${this.confirmError}</p>` : nothing}</div>
        <div class="buttons">
          ${gone
            ? html`<button type="button" class="secondary" autofocus @click=${this.cancel}>${t('common.close')}</button>`
            : html`<button type="button" class="secondary" autofocus @click=${this.cancel}>${t('common.cancel')}</button>
              <button type="button" class="danger solid" ?disabled=${this.busy} @click=${this.end}>${t('active.end')}</button>`}
        </div>
      </div>` : nothing}
    </dialog>`;
  }

  override render() {
    const all = [...this.reviews].sort(ORDERS[this.order]);
    const mine = new Set(this.roomIds);
    const roomOf = new Map(this.kiosks.map((k) => [k.id, k.roomId]));
    const reviews = mine.size > 0 && !this.showAll ? all.filter((r) => mine.has(roomOf.get(r.kioskId) ?? '')) : all;
    const hidden = all.length - reviews.length;
    return html`<aside aria-labelledby="active-title">
      <div class="head">
        <h2 id="active-title" tabindex="-1">${t('active.title')}</h2>
        <span class="count ${reviews.length ? '' : 'zero'}" aria-hidden="true">${formatNumber(reviews.length)}</span>
      </div>
      ${mine.size > 0 ? html`<div class="rooms">
        <span class="muted">${hidden > 0 ? t('active.hidden', { n: formatNumber(hidden) }) : nothing}</span>
        <button type="button" class="secondary small" aria-pressed=${String(this.showAll)} @click=${() => { this.showAll = !this.showAll; }}>${t('active.showAll')}</button>
      </div>` : nothing}
      ${all.length > 1 ? html`<div class="rooms order">
        <label for="active-order">${t('active.order')}</label>
        <select id="active-order" @change=${(e: Event) => { this.order = (e.target as HTMLSelectElement).value as ActiveOrder; }}>
          ${(['kiosk', 'name', 'time'] as const).map((o) => html`<option value=${o} ?selected=${this.order === o}>${t(`active.order.${o}`)}</option>`)}
        </select>
      </div>` : nothing}
      ${!this.connected && this.synced ? html`<p class="notice warn offline-bar" role="status">${t('active.disconnected')}</p>` : nothing}
      <div class="notices" role="status">${this.ended.map((n) => this.notice(n))}</div>
      ${!this.synced
        ? html`<p class="empty muted">${t('app.loading')}</p>`
        : reviews.length === 0
          ? html`<p class="empty muted">${t('active.empty')}</p>`
          : html`<ul>${reviews.map((r) => this.item(r))}</ul>`}
    </aside>
    ${this.dialog()}`;
  }
}
customElements.define('adm-active-reviews', AdmActiveReviews);

declare global {
  interface HTMLElementTagNameMap { 'adm-active-reviews': AdmActiveReviews }
  interface HTMLElementEventMap { 'adm-dismiss-notice': DismissNoticeEvent }
}
