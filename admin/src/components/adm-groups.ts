import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { CandidateHitDto, GroupDto, ReviewDto } from '../../../shared/protocol.ts';
import { matchesSearch } from '../../../shared/rules.ts';
import { listGroups, searchCandidates } from '../data/results.ts';
import { LangController, formatDateParts, formatNumber, t } from '../i18n.ts';
import { navigate } from '../router.ts';
import { base } from '../styles.ts';
import { listFilter } from './filter-field.ts';
import { loadStatus, loaded, loadedFor } from './load-state.ts';
import { statusBadge } from './review-status.ts';
import { TableSort, sortStyles } from './table-sort.ts';

/**
 * 'Afnamegroepen': every sitting group with its exam, date, number of candidates and whether review of its exam
 * can start now ('Inzage mogelijk', 'Inzage niet toegestaan', …, in words), each with the source's
 * button 'Inzien examenresultaten' (which opens the group's results). Above it, for the candidate who walks up
 * to the desk, 'Kandidaat zoeken' by number, name or class (each hit with 'Inzage' to their sittings), and a
 * filter over the groups list. The groups' columns sort from their headers (newest first to begin with).
 *
 * @fires none — navigates by the location hash.
 */
export class AdmGroups extends LitElement {
  static override properties = {
    version: { attribute: false },
    reviews: { attribute: false },
    synced: { attribute: false },
    query: { state: true },
    filter: { state: true },
  };
  static override styles = [base, sortStyles, css`
    th .exam, th .location { display: block; color: var(--muted); font-weight: 500; font-size: 0.875rem; }
    /* the exam's review status under its title: in the row's name, in words, without a column of its own */
    th .status { display: block; margin-top: 0.3rem; }
    th .status .badge { white-space: normal; }
    /* date above time: the group's name and status get the room */
    .when span { display: block; white-space: nowrap; }
    .reason { color: var(--muted); font-size: 0.875rem; }
    .find { display: flex; flex-direction: column; gap: var(--space-3); margin-bottom: var(--space-4); }
    .find h2 { margin: 0; }
    .find p { margin: 0; }
    .find .hint { margin-top: calc(-1 * var(--space-2)); }
    form.search { display: flex; align-items: flex-end; gap: var(--space-3); flex-wrap: wrap; }
    form.search .field { flex: 1 1 16rem; max-width: 28rem; }
    form.search button { min-height: 2.375rem; }
    .hits caption .count, caption .count { color: var(--muted); font-weight: 500; }
    .list-head { display: flex; align-items: flex-end; justify-content: space-between; gap: var(--space-3); flex-wrap: wrap; margin-bottom: var(--space-3); }
    .list-head .field { min-width: 16rem; }
  `];

  /** moves when the server says the data behind this screen changed (`content:updated`): reload */
  version = '';
  /** the running reviews (live): a candidate found with one shows 'Inzage loopt' */
  reviews: readonly ReviewDto[] = [];
  /** whether `reviews` came from the server yet; until then the hits' own `reviewId` is used */
  synced = false;
  /** the submitted candidate search ('' = none) */
  query = '';
  /** the filter over the groups list, applied as it is typed */
  filter = '';

  private readonly groups = new Task(this, { task: (_args, { signal }) => listGroups(signal), args: () => [this.version] });
  private readonly search = new Task(this, {
    task: ([q], { signal }) => loaded(q, q ? searchCandidates(q, signal) : Promise.resolve(null)),
    args: () => [this.query, this.version],
  });

  constructor() {
    super();
    new LangController(this);
  }

  private onSearch(e: SubmitEvent) {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
    const q = input.value.trim();
    if (q.length < 2) {
      input.reportValidity();
      return;
    }
    if (q === this.query) void this.search.run();
    this.query = q;
  }

  private clearSearch() {
    this.query = '';
    const input = this.renderRoot.querySelector<HTMLInputElement>('#find-q');
    if (input) {
      input.value = '';
      input.focus();
    }
  }

  private running(c: CandidateHitDto): boolean {
    return this.synced ? this.reviews.some((r) => r.candidateNumber === c.number) : c.reviewId !== null;
  }

  private findSection() {
    const found = this.query ? loadedFor(this.search, this.query) : null;
    return html`<section class="card find" aria-labelledby="find-title">
      <h2 id="find-title">${t('find.title')}</h2>
      <form class="search" role="search" aria-labelledby="find-title" @submit=${this.onSearch}>
        <div class="field">
          <label for="find-q">${t('find.label')}</label>
          <input id="find-q" name="q" type="search" minlength="2" maxlength="100" required autocomplete="off"
            spellcheck="false" aria-describedby="find-hint">
        </div>
        <button type="submit">${t('find.submit')}</button>
      </form>
      <p class="hint" id="find-hint">${t('find.intro')}</p>
      ${this.query ? loadStatus(this.search, found, () => void this.search.run()) : nothing}
      <div role="status">${found && found.candidates.length === 0 ? html`<p class="empty">${t('find.none', { q: this.query })}</p>` : nothing}</div>
      ${found && found.candidates.length > 0 ? html`
        <div class="table-wrap hits">
          <table>
            <caption>${t('find.caption')} <span class="count">(${formatNumber(found.candidates.length)})</span></caption>
            <thead><tr>
              <th scope="col">${t('results.number')}</th>
              <th scope="col">${t('results.name')}</th>
              <th scope="col">${t('results.class')}</th>
              <th scope="col" class="num">${t('find.sittings')}</th>
              <th scope="col" class="action">${t('results.review')}</th>
            </tr></thead>
            <tbody>${found.candidates.map((c) => html`<tr>
              <td class="tabular">${c.number}</td>
              <th scope="row">${c.name}</th>
              <td>${c.className ?? t('common.none')}</td>
              <td class="num">${formatNumber(c.sittingCount)}</td>
              <td class="action">${this.running(c) ? html`<span class="badge info">${t('results.running')}</span> ` : nothing}${c.sittingCount > 0
                ? html`<button type="button" class="small" aria-label=${t('common.actionFor', { action: t('results.open'), name: c.name })}
                    @click=${() => navigate({ name: 'candidate', number: c.number })}>${t('results.open')}</button>`
                : html`<span class="reason">${t('results.noSitting')}</span>`}</td>
            </tr>`)}</tbody>
          </table>
        </div>
        ${found.more ? html`<p class="hint">${t('find.more')}</p>` : nothing}` : nothing}
      ${found ? html`<div><button type="button" class="secondary small" @click=${this.clearSearch}>${t('find.clear')}</button></div>` : nothing}
    </section>`;
  }

  private row(g: GroupDto) {
    // the location is often part of the name already ("… — lokaal 4")
    const location = g.location && !g.name.toLocaleLowerCase('nl').includes(g.location.toLocaleLowerCase('nl')) ? g.location : '';
    const when = formatDateParts(g.startsAt);
    return html`<tr>
      <th scope="row">${g.name}<span class="exam">${g.examTitle}</span>${location ? html`<span class="location">${location}</span>` : ''}
        <span class="status">${statusBadge(g.reviewStatus)}</span></th>
      <td class="when"><time datetime=${g.startsAt}><span>${when.date}</span> <span>${when.time}</span></time></td>
      <td class="num">${formatNumber(g.candidateCount)}</td>
      <td class="action"><button type="button" class="small" aria-label=${t('common.actionFor', { action: t('groups.view'), name: g.name })}
        @click=${() => navigate({ name: 'results', groupId: g.id })}>${t('groups.view')}</button></td>
    </tr>`;
  }

  private readonly sorter = new TableSort<GroupDto, 'name' | 'date' | 'count'>(this, {
    name: (g) => g.name, date: (g) => Date.parse(g.startsAt), count: (g) => g.candidateCount,
  }, { key: 'date', dir: 'descending' });

  private groupsTable(groups: readonly GroupDto[]) {
    const shown = this.sorter.apply(groups).filter((g) => matchesSearch(this.filter, g.name, g.examTitle, g.location));
    const { field, count, none } = listFilter({
      id: 'group-filter', controls: 'groups-table', label: 'groups.filter', hint: 'groups.filterHint', noMatch: 'groups.noMatch',
      value: this.filter, onInput: (v) => { this.filter = v; },
    }, shown.length, groups.length);
    return html`
      ${field}
      ${none}
      ${shown.length > 0 ? html`
        <div class="table-wrap">
          <table id="groups-table">
            <caption>${t('groups.caption')} <span class="count">(${count})</span></caption>
            <thead><tr>
              ${this.sorter.header('name', t('groups.name'))}
              ${this.sorter.header('date', t('groups.date'), 'fit')}
              ${this.sorter.header('count', t('groups.count'), 'num fit')}
              <th scope="col" class="action"><span class="sr-only">${t('groups.actions')}</span></th>
            </tr></thead>
            <tbody>${shown.map((g) => this.row(g))}</tbody>
          </table>
        </div>` : nothing}`;
  }

  override render() {
    const groups = this.groups.value;
    return html`
      <div class="page-head">
        <h1>${t('groups.title')}</h1>
        <p class="lead">${t('groups.intro')}</p>
      </div>
      ${this.findSection()}
      ${loadStatus(this.groups, groups, () => void this.groups.run())}
      ${groups && groups.length === 0 ? html`<p class="card empty">${t('groups.empty')}</p>` : ''}
      ${groups && groups.length > 0 ? this.groupsTable(groups) : ''}
    `;
  }
}
customElements.define('adm-groups', AdmGroups);

declare global {
  interface HTMLElementTagNameMap { 'adm-groups': AdmGroups }
}
