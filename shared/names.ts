/**
 * Ordering people by name the Dutch way (docs/design.md: Events a busy desk cannot miss): by last name, ignoring the
 * prefixes (tussenvoegsels) — `van 't Hoff` sorts under H, `de Vries` under V — then by first name, compared with
 * the Dutch collation (case and diacritics ignored, digits by value). Shared by server (the `sortName` of result rows,
 * `candidateSortName` of reviews, the order of search hits and remarks) and console.
 */
import type { Candidate } from './domain.ts';

/** Words a Dutch last name's prefix is made of (`van`, `van der`, `in 't`, `van den`, `ter`, …), lower case. */
const PREFIX_WORDS = new Set([
  'van', 'de', 'der', 'den', 'het', "'t", "’t", 't', "'s", "’s", 'te', 'ten', 'ter', 'in', 'op', 'aan', 'bij', 'uit', 'onder',
  'over', 'voor', 'tot', 'uijt', 'la', 'le', 'du', 'des', 'di', 'da', 'del', 'della', 'dos', 'von', 'vom', 'zu', 'zum', 'zur', 'l\'', 'd\'',
]);

/** A prefix word; one written in lower case (the set's own spelling) is found without lower-casing it. */
const isPrefix = (word: string): boolean => PREFIX_WORDS.has(word) || PREFIX_WORDS.has(word.toLocaleLowerCase('nl'));

/** `van 't Hoff` → `Hoff`: a last name given with its prefix loses the prefix (the last word always stays). */
export function stripPrefix(lastName: string): string {
  const trimmed = lastName.trim();
  // one word (most names): nothing to strip, nothing to split
  if (!/\s/.test(trimmed)) return trimmed;
  const words = trimmed.split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && isPrefix(words[i]!)) i++;
  return words.slice(i).join(' ');
}

/**
 * The key a candidate sorts by: last name without prefix, first name, prefix (`Hoff Jacobus van 't`). A candidate
 * known by number only sorts by the number.
 */
export function sortName(c: Pick<Candidate, 'number' | 'firstName' | 'lastNamePrefix' | 'lastName'>): string {
  if (!c.lastName) return c.number;
  const last = c.lastName.trim();
  const core = stripPrefix(last);
  // a list that put the prefix into the last-name column still sorts by the name itself
  const prefix = spaced(c.lastNamePrefix?.trim(), core.length === last.length ? '' : last.slice(0, last.length - core.length).trim());
  return spaced(spaced(core, c.firstName?.trim()), prefix);
}

/**
 * `[a, b].filter(Boolean).join(' ')` without the array (sortName runs for every row of a results overview): the
 * non-empty of the two, with a space between when both are.
 */
function spaced(a: string | undefined, b: string | undefined): string {
  return !a ? b || '' : !b ? a : `${a} ${b}`;
}

/**
 * The Dutch collation: case and diacritics ignored, `Station 2` before `Station 10`. Made at the first comparison, not
 * when this module loads: making it loads ICU's collation data (~9 ms), which a restarting server would pay before it
 * listens, long before anything is sorted (docs/design.md: Start-up).
 */
let dutchCollator: Intl.Collator | undefined;

/** Compares two sort keys (or any texts) the Dutch way; ties broken by the exact text so that the order is stable. */
export function compareNames(a: string, b: string): number {
  dutchCollator ??= new Intl.Collator('nl', { numeric: true, sensitivity: 'base' });
  return dutchCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
