import { LitElement, css, html, nothing } from 'lit';
import type { ReviewDto } from '../../../shared/protocol.ts';
import { formatRemaining } from '../../../shared/rules.ts';
import { ClockController } from '../controllers/clock.ts';
import type { DeskEvent } from '../data/desk-events.ts';
import { LangController, endedReasonSentence, t } from '../i18n.ts';
import { base } from '../styles.ts';

export type DismissEventEvent = CustomEvent<{ key: string }>;

/**
 * The toasts of events a busy desk cannot miss (docs/design.md: Events a busy desk cannot miss), in the page's
 * corner over every screen: a kiosk offline during a review — with the seconds until the review ends unless the kiosk is
 * back, counting down — in an assertive live region (role="alert"); 'Bijna voorbij' and an ended review in a polite
 * one (role="status"). Both regions are always in the page, so that what appears in them is announced; a toast
 * never takes the focus. Each has a close button named with its candidate.
 *
 * @fires adm-dismiss-event {key} — a toast's close button was pressed.
 */
export class AdmToasts extends LitElement {
  static override properties = {
    events: { attribute: false },
    reviews: { attribute: false },
  };
  static override styles = [base, css`
    :host {
      position: fixed; right: var(--space-4); bottom: var(--space-4); z-index: 20;
      width: min(26rem, calc(100vw - 2 * var(--space-4))); display: flex; flex-direction: column; gap: var(--space-2);
      pointer-events: none;
    }
    section { display: flex; flex-direction: column; gap: var(--space-2); }
    .toast {
      pointer-events: auto; display: flex; gap: var(--space-2); align-items: flex-start; justify-content: space-between;
      box-shadow: 0 6px 20px rgb(0 0 0 / 0.18); margin: 0; font-size: 0.9375rem;
    }
    .toast p { margin: 0; }
    .toast strong { display: block; font-weight: 700; }
    .countdown { font-variant-numeric: tabular-nums; font-weight: 700; }
    .toast button.quiet { color: inherit; font-size: 1.2rem; line-height: 1; padding: 0.1rem 0.4rem; }
  `];

  events: readonly DeskEvent[] = [];
  /** the running reviews, for the countdowns */
  reviews: readonly ReviewDto[] = [];

  private readonly clock = new ClockController(this);

  constructor() {
    super();
    new LangController(this);
  }

  private dismiss(key: string) {
    this.dispatchEvent(new CustomEvent('adm-dismiss-event', { detail: { key }, bubbles: true, composed: true }));
  }

  /** seconds (as m:ss) until `iso`, counting down; role="timer" is not announced at every tick */
  private countdown(iso: string | null | undefined) {
    if (!iso) return nothing;
    const left = Date.parse(iso) - Math.max(this.clock.now, Date.now());
    return html`<span class="countdown" role="timer">${formatRemaining(left)}</span>`;
  }

  private body(e: DeskEvent) {
    const r = this.reviews.find((x) => x.id === e.reviewId);
    const names = { candidate: e.candidateName, kiosk: e.kioskName };
    switch (e.kind) {
      case 'offline': {
        // the sentence stays put (an alert is read once); only the timer beside it counts down
        const ends = r?.offlineEndsAt;
        return html`<strong>${t('toast.offline', names)}</strong>
          ${ends ? html`<span>${t('toast.offlineEnds')}</span> ${this.countdown(ends)}` : nothing}`;
      }
      case 'warning':
        return html`<strong>${t('active.warning')}</strong>
          <span>${t('toast.warning', names)}</span> ${this.countdown(r?.endsAt)}`;
      case 'ended':
        return html`<strong>${e.kioskName ? t('active.ended', names) : t('active.endedNoKiosk', names)}</strong>
          ${e.reason ? endedReasonSentence(e.reason) : nothing}`;
    }
  }

  private toast(e: DeskEvent) {
    const tone = e.kind === 'offline' ? 'alert' : e.kind === 'warning' ? 'notice warn' : 'notice info';
    return html`<div class="toast ${tone}" data-kind=${e.kind}>
      <p>${this.body(e)}</p>
      <button type="button" class="quiet" aria-label=${t('common.actionFor', { action: t('common.dismiss'), name: e.candidateName })}
        @click=${() => this.dismiss(e.key)}>×</button>
    </div>`;
  }

  override render() {
    const urgent = this.events.filter((e) => e.kind === 'offline');
    const other = this.events.filter((e) => e.kind !== 'offline');
    return html`
      <section role="alert" aria-label=${t('toast.urgent')}>${urgent.map((e) => this.toast(e))}</section>
      <section role="status" aria-label=${t('toast.label')}>${other.map((e) => this.toast(e))}</section>`;
  }
}
customElements.define('adm-toasts', AdmToasts);

declare global {
  interface HTMLElementTagNameMap { 'adm-toasts': AdmToasts }
  interface HTMLElementEventMap { 'adm-dismiss-event': DismissEventEvent }
}
