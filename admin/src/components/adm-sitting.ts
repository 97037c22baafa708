import { accommodationBadges } from './accommodations.ts';
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import type { CandidateSittingDto, KioskDto, ReviewDto } from '../../../shared/protocol.ts';
import { ApiError } from '../data/http.ts';
import { getCandidateReviews } from '../data/history.ts';
import { getCandidateSittings } from '../data/results.ts';
import { startReview } from '../data/reviews.ts';
import type { HeldReviewDto } from '../../../shared/reviewRecord.ts';
import { dialogStyles, syncDialog } from './dialog.ts';
import { heldReviewsTable } from './held-reviews.ts';
import { LangController, errorMessage, formatDate, formatGrade, formatScore, t } from '../i18n.ts';
import { href } from '../router.ts';
import { base } from '../styles.ts';
import { loadStatus, loaded, loadedFor } from './load-state.ts';
import { reviewNote, statusBadge } from './review-status.ts';

type KioskAvailability = 'free' | 'busy' | 'offline';

function availability(k: KioskDto): KioskAvailability {
  if (k.reviewId) return 'busy';
  return k.online ? 'free' : 'offline';
}

const ORDER: Record<KioskAvailability, number> = { free: 0, busy: 1, offline: 2 };
const POLICY_CODES: ReadonlySet<string> = new Set(['review-not-allowed', 'review-not-open', 'review-expired']);
const byName = new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });

/**
 * A candidate's sitting(s) (after 'Inzage'; the one from the group we came from first): exam, date, score,
 * grade, and — where review is possible — a kiosk chooser 'Kiosk' and the source's button 'Start inzage'.
 * Only the kiosks of the rooms chosen in 'Mijn lokalen' are offered (all, with none chosen); free online ones come first,
 * busy and offline ones are shown but cannot be chosen. The server has the last
 * word: its refusal is shown with its own message.
 *
 * @fires none — commands go through `data/*`; the running review shows up in the live lists.
 */
export class AdmSitting extends LitElement {
  static override properties = {
    number: {},
    groupId: {},
    kiosks: { attribute: false },
    filtered: { attribute: false },
    reviews: { attribute: false },
    synced: { attribute: false },
    version: { attribute: false },
    choice: { state: true },
    errors: { state: true },
    starting: { state: true },
    started: { state: true },
    confirming: { state: true },
  };
  static override styles = [base, dialogStyles, css`
    .sub { color: var(--muted); }
    .hint.warn { color: var(--warn-ink); font-weight: 600; }
    .sittings { display: flex; flex-direction: column; gap: var(--space-4); }
    article { display: flex; flex-direction: column; gap: var(--space-4); }
    article.current { border-color: var(--line-strong); }
    .title { display: flex; gap: var(--space-3); align-items: center; flex-wrap: wrap; }
    .cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); gap: var(--space-4); align-items: start; }
    dl.facts dd.big { font-size: 1.125rem; }
    .refusal:empty { margin-top: calc(-1 * var(--space-3)); }
    .start { border-top: 1px solid var(--line-soft); padding-top: var(--space-4); display: flex; flex-direction: column; gap: var(--space-3); }
    .chooser { display: flex; align-items: flex-end; gap: var(--space-3); flex-wrap: wrap; }
    .chooser .field { min-width: min(16rem, 100%); }
    .chooser button { min-height: 2.375rem; }
    option:disabled { color: var(--disabled-ink); }
    .history { border-top: 1px solid var(--line-soft); padding-top: var(--space-4); display: flex; flex-direction: column; gap: var(--space-3); }
    .history h3 { margin: 0; font-size: 1rem; }
    caption .count { color: var(--muted); font-weight: 500; }
  `];

  number = '';
  groupId: string | undefined = undefined;
  kiosks: readonly KioskDto[] = [];
  /** `kiosks` are only those of the rooms chosen in 'Mijn lokalen' (adm-shell filters them) */
  filtered = false;
  reviews: readonly ReviewDto[] = [];
  synced = false;
  /** moves when the server says the data behind this screen changed (`content:updated`): reload */
  version = '';
  /** the kiosk chosen per sitting; the supervisor's choice is kept even if that kiosk becomes busy */
  choice: ReadonlyMap<string, string> = new Map();
  errors: ReadonlyMap<string, string> = new Map();
  starting: string | null = null;
  /** reviews started from this screen, per sitting, until they end */
  started: ReadonlyMap<string, { review: ReviewDto; seen: boolean }> = new Map();
  /** the sitting whose 'Start inzage' waits for the supervisor's yes: it had a review before */
  confirming: { sitting: CandidateSittingDto; last: HeldReviewDto } | null = null;
  /** the sitting whose 'Start inzage' just succeeded: its status line takes the focus the button had */
  private focusStarted: string | null = null;

  private readonly data = new Task(this, {
    task: ([n], { signal }) => loaded(n, getCandidateSittings(n, signal)),
    args: () => [this.number, this.version],
  });
  /** the candidate's reviews held and running; loaded again when one of theirs starts or ends (the live list) */
  private readonly history = new Task(this, {
    task: ([n], { signal }) => loaded(n, getCandidateReviews(n, signal)),
    args: () => [this.number, this.version, this.reviews.filter((r) => r.candidateNumber === this.number).map((r) => r.id).join(' ')],
  });

  constructor() {
    super();
    new LangController(this);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('number')) {
      this.choice = new Map();
      this.errors = new Map();
      this.started = new Map();
      this.confirming = null;
    }
    if (changed.has('reviews') && this.started.size > 0) {
      // A started review leaves `started` once the live list has shown it and then dropped it (it ended).
      const next = new Map<string, { review: ReviewDto; seen: boolean }>();
      for (const [sid, s] of this.started) {
        const running = this.reviews.some((r) => r.id === s.review.id);
        if (running) next.set(sid, { ...s, seen: true });
        else if (!s.seen) next.set(sid, s);
      }
      this.started = next;
    }
  }

  private sortedKiosks(): KioskDto[] {
    return [...this.kiosks].sort((a, b) => ORDER[availability(a)] - ORDER[availability(b)] || byName.compare(a.name, b.name));
  }

  private chosen(sittingId: string): string {
    const explicit = this.choice.get(sittingId);
    if (explicit && this.kiosks.some((k) => k.id === explicit)) return explicit;
    return this.sortedKiosks().find((k) => availability(k) === 'free')?.id ?? '';
  }

  private choose(sittingId: string, kioskId: string) {
    this.choice = new Map(this.choice).set(sittingId, kioskId);
    const errors = new Map(this.errors);
    errors.delete(sittingId);
    this.errors = errors;
  }

  /** The reviews held of a sitting (ended ones), newest first; waits for the history while it loads. */
  private async heldOf(sittingId: string): Promise<HeldReviewDto[]> {
    let found = loadedFor(this.history, this.number);
    if (!found) {
      await this.history.taskComplete.catch(() => undefined);
      found = loadedFor(this.history, this.number);
    }
    return (found?.reviews ?? []).filter((h) => h.sittingId === sittingId && h.endedAt !== null);
  }

  /**
   * 'Start inzage': a sitting reviewed before asks first ('Deze kandidaat heeft op … al inzage gehad'). The server
   * does not ask (a second review is allowed); the console makes sure it is not started by mistake.
   */
  private async start(s: CandidateSittingDto) {
    if (!this.chosen(s.sittingId) || this.starting || this.confirming) return;
    const [last] = await this.heldOf(s.sittingId);
    if (last) this.confirming = { sitting: s, last };
    else await this.begin(s);
  }

  private async confirmStart() {
    const c = this.confirming;
    this.confirming = null;
    if (c) await this.begin(c.sitting);
  }

  private async begin(s: CandidateSittingDto) {
    const kioskId = this.chosen(s.sittingId);
    if (!kioskId || this.starting) return;
    this.starting = s.sittingId;
    const errors = new Map(this.errors);
    errors.delete(s.sittingId);
    this.errors = errors;
    try {
      const review = await startReview(s.sittingId, kioskId);
      this.started = new Map(this.started).set(s.sittingId, { review, seen: this.reviews.some((r) => r.id === review.id) });
      this.focusStarted = s.sittingId;
    } catch (err) {
      const message = err instanceof ApiError ? errorMessage(err) : String(err);
      this.errors = new Map(this.errors).set(s.sittingId, message);
      // The review window changed since this screen loaded: show the exam's status as it is now.
      if (err instanceof ApiError && POLICY_CODES.has(err.code)) void this.data.run();
    } finally {
      this.starting = null;
    }
  }

  override updated() {
    syncDialog(this.renderRoot, 'repeat-confirm', this.confirming !== null);
    if (this.focusStarted === null) return;
    // 'Start inzage' is gone: focus would drop to the page; the line that says where the review runs gets it
    const line = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-started]')].find((el) => el.dataset.started === this.focusStarted);
    this.focusStarted = null;
    line?.focus();
  }

  private kioskLabel(k: KioskDto): string {
    const a = availability(k);
    return a === 'free' ? k.name : `${k.name} (${t(a === 'busy' ? 'sitting.busy' : 'sitting.offline')})`;
  }

  private startArea(s: CandidateSittingDto, i: number, candidateNumber: string) {
    const started = this.started.get(s.sittingId);
    if (started) {
      return html`<p class="notice ok" role="status" tabindex="-1" data-started=${s.sittingId}>${t('sitting.started', { kiosk: started.review.kioskName })}</p>`;
    }
    const runningHere = this.synced ? this.reviews.find((r) => r.sittingId === s.sittingId) : undefined;
    if (runningHere || (!this.synced && s.reviewId)) {
      return html`<p class="notice info">${t('sitting.running', { kiosk: runningHere?.kioskName ?? t('common.none') })}</p>`;
    }
    if (s.reviewStatus !== 'open') {
      // the reason in words (unless the server's refusal, in the alert below, has just said it);
      // an expired central exam refers to the CvTE, which says the same and more
      if (this.errors.has(s.sittingId)) return nothing;
      return reviewNote(s.reviewStatus, s.central);
    }
    const runningOther = this.reviews.find((r) => r.candidateNumber === candidateNumber);
    if (runningOther) {
      return html`<p class="notice info">${t('sitting.candidateBusy', { kiosk: runningOther.kioskName })}</p>`;
    }
    if (!this.synced) return html`<p class="muted" role="status">${t('app.loading')}</p>`;
    if (this.kiosks.length === 0) return html`<p class="notice info">${t(this.filtered ? 'sitting.noKiosksInMyRooms' : 'sitting.noKiosks')}</p>`;

    const chosen = this.chosen(s.sittingId);
    const kiosks = this.sortedKiosks();
    const anyFree = kiosks.some((k) => availability(k) === 'free');
    const id = `kiosk-${i}`;
    const chosenKiosk = this.kiosks.find((k) => k.id === chosen);
    const chosenState = chosenKiosk ? availability(chosenKiosk) : 'free';
    const hint = !anyFree && !chosen
      ? t('sitting.noFreeKiosk')
      : chosenKiosk && chosenState !== 'free'
        ? t(chosenState === 'busy' ? 'sitting.chosenBusy' : 'sitting.chosenOffline', { kiosk: chosenKiosk.name })
        : '';
    return html`
      <div class="chooser">
        <div class="field">
          <label for=${id}>${t('sitting.kiosk')}</label>
          <select id=${id} aria-describedby=${hint ? `${id}-hint` : nothing}
            @change=${(e: Event) => this.choose(s.sittingId, (e.target as HTMLSelectElement).value)}>
            ${chosen ? nothing : html`<option value="" disabled selected>${t('sitting.choose')}</option>`}
            ${kiosks.map((k) => html`<option value=${k.id} ?disabled=${availability(k) !== 'free'} ?selected=${k.id === chosen}>${this.kioskLabel(k)}</option>`)}
          </select>
        </div>
        <!-- aria-disabled while starting: a disabled button would lose the focus (to the page) -->
        <button type="button" ?disabled=${!chosen} aria-disabled=${this.starting !== null ? 'true' : nothing}
          aria-busy=${this.starting === s.sittingId ? 'true' : 'false'}
          @click=${() => this.start(s)}>${t('sitting.start')}</button>
      </div>
      ${hint ? html`<p class="hint warn" id=${`${id}-hint`}>${hint}</p>` : nothing}
    `;
  }

  private sitting(s: CandidateSittingDto, i: number, candidateNumber: string) {
    const current = s.groupId === this.groupId;
    // outside the changing start area, so the region stays put and what appears in it is announced once
    const error = this.started.has(s.sittingId) ? undefined : this.errors.get(s.sittingId);
    return html`<article class="card ${current ? 'current' : ''}" aria-labelledby=${`exam-${i}`}>
      <div class="title">
        <h2 id=${`exam-${i}`}>${s.examTitle}</h2>
        ${s.central ? html`<span class="badge neutral">${t('results.central')}</span>` : nothing}
      </div>
      <div class="cols">
        <dl class="facts">
          <dt>${t('sitting.group')}</dt><dd>${s.groupName}</dd>
          <dt>${t('sitting.date')}</dt><dd>${formatDate(s.submittedAt || s.startedAt)}</dd>
        </dl>
        <dl class="facts">
          <dt>${t('sitting.score')}</dt><dd class="big tabular">${formatScore(s.totalScore, s.maxScore)}</dd>
          <dt>${t('sitting.grade')}</dt><dd class="big tabular">${formatGrade(s.grade)}</dd>
          <dt>${t('sitting.status')}</dt><dd>${statusBadge(s.reviewStatus)}</dd>
        </dl>
      </div>
      <div class="start">
        ${this.startArea(s, i, candidateNumber)}
        <div class="refusal" role="alert">${error ? html`<p class="alert">${error}</p>` : nothing}</div>
      </div>
      ${this.historyOf(s, i)}
    </article>`;
  }

  /** 'Eerdere inzages': the reviews held (and running) of this sitting, each with its report. */
  private historyOf(s: CandidateSittingDto, i: number) {
    const held = (loadedFor(this.history, this.number)?.reviews ?? []).filter((h) => h.sittingId === s.sittingId);
    if (held.length === 0) return nothing;
    return html`<section class="history" aria-labelledby=${`history-${i}`}>
      <h3 id=${`history-${i}`}>${t('history.title')}</h3>
      ${heldReviewsTable(held, { id: `held-${i}`, caption: t('history.captionSitting') })}
    </section>`;
  }

  private repeatDialog() {
    const c = this.confirming;
    return html`<dialog id="repeat-confirm" aria-labelledby="repeat-title" aria-describedby="repeat-text"
      @close=${() => { this.confirming = null; }}>
      ${c ? html`<div class="body">
        <h2 id="repeat-title">${t('history.confirmTitle')}</h2>
        <div id="repeat-text">
          <p>${t('history.confirmText', { date: formatDate(c.last.startedAt) })}</p>
          <p>${t('history.confirmQuestion')}</p>
        </div>
        <div class="buttons">
          <button type="button" class="secondary" autofocus @click=${() => { this.confirming = null; }}>${t('common.cancel')}</button>
          <button type="button" @click=${this.confirmStart}>${t('history.confirmStart')}</button>
        </div>
      </div>` : nothing}
    </dialog>`;
  }

  override render() {
    const data = loadedFor(this.data, this.number);
    const sittings = data
      ? [...data.sittings].sort((a, b) => Number(b.groupId === this.groupId) - Number(a.groupId === this.groupId)
          || Date.parse(b.submittedAt) - Date.parse(a.submittedAt))
      : [];
    const back = this.groupId
      ? html`<a class="back" href=${href({ name: 'results', groupId: this.groupId })}>${t('sitting.back')}</a>`
      : html`<a class="back" href=${href({ name: 'groups' })}>${t('sitting.backGroups')}</a>`;
    return html`
      <div class="page-head">
        ${back}
        <h1>${data ? data.candidate.name : t('sitting.candidate', { number: this.number })}</h1>
        ${data ? html`<p class="sub">
          <span>${t('sitting.candidate', { number: data.candidate.number })}</span>
          ${data.candidate.className ? html`<span> · ${t('sitting.class', { name: data.candidate.className })}</span>` : nothing}
          ${accommodationBadges(data.candidate.accommodations)}
        </p>` : nothing}
      </div>
      ${loadStatus(this.data, data, () => void this.data.run())}
      ${data && sittings.length === 0 ? html`<p class="card empty">${t('sitting.none')}</p>` : nothing}
      <div class="sittings">${data ? sittings.map((s, i) => this.sitting(s, i, data.candidate.number)) : nothing}</div>
      ${this.repeatDialog()}
    `;
  }
}
customElements.define('adm-sitting', AdmSitting);

declare global {
  interface HTMLElementTagNameMap { 'adm-sitting': AdmSitting }
}
