/**
 * How a screen shows its loading and its load error (shared by the screens that fetch with `@lit/task`).
 *
 * A screen's task loads what its arguments name (a group, a candidate, a filter) and runs again with the same
 * arguments when the server says the data changed (`version` is among the arguments). While it reloads the same
 * thing the old rows stay on screen; while it loads another thing they must not pass for the new one's, so a task
 * that loads by key returns `loaded(key, …)` and the screen reads it back with `loadedFor(task, key)`.
 */
import type { Task } from '@lit/task';
import { TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../data/http.ts';
import { errorMessage, t } from '../i18n.ts';

/** Data together with the key it was loaded for. */
export interface Loaded<K, T> {
  readonly key: K;
  readonly data: T;
}

export async function loaded<K, T>(key: K, data: Promise<T>): Promise<Loaded<K, T>> {
  return { key, data: await data };
}

/** The task's data if it was loaded for `key`; undefined while another key's data is all there is. */
export function loadedFor<K, T>(task: Task<readonly unknown[], Loaded<K, T>>, key: K): T | undefined {
  const value = task.value;
  return value !== undefined && value.key === key ? value.data : undefined;
}

/**
 * 'Bezig met laden…' while nothing is shown yet (`shown`: what the screen shows from this task), or the load
 * error with a retry button; nothing once loaded, and nothing while a reload keeps the old data on screen.
 */
export function loadStatus(task: Task<readonly unknown[], unknown>, shown: unknown, retry: () => void): TemplateResult | typeof nothing {
  if (task.status === TaskStatus.PENDING && shown === undefined) {
    return html`<p class="card muted" role="status">${t('app.loading')}</p>`;
  }
  if (task.status === TaskStatus.ERROR) {
    const err = task.error;
    const message = err instanceof ApiError ? errorMessage(err) : String(err);
    return html`<div class="alert row" role="alert">
      <span>${t('error.load', { message })}</span>
      <button type="button" class="secondary small" @click=${retry}>${t('common.retry')}</button>
    </div>`;
  }
  return nothing;
}
