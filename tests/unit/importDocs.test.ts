import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from '../../server/import/contentAllowlist.ts';
import { sanitizeExamHtml, validateImport } from '../../server/import/index.ts';
import { exampleImport } from '../support/importFixture.ts';

const doc = readFileSync(new URL('../../docs/import-format.md', import.meta.url), 'utf8');

describe('docs/import-format.md', () => {
  const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!);

  it('has a complete example that imports without errors or warnings', () => {
    const r = validateImport(example);
    expect(r.ok, r.ok ? '' : r.errors.join('\n')).to.equal(true);
    expect(r.warnings).to.deep.equal([]);
    const types = example.exams.flatMap((e: { questions: { type: string }[] }) => e.questions.map((q) => q.type));
    expect(types).to.include.members(['choice', 'order', 'match', 'text', 'numeric', 'open']);
    const values = example.sittings.flatMap((s: { responses: { response: unknown }[] }) => s.responses.map((r) => r.response));
    expect(values.some((v: unknown) => v === null)).to.equal(true);
    expect(values.some((v: unknown) => typeof v === 'number')).to.equal(true);
    expect(values.some((v: unknown) => Array.isArray(v) && v.every(Array.isArray))).to.equal(true);
  });

  it('shows the same example the tests use', () => {
    expect(example).to.deep.equal(exampleImport());
  });
});

describe('docs/import-format.md, exam content', () => {
  const section = doc.slice(doc.indexOf('### What content may contain'), doc.indexOf('### Line numbers'));
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| what') && !l.startsWith('| ---'));
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.split(/[\s/:,]+/)).filter((w) => /^[a-z][a-z0-9-]*$/.test(w));

  it('lists exactly the elements the import keeps', () => {
    const listed = rows.flatMap((r) => names(r.split(' | ')[1]!));
    expect([...new Set(listed)].sort()).to.deep.equal([...ALLOWED_TAGS].sort());
  });

  it('names every attribute the import keeps', () => {
    const listed = new Set([...rows.flatMap((r) => names(r.split(' | ')[2] ?? '')), ...names(section)]);
    const kept = new Set(Object.values(ALLOWED_ATTRIBUTES).flat());
    expect([...kept].filter((a) => !listed.has(a))).to.deep.equal([]);
  });

  it('has an example of a paper-shaped stem that imports unchanged, without warnings', () => {
    const example = /```html\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const reported: string[] = [];
    expect(sanitizeExamHtml(example, (m) => reported.push(m))).to.equal(example);
    expect(reported).to.deep.equal([]);
    expect(example).to.contain('<ol class="lines">');
  });
});
