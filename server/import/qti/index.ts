/**
 * A QTI content package (QTI 3.0, 2.1, 2.2) → an `inzage/v1` import file with one exam per test
 * (docs/import-format.md: QTI packages). The result goes through the same validation, sanitising and writing
 * as a JSON import; this stage reports, with file, line, column and element, everything wrong with the
 * package itself — all of it, and then nothing is imported.
 */
import type { ImportedExam, ImportFile, ItemQuestion } from '../../../shared/schema.ts';
import { QtiMedia } from './images.ts';
import { readItem, type ParsedItem } from './item.ts';
import { QtiIssues } from './issues.ts';
import { MANIFEST, resourceTypes, testResources } from './manifest.ts';
import { decodeText, type QtiPackage } from './package.ts';
import { readTest } from './test.ts';
import { parseXml } from './xml.ts';
import { say } from '../issues.ts';

export { QtiMedia } from './images.ts';
export { packageFromFolder, packageFromZip, PackageError, type QtiPackage } from './package.ts';

export { DEFAULT_EXAM_FIELDS, type ExamFields } from './defaults.ts';
import { DEFAULT_EXAM_FIELDS, type ExamFields } from './defaults.ts';

export type QtiReadResult =
  | {
    ok: true; file: ImportFile; warnings: string[];
    /** `exams[i].questions[j]` → where that item is */
    origins: Map<string, string>;
    /** the pictures the items show, by media name (`/api/media/NAME` in the items), for the import to store */
    media: ReadonlyMap<string, Uint8Array>;
  }
  | { ok: false; errors: string[]; warnings: string[] };

export function readQtiPackage(pkg: QtiPackage, fields: ExamFields = DEFAULT_EXAM_FIELDS): QtiReadResult {
  const issues = new QtiIssues();
  const fail = () => ({ ok: false as const, errors: issues.errors, warnings: issues.warnings });
  const manifest = xmlFile(pkg, MANIFEST, issues);
  if (!manifest) return fail();
  const tests = testResources(manifest, issues);
  if (!tests.length && !issues.errors.length) {
    issues.error(MANIFEST, manifest, say('qti-no-test', { found: resourceTypes(manifest).join(', ') || '—' }));
  }
  const items = new Map<string, ParsedItem | undefined>();
  const media = new QtiMedia();
  const exams: ImportedExam[] = [];
  const origins = new Map<string, string>();
  for (const t of tests) {
    const root = xmlFile(pkg, t.href, issues, t.el);
    const test = root && readTest(root, t.href, issues);
    if (!test) continue;
    const questions: ItemQuestion[] = [];
    for (const ref of test.refs) {
      if (!items.has(ref.href)) {
        const itemRoot = xmlFile(pkg, ref.href, issues, ref.el, t.href);
        items.set(ref.href, itemRoot && readItem(itemRoot, ref.href, pkg, issues, media));
      }
      const item = items.get(ref.href);
      if (!item) continue;
      origins.set(`exams[${exams.length}].questions[${questions.length}]`, `${ref.href} (item ${ref.identifier})`);
      questions.push({ ...item, id: ref.identifier, number: questions.length + 1, ...(ref.section ? { section: ref.section } : {}) });
    }
    exams.push({ id: test.identifier, title: test.title, ...fields, questions });
  }
  if (issues.errors.length) return fail();
  return { ok: true, file: { format: 'inzage/v1', exams, candidates: [], groups: [], sittings: [] }, warnings: issues.warnings, origins, media: media.files };
}

function xmlFile(pkg: QtiPackage, path: string, issues: QtiIssues, ref?: import('@xmldom/xmldom').Element, refFile = MANIFEST) {
  const data = pkg.read(path);
  if (!data) {
    issues.error(ref ? refFile : path, ref, say('qti-file-missing', { file: path }));
    return undefined;
  }
  const parsed = parseXml(decodeText(data), path);
  if (!parsed.ok) {
    issues.errors.push(...parsed.errors);
    return undefined;
  }
  return parsed.root;
}

/** Puts the item's file in place of `exams[i].questions[j]` in a message of the later checks. */
export function withOrigins(messages: readonly string[], origins: ReadonlyMap<string, string>): string[] {
  return messages.map((m) => {
    const match = /^exams\[\d+\]\.questions\[\d+\]/.exec(m);
    const origin = match && origins.get(match[0]);
    return origin ? `${origin} ${m}` : m;
  });
}

export { isQtiPackagePath, openQtiPackage } from './open.ts';
