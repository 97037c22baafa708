/** A candidate's accommodations as badges beside their name: 'Extra tijd 25%', 'Voorlezen' (nothing when none). */
import { html, nothing } from 'lit';
import type { Accommodations } from '../../../shared/domain.ts';
import { t } from '../i18n.ts';

export function accommodationBadges(acc: Accommodations | undefined) {
  if (!acc || (!acc.extraTimePercent && !acc.readAloud)) return nothing;
  // the space before it keeps it apart from the name, also in the row's text
  return html` <span class="accommodations"><span class="sr-only">${t('results.accommodations')}: </span>
    ${acc.extraTimePercent ? html`<span class="badge">${t('results.extraTime', { percent: acc.extraTimePercent })}</span>` : nothing}
    ${acc.readAloud ? html`<span class="badge">${t('results.readAloud')}</span>` : nothing}
  </span>`;
}
