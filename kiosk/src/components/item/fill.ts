/**
 * The item as in the exam (docs/design.md: QTI content): the stem is the item body's sanitised HTML, rendered
 * as it is; each `<inzage-part ref>` in it is then filled with its part, read-only and answered as the
 * candidate answered it, and a part's own text (gap match, hottext) has its `<inzage-gap ref>` and
 * `<inzage-hottext ref>` filled the same way. Lit renders into those placeholders, so every candidate value
 * still goes through a text binding; only server-sanitised exam content is HTML.
 */
import { render } from 'lit';
import type { ItemPartKey, PayloadItemPart, PayloadQuestionOf, RevealByType } from '../../../../shared/protocol.ts';
import type { Lang } from '../../i18n.ts';
import { associate, choice, gapMatch, hottext, inlineChoice, match, order, type PartView } from './choiceParts.ts';
import { graphicAssociate, graphicGapMatch, graphicOrder, hotspot, selectPoint } from './graphicParts.ts';
import { extendedText, slider, textEntry, unsupported } from './textParts.ts';
import type { PartCtx } from './values.ts';

const VIEWS: Record<PayloadItemPart['interaction'], (ctx: PartCtx) => PartView> = {
  choice, order, match, associate, gapMatch, inlineChoice, hottext,
  textEntry, extendedText, slider, unsupported,
  hotspot, selectPoint, graphicOrder, graphicAssociate, graphicGapMatch,
};

/** One part's view, with the candidate's values and (revealed) key. */
export function partView(q: PayloadQuestionOf<'item'>, part: PayloadItemPart, key: ItemPartKey | undefined, lang: Lang): PartView {
  const ctx: PartCtx = { part, n: q.parts.indexOf(part) + 1, values: q.response?.[part.id] ?? [], key, lang };
  return VIEWS[part.interaction](ctx);
}

/** Fills a part's own gaps and hottexts, once the part is rendered into `host`. */
function fillBody(host: Element, view: PartView): void {
  if (view.gap) for (const el of host.querySelectorAll('inzage-gap')) render(view.gap(el.getAttribute('ref') ?? ''), el as HTMLElement);
  if (view.hottext) {
    for (const el of host.querySelectorAll('inzage-hottext')) {
      const h = view.hottext(el.getAttribute('ref') ?? '');
      el.toggleAttribute('data-chosen', h.chosen);
      el.toggleAttribute('data-correct', h.correct);
      render(h.template, el as HTMLElement);
    }
  }
}

/** Renders every part into its placeholder in `stem` (the rendered stem of `q`); again on each update, which Lit turns into the least change. */
export function fillItem(stem: Element, q: PayloadQuestionOf<'item'>, reveal: RevealByType['item'] | undefined, lang: Lang): void {
  const keys = new Map(reveal?.parts.map((p) => [p.id, p]));
  for (const el of stem.querySelectorAll('inzage-part')) {
    const part = q.parts.find((p) => p.id === el.getAttribute('ref'));
    if (!part) continue;
    const view = partView(q, part, keys.get(part.id), lang);
    el.setAttribute('data-display', view.inline ? 'inline' : 'block');
    render(view.template, el as HTMLElement);
    fillBody(el, view);
  }
}
