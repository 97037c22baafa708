/**
 * Every media file an imported exam shows must exist when the import is written: one the import brings (a QTI
 * package's pictures) or one the data directory holds already. A JSON file brings none, so a `/api/media/…`
 * source in it must name a stored file (docs/import-format.md: Images).
 */
import { coded } from '../../shared/i18n/importIssues.ts';
import type { ImportedExam } from '../../shared/schema.ts';
import { mediaRefs } from '../media/refs.ts';
import type { Issues, Path } from './issues.ts';

/** Whether a media file will be there: brought by the import or stored. */
export type MediaAvailable = (name: string) => boolean;

export const noMedia: MediaAvailable = () => false;

export function checkMediaRefs(exam: ImportedExam, at: Path, available: MediaAvailable, issues: Issues): void {
  const reported = new Set<string>();
  for (const { path, name } of mediaRefs(exam.questions, [...at, 'questions'])) {
    const key = `${path.join('.')}\n${name}`;
    if (available(name) || reported.has(key)) continue;
    reported.add(key);
    issues.error(path, coded('media-missing', { name }));
  }
}
