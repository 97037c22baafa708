/**
 * Where exam content refers to media files: a `src="/api/media/NAME"` in any HTML field (`img`, `audio`, `video`,
 * their `source` and `track`), and a graphic
 * part's `image.src` (docs/design.md: Media). The walk goes through every field of the questions, so a field
 * added later is not missed; a candidate's responses are no content and are never walked.
 */
import type { Question } from '../../shared/domain.ts';
import { extPattern, MEDIA_SRC } from './files.ts';

export type RefPath = (string | number)[];

/** `src="/api/media/NAME"` in sanitised HTML (the sanitiser writes attributes in double quotes). */
const HTML_REF = new RegExp(`\\bsrc="/api/media/([0-9a-f]{64}\\.(?:${extPattern('image', 'audio', 'video', 'captions')}))"`, 'g');

/** Each media reference in `value` with the path of the field that holds it. */
export function* mediaRefs(value: unknown, path: RefPath = []): Generator<{ path: RefPath; name: string }> {
  if (typeof value === 'string') {
    const exact = path.at(-1) === 'src' ? MEDIA_SRC.exec(value) : null;
    if (exact) yield { path, name: exact[1]! };
    else for (const m of value.matchAll(HTML_REF)) yield { path, name: m[1]! };
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* mediaRefs(value[i], [...path, i]);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== 'response') yield* mediaRefs(v, [...path, k]);
  }
}

const cache = new WeakMap<readonly Question[], ReadonlySet<string>>();

/** The media files an exam's questions show (cached per questions list: a stored version never changes). */
export function mediaOfQuestions(questions: readonly Question[]): ReadonlySet<string> {
  let names = cache.get(questions);
  if (!names) {
    names = new Set([...mediaRefs(questions)].map((r) => r.name));
    cache.set(questions, names);
  }
  return names;
}

/**
 * `value` with every media reference given to `grant(name)`'s answer as its query (`/api/media/NAME?k=…`);
 * a candidate's responses are left as they are.
 */
export function withMediaQuery<T>(value: T, grant: (name: string) => string): T {
  return rewrite(value, undefined, grant) as T;
}

function rewrite(value: unknown, key: string | undefined, grant: (name: string) => string): unknown {
  if (typeof value === 'string') {
    if (key === 'src') {
      const exact = MEDIA_SRC.exec(value);
      return exact ? `${value}?k=${grant(exact[1]!)}` : value;
    }
    return value.includes('/api/media/') ? value.replace(HTML_REF, (_m, name: string) => `src="/api/media/${name}?k=${grant(name)}"`) : value;
  }
  if (Array.isArray(value)) return value.map((v) => rewrite(v, undefined, grant));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'response' ? v : rewrite(v, k, grant)]));
  }
  return value;
}
