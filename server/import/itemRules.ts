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

/** What is wrong with one value of a part (a key value, a mapping entry, a response value), or undefined. */
export function valueProblem(p: ItemPart, value: string): CodedMessage | undefined {
  const ids = (list: readonly { id: string }[] | undefined) => new Set((list ?? []).map((x) => x.id));
  const choices = ids(p.choices);
  const targets = ids(p.targets);
  const hotspots = ids(p.hotspots);
  const one = (set: Set<string>, code: 'value-not-a-choice' | 'value-not-a-hotspot') => (set.has(value) ? undefined : coded(code, { value }));
  const pair = (first: Set<string>, second: Set<string>, code: PairCode) => {
    const [a, b, ...rest] = value.trim().split(/\s+/);
    if (!a || !b || rest.length) return coded('value-not-a-pair', { value });
    return first.has(a) && second.has(b) ? undefined : coded(code, { value });
  };
  switch (p.interaction) {
    case 'choice':
    case 'order':
    case 'inlineChoice':
    case 'hottext':
      return one(choices, 'value-not-a-choice');
    case 'hotspot':
    case 'graphicOrder':
      return one(hotspots, 'value-not-a-hotspot');
    case 'match':
      return pair(choices, targets, 'pair-not-choice-target');
    case 'gapMatch':
      return pair(choices, targets, 'pair-not-gap-text-gap');
    case 'associate':
      return pair(choices, choices, 'pair-not-two-choices');
    case 'graphicGapMatch':
      return pair(choices, hotspots, 'pair-not-gap-image-hotspot');
    case 'graphicAssociate':
      return pair(hotspots, hotspots, 'pair-not-two-hotspots');
    case 'textEntry':
    case 'extendedText':
    case 'selectPoint':
    case 'slider':
    case 'unsupported':
      return undefined;
  }
}
