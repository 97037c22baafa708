import { html, nothing } from 'lit';
import type { HeldReviewDto } from '../../../shared/reviewRecord.ts';
import { reviewReportHref } from '../data/history.ts';
import { endReasonText, formatDate, formatNumber, lang, t } from '../i18n.ts';

/** "12 min" (at least 1 for a review that ran at all); '—' while it runs. */
export function heldDuration(h: HeldReviewDto): string {
  if (!h.endedAt) return t('common.none');
  const minutes = Math.max(1, Math.round((Date.parse(h.endedAt) - Date.parse(h.startedAt)) / 60_000));
  return t('history.minutes', { n: minutes });
}

/**
 * The reviews held (and running) as a table: when, which kiosk, how long, how it ended, remarks, and a link to each
 * one's report ('Proces-verbaal', a page of its own). `withCandidate`: a column naming the candidate (a group's list).
 */
export function heldReviewsTable(reviews: readonly HeldReviewDto[], opts: { id: string; caption: string; withCandidate?: boolean }) {
  return html`<div class="table-wrap">
    <table id=${opts.id}>
      <caption>${opts.caption} <span class="count">(${formatNumber(reviews.length)})</span></caption>
      <thead><tr>
        ${opts.withCandidate ? html`<th scope="col">${t('results.name')}</th>` : nothing}
        <th scope="col">${t('history.when')}</th>
        <th scope="col">${t('history.kiosk')}</th>
        <th scope="col">${t('history.duration')}</th>
        <th scope="col">${t('history.outcome')}</th>
        <th scope="col" class="num">${t('history.remarks')}</th>
        <th scope="col" class="action">${t('history.report')}</th>
      </tr></thead>
      <tbody>${reviews.map((h, i) => html`<tr>
        ${opts.withCandidate ? html`<th scope="row" id=${`${opts.id}-name-${i}`}>${h.candidateName}</th>` : nothing}
        <td id=${`${opts.id}-when-${i}`}><time datetime=${h.startedAt}>${formatDate(h.startedAt)}</time></td>
        <td>${h.kioskName || t('common.none')}</td>
        <td>${heldDuration(h)}</td>
        <td>${h.endReason ? endReasonText(h.endReason) : html`<span class="badge info">${t('results.running')}</span>`}</td>
        <td class="num">${formatNumber(h.remarkCount)}</td>
        <td class="action"><a href=${reviewReportHref(h.id, lang())} target="_blank" rel="noopener"
          aria-describedby=${opts.withCandidate ? `${opts.id}-name-${i} ${opts.id}-when-${i}` : `${opts.id}-when-${i}`}>${t('history.open')}</a></td>
      </tr>`)}</tbody>
    </table>
  </div>`;
}
