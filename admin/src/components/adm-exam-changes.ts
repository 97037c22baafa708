import { LitElement, css, html, nothing } from 'lit';
import type { ReviewSettings } from '../../../shared/domain.ts';
import type { ExamChangeDto } from '../data/imports.ts';
import { LangController, formatDate, formatNumber, plural, t, type MessageKeyWith } from '../i18n.ts';
import { base } from '../styles.ts';

const REVIEW_FIELDS: [keyof ReviewSettings, MessageKeyWith][] = [
  ['allowed', 'exams.allowed'], ['opensAt', 'exams.opensAt'], ['closesAt', 'exams.closesAt'],
  ['maxMinutes', 'exams.maxMinutesLabel'], ['showKey', 'exams.showKey'], ['showScheme', 'exams.showScheme'],
  ['reveal', 'exams.revealPolicy'],
];

function value(field: keyof ReviewSettings, v: ReviewSettings[keyof ReviewSettings]): string {
  if (typeof v === 'boolean') return t(v ? 'importExams.yes' : 'importExams.no');
  if (field === 'opensAt' || field === 'closesAt') return formatDate(v as string | undefined);
  if (typeof v === 'object') return Object.values(v).join(' · ');
  return v === undefined ? t('common.none') : formatNumber(v as number);
}

const differing = (a: ReviewSettings, b: ReviewSettings) => REVIEW_FIELDS.filter(([k]) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));

/** "vraag 3, 5 en 8 gewijzigd" */
function questions(list: number[], what: 'changed' | 'added' | 'removed'): string | null {
  if (list.length === 0) return null;
  const numbers = list.length === 1 ? formatNumber(list[0]!) : t('importExams.and', { list: list.slice(0, -1).map(formatNumber).join(', '), last: list.at(-1)! });
  return plural(`importExams.questions.${what}`, list.length, { numbers });
}

/**
 * What an import does (or, in a dry run, would do) to each exam in its file: a new version and which questions
 * changed, the maximum score, how many sittings stay on the version they were taken with, and the review
 * settings (changed by the file, or the console's kept). One list item per exam.
 *
 * @fires none
 */
export class AdmExamChanges extends LitElement {
  static override properties = {
    changes: { attribute: false },
  };
  static override styles = [base, css`
    ul { margin: 0; padding-left: 1.25rem; display: flex; flex-direction: column; gap: var(--space-2); }
    li p { margin: 0; }
    .id { color: var(--muted); font-weight: 500; }
    .new-version { font-weight: 650; color: var(--ink-strong); }
  `];

  changes: ExamChangeDto[] = [];

  constructor() {
    super();
    new LangController(this);
  }

  private summary(c: ExamChangeDto) {
    if (c.change === 'added') return t('importExams.added');
    if (!c.newVersion) return t(c.change === 'updated' ? 'importExams.updated' : 'importExams.unchanged');
    const parts = [questions(c.questions.changed, 'changed'), questions(c.questions.added, 'added'), questions(c.questions.removed, 'removed')];
    return html`<span class="new-version">${t('importExams.newVersion')}</span> ${parts.filter(Boolean).join(', ')}.`;
  }

  private sittings(c: ExamChangeDto) {
    const lines: string[] = [];
    if (c.maxScore) lines.push(t('importExams.maxScore', { from: formatNumber(c.maxScore.from), to: formatNumber(c.maxScore.to) }));
    if (c.sittingsOnOldVersion) lines.push(plural(c.newVersion ? 'importExams.stayOld' : 'importExams.stayEarlier', c.sittingsOnOldVersion));
    if (c.sittingsInFile) lines.push(plural(c.newVersion ? 'importExams.inFileNew' : 'importExams.inFile', c.sittingsInFile));
    return lines.length ? html`<p>${lines.join(' ')}</p>` : nothing;
  }

  private review(c: ExamChangeDto) {
    const r = c.review;
    if (r?.outcome === 'changed') {
      const fields = differing(r.from, r.to).map(([k, label]) => t('importExams.fieldChanged', { field: t(label), from: value(k, r.from[k]), to: value(k, r.to[k]) }));
      return html`<p>${t('importExams.reviewChanged')} ${fields.join('; ')}.</p>`;
    }
    if (r?.outcome === 'kept') {
      const fields = differing(r.kept, r.file).map(([k, label]) => t('importExams.fieldKept', { field: t(label), kept: value(k, r.kept[k]), file: value(k, r.file[k]) }));
      return html`<p>${t('importExams.reviewKept')} ${fields.join('; ')}.</p>`;
    }
    return nothing;
  }

  override render() {
    if (this.changes.length === 0) return nothing;
    return html`<ul aria-label=${t('importExams.title')}>${this.changes.map((c) => html`<li>
      <p><strong>${c.title}</strong> <span class="id">(${c.examId})</span>: ${this.summary(c)}</p>
      ${this.sittings(c)}
      ${this.review(c)}
    </li>`)}</ul>`;
  }
}
customElements.define('adm-exam-changes', AdmExamChanges);

declare global {
  interface HTMLElementTagNameMap { 'adm-exam-changes': AdmExamChanges }
}
