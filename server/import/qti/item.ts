/**
 * One `qti-assessment-item` → an item question (`shared/schema.ts`, ItemQuestionSchema): the body's XHTML with
 * a placeholder `<inzage-part ref="…">` where each interaction stood, one part per interaction with the key
 * and mappings of its response declaration, the marking scheme from the rubric blocks, and the maximum score
 * (`scoring.ts`). Shared stimuli come first in the text (`stimulus.ts`). Rubric blocks for the candidate stay in the text; those for scorers make the scheme (else
 * those for authors or tutors); others (proctor, test constructor) are left out.
 */
import type { Element } from '@xmldom/xmldom';
import type { ItemPart, ItemQuestion } from '../../../shared/schema.ts';
import { escapeAttr, innerHtml, type ContentContext } from './content.ts';
import { readDeclaration, type Declaration } from './declarations.ts';
import { packagePlayer } from './players.ts';
import { packageImage, type QtiMedia } from './images.ts';
import { isInteraction, readInteraction, type InteractionContext } from './interactions.ts';
import type { QtiIssues } from './issues.ts';
import type { QtiPackage } from './package.ts';
import { outcomeNumber, partMax, templateOf } from './scoring.ts';
import { stimuliHtml } from './stimulus.ts';
import { attr, child, children, nameOf } from './xml.ts';
import { say } from '../issues.ts';

export type ParsedItem = Pick<ItemQuestion, 'type' | 'title' | 'stem' | 'parts' | 'scheme' | 'maxScore'>;

const SCHEME_VIEWS = ['scorer', 'author', 'tutor'] as const;

export function readItem(root: Element, file: string, pkg: QtiPackage, issues: QtiIssues, media: QtiMedia): ParsedItem | undefined {
  if (nameOf(root) !== 'qti-assessment-item') {
    issues.error(file, root, say('qti-not-item', { found: root.nodeName }));
    return undefined;
  }
  const before = issues.errors.length;
  const report = { error: (el: Element, m: string) => issues.error(file, el, m), warn: (el: Element, m: string) => issues.warn(file, el, m) };
  const declarations = new Map<string, Declaration>();
  for (const d of children(root, 'qti-response-declaration')) {
    const id = attr(d, 'identifier') ?? '';
    if (declarations.has(id)) issues.error(file, d, say('qti-declaration-twice', { id }));
    else declarations.set(id, readDeclaration(d, report));
  }

  const parts: ItemPart[] = [];
  const rubrics = new Map<string, string[]>();
  const ctx: InteractionContext = {
    ...report,
    image: (src, el) => packageImage(pkg, media, file, src, el, report),
    media: (src, el, want) => packagePlayer(pkg, media, file, src, el, want, report),
    qti: (el, name) => {
      if (isInteraction(name)) return placeholder(el);
      if (name === 'qti-rubric-block') return rubric(el);
      return undefined;
    },
  };
  const placeholder = (el: Element): string => {
    const id = attr(el, 'response-identifier');
    if (!id) { // every QTI interaction has one
      issues.error(file, el, say('qti-no-response-identifier', {}));
      return '';
    }
    const shape = readInteraction(el, id, ctx);
    if (parts.some((p) => p.id === id)) {
      issues.error(file, el, say('qti-interaction-twice', { id }));
      return '';
    }
    const decl = declarations.get(id);
    if (!decl && shape.interaction !== 'unsupported') issues.error(file, el, say('qti-no-declaration', { id }));
    const { el: _el, ...declared } = decl ?? { el: undefined, cardinality: 'single' as const };
    parts.push({ ...shape, ...declared });
    return `<inzage-part ref="${escapeAttr(id)}"></inzage-part>`;
  };
  const rubric = (el: Element): string => {
    const views = (attr(el, 'view') ?? '').split(/\s+/);
    const html = innerHtml(el, ctx).trim();
    if (views.includes('candidate')) return `<div>${html}</div>`;
    for (const v of views) rubrics.set(v, [...(rubrics.get(v) ?? []), html]);
    return '';
  };

  const body = child(root, 'qti-item-body');
  if (!body) issues.error(file, root, say('qti-no-item-body', {}));
  const stem = stimuliHtml(root, file, pkg, media, issues, ctx) + (body ? innerHtml(body, ctx).trim() : '');
  const schemeView = SCHEME_VIEWS.find((v) => rubrics.has(v));
  const maxScore = itemMax(root, parts, file, issues);
  if (issues.errors.length > before) return undefined;
  const title = attr(root, 'title')?.trim();
  return {
    type: 'item',
    ...(title ? { title: title.slice(0, 300) } : {}),
    stem,
    parts,
    ...(schemeView ? { scheme: rubrics.get(schemeView)!.join('\n') } : {}),
    maxScore,
  };
}

/** The item's maximum, and each part's where the processing template implies it (`scoring.ts`). */
function itemMax(root: Element, parts: ItemPart[], file: string, issues: QtiIssues): number {
  const processing = child(root, 'qti-response-processing');
  const template = templateOf(processing);
  if (template !== 'none' && template !== 'custom') {
    const part = parts.find((p) => p.id === 'RESPONSE');
    const max = part ? partMax(part, template) : undefined;
    if (part && max !== undefined) part.maxScore = max;
  }
  const declared = outcomeNumber(root, 'MAXSCORE');
  if (declared !== undefined) return declared;
  if (template !== 'none' && template !== 'custom') {
    const part = parts.find((p) => p.id === 'RESPONSE');
    if (part?.maxScore !== undefined) return part.maxScore;
    issues.warn(file, processing, say(template === 'match_correct' ? 'qti-template-needs-key' : 'qti-template-needs-mapping', { template }));
    return 0;
  }
  const normal = outcomeNumber(root, 'SCORE', 'normal-maximum');
  if (normal !== undefined) return normal;
  const guessed = parts.reduce((sum, p) => sum + (partMax(p, p.areaMapping ? 'map_response_point' : p.mapping ? 'map_response' : 'match_correct') ?? 0), 0);
  issues.warn(file, processing ?? root, say('qti-max-score-guessed', { score: guessed }));
  return guessed;
}
