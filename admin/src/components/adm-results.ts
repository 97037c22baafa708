import { accommodationBadges } from './accommodations.ts';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { ResultRowDto, ResultsDto, ReviewDto } from '../../../shared/protocol.ts';
import { matchesSearch } from '../../../shared/rules.ts';
import { getGroupReviews, groupReportHref } from '../data/history.ts';
import { getResults } from '../data/results.ts';
import { LangController, formatDate, formatGrade, formatScore, lang, reviewStatusText, t } from '../i18n.ts';
import { heldReviewsTable } from './held-reviews.ts';
import { href, navigate } from '../router.ts';
import { base } from '../styles.ts';
import { listFilter } from './filter-field.ts';
import { loadStatus, loaded, loadedFor } from './load-state.ts';
import { reviewNote, statusBadge } from './review-status.ts';
import { TableSort, sortStyles } from './table-sort.ts';

/**
 * The results of one sitting group (after 'Inzien examenresultaten'): the exam's review status in words (and,
 * when no review can start, why and until when), and a table of its candidates with score and grade, each with
 * the source's button 'Inzage' (named with the candidate: 'Inzage: Sanne de Vries') — or the reason why not, or
 * 'Inzage loopt' while a review of that sitting runs (live). In last-name order (prefixes ignored) until a column
 * header sorts otherwise.
 *
 * @fires none — navigates by the location hash.
 */
export class AdmResults extends LitElement {
  static override properties = {
    groupId: {},
    reviews: { attribute: false },
    synced: { attribute: false },
    version: { attribute: false },
    filter: { state: true },
  };
  static override styles = [base, sortStyles, css`
    .exam { display: flex; gap: var(--space-3); align-items: center; flex-wrap: wrap; color: var(--muted); font-size: 1.0625rem; }
    .summary { display: flex; flex-direction: column; gap: var(--space-3); margin-bottom: var(--space-4); }
    .summary .head { display: flex; gap: var(--space-3); align-items: center; }
    dl.facts { font-size: 0.9375rem; }
    .reason { color: var(--muted); font-size: 0.875rem; }
    caption .count { color: var(--muted); font-weight: 500; }
    .list-head { margin-bottom: var(--space-3); }
    .list-head .field { max-width: 24rem; }
    .held { margin-top: var(--space-5); display: flex; flex-direction: column; gap: var(--space-3); }
    .held .head { display: flex; gap: var(--space-3); align-items: baseline; justify-content: space-between; flex-wrap: wrap; }
  `];

  groupId = '';
  reviews: readonly ReviewDto[] = [];
  /** whether `reviews` came from the server yet; until then the rows' own `reviewId` is used */
  synced = false;
  /** moves when the server says the data behind this screen changed (`content:updated`): reload */
  version = '';
  /** the filter over the candidates, applied as it is typed */
  filter = '';

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('groupId') && changed.get('groupId') !== undefined) this.filter = '';
  }

  private readonly sorter = new TableSort<ResultRowDto, 'number' | 'name' | 'class' | 'score' | 'grade'>(this, {
    number: (r) => r.candidateNumber, name: (r) => r.sortName, class: (r) => r.className,
    score: (r) => r.totalScore, grade: (r) => r.grade,
  }, { key: 'name', dir: 'ascending' });

  private readonly results = new Task(this, {
    task: ([id], { signal }) => loaded(id, getResults(id, signal)),
    args: () => [this.groupId, this.version],
  });
  /** the group's reviews held and running; loaded again when a review starts or ends (the live list) */
  private readonly held = new Task(this, {
    task: ([id], { signal }) => loaded(id, getGroupReviews(id, signal)),
    args: () => [this.groupId, this.version, this.reviews.map((r) => r.id).join(' ')],
  });

  constructor() {
    super();
    new LangController(this);
  }

  private window(r: ResultsDto['exam']['review']) {
    const from = r.opensAt ? formatDate(r.opensAt) : '';
    const to = r.closesAt ? formatDate(r.closesAt) : '';
    if (from && to) return t('results.windowFromTo', { from, to });
    if (from) return t('results.windowFrom', { from });
    if (to) return t('results.windowTo', { to });
    return t('results.windowAlways');
  }

  private action(row: ResultRowDto, data: ResultsDto) {
    if (!row.sittingId) return html`<span class="reason">${t('results.noSitting')}</span>`;
    const running = this.synced ? this.reviews.some((r) => r.sittingId === row.sittingId) : row.reviewId !== null;
    if (running) return html`<span class="badge info">${t('results.running')}</span>`;
    const status = data.exam.review.status;
    if (status !== 'open') return html`<span class="reason">${reviewStatusText(status)}</span>`;
    return html`<button type="button" class="small" aria-label=${t('common.actionFor', { action: t('results.open'), name: row.name })}
      @click=${() => navigate({ name: 'candidate', number: row.candidateNumber, groupId: data.group.id })}>${t('results.open')}</button>`;
  }

  private summary(data: ResultsDto) {
    const review = data.exam.review;
    return html`<section class="card summary" aria-labelledby="review-heading">
      <div class="head">
        <h2 id="review-heading">${t('results.status')}</h2>
        ${statusBadge(review.status)}
      </div>
      <dl class="facts">
        ${review.status === 'not-allowed'
          ? nothing // a period means nothing while review is not allowed at all ('geen beperking' would contradict it)
          : html`<dt>${t('results.window')}</dt><dd>${this.window(review)}</dd>`}
        <dt>${t('results.maxMinutes')}</dt><dd>${t('results.minutes', { n: review.maxMinutes })}</dd>
      </dl>
      ${reviewNote(review.status, data.exam.central, review)}
    </section>`;
  }

  private table(data: ResultsDto) {
    if (data.rows.length === 0) return html`<p class="card empty">${t('results.empty')}</p>`;
    const rows = this.sorter.apply(data.rows).filter((r) => matchesSearch(this.filter, r.candidateNumber, r.name, r.className));
    const { field, count, none } = listFilter({
      id: 'row-filter', controls: 'results-table', label: 'results.filter', hint: 'results.filterHint', noMatch: 'results.noMatch',
      value: this.filter, onInput: (v) => { this.filter = v; },
    }, rows.length, data.rows.length);
    return html`${field}
    ${none}
    ${rows.length === 0 ? nothing : html`<div class="table-wrap">
      <table id="results-table">
        <caption>${t('results.caption')} <span class="count">(${count})</span></caption>
        <thead><tr>
          ${this.sorter.header('number', t('results.number'))}
          ${this.sorter.header('name', t('results.name'))}
          ${this.sorter.header('class', t('results.class'))}
          ${this.sorter.header('score', t('results.score'), 'num')}
          ${this.sorter.header('grade', t('results.grade'), 'num')}
          <th scope="col" class="action">${t('results.review')}</th>
        </tr></thead>
        <tbody>${rows.map((row) => html`<tr>
          <td class="tabular">${row.candidateNumber}</td>
          <th scope="row"><span>${row.name}</span>${accommodationBadges(row.accommodations)}</th>
          <td>${row.className ?? t('common.none')}</td>
          <td class="num">${formatScore(row.totalScore, row.maxScore)}</td>
          <td class="num">${formatGrade(row.grade)}</td>
          <td class="action">${this.action(row, data)}</td>
        </tr>`)}</tbody>
      </table>
    </div>`}`;
  }

  override render() {
    const data = loadedFor(this.results, this.groupId);
    return html`
      <div class="page-head">
        <a class="back" href=${href({ name: 'groups' })}>${t('results.back')}</a>
        <h1>${data ? data.group.name : t('nav.groups')}</h1>
        ${data ? html`<p class="exam"><span>${data.exam.title}</span>
          ${data.exam.central ? html`<span class="badge neutral">${t('results.central')}</span>` : ''}
          <span aria-hidden="true">·</span><span>${formatDate(data.group.startsAt)}</span></p>` : ''}
      </div>
      ${loadStatus(this.results, data, () => void this.results.run())}
      ${data ? html`${this.summary(data)}${this.table(data)}${this.heldSection()}` : ''}
    `;
  }

  /** 'Gehouden inzages': every review of the group's sittings, each with its report, and the group's overview to print. */
  private heldSection() {
    const held = loadedFor(this.held, this.groupId);
    return html`<section class="held" aria-labelledby="held-heading">
      <div class="head">
        <h2 id="held-heading">${t('history.groupTitle')}</h2>
        <a href=${groupReportHref(this.groupId, lang())} target="_blank" rel="noopener">${t('history.groupReport')}</a>
      </div>
      ${loadStatus(this.held, held ?? null, () => void this.held.run())}
      ${held && held.reviews.length === 0 ? html`<p class="card empty">${t('history.none')}</p>` : nothing}
      ${held && held.reviews.length > 0 ? heldReviewsTable(held.reviews, { id: 'held-table', caption: t('history.captionGroup'), withCandidate: true }) : nothing}
    </section>`;
  }
}
customElements.define('adm-results', AdmResults);

declare global {
  interface HTMLElementTagNameMap { 'adm-results': AdmResults }
}
