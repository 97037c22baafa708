import { LitElement, css, html, nothing } from 'lit';
import type { PayloadQuestion, TypedReveal } from '../../../shared/protocol.ts';
import type { AdminSocket } from '../data/live.ts';
import { MirrorController, type MirrorState } from '../data/mirror.ts';
import { LangController, endedReasonSentence, errorMessage, t } from '../i18n.ts';
import { navigate } from '../router.ts';
import { base } from '../styles.ts';
import './mirror-question.ts';

/**
 * 'Meekijken' (`#/meekijken/:reviewId`): what one review's kiosk shows now, read-only and live — the question on
 * screen and whether its key or marking scheme is open, as the candidate sees it (data/mirror.ts). Opened from
 * 'Actieve inzages'; the server audits the opening. The kiosk shows nothing of it. When the review ends the
 * candidate's data goes from the screen and a line says why.
 */
export class AdmMirror extends LitElement {
  static override properties = { reviewId: { attribute: false }, socket: { attribute: false } };
  static override styles = [base, css`
    :host { display: block; }
    .top { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: var(--space-2) var(--space-4); margin-bottom: var(--space-3); }
    h1 { margin: 0; }
    .facts { display: flex; flex-wrap: wrap; gap: var(--space-1) var(--space-5); margin: 0 0 var(--space-4); }
    .facts div { display: flex; gap: var(--space-2); }
    dt { color: var(--muted); }
    dd { margin: 0; font-weight: 650; }
    .where { font-weight: 650; margin: 0 0 var(--space-3); }
  `];

  reviewId = '';
  socket: AdminSocket | null = null;
  private readonly mirror = new MirrorController(this);

  constructor() {
    super();
    new LangController(this);
  }

  override willUpdate(): void {
    this.mirror.follow(this.socket, this.reviewId);
  }

  override render() {
    const s = this.mirror.state;
    return html`<section aria-labelledby="mirror-title">
      <div class="top">
        <h1 id="mirror-title" tabindex="-1">${t('mirror.title')}</h1>
        <button type="button" class="secondary small" @click=${() => navigate({ name: 'groups' })}>${t('mirror.stop')}</button>
      </div>
      ${this.body(s)}
    </section>`;
  }

  private body(s: MirrorState) {
    switch (s.status) {
      case 'loading':
        return html`<p class="muted" role="status">${t('app.loading')}</p>`;
      case 'ended':
        return html`<p class="notice info" role="status">${t('mirror.ended')} ${s.reason ? endedReasonSentence(s.reason) : nothing}</p>`;
      case 'error':
        return html`<p class="alert" role="alert">${s.error.code === 'timeout' ? t('mirror.timeout') : errorMessage(s.error)}</p>`;
      case 'open': {
        const { review, questions } = s.mirror;
        const q = questions.find((x) => x.id === s.view.position) ?? null;
        return html`
          <p class="muted">${t('mirror.readOnly')}</p>
          <dl class="facts">
            <div><dt>${t('mirror.candidate')}</dt><dd>${review.candidateName}</dd></div>
            <div><dt>${t('mirror.exam')}</dt><dd>${review.examTitle}</dd></div>
            <div><dt>${t('mirror.kiosk')}</dt><dd>${review.kioskName}</dd></div>
          </dl>
          <p class="where" role="status">${t('active.question', { n: s.view.questionNumber, total: questions.length })}</p>
          <adm-mirror-question .question=${q} .reveal=${q ? typed(q, s.view.reveal) : null}></adm-mirror-question>`;
      }
    }
  }
}

/** The key or scheme as the server sent it, tagged with its question's type (as the kiosk tags it). */
function typed(q: PayloadQuestion, reveal: unknown): TypedReveal | null {
  return reveal ? ({ type: q.type, ...(reveal as object) } as TypedReveal) : null;
}

customElements.define('adm-mirror', AdmMirror);

declare global {
  interface HTMLElementTagNameMap { 'adm-mirror': AdmMirror }
}
