/**
 * Interactions → response parts (`shared/schema.ts`, ItemPartSchema). Each interaction becomes one part, named
 * by its response identifier, with what the candidate chose from (choices, targets, hotspots, the picture) and
 * its prompt; the key and mappings come from the response declaration (`declarations.ts`). An interaction the
 * model does not know (upload, drawing, media, custom, PCI, …) becomes an `unsupported` part that keeps its
 * prompt (a media interaction's sound or film with it), and a warning: nothing is dropped silently.
 */
import type { Element } from '@xmldom/xmldom';
import type { ItemPart, PartInteraction } from '../../../shared/schema.ts';
import { escapeAttr, firstImage, innerHtml, outerHtml, type ContentContext } from './content.ts';
import { readArea, type Report } from './declarations.ts';
import { attr, child, children, descendants, nameOf, numberAttr } from './xml.ts';
import { say } from '../issues.ts';

const KINDS: Record<string, PartInteraction> = {
  'qti-choice-interaction': 'choice',
  'qti-order-interaction': 'order',
  'qti-match-interaction': 'match',
  'qti-associate-interaction': 'associate',
  'qti-gap-match-interaction': 'gapMatch',
  'qti-inline-choice-interaction': 'inlineChoice',
  'qti-text-entry-interaction': 'textEntry',
  'qti-extended-text-interaction': 'extendedText',
  'qti-hotspot-interaction': 'hotspot',
  'qti-select-point-interaction': 'selectPoint',
  'qti-graphic-order-interaction': 'graphicOrder',
  'qti-graphic-associate-interaction': 'graphicAssociate',
  'qti-graphic-gap-match-interaction': 'graphicGapMatch',
  'qti-hottext-interaction': 'hottext',
  'qti-slider-interaction': 'slider',
};

export const isInteraction = (name: string) => name.endsWith('-interaction') && name.startsWith('qti-');

/** The part's own shape, without what the declaration adds. */
export type PartShape = Omit<ItemPart, 'cardinality' | 'baseType' | 'key' | 'mapping' | 'areaMapping' | 'maxScore'>;

export interface InteractionContext extends ContentContext, Report {}

export function readInteraction(el: Element, id: string, ctx: InteractionContext): PartShape {
  const name = nameOf(el);
  const kind = KINDS[name];
  const promptEl = child(el, 'qti-prompt');
  // a media interaction's sound or film is shown (and can be played) with its prompt; the plays are not recorded
  const player = name === 'qti-media-interaction' ? children(el).filter((c) => c !== promptEl).map((c) => outerHtml(c, ctx)).join('').trim() : '';
  const prompt = (promptEl ? innerHtml(promptEl, ctx).trim() : '') + player || undefined;
  const base = { id, ...(prompt ? { prompt } : {}) };
  if (!kind) {
    ctx.warn(el, say('qti-interaction-unsupported', { name }));
    return { ...base, interaction: 'unsupported', element: name };
  }
  const labels = (els: Element[]) => els.map((c) => ({ id: attr(c, 'identifier') ?? '', text: innerHtml(c, ctx).trim() }));
  const limits = {
    ...optional('minChoices', numberAttr(el, 'min-choices')),
    ...optional('maxChoices', numberAttr(el, 'max-choices')),
  };
  switch (kind) {
    case 'choice':
    case 'order':
      return { ...base, interaction: kind, choices: labels(children(el, 'qti-simple-choice')), ...limits };
    case 'match': {
      const [first, second] = children(el, 'qti-simple-match-set');
      return {
        ...base, interaction: kind, ...limits,
        choices: labels(first ? children(first, 'qti-simple-associable-choice') : []),
        targets: labels(second ? children(second, 'qti-simple-associable-choice') : []),
      };
    }
    case 'associate':
      return { ...base, interaction: kind, choices: labels(children(el, 'qti-simple-associable-choice')), ...limits };
    case 'inlineChoice':
      return { ...base, interaction: kind, choices: labels(children(el, 'qti-inline-choice')) };
    case 'textEntry':
    case 'extendedText':
      return { ...base, interaction: kind, ...limits };
    case 'gapMatch':
      return {
        ...base, interaction: kind,
        choices: labels(children(el, 'qti-gap-text', 'qti-gap-img')),
        targets: descendants(el, 'qti-gap').map((g) => ({ id: attr(g, 'identifier') ?? '', text: '' })),
        body: ownText(el, ctx),
      };
    case 'hottext':
      return { ...base, interaction: kind, ...limits, choices: labels(descendants(el, 'qti-hottext')), body: ownText(el, ctx) };
    case 'slider':
      return { ...base, interaction: kind, ...optional('lowerBound', numberAttr(el, 'lower-bound')), ...optional('upperBound', numberAttr(el, 'upper-bound')) };
    case 'hotspot':
    case 'selectPoint':
    case 'graphicOrder':
    case 'graphicAssociate':
    case 'graphicGapMatch':
      return { ...base, interaction: kind, ...limits, ...graphic(el, ctx), ...(kind === 'graphicGapMatch' ? { choices: labels(children(el, 'qti-gap-img', 'qti-gap-text')) } : {}) };
    case 'unsupported':
      return { ...base, interaction: kind, element: name };
  }
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;
}

/** A gap match's or hottext's own text, gaps and hottexts marked; its prompt and gap texts are elsewhere. */
function ownText(el: Element, ctx: InteractionContext): string {
  const inner: ContentContext = {
    ...ctx,
    qti: (e, name) => {
      if (name === 'qti-prompt' || name === 'qti-gap-text' || name === 'qti-gap-img') return '';
      if (name === 'qti-gap') return `<inzage-gap ref="${escapeAttr(attr(e, 'identifier') ?? '')}"></inzage-gap>`;
      if (name === 'qti-hottext') return `<inzage-hottext ref="${escapeAttr(attr(e, 'identifier') ?? '')}">${innerHtml(e, inner)}</inzage-hottext>`;
      return ctx.qti?.(e, name);
    },
  };
  return innerHtml(el, inner).trim();
}

/** The picture of a graphic interaction and its areas. */
function graphic(el: Element, ctx: InteractionContext): Pick<ItemPart, 'image' | 'hotspots'> {
  const img = firstImage(el);
  let image: ItemPart['image'];
  if (!img) ctx.error(el, say('qti-graphic-needs-picture', {}));
  else {
    const src = ctx.image(attr(img, nameOf(img) === 'object' ? 'data' : 'src') ?? '', img);
    const width = numberAttr(img, 'width');
    const height = numberAttr(img, 'height');
    const alt = nameOf(img) === 'img' ? attr(img, 'alt') : (img.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (src) image = { src, ...(width ? { width } : {}), ...(height ? { height } : {}), ...(alt ? { alt } : {}) };
  }
  const hotspots = children(el, 'qti-hotspot-choice', 'qti-associable-hotspot').map((h) => {
    const label = attr(h, 'hotspot-label');
    return { id: attr(h, 'identifier') ?? '', ...readArea(h, ctx), ...(label ? { label } : {}) };
  });
  return { ...(image ? { image } : {}), ...(hotspots.length ? { hotspots } : {}) };
}
