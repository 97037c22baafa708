import { policyPatch, revealPolicy } from '../../../shared/reveal.ts';
import type { RevealPolicy } from '../../../shared/domain.ts';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { ImportIssue } from '../../../shared/i18n/importIssues.ts';
import { ApiError } from '../data/http.ts';
import { listExams, patchExamRetention, patchExamReview, type ExamDto, type ExamReviewPatch } from '../data/exams.ts';
import { LangController, errorMessage, formatDate, formatDateParts, formatNumber, plural, reviewStatusText, issueText, t, type MessageKeyWith } from '../i18n.ts';
import { base } from '../styles.ts';
import { adminStyles } from './admin-styles.ts';
import { loadStatus } from './load-state.ts';
import { isoToLocalInput, localDayToIso, localInputToIso, localZone } from './local-time.ts';
import { statusBadge } from './review-status.ts';
import './adm-purge.ts';
import { syncDialog } from './dialog.ts';

/**
 * 'Examens' (admin): every exam with its review settings and status in words; per exam the button
 * 'Wijzigen' (named 'Inzage-instellingen wijzigen: <exam>') opens a dialog ('Inzage toegestaan', 'Begin inzageperiode', 'Einde
 * inzageperiode', 'Maximale duur (minuten)', 'Antwoordsleutel tonen', 'Correctievoorschrift tonen'). The
 * period is edited in local time and sent with the local offset. The column 'Kandidaatgegevens' says when the
 * daily retention purge removes the exam's candidate data; its 'Wijzigen' (named 'Bewaartermijn wijzigen:
 * <exam>') opens a dialog with 'Verwijderen op' (a local day) and 'Standaard gebruiken'. Below the table:
 * 'Gegevens verwijderen' (`adm-purge`).
 *
 * @fires none — commands go through `data/*`; listens for `adm-purged` to reload the group counts.
 */
export class AdmExams extends LitElement {
  static override properties = {
    version: { attribute: false },
    editing: { state: true },
    retaining: { state: true },
    saving: { state: true },
    formError: { state: true },
    formProblems: { state: true },
    status: { state: true },
  };
  static override styles = [base, adminStyles, css`
    tbody th, tbody td { vertical-align: top; }
    /* room for a status on one line; only the longest ('Inzageperiode nog niet begonnen') wraps when narrow */
    td.review { min-width: 11.5rem; }
    td.review .badge { white-space: normal; }
    td.review .window { display: block; color: var(--muted); font-size: 0.8125rem; margin-top: 0.3rem; line-height: 1.35; white-space: nowrap; }
    td.settings { font-size: 0.8125rem; line-height: 1.45; }
    td.settings span { display: block; white-space: nowrap; }
    td.settings .off { color: var(--muted); }
    td.retention { font-size: 0.8125rem; line-height: 1.45; width: 8.5rem; max-width: 8.5rem; }
    td.retention span { display: block; }
    td.retention .sub { color: var(--muted); }
    td.retention button { margin-top: 0.4rem; }
    /* a short visible label ('Wijzigen'); the accessible name says what and which exam */
    td.action { padding-left: var(--space-1); }
    th .central { margin-top: 0.4rem; }
  `];

  /** the exam whose settings the dialog edits */
  /** moves when the server says the data behind this screen changed (`content:updated`): reload */
  version = '';
  editing: ExamDto | null = null;
  /** the exam whose retention the second dialog edits */
  retaining: ExamDto | null = null;
  saving = false;
  formError = '';
  formProblems: ImportIssue[] = [];
  /** the outcome of the last change, for the status line */
  status = '';

  private readonly exams = new Task(this, { task: (_args, { signal }) => listExams(signal), args: () => [this.version] });

  constructor() {
    super();
    new LangController(this);
  }

  override updated() {
    syncDialog(this.renderRoot, 'edit', !!this.editing);
    syncDialog(this.renderRoot, 'retention', !!this.retaining);
  }

  private openRetention(exam: ExamDto) {
    this.formError = '';
    this.formProblems = [];
    this.status = '';
    this.retaining = exam;
  }

  /** `useDefault`: send null, so that the server's default applies again. */
  private async saveRetention(e: SubmitEvent | null, useDefault = false) {
    e?.preventDefault();
    const exam = this.retaining;
    if (!exam) return;
    let retainUntil: string | null = null;
    if (!useDefault) {
      const day = this.renderRoot.querySelector<HTMLInputElement>('#retainUntil')?.value ?? '';
      const iso = localDayToIso(day);
      if (!iso) return this.fail(t('exams.retentionBadDate'), 'retainUntil');
      retainUntil = iso;
    }
    this.saving = true;
    this.formError = '';
    try {
      const { retention } = await patchExamRetention(exam.id, retainUntil);
      this.retaining = null;
      this.status = retention.until
        ? t('exams.retentionSaved', { title: exam.title, date: formatDateParts(retention.until).date })
        : t('exams.retentionSavedUndated', { title: exam.title });
      await this.exams.run();
    } catch (err) {
      this.formError = err instanceof ApiError ? errorMessage(err) : String(err);
    } finally {
      this.saving = false;
    }
  }

  private open(exam: ExamDto) {
    this.formError = '';
    this.formProblems = [];
    this.status = '';
    this.editing = exam;
  }

  private close() {
    this.editing = null;
  }

  private fail(message: string, focus?: string) {
    this.formError = message;
    this.formProblems = [];
    if (focus) this.renderRoot.querySelector<HTMLInputElement>(`#${focus}`)?.focus();
  }

  /** Only what changed is sent, so an untouched period keeps its exact stored value. */
  private async save(e: SubmitEvent) {
    e.preventDefault();
    const exam = this.editing;
    if (!exam) return;
    const form = e.currentTarget as HTMLFormElement;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
    const before = exam.review;
    const patch: ExamReviewPatch = {};

    if (field('allowed').checked !== before.allowed) patch.allowed = field('allowed').checked;
    for (const key of ['opensAt', 'closesAt'] as const) {
      const value = field(key).value;
      if (value === isoToLocalInput(before[key])) continue;
      const iso = localInputToIso(value);
      if (iso === undefined) return this.fail(t('exams.badDate'), key);
      patch[key] = iso;
    }
    const minutes = field('maxMinutes').valueAsNumber;
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 480) return this.fail(t('exams.badMinutes'), 'maxMinutes');
    if (minutes !== before.maxMinutes) patch.maxMinutes = minutes;
    const choice = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    const policy = {
      key: choice('revealKey') as RevealPolicy['key'], scheme: choice('revealScheme') as RevealPolicy['scheme'],
      scope: choice('revealScope') as RevealPolicy['scope'], scores: choice('revealScores') as RevealPolicy['scores'],
    };
    Object.assign(patch, policyPatch(before, policy));

    if (Object.keys(patch).length === 0) {
      this.status = t('exams.unchanged');
      this.close();
      return;
    }
    this.saving = true;
    this.formError = '';
    this.formProblems = [];
    try {
      const { review } = await patchExamReview(exam.id, patch);
      this.close();
      this.status = t('exams.saved', { title: exam.title, status: reviewStatusText(review.status) });
      await this.exams.run();
    } catch (err) {
      // With a list of problems the server's message repeats them all in one line: show the list instead.
      const problems = err instanceof ApiError ? err.issues : [];
      this.formError = problems.length ? t('common.invalidList') : err instanceof ApiError ? errorMessage(err) : String(err);
      this.formProblems = problems;
    } finally {
      this.saving = false;
    }
  }

  private window(r: ExamDto['review']) {
    if (!r.opensAt && !r.closesAt) return t('results.windowAlways');
    return html`${r.opensAt ? html`<span>${t('results.windowFrom', { from: formatDate(r.opensAt) })}</span><br>` : nothing}${r.closesAt ? html`<span>${t('results.windowTo', { to: formatDate(r.closesAt) })}</span>` : nothing}`;
  }

  private retentionCell(exam: ExamDto) {
    const k = exam.retention;
    const none = k.sittings === 0 && exam.groupCount === 0;
    const when = none ? t('exams.retentionNone') : k.until ? t('exams.retentionOn', { date: formatDateParts(k.until).date }) : t('exams.retentionUndated');
    return html`<td class="retention">
      <span>${when}</span>
      ${none ? nothing : html`<span class="sub">${this.retentionBasis(k)}</span>`}
      <button type="button" class="secondary small" aria-label=${t('exams.retentionEditLabel', { title: exam.title })}
        @click=${() => this.openRetention(exam)}>${t('exams.retentionEdit')}</button>
    </td>`;
  }

  /** What the date counts from: set for the exam, or the default after the review window or after the last import. */
  private retentionBasis(k: ExamDto['retention']) {
    if (k.explicit) return t('exams.retentionSet');
    if (k.basis === 'import' && k.importedAt) return t('exams.retentionDefaultImport', { days: k.defaultDays, date: formatDateParts(k.importedAt).date });
    return t('exams.retentionDefault', { days: k.defaultDays });
  }

  private row(exam: ExamDto) {
    const r = exam.review;
    return html`<tr>
      <th scope="row">${exam.title}
        <span class="sub">${exam.subject} · ${exam.level}</span>
        <span class="sub">${plural('exams.questions', exam.questionCount)} · ${plural('exams.groups', exam.groupCount)}</span>
        ${exam.central ? html`<span class="badge neutral central">${t('results.central')}</span>` : nothing}
      </th>
      <td class="review">${statusBadge(r.status)}<span class="window">${this.window(r)}</span></td>
      <td class="settings">
        <span>${t('exams.minutes', { n: r.maxMinutes })}</span>
        ${this.policySummary(r)}
      </td>
      ${this.retentionCell(exam)}
      <td class="action"><button type="button" class="secondary small" aria-label=${t('exams.editLabel', { title: exam.title })}
        @click=${() => this.open(exam)}>${t('exams.edit')}</button></td>
    </tr>`;
  }

  private table(exams: ExamDto[]) {
    if (exams.length === 0) return html`<p class="card empty">${t('exams.empty')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption>${t('exams.caption')} <span class="count">(${formatNumber(exams.length)})</span></caption>
        <thead><tr>
          <th scope="col">${t('exams.exam')}</th>
          <th scope="col">${t('exams.review')}</th>
          <th scope="col">${t('exams.settings')}</th>
          <th scope="col">${t('exams.retention')}</th>
          <th scope="col" class="action"><span class="sr-only">${t('exams.actions')}</span></th>
        </tr></thead>
        <tbody>${exams.map((e) => this.row(e))}</tbody>
      </table>
    </div>`;
  }

  /** The reveal policy in the table: what is shown when, where and whether scores are. */
  private policySummary(r: ExamDto['review']) {
    const p = revealPolicy(r);
    const when = (w: RevealPolicy['key'], shown: MessageKeyWith, hidden: MessageKeyWith, always: MessageKeyWith) =>
      html`<span class=${w === 'never' ? 'off' : ''}>${t(w === 'never' ? hidden : w === 'always' ? always : shown)}</span>`;
    return html`${when(p.key, 'exams.keyShown', 'exams.keyHidden', 'exams.keyAlways')}
      ${when(p.scheme, 'exams.schemeShown', 'exams.schemeHidden', 'exams.schemeAlways')}
      ${p.scope === 'not-full-marks' ? html`<span>${t('exams.scopeLost')}</span>` : nothing}
      ${p.scores === 'hidden' ? html`<span class="off">${t('exams.scoresHidden')}</span>` : nothing}`;
  }

  private select(name: string, value: string, label: MessageKeyWith, options: [string, MessageKeyWith][], hint?: MessageKeyWith) {
    return html`<div class="field">
      <label for=${name}>${t(label)}</label>
      <select id=${name} name=${name} aria-describedby=${hint ? `${name}-hint` : nothing}>
        ${options.map(([v, k]) => html`<option value=${v} ?selected=${v === value}>${t(k)}</option>`)}
      </select>
      ${hint ? html`<span class="hint" id=${`${name}-hint`}>${t(hint)}</span>` : nothing}
    </div>`;
  }

  private policyFields(r: ExamDto['review']) {
    const p = revealPolicy(r);
    const when: [string, MessageKeyWith][] = [['never', 'exams.when.never'], ['on-request', 'exams.when.on-request'], ['always', 'exams.when.always']];
    return html`<fieldset>
      <legend>${t('exams.revealPolicy')}</legend>
      <div class="pair">
        ${this.select('revealKey', p.key, 'exams.showKey', when, 'exams.showKeyHint')}
        ${this.select('revealScheme', p.scheme, 'exams.showScheme', when, 'exams.showSchemeHint')}
      </div>
      <div class="pair">
        ${this.select('revealScope', p.scope, 'exams.scope', [['all', 'exams.scope.all'], ['not-full-marks', 'exams.scope.not-full-marks']])}
        ${this.select('revealScores', p.scores, 'exams.scores', [['shown', 'exams.scores.shown'], ['hidden', 'exams.scores.hidden']])}
      </div>
    </fieldset>`;
  }

  private check(name: string, checked: boolean, label: MessageKeyWith, hint: MessageKeyWith) {
    return html`<div class="check">
      <input type="checkbox" id=${name} name=${name} .checked=${checked} aria-describedby=${`${name}-hint`}>
      <div><label for=${name}>${t(label)}</label><span class="hint" id=${`${name}-hint`}>${t(hint)}</span></div>
    </div>`;
  }

  private dialog() {
    const exam = this.editing;
    const r = exam?.review;
    return html`<dialog id="edit" class="wide" aria-label=${exam ? t('exams.editDialog', { title: exam.title }) : nothing} @close=${this.close}>
      ${exam && r ? html`<form @submit=${this.save} @input=${() => { this.formError = ''; this.formProblems = []; }} novalidate>
        <div class="title">
          <h2>${t('exams.editTitle')}</h2>
          <span class="sub">${exam.title}</span>
        </div>
        ${this.check('allowed', r.allowed, 'exams.allowed', 'exams.allowedHint')}
        <fieldset>
          <legend>${t('exams.period')}</legend>
          <div class="pair">
            <div class="field">
              <label for="opensAt">${t('exams.opensAt')}</label>
              <input id="opensAt" name="opensAt" type="datetime-local" .value=${isoToLocalInput(r.opensAt)} aria-describedby="period-hint">
            </div>
            <div class="field">
              <label for="closesAt">${t('exams.closesAt')}</label>
              <input id="closesAt" name="closesAt" type="datetime-local" .value=${isoToLocalInput(r.closesAt)} aria-describedby="period-hint">
            </div>
          </div>
          <span class="hint" id="period-hint">${t('exams.periodHint', { zone: localZone() })}</span>
        </fieldset>
        <div class="field">
          <label for="maxMinutes">${t('exams.maxMinutesLabel')}</label>
          <input id="maxMinutes" name="maxMinutes" type="number" min="5" max="480" step="1" inputmode="numeric" required
            .value=${String(r.maxMinutes)} aria-describedby="minutes-hint">
          <span class="hint" id="minutes-hint">${t('exams.maxMinutesHint')}</span>
        </div>
        ${this.policyFields(r)}
        <div role="alert">${this.formError ? html`<div class="alert problems">
          <p>${this.formError}</p>
          ${this.formProblems.length ? html`<ul>${this.formProblems.map((p) => html`<li><code>${issueText(p)}</code></li>`)}</ul>` : nothing}
        </div>` : nothing}</div>
        <div class="buttons">
          <button type="button" class="secondary" @click=${this.close}>${t('common.cancel')}</button>
          <button type="submit" ?disabled=${this.saving}>${t('common.save')}</button>
        </div>
      </form>` : nothing}
    </dialog>`;
  }

  private retentionDialog() {
    const exam = this.retaining;
    const k = exam?.retention;
    const day = k?.explicit && k.until ? isoToLocalInput(k.until).slice(0, 10) : '';
    return html`<dialog id="retention" aria-label=${exam ? t('exams.retentionDialog', { title: exam.title }) : nothing} @close=${() => { this.retaining = null; }}>
      ${exam && k ? html`<form @submit=${(e: SubmitEvent) => this.saveRetention(e)} @input=${() => { this.formError = ''; }} novalidate>
        <div class="title">
          <h2>${t('exams.retentionTitle')}</h2>
          <span class="sub">${exam.title}</span>
        </div>
        <p>${t('exams.retentionIntro')}</p>
        <div class="field">
          <label for="retainUntil">${t('exams.retainUntil')}</label>
          <input id="retainUntil" name="retainUntil" type="date" .value=${day} aria-describedby="retain-hint">
          <span class="hint" id="retain-hint">${t('exams.retainUntilHint', { zone: localZone() })}</span>
        </div>
        <div role="alert">${this.formError ? html`<p class="alert">${this.formError}</p>` : nothing}</div>
        <div class="buttons">
          ${k.explicit ? html`<button type="button" class="secondary" ?disabled=${this.saving} @click=${() => this.saveRetention(null, true)}>${t('exams.retentionUseDefault', { days: k.defaultDays })}</button>` : nothing}
          <button type="button" class="secondary" @click=${() => { this.retaining = null; }}>${t('common.cancel')}</button>
          <button type="submit" ?disabled=${this.saving}>${t('common.save')}</button>
        </div>
      </form>` : nothing}
    </dialog>`;
  }

  override render() {
    const exams = this.exams.value;
    return html`
      <div class="page-head">
        <h1>${t('exams.title')}</h1>
        <p class="lead">${t('exams.intro')}</p>
      </div>
      <div class="messages" role="status">${this.status ? html`<p class="notice ok">${this.status}</p>` : nothing}</div>
      ${loadStatus(this.exams, exams, () => void this.exams.run())}
      ${exams ? this.table(exams) : nothing}
      ${exams && exams.length ? html`<adm-purge .exams=${exams} @adm-purged=${() => void this.exams.run()}></adm-purge>` : nothing}
      ${this.dialog()}
      ${this.retentionDialog()}
    `;
  }
}
customElements.define('adm-exams', AdmExams);

declare global {
  interface HTMLElementTagNameMap { 'adm-exams': AdmExams }
}
