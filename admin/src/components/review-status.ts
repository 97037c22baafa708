/** The review status of an exam in words (shared by the groups, results and sitting screens). */
import { html, nothing } from 'lit';
import type { ReviewStatus } from '../../../shared/domain.ts';
import { cvteReferral, formatDate, reviewStatusText, t } from '../i18n.ts';

const TONE: Record<ReviewStatus, string> = { open: 'ok', 'not-allowed': 'danger', 'not-open': 'warn', expired: 'danger' };

export function statusBadge(status: ReviewStatus) {
  return html`<span class="badge ${TONE[status]}">${reviewStatusText(status)}</span>`;
}

/** For central exams an expired period refers the candidate to the CvTE (docs/design.md: What it is rule 4). */
export function cvteNote(status: ReviewStatus, central: boolean) {
  return status === 'expired' && central ? html`<p class="notice warn">${cvteReferral()}</p>` : nothing;
}

/**
 * Why no review can start, in a sentence for the supervisor: not allowed (an administrator can change that),
 * not open yet (from when), expired (since when; for central exams the CvTE referral). Nothing while open.
 * Without the period's times (`window`) the status itself is the sentence.
 */
export function reviewNote(status: ReviewStatus, central: boolean, window?: { opensAt: string | null; closesAt: string | null }) {
  const note = (text: string) => html`<p class="notice warn">${text}</p>`;
  switch (status) {
    case 'open':
      return nothing;
    case 'not-allowed':
      return note(t('results.note.notAllowed'));
    case 'not-open':
      return note(window?.opensAt ? t('results.note.notOpen', { from: formatDate(window.opensAt) }) : reviewStatusText(status));
    case 'expired':
      if (central) return cvteNote(status, central);
      return note(window?.closesAt ? t('results.note.expired', { to: formatDate(window.closesAt) }) : reviewStatusText(status));
  }
}
