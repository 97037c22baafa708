/**
 * Cross checks of a QTI item question (docs/design.md: QTI content): unique part ids; each part's placeholder
 * in the stem exactly once and no placeholder without a part; gaps and hottexts in a part's text that exist;
 * and values (keys, mapping entries, candidates' responses) that name the part's own choices, targets or
 * hotspots; a picture that is an inline image. Values of other base types (strings, numbers, points) are free.
 */
import type { ItemPart, ItemQuestion } from '../../shared/schema.ts';
import { isAllowedImageSource } from './contentAllowlist.ts';
import { coded, type CodedMessage } from '../../shared/i18n/importIssues.ts';
import { findDuplicates, type Issues, type Path } from './issues.ts';

type PairCode = 'pair-not-choice-target' | 'pair-not-gap-text-gap' | 'pair-not-two-choices' | 'pair-not-gap-image-hotspot' | 'pair-not-two-hotspots';

const refsOf = (html: string, tag: string): string[] =>
  [...html.matchAll(new RegExp(`<${tag}\\s[^>]*?\\bref\\s*=\\s*(["'])(.*?)\\1`, 'gi'))].map((m) => unescape(m[2]!));

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function checkItem(q: ItemQuestion, at: Path, issues: Issues): void {
  findDuplicates(q.parts, (p) => p.id, (i, id) => issues.error([...at, 'parts', i, 'id'], coded('duplicate-part-id', { id })));
  const placed = refsOf(q.stem, 'inzage-part');
  const ids = new Set(q.parts.map((p) => p.id));
  for (const ref of new Set(placed)) if (!ids.has(ref)) issues.error([...at, 'stem'], coded('part-ref-names-no-part', { ref }));
  q.parts.forEach((p, i) => {
    const n = placed.filter((r) => r === p.id).length;
    if (n !== 1) issues.error([...at, 'parts', i], coded('part-placed-not-once', { id: p.id, found: n }));
    checkPart(p, [...at, 'parts', i], issues);
  });
}

function checkPart(p: ItemPart, at: Path, issues: Issues): void {
  const ownIds = (list: readonly { id: string }[] | undefined, name: string) =>
    findDuplicates(list ?? [], (x) => x.id, (j, id) => issues.error([...at, name, j, 'id'], coded('duplicate-id', { id })));
  ownIds(p.choices, 'choices');
  ownIds(p.targets, 'targets');
  ownIds(p.hotspots, 'hotspots');
  // the kiosk shows the picture as <img src>: only what its CSP loads and the content allowlist keeps
  if (p.image && !isAllowedImageSource(p.image.src)) issues.error([...at, 'image', 'src'], coded('part-image-source', {}));
  if (p.body !== undefined) {
    const targets = new Set((p.targets ?? []).map((t) => t.id));
    const choices = new Set((p.choices ?? []).map((c) => c.id));
    for (const g of refsOf(p.body, 'inzage-gap')) if (!targets.has(g)) issues.error([...at, 'body'], coded('gap-not-a-target', { ref: g }));
    for (const h of refsOf(p.body, 'inzage-hottext')) if (!choices.has(h)) issues.error([...at, 'body'], coded('hottext-not-a-choice', { ref: h }));
  }
  for (const v of p.key ?? []) {
    const problem = valueProblem(p, v);
    if (problem) issues.error([...at, 'key'], problem);
  }
  p.mapping?.entries.forEach((e, j) => {
    const problem = valueProblem(p, e.value);
    if (problem) issues.error([...at, 'mapping', 'entries', j, 'value'], problem);
  });
}

interface PartIds { choices: ReadonlySet<string>; targets: ReadonlySet<string>; hotspots: ReadonlySet<string> }
const partIds = new WeakMap<ItemPart, PartIds>();

/** A part's choice, target and hotspot ids, made once per part: a results import checks every candidate's values. */
function idsOf(p: ItemPart): PartIds {
  let ids = partIds.get(p);
  if (!ids) {
    const set = (list: readonly { id: string }[] | undefined) => new Set((list ?? []).map((x) => x.id));
    ids = { choices: set(p.choices), targets: set(p.targets), hotspots: set(p.hotspots) };
    partIds.set(p, ids);
  }
  return ids;
}

// module-level, not closures per call: a results import asks this of every value of every candidate
const one = (value: string, set: ReadonlySet<string>, code: 'value-not-a-choice' | 'value-not-a-hotspot') => (set.has(value) ? undefined : coded(code, { value }));
function pair(value: string, first: ReadonlySet<string>, second: ReadonlySet<string>, code: PairCode): CodedMessage | undefined {
  const [a, b, ...rest] = value.trim().split(/\s+/);
  if (!a || !b || rest.length) return coded('value-not-a-pair', { value });
  return first.has(a) && second.has(b) ? undefined : coded(code, { value });
}

/** What is wrong with one value of a part (a key value, a mapping entry, a response value), or undefined. */
export function valueProblem(p: ItemPart, value: string): CodedMessage | undefined {
  const { choices, targets, hotspots } = idsOf(p);
  switch (p.interaction) {
    case 'choice':
    case 'order':
    case 'inlineChoice':
    case 'hottext':
      return one(value, choices, 'value-not-a-choice');
    case 'hotspot':
    case 'graphicOrder':
      return one(value, hotspots, 'value-not-a-hotspot');
    case 'match':
      return pair(value, choices, targets, 'pair-not-choice-target');
    case 'gapMatch':
      return pair(value, choices, targets, 'pair-not-gap-text-gap');
    case 'associate':
      return pair(value, choices, choices, 'pair-not-two-choices');
    case 'graphicGapMatch':
      return pair(value, choices, hotspots, 'pair-not-gap-image-hotspot');
    case 'graphicAssociate':
      return pair(value, hotspots, hotspots, 'pair-not-two-hotspots');
    case 'textEntry':
    case 'extendedText':
    case 'selectPoint':
    case 'slider':
    case 'unsupported':
      return undefined;
  }
}
