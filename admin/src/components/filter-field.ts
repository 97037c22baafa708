import { html, nothing, type TemplateResult } from 'lit';
import { formatNumber, t, type MessageKeyWith } from '../i18n.ts';

export interface ListFilter {
  /** id of the input; its hint gets `${id}-hint` */
  id: string;
  /** the table the filter narrows (`aria-controls`) */
  controls: string;
  label: MessageKeyWith;
  hint: MessageKeyWith;
  /** the text shown when nothing matches, with `{q}` */
  noMatch: MessageKeyWith<'q'>;
  value: string;
  onInput: (value: string) => void;
}

/**
 * A filter field over a list that narrows it as one types, with the count for the caption ('12' or '3 van 12')
 * and a status line when nothing matches. Used by the groups and results screens.
 */
export function listFilter(f: ListFilter, shown: number, total: number): { field: TemplateResult; count: string; none: TemplateResult } {
  const field = html`<div class="list-head">
    <div class="field">
      <label for=${f.id}>${t(f.label)}</label>
      <input id=${f.id} type="search" autocomplete="off" spellcheck="false" maxlength="100" .value=${f.value}
        aria-describedby=${`${f.id}-hint`} aria-controls=${f.controls}
        @input=${(e: InputEvent) => f.onInput((e.target as HTMLInputElement).value)}>
      <span class="hint" id=${`${f.id}-hint`}>${t(f.hint)}</span>
    </div>
  </div>`;
  const count = shown === total ? formatNumber(total) : t('common.countOf', { n: shown, total });
  const none = html`<div role="status">${shown === 0 ? html`<p class="card empty">${t(f.noMatch, { q: f.value.trim() })}</p>` : nothing}</div>`;
  return { field, count, none };
}
