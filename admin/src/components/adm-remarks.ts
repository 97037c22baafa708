import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { RemarkStatus } from '../../../shared/domain.ts';
import { ApiError } from '../data/http.ts';
import { listRemarks, patchRemark, remarksCsvUrl, type RemarkDto, type RemarkFilter } from '../data/remarks.ts';
import { listGroups } from '../data/results.ts';
import { LangController, errorMessage, formatDate, lang, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { adminStyles } from './admin-styles.ts';
import { loadStatus, loaded, loadedFor } from './load-state.ts';
import { TableSort, sortStyles } from './table-sort.ts';

/**
 * 'Opmerkingen' (staff: supervisors and admins): the examiner's queue of the remarks candidates left on questions
 * during their review, filtered by exam, group and status; per remark the candidate, question, kind, text and status
 * ('open' / 'afgehandeld' with the reply note). 'Afhandelen' opens a reply note to save it as handled; a handled one
 * can be opened again. 'Exporteren als CSV' downloads the selection. Reloads when a remark comes in or changes
 * (`version`).
 *
 * @fires none — reads and writes through `data/*`.
 */
export class AdmRemarks extends LitElement {
  static override properties = {
    version: { attribute: false },
    filter: { state: true },
    editing: { state: true },
    saving: { state: true },
    saveError: { state: true },
  };
  static override styles = [base, adminStyles, sortStyles, css`
    form.filters { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)) auto; gap: var(--space-3); align-items: end; }
    @media (max-width: 60rem) { form.filters { grid-template-columns: minmax(0, 1fr); } }
    .bar { display: flex; justify-content: flex-end; margin: var(--space-4) 0; }
    td.text { white-space: pre-wrap; overflow-wrap: anywhere; max-width: 28rem; }
    td.status .note { display: block; color: var(--muted); font-size: 0.8125rem; white-space: pre-wrap; }
    tbody td, tbody th { vertical-align: top; }
    tr.reply td { background: var(--surface, #f6f8fb); }
    tr.reply form { display: flex; flex-direction: column; gap: var(--space-2); max-width: 40rem; }
    tr.reply textarea { min-height: 4rem; font: inherit; }
  `];

  /** moved by `content:updated` (remarks): reload */
  version = '';
  filter: RemarkFilter = {};
  /** the remark whose reply note is open */
  editing: string | null = null;
  saving = false;
  saveError = '';

  private readonly groups = new Task(this, {
    task: (_args, { signal }) => listGroups(signal),
    args: () => [] as const,
  });

  private readonly remarks = new Task(this, {
    task: ([filter], { signal }) => loaded(filter, listRemarks(filter, signal)),
    args: () => [this.filter, this.version] as const,
  });

  constructor() {
    super();
    new LangController(this);
  }

  private apply(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const filter: RemarkFilter = {};
    const examId = String(data.get('exam') ?? '');
    const groupId = String(data.get('group') ?? '');
    const status = String(data.get('status') ?? '');
    if (examId) filter.examId = examId;
    if (groupId) filter.groupId = groupId;
    if (status === 'open' || status === 'handled') filter.status = status;
    this.filter = filter;
  }

  private async save(r: RemarkDto, status: RemarkStatus, note?: string) {
    this.saving = true;
    this.saveError = '';
    try {
      await patchRemark(r.id, note === undefined ? { status } : { status, note });
      this.editing = null;
      this.remarks.run();
    } catch (err) {
      this.saveError = err instanceof ApiError ? errorMessage(err) : String(err);
    } finally {
      this.saving = false;
    }
  }

  private filters() {
    const groups = this.groups.value ?? [];
    const exams = [...new Map(groups.map((g) => [g.examId, g.examTitle])).entries()];
    return html`<section class="card" aria-labelledby="filter-title">
      <h2 id="filter-title" class="sr-only">${t('remarks.filterTitle')}</h2>
      <form class="filters" @submit=${this.apply}>
        <div class="field">
          <label for="exam">${t('remarks.exam')}</label>
          <select id="exam" name="exam">
            <option value="">${t('remarks.all')}</option>
            ${exams.map(([id, title]) => html`<option value=${id} ?selected=${this.filter.examId === id}>${title}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="group">${t('remarks.group')}</label>
          <select id="group" name="group">
            <option value="">${t('remarks.all')}</option>
            ${groups.map((g) => html`<option value=${g.id} ?selected=${this.filter.groupId === g.id}>${g.name}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="status">${t('remarks.status')}</label>
          <select id="status" name="status">
            <option value="">${t('remarks.all')}</option>
            <option value="open" ?selected=${this.filter.status === 'open'}>${t('remarks.status.open')}</option>
            <option value="handled" ?selected=${this.filter.status === 'handled'}>${t('remarks.status.handled')}</option>
          </select>
        </div>
        <div class="buttons"><button type="submit">${t('remarks.apply')}</button></div>
      </form>
    </section>`;
  }

  private row(r: RemarkDto) {
    const handled = r.status === 'handled';
    return html`<tr>
      <th scope="row">${r.candidateName}<span class="muted"> (${r.candidateNumber})</span><div class="muted">${r.examTitle} · ${r.groupName}</div></th>
      <td>${t('remarks.questionN', { n: r.questionNumber })}</td>
      <td>${t(`remarks.kind.${r.kind}`)}</td>
      <td class="text">${r.text}</td>
      <td class="status">
        <span class="badge ${handled ? 'ok' : 'warn'}">${t(`remarks.status.${r.status}`)}</span>
        ${r.note ? html`<span class="note"><span class="sr-only">${t('remarks.note')}: </span>${r.note}</span>` : nothing}
        ${handled && r.handledBy ? html`<span class="note">${t('remarks.handledBy', { user: r.handledBy, when: formatDate(r.handledAt) })}</span>` : nothing}
      </td>
      <td>
        ${handled
          ? html`<button type="button" class="secondary small" ?disabled=${this.saving}
              aria-label=${t('remarks.reopenLabel', { candidate: r.candidateName, n: r.questionNumber })}
              @click=${() => this.save(r, 'open')}>${t('remarks.reopen')}</button>`
          : html`<button type="button" class="small" aria-expanded=${this.editing === r.id ? 'true' : 'false'}
              aria-label=${t('remarks.handleLabel', { candidate: r.candidateName, n: r.questionNumber })}
              @click=${() => { this.editing = this.editing === r.id ? null : r.id; this.saveError = ''; }}>${t('remarks.handle')}</button>`}
      </td>
    </tr>
    ${this.editing === r.id ? html`<tr class="reply"><td colspan="6">
      <form @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const note = String(new FormData(e.currentTarget as HTMLFormElement).get('note') ?? '');
        void this.save(r, 'handled', note);
      }}>
        <label for="note-${r.id}">${t('remarks.note')}</label>
        <textarea id="note-${r.id}" name="note" maxlength="1000">${r.note ?? ''}</textarea>
        <div class="buttons">
          <button type="submit" ?disabled=${this.saving}>${t('remarks.saveHandled')}</button>
          <button type="button" class="secondary" @click=${() => (this.editing = null)}>${t('common.cancel')}</button>
        </div>
        <div role="alert">${this.saveError ? html`<p class="alert">${this.saveError}</p>` : nothing}</div>
      </form>
    </td></tr>` : nothing}`;
  }

  private readonly sorter = new TableSort<RemarkDto, 'candidate' | 'question' | 'kind' | 'status'>(this, {
    candidate: (r) => r.candidateName,
    question: (r) => r.questionNumber,
    kind: (r) => t(`remarks.kind.${r.kind}`),
    // open first: those still need an answer
    status: (r) => (r.status === 'open' ? 0 : 1),
  });

  private table(all: RemarkDto[]) {
    if (all.length === 0) return html`<p class="card empty">${t('remarks.empty')}</p>`;
    const list = this.sorter.apply(all);
    return html`<div class="table-wrap"><table>
      <caption>${t('remarks.caption')} <span class="count">${t('remarks.count', { n: list.length })}</span></caption>
      <thead><tr>
        ${this.sorter.header('candidate', t('remarks.candidate'))}
        ${this.sorter.header('question', t('remarks.question'), 'num')}
        ${this.sorter.header('kind', t('remarks.kind'))}
        <th scope="col">${t('remarks.text')}</th>
        ${this.sorter.header('status', t('remarks.status'))}
        <th scope="col"><span class="sr-only">${t('remarks.actions')}</span></th>
      </tr></thead>
      <tbody>${list.map((r) => this.row(r))}</tbody>
    </table></div>`;
  }

  override render() {
    const list = loadedFor(this.remarks, this.filter);
    return html`
      <h1>${t('remarks.title')}</h1>
      <p class="lead">${t('remarks.intro')}</p>
      ${this.filters()}
      <div class="bar"><a class="btn secondary" href=${remarksCsvUrl(this.filter, lang())} download="inzage-opmerkingen.csv">${t('remarks.csv')}</a></div>
      ${loadStatus(this.remarks, list, () => this.remarks.run())}
      ${list ? this.table(list) : nothing}
    `;
  }
}

customElements.define('adm-remarks', AdmRemarks);

declare global {
  interface HTMLElementTagNameMap { 'adm-remarks': AdmRemarks }
}
