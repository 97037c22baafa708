import { LitElement, css, html, nothing } from 'lit';
import { ApiError } from '../data/http.ts';
import { importForm, uploadImport, type ImportInputDto, type ImportKind, type ImportResultDto, type UploadProgress } from '../data/imports.ts';
import { LangController, errorMessage, formatNumber, issueText, plural, t } from '../i18n.ts';
import type { ImportIssue } from '../../../shared/i18n/importIssues.ts';
import { base } from '../styles.ts';
import { adminStyles } from './admin-styles.ts';
import { checkJsonText } from '../../../shared/jsonText.ts';
import './adm-exam-changes.ts';

/** The server's body limit for an import (server/http/limits.ts): one file, or all files of an upload together. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Thousands of errors help nobody on screen: the first ones, and how many more. */
const MAX_LISTED = 200;

const KINDS: readonly ImportKind[] = ['exams', 'candidates', 'groups', 'sittings'];

type Phase =
  | { name: 'idle' }
  | { name: 'reading'; file: string }
  | { name: 'uploading'; file: string; dryRun: boolean; progress: UploadProgress | null }
  | { name: 'checked'; file: string; result: ImportResultDto }
  | { name: 'done'; file: string; result: ImportResultDto }
  | { name: 'invalid'; file: string; /** in the current language when shown */ message: () => string; errors: ImportIssue[] };

/**
 * 'Importeren' (admin): choose import files ('Importbestanden', docs/import-format.md) with the file picker or by
 * dragging them onto the card. One JSON file is read and parsed here (a syntax error is shown with its line and
 * column) and sent as JSON; anything else — a QTI package or results as a zip, results as XML files, a candidate
 * list as CSV or EDEXML, several files at once — is sent as one multipart upload with the group for results
 * ('Afnamegroep'), each file told apart by the server by its content. Either way it is checked by the server in a dry run whose counts (new, updated, unchanged per kind), what happens to each exam
 * (a new version, sittings that stay on the old one, review settings: `adm-exam-changes`) and warnings are shown
 * before 'Importeren' applies it ('Annuleren' drops it). An invalid file is listed error by error, each with
 * its JSON path; the server then writes nothing. A `<progress>` shows the upload and the server's check.
 *
 * @fires none — commands go through `data/*`.
 */
export class AdmImport extends LitElement {
  static override properties = {
    phase: { state: true },
    dropping: { state: true },
  };
  static override styles = [base, adminStyles, css`
    .pick { display: flex; flex-direction: column; gap: var(--space-3); }
    .progress { display: flex; flex-direction: column; gap: var(--space-2); }
    progress { width: 100%; max-width: 32rem; height: 0.75rem; accent-color: var(--accent); }
    .file { font-weight: 600; overflow-wrap: anywhere; }
    table.counts { font-variant-numeric: tabular-nums; }
    table.counts td { text-align: right; }
    table.counts td.zero { color: var(--muted); }
    table.counts td.changed { font-weight: 650; color: var(--ink-strong); }
    .warnings ul { margin: 0; padding-left: 1.25rem; max-height: 18rem; overflow-y: auto; display: flex; flex-direction: column; gap: 0.2rem; }
    .warnings li { overflow-wrap: anywhere; }
    .result { display: flex; flex-direction: column; gap: var(--space-4); margin-top: var(--space-4); }
    .result .table-wrap { max-width: 40rem; }
    .pick.dropping { outline: 3px dashed var(--accent); outline-offset: -6px; }
    .inputs ul { margin: 0; padding-left: 1.25rem; }
    .inputs li { overflow-wrap: anywhere; }
  `];

  phase: Phase = { name: 'idle' };
  dropping = false;
  /** the text of the checked JSON file, kept for 'Importeren' (not state: never rendered) */
  private text = '';
  /** the chosen files of a multipart upload, kept for 'Importeren' and 'Opnieuw controleren' */
  private files: File[] = [];
  /** the group for results, as typed */
  private group = { id: '', name: '' };
  private abort: AbortController | undefined;

  constructor() {
    super();
    new LangController(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('#file');
  }

  private chosen(e: Event) {
    void this.take([...((e.currentTarget as HTMLInputElement).files ?? [])]);
  }

  private dragOver(e: DragEvent) {
    if (!e.dataTransfer?.types.includes('Files') || this.busy) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dropping = true;
  }

  private dragLeave(e: DragEvent) {
    if (e.currentTarget === e.target || !(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) this.dropping = false;
  }

  private dropped(e: DragEvent) {
    e.preventDefault();
    this.dropping = false;
    if (!this.busy) void this.take([...(e.dataTransfer?.files ?? [])]);
  }

  private get busy(): boolean {
    return this.phase.name === 'reading' || this.phase.name === 'uploading';
  }

  /** One JSON file: read and checked here, sent as JSON. Anything else: the files as one multipart upload. */
  private async take(files: File[]) {
    this.abort?.abort();
    this.text = '';
    this.files = [];
    if (!files.length) {
      this.phase = { name: 'idle' };
      return;
    }
    const names = files.map((f) => f.name).join(', ');
    if (files.reduce((n, f) => n + f.size, 0) > MAX_BYTES) {
      this.phase = { name: 'invalid', file: names, message: () => t('import.tooLarge', { mb: 64 }), errors: [] };
      return;
    }
    const file = files[0]!;
    if (files.length > 1 || !/\.json$/i.test(file.name)) {
      this.files = files;
      await this.send(names, true);
      return;
    }
    this.phase = { name: 'reading', file: file.name };
    let raw: string;
    try {
      raw = await file.text();
    } catch {
      this.phase = { name: 'invalid', file: file.name, message: () => t('import.unreadable'), errors: [] };
      return;
    }
    const parsed = checkJsonText(raw);
    if (!parsed.ok) {
      const where = { line: parsed.line, column: parsed.column };
      const what = parsed.found === null ? t('import.endsEarly', where) : t('import.unexpected', { ...where, char: parsed.found });
      this.phase = { name: 'invalid', file: file.name, message: () => t('import.notJson', where), errors: [{ path: '', message: what }] };
      return;
    }
    this.text = parsed.text;
    await this.send(file.name, true);
  }

  private async send(file: string, dryRun: boolean) {
    const abort = new AbortController();
    this.abort = abort;
    this.phase = { name: 'uploading', file, dryRun, progress: null };
    try {
      const body = this.files.length ? importForm(this.files, this.group) : this.text;
      const result = await uploadImport(body, {
        dryRun,
        signal: abort.signal,
        onProgress: (progress) => {
          if (this.phase.name === 'uploading') this.phase = { ...this.phase, progress };
        },
      });
      if (dryRun) {
        this.phase = { name: 'checked', file, result };
      } else {
        this.text = '';
        this.files = [];
        this.phase = { name: 'done', file, result };
      }
    } catch (err) {
      if (abort.signal.aborted) return;
      const problems = err instanceof ApiError ? err.issues : [];
      const message = () => err instanceof ApiError
        ? problems.length ? t('import.invalid', { n: problems.length }) : errorMessage(err)
        : String(err);
      this.phase = { name: 'invalid', file, message, errors: problems };
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#outcome')?.focus();
  }

  private apply() {
    if (this.phase.name === 'checked' && (this.text || this.files.length)) void this.send(this.phase.file, false);
  }

  /** The same files again, with the group as now typed (results that needed one). */
  private recheck() {
    if (this.phase.name === 'invalid' && this.files.length) void this.send(this.phase.file, true);
  }

  private reset() {
    this.abort?.abort();
    this.text = '';
    this.files = [];
    this.phase = { name: 'idle' };
    const input = this.input;
    if (input) {
      input.value = '';
      input.focus();
    }
  }

  private progress() {
    const p = this.phase;
    if (p.name !== 'reading' && p.name !== 'uploading') return nothing;
    const sending = p.name === 'uploading' && p.progress && p.progress.total > 0 && p.progress.loaded < p.progress.total;
    const percent = sending ? Math.round((p.progress!.loaded / p.progress!.total) * 100) : 0;
    const label = p.name === 'reading' ? t('import.reading')
      : sending ? t('import.uploading', { percent })
      : t(p.dryRun ? 'import.checking' : 'import.applying');
    // Indeterminate (no value) while reading and while the server works: one request, no finer news.
    return html`<div class="progress">
      <label for="progress">${label}</label>
      ${sending ? html`<progress id="progress" max="100" .value=${percent}></progress>` : html`<progress id="progress"></progress>`}
    </div>`;
  }

  private countsTable(result: ImportResultDto) {
    const withRemoved = KINDS.some((k) => (result.counts[k].removed ?? 0) > 0);
    const cell = (n: number | undefined, changed = false) => html`<td class=${n ? (changed ? 'changed' : '') : 'zero'}>${n === undefined ? t('common.none') : formatNumber(n)}</td>`;
    return html`<div class="table-wrap">
      <table class="counts">
        <caption>${t(result.dryRun ? 'import.countsDry' : 'import.countsDone')}</caption>
        <thead><tr>
          <th scope="col">${t('import.kind')}</th>
          <th scope="col" class="num">${t('import.added')}</th>
          <th scope="col" class="num">${t('import.updated')}</th>
          <th scope="col" class="num">${t('import.unchanged')}</th>
          ${withRemoved ? html`<th scope="col" class="num">${t('import.removed')}</th>` : nothing}
        </tr></thead>
        <tbody>${KINDS.map((k) => {
          const c = result.counts[k];
          return html`<tr>
            <th scope="row">${t(`import.kind.${k}`)}</th>
            ${cell(c.added, true)}${cell(c.updated, true)}${cell(c.unchanged)}
            ${withRemoved ? cell(c.removed, true) : nothing}
          </tr>`;
        })}</tbody>
      </table>
    </div>`;
  }

  /** What happens to each exam of the file: versions, sittings, review settings. */
  private examChanges(result: ImportResultDto) {
    if (result.exams.length === 0) return nothing;
    return html`<section class="stack" aria-labelledby="exams-title">
      <h3 id="exams-title">${t('importExams.title')}</h3>
      <adm-exam-changes .changes=${result.exams}></adm-exam-changes>
    </section>`;
  }

  /** What each file of an upload was read as. */
  private inputs(result: ImportResultDto) {
    if (!result.inputs?.length) return nothing;
    const line = (i: ImportInputDto) => i.kind === 'json' ? t('import.input.json', { name: i.name }) : plural(`import.input.${i.kind}`, i.count, { name: i.name });
    return html`<section class="inputs stack" aria-labelledby="inputs-title">
      <h3 id="inputs-title">${t('import.inputs')}</h3>
      <ul>${result.inputs.map((i) => html`<li>${line(i)}</li>`)}</ul>
    </section>`;
  }

  private warnings(result: ImportResultDto) {
    if (result.warnings.length === 0) return html`<p class="muted">${t('import.noWarnings')}</p>`;
    return html`<section class="notice warn warnings stack" aria-labelledby="warnings-title">
      <h3 id="warnings-title">${t('import.warnings', { n: result.warnings.length })}</h3>
      <p>${t('import.warningsIntro')}</p>
      ${this.list(result.warningIssues.map(issueText))}
    </section>`;
  }

  private list(items: string[]) {
    const shown = items.slice(0, MAX_LISTED);
    return html`<ul>${shown.map((e) => html`<li><code>${e}</code></li>`)}</ul>
      ${items.length > shown.length ? html`<p>${t('import.more', { n: items.length - shown.length })}</p>` : nothing}`;
  }

  private unchanged(result: ImportResultDto): boolean {
    return KINDS.every((k) => result.counts[k].added + result.counts[k].updated + (result.counts[k].removed ?? 0) === 0);
  }

  private outcome() {
    const p = this.phase;
    switch (p.name) {
      case 'checked':
        return html`<section class="card result" id="outcome" tabindex="-1" aria-labelledby="outcome-title">
          <h2 id="outcome-title">${t('import.checkedTitle')}</h2>
          <p>${t('import.checkedText', { file: p.file })}</p>
          ${this.unchanged(p.result) ? html`<p class="notice info">${t('import.nothingNew')}</p>` : nothing}
          ${this.inputs(p.result)}
          ${this.countsTable(p.result)}
          ${this.examChanges(p.result)}
          ${this.warnings(p.result)}
          <div class="buttons">
            <button type="button" @click=${this.apply}>${t('import.apply')}</button>
            <button type="button" class="secondary" @click=${this.reset}>${t('common.cancel')}</button>
          </div>
        </section>`;
      case 'done':
        return html`<section class="card result" id="outcome" tabindex="-1" aria-labelledby="outcome-title">
          <h2 id="outcome-title">${t('import.doneTitle')}</h2>
          <p class="notice ok" role="status">${t('import.doneText', { file: p.file })}</p>
          ${this.inputs(p.result)}
          ${this.countsTable(p.result)}
          ${this.examChanges(p.result)}
          ${p.result.warnings.length ? this.warnings(p.result) : nothing}
          <div class="buttons"><button type="button" class="secondary" @click=${this.reset}>${t('import.another')}</button></div>
        </section>`;
      case 'invalid':
        return html`<div class="result" id="outcome" tabindex="-1">
          <div class="alert problems" role="alert">
            <p><strong>${p.message()}</strong></p>
            <p class="file">${t('import.file', { file: p.file })}</p>
            ${p.errors.length ? this.list(p.errors.map(issueText)) : nothing}
          </div>
          <div class="buttons">
            ${this.files.length ? html`<button type="button" @click=${this.recheck}>${t('import.recheck')}</button>` : nothing}
            <button type="button" class="secondary" @click=${this.reset}>${t('import.again')}</button>
          </div>
        </div>`;
      default:
        return nothing;
    }
  }

  override render() {
    const busy = this.busy;
    const typed = (field: 'id' | 'name') => (e: Event) => { this.group = { ...this.group, [field]: (e.currentTarget as HTMLInputElement).value }; };
    return html`
      <div class="page-head">
        <h1>${t('import.title')}</h1>
        <p class="lead">${t('import.intro')}</p>
      </div>
      <section class=${`card pick${this.dropping ? ' dropping' : ''}`} aria-labelledby="pick-title"
        @dragover=${this.dragOver} @dragleave=${this.dragLeave} @drop=${this.dropped}>
        <h2 id="pick-title" class="sr-only">${t('import.pickTitle')}</h2>
        <fieldset>
          <legend>${t('import.group.legend')}</legend>
          <span class="hint" id="group-hint">${t('import.group.hint')}</span>
          <div class="field">
            <label for="group-id">${t('import.group.id')}</label>
            <input id="group-id" autocomplete="off" maxlength="120" aria-describedby="group-hint" ?disabled=${busy} @input=${typed('id')}>
          </div>
          <div class="field">
            <label for="group-name">${t('import.group.name')}</label>
            <input id="group-name" autocomplete="off" maxlength="200" ?disabled=${busy} @input=${typed('name')}>
          </div>
        </fieldset>
        <div class="field">
          <label for="file">${t('import.file.label')}</label>
          <input id="file" type="file" multiple ?disabled=${busy}
            accept=".json,.zip,.xml,.csv,.txt,application/json,application/zip,application/xml,text/xml,text/csv"
            aria-describedby="file-hint drop-hint" @change=${this.chosen}>
          <span class="hint" id="file-hint">${t('import.fileHint')}</span>
          <span class="hint" id="drop-hint">${t(this.dropping ? 'import.dropActive' : 'import.drop')}</span>
        </div>
        ${this.progress()}
      </section>
      ${this.outcome()}
    `;
  }
}
customElements.define('adm-import', AdmImport);

declare global {
  interface HTMLElementTagNameMap { 'adm-import': AdmImport }
}
