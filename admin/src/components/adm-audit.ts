import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { AUDIT_ACTIONS, UNKNOWN_ACCOUNT, type AuditEvent } from '../../../shared/domain.ts';
import { ApiError } from '../data/http.ts';
import { auditCsvUrl, getAudit, type AuditDto, type AuditFilter } from '../data/audit.ts';
import { LangController, auditActionText, errorMessage, formatDayAndTime, lang, t } from '../i18n.ts';
import { base } from '../styles.ts';
import { adminStyles } from './admin-styles.ts';
import { auditFields, auditRaw, auditTarget } from './audit-format.ts';
import { loadStatus, loaded, loadedFor } from './load-state.ts';
import { localDayToIso } from './local-time.ts';

/** Events a page: a busy school writes ~2,000 a day; older ones on request, and the CSV has everything. */
const PAGE = 200;

/** The pages loaded after `first` (newest first); a new first page (a new filter, a retry) starts again. */
interface OlderPages { first: AuditDto; events: AuditEvent[]; last?: AuditDto; busy: boolean; error?: string }

/**
 * 'Auditlog' (admin): the append-only log of who did what when, newest first, filtered by 'Van' and 'Tot'
 * (local days), 'Actie' and 'Medewerker'. The newest 200 first; 'Oudere gebeurtenissen laden' below the table
 * appends the next 200 while older ones exist. 'Doel' and 'Details' are in words (a username, a kiosk's name,
 * `label: value` lines with local times), the stored JSON one click away ('Als JSON'). A status line says
 * whether the hash chain verifies ('Keten gecontroleerd: in orde') or where it breaks; 'Exporteren als CSV'
 * downloads the whole selection, as stored.
 *
 * @fires none — reads through `data/*`.
 */
export class AdmAudit extends LitElement {
  static override properties = {
    filter: { state: true },
    filterError: { state: true },
    older: { state: true },
  };
  static override styles = [base, adminStyles, css`
    form.filters { display: grid; grid-template-columns: 10rem 10rem minmax(0, 1.3fr) minmax(0, 1fr); gap: var(--space-3); align-items: start; }
    form.filters .buttons { grid-column: 1 / -1; }
    @media (max-width: 70rem) { form.filters { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
    .verdict { display: flex; align-items: center; justify-content: space-between; gap: var(--space-3); flex-wrap: wrap; margin: var(--space-4) 0; }
    .verdict > div { flex: 1; min-width: 18rem; }
    .verdict .notice, .verdict .alert { display: flex; flex-direction: column; gap: 0.2rem; }
    /* date above time: the details get the room */
    td.when { font-variant-numeric: tabular-nums; }
    td.when span { display: block; white-space: nowrap; }
    td.action-name code { display: block; color: var(--muted); font-size: 0.75rem; }
    td.details { font-size: 0.8125rem; max-width: 28rem; }
    /* a line per field, label and value flowing as one sentence when the column is narrow */
    td.details dl { margin: 0; display: flex; flex-direction: column; gap: 0.15rem; }
    td.details dt, td.details dd { display: inline; margin: 0; }
    td.details dt { color: var(--muted); }
    td.details dt::after { content: ': '; }
    td.details dd { overflow-wrap: anywhere; }
    td.details details { margin-top: 0.3rem; }
    td.details summary { cursor: pointer; color: var(--muted); font-size: 0.75rem; width: fit-content; }
    td.details details code { display: block; font-size: 0.75rem; overflow-wrap: anywhere; color: var(--ink); margin-top: 0.2rem; }
    td.target { overflow-wrap: break-word; max-width: 12rem; }
    tbody td, tbody th { vertical-align: top; }
    tbody th.num { font-weight: 500; color: var(--muted); }
    .more { display: flex; align-items: center; gap: var(--space-3); margin-top: var(--space-4); }
  `];

  /** the filter last applied; a new object on every 'Filteren', so the list reloads */
  filter: AuditFilter = {};
  filterError = '';
  older: OlderPages | undefined;
  private olderAbort: AbortController | undefined;

  private readonly audit = new Task(this, {
    task: ([filter], { signal }) => loaded(filter, getAudit(filter, { limit: PAGE }, signal)),
    args: () => [this.filter],
  });

  constructor() {
    super();
    new LangController(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.olderAbort?.abort();
  }

  /** A new filter: the list starts again from the newest. */
  private setFilter(filter: AuditFilter) {
    this.olderAbort?.abort();
    this.older = undefined;
    this.filter = filter;
  }

  /** The next page: the events older than the oldest one shown, appended. */
  private async loadOlder(first: AuditDto, before: number) {
    this.olderAbort?.abort();
    const abort = (this.olderAbort = new AbortController());
    const prior = this.older?.first === first ? this.older : { first, events: [] };
    this.older = { ...prior, busy: true, error: undefined };
    try {
      const page = await getAudit(this.filter, { limit: PAGE, before }, abort.signal);
      if (abort.signal.aborted) return;
      this.older = { first, events: [...prior.events, ...[...page.events].reverse()], last: page, busy: false };
      // the button may be gone now: keyboard focus goes on to the first of the rows just loaded
      const next = page.events.at(-1);
      if (next) {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`tr[data-seq="${next.seq}"]`)?.focus();
      }
    } catch (err) {
      if (abort.signal.aborted) return;
      this.older = { ...prior, busy: false, error: err instanceof ApiError ? errorMessage(err) : String(err) };
    }
  }

  private apply(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const fromDay = String(data.get('from') ?? '');
    const toDay = String(data.get('to') ?? '');
    if (fromDay && toDay && fromDay > toDay) {
      this.filterError = t('audit.badRange');
      return;
    }
    this.filterError = '';
    const filter: AuditFilter = {};
    const from = localDayToIso(fromDay);
    const to = localDayToIso(toDay, true);
    const action = String(data.get('action') ?? '');
    const actor = String(data.get('actor') ?? '').trim();
    if (from) filter.from = from;
    if (to) filter.to = to;
    if (action) filter.action = action;
    if (actor) filter.actor = actor;
    this.setFilter(filter);
  }

  private clear() {
    this.filterError = '';
    this.setFilter({});
  }

  private filters() {
    return html`<section class="card" aria-labelledby="filter-title">
      <h2 id="filter-title" class="sr-only">${t('audit.filterTitle')}</h2>
      <form class="filters" @submit=${this.apply} @reset=${this.clear} novalidate>
        <div class="field">
          <label for="from">${t('audit.from')}</label>
          <input id="from" name="from" type="date">
        </div>
        <div class="field">
          <label for="to">${t('audit.to')}</label>
          <input id="to" name="to" type="date">
        </div>
        <div class="field">
          <label for="action">${t('audit.action')}</label>
          <select id="action" name="action">
            <option value="">${t('audit.all')}</option>
            ${AUDIT_ACTIONS.map((a) => html`<option value=${a}>${auditActionText(a)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="actor">${t('audit.actor')}</label>
          <input id="actor" name="actor" autocomplete="off" autocapitalize="none" spellcheck="false" maxlength="100" aria-describedby="actor-hint">
          <span class="hint" id="actor-hint">${t('audit.actorHint')}</span>
        </div>
        <div class="buttons">
          <button type="submit">${t('audit.apply')}</button>
          <button type="reset" class="secondary">${t('audit.clear')}</button>
        </div>
      </form>
      <div role="alert">${this.filterError ? html`<p class="alert">${this.filterError}</p>` : nothing}</div>
    </section>`;
  }

  private verdict(data: AuditDto) {
    return html`<div class="verdict">
      ${data.verified
        ? html`<div role="status"><p class="notice ok"><strong>${t('audit.verified')}</strong><span>${t('audit.verifiedText')}</span></p></div>`
        : html`<div role="alert"><p class="alert"><strong>${t('audit.broken', { line: data.problem?.line ?? '?' })}</strong>
            <span>${t('audit.brokenText')}</span>
            ${data.problem ? html`<span class="mono" lang="en">${data.problem.reason}</span>` : nothing}</p></div>`}
      <a class="btn secondary" href=${auditCsvUrl(this.filter, lang())} download="inzage-audit.csv">${t('audit.csv')}</a>
    </div>`;
  }

  private table(newest: AuditEvent[], more: boolean) {
    if (newest.length === 0) return html`<p class="card empty">${t('audit.empty')}</p>`;
    return html`<div class="table-wrap">
      <table>
        <caption>${t('audit.caption')} <span class="count">${t(more ? 'audit.countMore' : 'audit.count', { n: newest.length })}</span></caption>
        <thead><tr>
          <th scope="col" class="num fit">${t('audit.seq')}</th>
          <th scope="col">${t('audit.at')}</th>
          <th scope="col">${t('audit.actor')}</th>
          <th scope="col">${t('audit.action')}</th>
          <th scope="col">${t('audit.target')}</th>
          <th scope="col">${t('audit.details')}</th>
        </tr></thead>
        <tbody>${newest.map((e) => {
          const when = formatDayAndTime(e.at);
          const target = auditTarget(e);
          return html`<tr data-seq=${e.seq} tabindex="-1">
            <th scope="row" class="num">${e.seq}</th>
            <td class="when"><time datetime=${e.at}><span>${when.day}</span> <span>${when.time}</span></time></td>
            <td class="mono">${e.actor === UNKNOWN_ACCOUNT ? t('audit.unknownAccount') : e.actor}</td>
            <td class="action-name">${auditActionText(e.action)}<code>${e.action}</code></td>
            <td class="target" title=${target.raw ?? nothing}>${target.text || t('common.none')}</td>
            <td class="details">${this.details(e, target.raw)}</td>
          </tr>`;
        })}</tbody>
      </table>
    </div>`;
  }

  /** `label: value` lines, and the event as stored (the target's id, the details' JSON) one click away. */
  private details(e: AuditEvent, rawTarget: string | undefined) {
    const fields = auditFields(e);
    const raw = auditRaw(e);
    return html`${fields.length
      ? html`<dl>${fields.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>`
      : t('common.none')}
      ${raw || rawTarget ? html`<details><summary>${t('audit.raw')}</summary>
        ${rawTarget ? html`<code>${JSON.stringify({ target: rawTarget })}</code>` : nothing}
        ${raw ? html`<code>${raw}</code>` : nothing}</details>` : nothing}`;
  }

  private olderButton(first: AuditDto, older: OlderPages | undefined, newest: AuditEvent[], more: boolean) {
    return html`${more
      ? html`<div class="more">
          <button type="button" class="secondary" ?disabled=${older?.busy} @click=${() => void this.loadOlder(first, newest.at(-1)!.seq)}>${t('audit.older')}</button>
          <span role="status">${older?.busy ? t('app.loading') : nothing}</span>
        </div>`
      : nothing}
      <div role="alert">${older?.error ? html`<p class="alert">${t('error.load', { message: older.error })}</p>` : nothing}</div>`;
  }

  override render() {
    const first = loadedFor(this.audit, this.filter);
    const older = first && this.older?.first === first ? this.older : undefined;
    // the verdict and `more` of the latest answer; the rows newest first, page after page
    const latest = older?.last ?? first;
    const newest = first ? [...[...first.events].reverse(), ...(older?.events ?? [])] : [];
    const more = latest?.more ?? false;
    return html`
      <div class="page-head">
        <h1>${t('audit.title')}</h1>
        <p class="lead">${t('audit.intro')}</p>
      </div>
      ${this.filters()}
      ${loadStatus(this.audit, first, () => void this.audit.run())}
      ${first && latest ? html`${this.verdict(latest)}${this.table(newest, more)}${this.olderButton(first, older, newest, more)}` : nothing}
    `;
  }
}
customElements.define('adm-audit', AdmAudit);

declare global {
  interface HTMLElementTagNameMap { 'adm-audit': AdmAudit }
}
