/**
 * Cross checks of a QTI item question (docs/design.md: QTI content): unique part ids; each part's placeholder
 * in the stem exactly once and no placeholder without a part; gaps and hottexts in a part's text that exist;
 * and values (keys, mapping entries, candidates' responses) that name the part's own choices, targets or
 * hotspots; a picture that is an inline image. Values of other base types (strings, numbers, points) are free.
 */
import type { ItemPart, ItemQuestion } from '../../shared/schema.ts';
import { isAllowedImageSource } from './contentAllowlist.ts';
import { findDuplicates, type Issues, type Path } from './issues.ts';

const refsOf = (html: string, tag: string): string[] =>
  [...html.matchAll(new RegExp(`<${tag}\\s[^>]*?\\bref\\s*=\\s*(["'])(.*?)\\1`, 'gi'))].map((m) => unescape(m[2]!));

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function checkItem(q: ItemQuestion, at: Path, issues: Issues): void {
  findDuplicates(q.parts, (p) => p.id, (i, id) => issues.error([...at, 'parts', i, 'id'], `duplicate part id "${id}"`));
  const placed = refsOf(q.stem, 'inzage-part');
  const ids = new Set(q.parts.map((p) => p.id));
  for (const ref of new Set(placed)) if (!ids.has(ref)) issues.error([...at, 'stem'], `<inzage-part ref="${ref}"> names no part`);
  q.parts.forEach((p, i) => {
    const n = placed.filter((r) => r === p.id).length;
    if (n !== 1) issues.error([...at, 'parts', i], `part "${p.id}" must have exactly one <inzage-part ref="${p.id}"> in the stem, found ${n}`);
    checkPart(p, [...at, 'parts', i], issues);
  });
}

function checkPart(p: ItemPart, at: Path, issues: Issues): void {
  const ownIds = (list: readonly { id: string }[] | undefined, name: string) =>
    findDuplicates(list ?? [], (x) => x.id, (j, id) => issues.error([...at, name, j, 'id'], `duplicate id "${id}"`));
  ownIds(p.choices, 'choices');
  ownIds(p.targets, 'targets');
  ownIds(p.hotspots, 'hotspots');
  // the kiosk shows the picture as <img src>: only what its CSP loads and the content allowlist keeps
  if (p.image && !isAllowedImageSource(p.image.src)) issues.error([...at, 'image', 'src'], 'must be an inline image (data:image/png, jpeg, gif or webp;base64) or a media file of the import (/api/media/…)');
  if (p.body !== undefined) {
    const targets = new Set((p.targets ?? []).map((t) => t.id));
    const choices = new Set((p.choices ?? []).map((c) => c.id));
    for (const g of refsOf(p.body, 'inzage-gap')) if (!targets.has(g)) issues.error([...at, 'body'], `<inzage-gap ref="${g}"> is not one of the part's targets`);
    for (const h of refsOf(p.body, 'inzage-hottext')) if (!choices.has(h)) issues.error([...at, 'body'], `<inzage-hottext ref="${h}"> is not one of the part's choices`);
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
const one = (value: string, set: ReadonlySet<string>, kind: string) => (set.has(value) ? undefined : `"${value}" is not one of the part's ${kind}`);
function pair(value: string, first: ReadonlySet<string>, second: ReadonlySet<string>, kinds: string): string | undefined {
  const [a, b, ...rest] = value.trim().split(/\s+/);
  if (!a || !b || rest.length) return `"${value}" is not a pair of two identifiers`;
  return first.has(a) && second.has(b) ? undefined : `"${value}" does not pair ${kinds} of the part`;
}

/** What is wrong with one value of a part (a key value, a mapping entry, a response value), or undefined. */
export function valueProblem(p: ItemPart, value: string): string | undefined {
  const { choices, targets, hotspots } = idsOf(p);
  switch (p.interaction) {
    case 'choice':
    case 'order':
    case 'inlineChoice':
    case 'hottext':
      return one(value, choices, 'choices');
    case 'hotspot':
    case 'graphicOrder':
      return one(value, hotspots, 'hotspots');
    case 'match':
      return pair(value, choices, targets, 'a choice with a target');
    case 'gapMatch':
      return pair(value, choices, targets, 'a gap text with a gap');
    case 'associate':
      return pair(value, choices, choices, 'two choices');
    case 'graphicGapMatch':
      return pair(value, choices, hotspots, 'a gap image with a hotspot');
    case 'graphicAssociate':
      return pair(value, hotspots, hotspots, 'two hotspots');
    case 'textEntry':
    case 'extendedText':
    case 'selectPoint':
    case 'slider':
    case 'unsupported':
      return undefined;
  }
}
