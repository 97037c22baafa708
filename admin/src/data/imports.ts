/** Import files (admin): a dry run first, then applied. */
import type { ImportResultDto } from '../../../shared/protocol.ts';
import { ApiError, failure } from './http.ts';

export type { ExamChangeDto, ImportInputDto, ImportKind, ImportKindCounts, ImportResultDto } from '../../../shared/protocol.ts';

/** Upload progress: bytes sent so far of `total`; once all is sent the server is still checking. */
export interface UploadProgress { loaded: number; total: number }

/** An upload of files (`multipart/form-data`): QTI packages, results, candidate lists, JSON; the group for results. */
export function importForm(files: readonly File[], group: { id: string; name: string }): FormData {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  if (group.id.trim()) form.append('groupId', group.id.trim());
  if (group.name.trim()) form.append('groupName', group.name.trim());
  return form;
}

/**
 * Send an import: one JSON file's text, as read, or files as a form (`importForm`), for a dry run or to apply
 * it. One request; XMLHttpRequest rather than fetch because only it reports upload progress. A 400
 * `invalid-input` carries every error (with its JSON path, or file, line and column) in `ApiError.errors`.
 */
export function uploadImport(
  body: string | FormData,
  { dryRun, onProgress, signal }: { dryRun: boolean; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal },
): Promise<ImportResultDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports${dryRun ? '?dryRun=1' : ''}`);
    // a form gets its multipart content type (with the boundary) from the browser
    if (typeof body === 'string') xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    if (onProgress) xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as ImportResultDto);
      else reject(failure(xhr.status, xhr.statusText, data));
    };
    xhr.onerror = () => reject(new ApiError('network', 'network', 0));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
