/** How a screen shows its loading and its load error (shared by the screens that fetch). */
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../data/http.ts';
import type { TaskState } from '../controllers/task.ts';
import { errorMessage, t } from '../i18n.ts';

export function loadStatus<T>(state: TaskState<T>, retry: () => void): TemplateResult | typeof nothing {
  if (state.status === 'pending' && state.value === undefined) {
    return html`<p class="card muted" role="status">${t('app.loading')}</p>`;
  }
  if (state.status === 'error') {
    const err = state.error;
    const message = err instanceof ApiError ? errorMessage(err) : String(err);
    return html`<div class="alert row" role="alert">
      <span>${t('error.load', { message })}</span>
      <button type="button" class="secondary small" @click=${retry}>${t('common.retry')}</button>
    </div>`;
  }
  return nothing;
}
