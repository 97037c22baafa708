/** The review status of an exam in words (shared by results and sitting screens). */
import { html, nothing } from 'lit';
import type { ReviewStatus } from '../../../shared/domain.ts';
import { cvteReferral, reviewStatusText } from '../i18n.ts';

const TONE: Record<ReviewStatus, string> = { open: 'ok', 'not-allowed': 'danger', 'not-open': 'warn', expired: 'danger' };

export function statusBadge(status: ReviewStatus) {
  return html`<span class="badge ${TONE[status]}">${reviewStatusText(status)}</span>`;
}

/** For central exams an expired period refers the candidate to the CvTE (DESIGN §1 rule 4). */
export function cvteNote(status: ReviewStatus, central: boolean) {
  return status === 'expired' && central ? html`<p class="notice warn">${cvteReferral()}</p>` : nothing;
}
