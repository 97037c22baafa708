/** Helpers for the QTI import's tests: the real fixtures and small packages written in the test. */
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { QtiMedia } from '../../server/import/qti/images.ts';
import { readItem, type ParsedItem } from '../../server/import/qti/item.ts';
import { QtiIssues } from '../../server/import/qti/issues.ts';
import { packageFromFolder, packageFromZip, type QtiPackage } from '../../server/import/qti/package.ts';
import { parseXml } from '../../server/import/qti/xml.ts';
import type { ImportedSitting, ImportFile } from '../../shared/schema.ts';

export const QTI_FIXTURES = fileURLToPath(new URL('../fixtures/qti/', import.meta.url));
export const BBQS = `${QTI_FIXTURES}1edtech-qti-examples/BBQsTest`;
export const SAXONY = `${QTI_FIXTURES}instructure-qti/interactionmix_saxony_v3`;
export const ITEMS_22 = `${QTI_FIXTURES}instructure-qti/items_2.2`;
export const ITEMS_21 = `${QTI_FIXTURES}instructure-qti/items_2.1`;

/** One item file of a package, read as the import reads it. */
export function readItemOf(pkg: QtiPackage, file: string, media = new QtiMedia()): { item: ParsedItem | undefined; issues: QtiIssues; media: QtiMedia } {
  const issues = new QtiIssues();
  const data = pkg.read(file);
  if (!data) throw new Error(`no ${file} in the package`);
  const parsed = parseXml(new TextDecoder().decode(data), file);
  if (!parsed.ok) {
    issues.errors.push(...parsed.errors);
    return { item: undefined, issues, media };
  }
  return { item: readItem(parsed.root, file, pkg, issues, media), issues, media };
}

export function itemFromFolder(dir: string, file: string) {
  return readItemOf(packageFromFolder(dir), file);
}

/** A package made of the given files (text or bytes), as a zip read back. */
export function zipPackage(files: Record<string, string | Uint8Array>): QtiPackage {
  return packageFromZip(zipBytes(files), 'test.zip');
}

export function zipBytes(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([p, c]) => [p, typeof c === 'string' ? strToU8(c) : c])));
}

/** A QTI 3 manifest naming one test. */
export function manifest3(testHref = 'test.xml'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M1">
  <resources>
    <resource identifier="T" type="imsqti_test_xmlv3p0" href="${testHref}"><file href="${testHref}"/></resource>
  </resources>
</manifest>`;
}

/** A QTI 3 test with one section holding the given item files (identifier = the file name without `.xml`). */
export function test3(id: string, title: string, items: string[], section = 'Deel 1'): string {
  const refs = items.map((f) => `      <qti-assessment-item-ref identifier="${f.replace(/^.*\//, '').replace(/\.xml$/, '')}" href="${f}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${id}" title="${title}">
  <qti-test-part identifier="P1" navigation-mode="nonlinear" submission-mode="individual">
    <qti-assessment-section identifier="S1" title="${section}" visible="true">
${refs}
    </qti-assessment-section>
  </qti-test-part>
</qti-assessment-test>`;
}

/** A QTI 3 item around the given declarations and body. */
export function item3(id: string, declarations: string, body: string, rest = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" xmlns:m="http://www.w3.org/1998/Math/MathML" identifier="${id}" title="${id}" adaptive="false" time-dependent="false">
${declarations}
  <qti-item-body>
${body}
  </qti-item-body>
${rest}
</qti-assessment-item>`;
}

/** A QTI package's exams (read as the import reads them) open for review, with one group and one sitting of the first exam. */
export function withSitting(file: ImportFile, opts: { candidate: string; group: string; sitting: string; responses?: ImportedSitting['responses'] }): ImportFile {
  const exam = { ...file.exams[0]!, review: { allowed: true, opensAt: '2026-01-01T08:00:00+01:00', closesAt: '2099-01-01T17:00:00+01:00', maxMinutes: 30, showKey: true, showScheme: true } };
  return {
    ...file,
    exams: [exam, ...file.exams.slice(1)],
    candidates: [{ number: opts.candidate, firstName: 'Lena', lastName: `Berg ${opts.candidate}` }],
    groups: [{ id: opts.group, name: opts.group, examId: exam.id, startsAt: '2026-05-20T09:00:00+02:00', candidateNumbers: [opts.candidate] }],
    sittings: [{
      id: opts.sitting, groupId: opts.group, candidateNumber: opts.candidate, startedAt: '2026-05-20T09:00:00+02:00', submittedAt: '2026-05-20T10:00:00+02:00',
      responses: opts.responses ?? [],
    }],
  };
}

/** The item of the BBQs package whose pictures are on another server (flickr): imported with warnings, its pictures left out. */
export const BBQS_REMOTE_ITEM = 'order-mountains';
export const BBQS_EXAM = 'SPECTATUS-GENERATED-TEST';

/**
 * The real BBQs package (21 items, mixed interactions) without its one item with pictures on another server (so that
 * a test sees no warning of it):
 * a copy in `dir/bbqs`, its test unchanged but for that item's reference. Returns the folder.
 */
export function importableBbqs(dir: string): string {
  const pkg = join(dir, 'bbqs');
  cpSync(BBQS, pkg, { recursive: true });
  rmSync(join(pkg, 'BBQsTest.zip'));
  const test = join(pkg, 'assessment.xml');
  writeFileSync(test, readFileSync(test, 'utf8').split('\n').filter((l) => !l.includes(BBQS_REMOTE_ITEM)).join('\n'));
  return pkg;
}

/** A folder's files as a zip (paths relative to it). */
export function zipFolder(folder: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const full = join(folder, name);
    if (statSync(full).isFile()) files[name.split(sep).join('/')] = readFileSync(full);
  }
  return zipBytes(files);
}
