/**
 * Shared stimuli (QTI 3 `qti-assessment-stimulus-ref`): a passage in a file of its own that items refer to. The
 * candidate read it beside the item, so it becomes part of the question's text: a `section` (the allowlist's
 * source box) before the item body, headed by the stimulus's title. Pictures in it are found relative to the
 * stimulus file.
 */
import type { Element } from '@xmldom/xmldom';
import { escapeText, innerHtml, type ContentContext } from './content.ts';
import { packagePlayer } from './players.ts';
import { packageImage, type QtiMedia } from './images.ts';
import type { QtiIssues } from './issues.ts';
import { decodeText, resolveHref, type QtiPackage } from './package.ts';
import { attr, child, children, nameOf, parseXml } from './xml.ts';
import { say } from '../issues.ts';

export function stimuliHtml(root: Element, file: string, pkg: QtiPackage, media: QtiMedia, issues: QtiIssues, ctx: ContentContext): string {
  let out = '';
  for (const ref of children(root, 'qti-assessment-stimulus-ref')) {
    const href = attr(ref, 'href') ?? '';
    const path = resolveHref(file, href);
    const data = path ? pkg.read(path) : undefined;
    if (!path || !data) {
      issues.error(file, ref, say('qti-stimulus-missing', { href }));
      continue;
    }
    const parsed = parseXml(decodeText(data), path);
    if (!parsed.ok) {
      issues.errors.push(...parsed.errors);
      continue;
    }
    const body = nameOf(parsed.root) === 'qti-assessment-stimulus' ? child(parsed.root, 'qti-stimulus-body') : undefined;
    if (!body) {
      issues.error(path, parsed.root, say('qti-not-stimulus', {}));
      continue;
    }
    const report = { error: (el: Element, m: string) => issues.error(path, el, m), warn: (el: Element, m: string) => issues.warn(path, el, m) };
    const own: ContentContext = { ...ctx, warn: report.warn, image: (src, el) => packageImage(pkg, media, path, src, el, report),
      media: (src, el, want) => packagePlayer(pkg, media, path, src, el, want, report) };
    const title = attr(parsed.root, 'title') ?? attr(ref, 'title');
    out += `<section>${title ? `<h3>${escapeText(title)}</h3>` : ''}${innerHtml(body, own).trim()}</section>`;
  }
  return out;
}
