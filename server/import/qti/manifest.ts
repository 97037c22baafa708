/**
 * `imsmanifest.xml`: which files of the package are tests (`imsqti_test_xmlv3p0`, `imsqti_test_xmlv2p1`,
 * `imsqti_test_xmlv2p2`). Everything else in it (items, stimuli, pictures) is found through the tests.
 */
import type { Element } from '@xmldom/xmldom';
import type { QtiIssues } from './issues.ts';
import { resolveHref } from './package.ts';
import { attr, children, descendants } from './xml.ts';
import { say } from '../issues.ts';

export const MANIFEST = 'imsmanifest.xml';

const TEST_TYPE = /^imsqti_test_xml(v3p0|v2p[12])$/;

export interface TestResource { href: string; el: Element }

export function testResources(root: Element, issues: QtiIssues): TestResource[] {
  const out: TestResource[] = [];
  for (const resources of children(root, 'qti-resources')) {
    for (const r of children(resources, 'qti-resource')) {
      if (!TEST_TYPE.test(attr(r, 'type') ?? '')) continue;
      const href = resolveHref(MANIFEST, attr(r, 'href') ?? '');
      if (!href) issues.error(MANIFEST, r, say('qti-href-not-file', { href: attr(r, 'href') ?? '' }));
      else out.push({ href, el: r });
    }
  }
  return out;
}

/** Every `<resource>`'s type, for a message when there is no test. */
export function resourceTypes(root: Element): string[] {
  return [...new Set(descendants(root, 'qti-resource').map((r) => attr(r, 'type') ?? ''))];
}
