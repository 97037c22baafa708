import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { validateImport } from '../../server/import/index.ts';
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
