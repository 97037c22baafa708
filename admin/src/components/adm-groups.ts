import { LitElement, css, html } from 'lit';
import type { GroupDto } from '../../../shared/protocol.ts';
import { listGroups } from '../data/api.ts';
import { TaskController } from '../controllers/task.ts';
import { LangController, formatDate, t } from '../i18n.ts';
import { navigate } from '../router.ts';
import { base } from '../styles.ts';
import { loadStatus } from './load-state.ts';

/**
 * 'Afnamegroepen': every sitting group with its exam, date and number of candidates, each with the source's
 * button 'Inzien examenresultaten' (which opens the group's results).
 *
 * @fires none — navigates by the location hash.
 */
export class AdmGroups extends LitElement {
  static override styles = [base, css`
    th .exam, th .location { display: block; color: var(--muted); font-weight: 500; font-size: 0.875rem; }
    .when { white-space: nowrap; }
  `];

  private readonly groups = new TaskController(this, (_args, signal) => listGroups(signal), () => [] as const);

  constructor() {
    super();
    new LangController(this);
  }

  private row(g: GroupDto) {
    // the location is often part of the name already ("… — lokaal 4")
    const location = g.location && !g.name.toLocaleLowerCase('nl').includes(g.location.toLocaleLowerCase('nl')) ? g.location : '';
    return html`<tr>
      <th scope="row">${g.name}<span class="exam">${g.examTitle}</span>${location ? html`<span class="location">${location}</span>` : ''}</th>
      <td class="when">${formatDate(g.startsAt)}</td>
      <td class="num">${g.candidateCount}</td>
      <td class="action"><button type="button" class="small" @click=${() => navigate({ name: 'results', groupId: g.id })}>${t('groups.view')}</button></td>
    </tr>`;
  }

  override render() {
    const groups = this.groups.value;
    return html`
      <div class="page-head">
        <h1>${t('groups.title')}</h1>
        <p class="lead">${t('groups.intro')}</p>
      </div>
      ${loadStatus(this.groups.state, () => void this.groups.reload())}
      ${groups && groups.length === 0 ? html`<p class="card empty">${t('groups.empty')}</p>` : ''}
      ${groups && groups.length > 0 ? html`
        <div class="table-wrap">
          <table>
            <caption class="sr-only">${t('groups.caption')}</caption>
            <thead><tr>
              <th scope="col">${t('groups.name')}</th>
              <th scope="col" class="fit">${t('groups.date')}</th>
              <th scope="col" class="num fit">${t('groups.count')}</th>
              <th scope="col" class="action"><span class="sr-only">${t('groups.actions')}</span></th>
            </tr></thead>
            <tbody>${groups.map((g) => this.row(g))}</tbody>
          </table>
        </div>` : ''}
    `;
  }
}
customElements.define('adm-groups', AdmGroups);

declare global {
  interface HTMLElementTagNameMap { 'adm-groups': AdmGroups }
}
