/**
 * Leave-the-page alerts (docs/design.md: Kiosk health): a kiosk in review left fullscreen, lost the focus or was
 * hidden. The shell shows them in an assertive live region (role="alert") until the kiosk is back; the review's
 * row in 'Actieve inzages' carries a badge.
 */
import { html, nothing } from 'lit';
import type { KioskAlertDto } from '../../../shared/protocol.ts';
import { formatDateParts, t } from '../i18n.ts';

/** 'Let op: Station 3 is niet meer schermvullend'. */
export function alertTitle(a: KioskAlertDto): string {
  return t(`alert.left.${a.what}`, { kiosk: a.kioskName });
}

/** The short badge on the review's row ('Niet schermvullend'). */
export function alertBadge(a: KioskAlertDto | undefined) {
  return a ? html`<span class="badge danger">${t(`alert.badge.${a.what}`)}</span>` : nothing;
}

/** The shell's alert region: always in the page (so that what appears in it is announced), one line per kiosk. */
export function alertRegion(alerts: readonly KioskAlertDto[]) {
  return html`<div class="kiosk-alerts" role="alert">${alerts.map((a) => html`<p class="alert">
    <strong>${alertTitle(a)}</strong> ${t('alert.review', { candidate: a.candidateName, time: formatDateParts(a.at).time })}
  </p>`)}</div>`;
}
