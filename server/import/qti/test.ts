/**
 * A `qti-assessment-test` → its item references in the order of the file (test parts, then sections, nested
 * sections depth first), each with the title of the section it stands in. The test's own selection and
 * ordering rules (random picks, shuffling) are not applied: the candidate's actual order is the results'
 * business, and a warning says so.
 */
import type { Element } from '@xmldom/xmldom';
import type { QtiIssues } from './issues.ts';
import { resolveHref } from './package.ts';
import { attr, children, nameOf } from './xml.ts';
import { say } from '../issues.ts';

export interface ItemRef { identifier: string; href: string; section?: string; el: Element }
export interface ParsedTest { identifier: string; title: string; refs: ItemRef[] }

export function readTest(root: Element, file: string, issues: QtiIssues): ParsedTest | undefined {
  if (nameOf(root) !== 'qti-assessment-test') {
    issues.error(file, root, say('qti-not-test', { found: root.nodeName }));
    return undefined;
  }
  const identifier = attr(root, 'identifier')?.trim() ?? '';
  if (!identifier) issues.error(file, root, say('qti-no-identifier', {}));
  const title = attr(root, 'title')?.trim() || identifier;
  const refs: ItemRef[] = [];
  const section = (s: Element, title?: string) => {
    const own = attr(s, 'title')?.trim() || title;
    for (const rule of children(s, 'qti-selection', 'qti-ordering')) {
      issues.warn(file, rule, say(nameOf(rule) === 'qti-selection' ? 'qti-test-selects' : 'qti-test-shuffles', {}));
    }
    for (const c of children(s)) {
      const name = nameOf(c);
      if (name === 'qti-assessment-section') section(c, own);
      else if (name === 'qti-assessment-section-ref') issues.error(file, c, say('qti-section-ref', {}));
      else if (name === 'qti-assessment-item-ref') {
        const id = attr(c, 'identifier')?.trim() ?? '';
        const href = resolveHref(file, attr(c, 'href') ?? '');
        if (!id) issues.error(file, c, say('qti-no-identifier', {}));
        else if (!href) issues.error(file, c, say('qti-href-not-file', { href: attr(c, 'href') ?? '' }));
        else if (refs.some((r) => r.identifier === id)) issues.error(file, c, say('qti-item-ref-twice', { id }));
        else refs.push({ identifier: id, href, ...(own ? { section: own } : {}), el: c });
      }
    }
  };
  for (const part of children(root, 'qti-test-part')) for (const s of children(part, 'qti-assessment-section')) section(s);
  if (!refs.length && identifier) issues.error(file, root, say('qti-no-items', {}));
  return { identifier, title, refs };
}
