import { LitElement, css, html, nothing } from 'lit';
import { ApiError } from '../data/http.ts';
import type { ExamDto } from '../data/exams.ts';
import { purgeData, type PurgeCountsDto, type PurgeSelector } from '../data/purge.ts';
import { LangController, errorMessage, formatNumber, locale, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { adminStyles } from './admin-styles.ts';
import { localDayToIso, localZone } from './local-time.ts';
import { syncDialog } from './dialog.ts';

export type PurgedEvent = CustomEvent<{ counts: PurgeCountsDto }>;

type Mode = 'exam' | 'before';

interface Selection { selector: PurgeSelector; label: string; key: string }
interface Outcome extends Selection { counts: PurgeCountsDto }

const total = (c: PurgeCountsDto) => c.sittings + c.groups + c.candidates;

/**
 * 'Gegevens verwijderen' (admin; docs/design.md: Privacy): the candidate data of one exam, or of everything
 * before a date, is purged in two steps: 'Proef' (a dry run) shows what would go, then 'Verwijderen' asks for
 * confirmation in a dialog and shows what went. Exams themselves stay; the audit log records the purge.
 *
 * @fires adm-purged {counts} — after a purge, so that lists showing group counts reload.
 */
export class AdmPurge extends LitElement {
  static override properties = {
    exams: { attribute: false },
    mode: { state: true },
    preview: { state: true },
    result: { state: true },
    busy: { state: true },
    error: { state: true },
    confirming: { state: true },
  };
  static override styles = [base, adminStyles, css`
    :host { margin-top: var(--space-6); }
    .choose { display: flex; flex-wrap: wrap; gap: var(--space-4); align-items: flex-end; }
    .choose fieldset { flex-direction: row; gap: var(--space-4); padding-top: var(--space-2); padding-bottom: var(--space-2); }
    .choose .field { min-width: 16rem; }
    .choose .field select { max-width: 24rem; }
    .outcome { border-top: 1px solid var(--line-soft); padding-top: var(--space-3); display: flex; flex-direction: column; gap: var(--space-3); }
    .outcome:empty { display: none; }
    .outcome .row { justify-content: space-between; align-items: flex-end; }
    dialog dl.counts { padding: var(--space-3) var(--space-4); background: var(--surface-sunk); border-radius: var(--radius); }
  `];

  exams: readonly ExamDto[] = [];
  mode: Mode = 'exam';
  /** the dry run for the current selection */
  preview: Outcome | null = null;
  /** the last purge */
  result: Outcome | null = null;
  busy = false;
  error = '';
  confirming = false;

  constructor() {
    super();
    new LangController(this);
  }

  override updated() {
    syncDialog(this.renderRoot, 'purge-confirm', !!this.confirming);
  }

  /** What the form selects now, or an error text. */
  private selection(): Selection | string {
    const form = this.renderRoot.querySelector('form');
    if (!form) return t('purge.chooseExam');
    const data = new FormData(form);
    if (this.mode === 'exam') {
      const id = String(data.get('exam') ?? '');
      const exam = this.exams.find((e) => e.id === id);
      if (!exam) return t('purge.chooseExam');
      return { selector: { examId: exam.id }, label: t('purge.ofExam', { title: exam.title }), key: `exam:${exam.id}` };
    }
    const day = String(data.get('before') ?? '');
    const before = localDayToIso(day);
    if (!before) return t('purge.chooseDate');
    const shown = new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date(before));
    return { selector: { before }, label: t('purge.beforeDate', { date: shown }), key: `before:${before}` };
  }

  private changed() {
    this.preview = null;
    this.error = '';
  }

  private setMode(mode: Mode) {
    this.mode = mode;
    this.changed();
  }

  private async dryRun(e: SubmitEvent) {
    e.preventDefault();
    const sel = this.selection();
    this.result = null;
    if (typeof sel === 'string') {
      this.error = sel;
      this.preview = null;
      return;
    }
    await this.run(async () => {
      const { counts } = await purgeData(sel.selector, true);
      this.preview = { ...sel, counts };
    });
  }

  private async purge() {
    const preview = this.preview;
    if (!preview) return;
    await this.run(async () => {
      const { counts } = await purgeData(preview.selector, false);
      this.confirming = false;
      this.preview = null;
      this.result = { ...preview, counts };
      this.dispatchEvent(new CustomEvent('adm-purged', { detail: { counts }, bubbles: true, composed: true }));
    });
  }

  private async run(fn: () => Promise<void>) {
    this.busy = true;
    this.error = '';
    try {
      await fn();
    } catch (err) {
      this.error = err instanceof ApiError ? errorMessage(err) : String(err);
    } finally {
      this.busy = false;
    }
  }

  private counts(c: PurgeCountsDto) {
    return html`<dl class="counts">
      <div><dt>${t('purge.sittings')}</dt><dd>${formatNumber(c.sittings)}</dd></div>
      <div><dt>${t('purge.groups')}</dt><dd>${formatNumber(c.groups)}</dd></div>
      <div><dt>${t('purge.candidates')}</dt><dd>${formatNumber(c.candidates)}</dd></div>
    </dl>`;
  }

  private outcome() {
    const p = this.preview;
    const r = this.result;
    if (p) {
      return html`<div class="stack">
        <h3>${t('purge.previewTitle', { what: p.label })}</h3>
        ${total(p.counts) === 0
          ? html`<p class="notice info">${t('purge.nothing')}</p>`
          : html`<div class="row">${this.counts(p.counts)}
              <button type="button" class="danger solid" ?disabled=${this.busy} @click=${() => { this.confirming = true; }}>${t('purge.delete')}</button>
            </div>`}
      </div>`;
    }
    if (r) {
      return html`<div class="notice ok stack">
        <p><strong>${t('purge.done', { what: r.label })}</strong></p>
        ${this.counts(r.counts)}
      </div>`;
    }
    return nothing;
  }

  private dialog() {
    const p = this.preview;
    return html`<dialog id="purge-confirm" aria-labelledby="purge-confirm-title" aria-describedby="purge-confirm-text"
      @close=${() => { this.confirming = false; }}>
      ${p && this.confirming ? html`<div class="body">
        <h2 id="purge-confirm-title">${t('purge.confirmTitle')}</h2>
        <div id="purge-confirm-text" class="stack">
          <p>${t('purge.confirmText', { what: p.label })}</p>
          ${this.counts(p.counts)}
          <p class="notice warn">${t('purge.confirmWarn')}</p>
        </div>
        <div role="alert">${this.error ? html`<p class="alert">${this.error}</p>` : nothing}</div>
        <div class="buttons">
          <button type="button" class="secondary" autofocus @click=${() => { this.confirming = false; }}>${t('common.cancel')}</button>
          <button type="button" class="danger solid" ?disabled=${this.busy} @click=${this.purge}>${t('purge.delete')}</button>
        </div>
      </div>` : nothing}
    </dialog>`;
  }

  override render() {
    return html`
      <section class="card" aria-labelledby="purge-title">
        <h2 id="purge-title">${t('purge.title')}</h2>
        <p class="section-intro">${t('purge.intro')}</p>
        <form class="choose" @submit=${this.dryRun} @change=${this.changed} novalidate>
          <fieldset>
            <legend>${t('purge.what')}</legend>
            <label class="check"><input type="radio" name="mode" value="exam" .checked=${this.mode === 'exam'}
              @change=${() => this.setMode('exam')}>${t('purge.perExam')}</label>
            <label class="check"><input type="radio" name="mode" value="before" .checked=${this.mode === 'before'}
              @change=${() => this.setMode('before')}>${t('purge.perDate')}</label>
          </fieldset>
          ${this.mode === 'exam' ? html`<div class="field">
            <label for="purge-exam">${t('purge.exam')}</label>
            <select id="purge-exam" name="exam">
              <option value="">${t('purge.chooseExam')}</option>
              ${this.exams.map((e) => html`<option value=${e.id}>${e.title}</option>`)}
            </select>
          </div>` : html`<div class="field">
            <label for="purge-before">${t('purge.date')}</label>
            <input id="purge-before" name="before" type="date" aria-describedby="purge-before-hint">
          </div>`}
          <button type="submit" class="secondary" ?disabled=${this.busy}>${t('purge.dryRun')}</button>
        </form>
        ${this.mode === 'before' ? html`<p class="hint" id="purge-before-hint">${t('purge.dateHint', { zone: localZone() })}</p>` : nothing}
        <div role="alert">${this.error && !this.confirming ? html`<p class="alert">${this.error}</p>` : nothing}</div>
        <div class="outcome" role="status">${this.outcome()}</div>
      </section>
      ${this.dialog()}
    `;
  }
}
customElements.define('adm-purge', AdmPurge);

declare global {
  interface HTMLElementTagNameMap { 'adm-purge': AdmPurge }
  interface HTMLElementEventMap { 'adm-purged': PurgedEvent }
}
