/**
 * Media no stored exam shows any more is removed (docs/design.md: Media, Purge): after an import has replaced an
 * exam's version, and after a purge has dropped old versions with their last sittings. Media is exam content,
 * not candidate data, so it is kept exactly as long as some stored exam version shows it.
 */
import type { Store } from '../store/index.ts';
import type { ContentRepo } from '../store/repositories.ts';
import { mediaOfQuestions } from './refs.ts';

/** The media the stored exams show: every exam's current version and each version a stored sitting was taken with. */
export function referencedMedia(content: ContentRepo): Set<string> {
  const names = new Set<string>();
  const add = (questions: Parameters<typeof mediaOfQuestions>[0]) => { for (const n of mediaOfQuestions(questions)) names.add(n); };
  for (const exam of content.exams()) add(exam.questions);
  const seen = new Set<string>();
  for (const s of content.sittingSummaries()) {
    const key = `${s.examId}\n${s.examVersion ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const exam = content.examOfSitting(s);
    if (exam) add(exam.questions);
  }
  return names;
}

/** Removes the media files no stored exam shows; answers their names. */
export async function sweepMedia(store: Store): Promise<string[]> {
  const files = store.media.list();
  if (!files.length) return []; // the usual case of an import without pictures: nothing to look up
  const keep = referencedMedia(store.content);
  return store.media.remove(files.filter((n) => !keep.has(n)));
}
