import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { REMARK_KINDS, REMARK_MAX_CHARS, type RemarkKind } from '../../../shared/domain.ts';
import type { RemarkEntry } from '../data/state.ts';
import { RemarkEvent } from '../events.ts';
import { commandErrorText, formatTime, texts, type Lang } from '../i18n.ts';
import { baseStyles } from './shared-styles.ts';

/**
 * 'Opmerking': the candidate's remark on one question — what it is about ('De antwoordsleutel klopt niet' / 'Mijn
 * antwoord is ook goed' / 'Anders') and an explanation of at most 1,000 characters — with the remark as saved, and
 * the server's refusal if any. Saving again replaces it; saving an empty explanation removes it. The draft lives in
 * this element only, and goes with it.
 *
 * @fires ksk-remark - {@link RemarkEvent} on 'Opmerking opslaan'
 */
export class KskRemark extends LitElement {
  static override properties = {
    questionId: { attribute: false }, entry: { attribute: false }, language: { attribute: false },
    kind: { state: true }, text: { state: true },
  };
  static override styles = [baseStyles, css`
    :host { display: block; margin-top: calc(var(--ksk-ui) * 1.5); font-size: var(--ksk-ui); max-width: 48rem; }
    section { border-top: 2px solid var(--ksk-line); padding-top: 0.75em; }
    h3 { font-size: 1.15em; margin: 0 0 0.3em; }
    .intro { margin: 0 0 0.6em; color: var(--ksk-muted); }
    fieldset { border: 0; margin: 0 0 0.6em; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em 1.25em; }
    legend { font-weight: 600; margin-bottom: 0.3em; padding: 0; }
    label.kind { display: inline-flex; align-items: center; gap: 0.4em; }
    .field { display: flex; flex-direction: column; gap: 0.3em; }
    .field label { font-weight: 600; }
    textarea { font: inherit; min-height: 5em; padding: 0.4em 0.5em; border: 2px solid var(--ksk-line); border-radius: 6px; resize: vertical; }
    .count { color: var(--ksk-muted); font-size: 0.9em; margin: 0; }
    .actions { display: flex; align-items: center; gap: 1em; flex-wrap: wrap; margin-top: 0.6em; }
    .status { margin: 0; }
    .error { color: var(--ksk-warn-ink); font-weight: 600; margin: 0; }
  `];

  questionId = '';
  entry: RemarkEntry | undefined = undefined;
  language: Lang = 'nl';
  kind: RemarkKind = 'key';
  text = '';

  override willUpdate(changed: PropertyValues<this>): void {
    // another question, or the server answered: the form shows what is stored
    const before = changed.get('entry') as RemarkEntry | undefined;
    const answered = changed.has('entry') && before?.pending && !this.entry?.pending && !this.entry?.error;
    if (changed.has('questionId') || answered) {
      this.kind = this.entry?.saved?.kind ?? 'key';
      this.text = this.entry?.saved?.text ?? '';
    }
  }

  /** Removed from the page: the review is over or the question changed; keep nothing the candidate typed. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.text = '';
    this.entry = undefined;
  }

  override render() {
    const t = texts(this.language);
    const e = this.entry;
    const saved = e?.saved;
    return html`<section aria-labelledby="remark-h">
      <h3 id="remark-h">${t('remarkHeading')}</h3>
      <p class="intro">${t('remarkIntro')}</p>
      <form @submit=${this.submit}>
        <fieldset>
          <legend>${t('remarkKind')}</legend>
          ${REMARK_KINDS.map((k) => html`<label class="kind">
            <input type="radio" name="kind" value=${k} .checked=${this.kind === k} @change=${() => (this.kind = k)} />
            ${t(`remarkKind.${k}`)}
          </label>`)}
        </fieldset>
        <div class="field">
          <label for="remark-text">${t('remarkText')}</label>
          <textarea id="remark-text" maxlength=${REMARK_MAX_CHARS} aria-describedby="remark-count"
            .value=${this.text} @input=${(ev: Event) => (this.text = (ev.target as HTMLTextAreaElement).value)}></textarea>
          <p class="count" id="remark-count">${t('remarkCount', { count: this.text.length, max: REMARK_MAX_CHARS })}</p>
        </div>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${e?.pending ? 'true' : nothing}>${t('remarkSave')}</button>
          <p class="status" role="status">${e?.pending ? t('remarkSaving')
            : e?.done === 'saved' && saved ? t('remarkSaved', { time: formatTime(this.language, saved.updatedAt) })
            : e?.done === 'removed' ? t('remarkRemoved')
            : saved ? t('remarkEmptyHint') : ''}</p>
        </div>
        ${e?.error ? html`<p class="error" role="alert">${commandErrorText(this.language, e.error)}</p>` : nothing}
      </form>
    </section>`;
  }

  private submit(ev: Event): void {
    ev.preventDefault();
    if (this.entry?.pending) return;
    this.dispatchEvent(new RemarkEvent(this.questionId, this.kind, this.text));
  }
}

customElements.define('ksk-remark', KskRemark);

declare global {
  interface HTMLElementTagNameMap {
    'ksk-remark': KskRemark;
  }
}
