/**
 * Results files parsed on worker threads (server/import/results/parsePool.ts) read exactly as on the import's own
 * thread: the same results in file order, every error of every file with its file, line and column, every
 * warning, and progress per chunk; then combined and checked as before, and imported once (a second import of
 * the same files changes nothing).
 */
import { expect } from 'chai';
import { strToU8 } from 'fflate';
import { combineInputs, EMPTY_CONTENT, importInputs, parseResultInputs, type ImportInput } from '../../server/import/inputs/index.ts';
import { importData } from '../../server/import/index.ts';
import { parseResultFiles } from '../../server/import/results/index.ts';
import { parseResultFilesInWorkers } from '../../server/import/results/parsePool.ts';
import { openStore } from '../../server/store/index.ts';
import type { ItemQuestion } from '../../shared/schema.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { resultXml } from '../support/qtiResults.ts';

const item: ItemQuestion = {
  id: 'q1', number: 1, type: 'item', maxScore: 1, stem: '<inzage-part ref="R1"></inzage-part>',
  parts: [{ id: 'R1', interaction: 'choice', cardinality: 'single', baseType: 'identifier', choices: [{ id: 'A', text: 'a' }, { id: 'B', text: 'b' }], key: ['A'], maxScore: 1 }],
};
const exam = { id: 'E1', title: 'Toets', subject: 'NE', level: 'havo', central: false, questions: [item] };
const file = (i: number, choice = i % 2 ? 'A' : 'B') => ({
  name: `r/${4000 + i}.xml`,
  // some without a time zone: a warning each, which must come back in file order too
  bytes: strToU8(resultXml(String(4000 + i), 'E1', new Map([['q1', { values: { R1: [choice] }, score: choice === 'A' ? 1 : 0 }]]), i % 7 ? '2026-05-12T10:30:00+02:00' : '2026-05-12T10:30:00')),
});
const files = Array.from({ length: 230 }, (_, i) => file(i));

describe('QTI results parsed on worker threads', function () {
  this.timeout(60_000);

  it('reads exactly what the import\'s own thread reads, in file order, reporting each chunk', async () => {
    const chunks: number[] = [];
    const inWorkers = await parseResultFilesInWorkers(files, {}, (n) => chunks.push(n), 1);
    expect(inWorkers).to.deep.equal(parseResultFiles(files));
    expect(inWorkers.ok && inWorkers.results.map((r) => r.candidateId)).to.deep.equal(files.map((_f, i) => String(4000 + i)));
    expect(inWorkers.warnings).to.have.length(33);
    expect(chunks.reduce((a, b) => a + b, 0)).to.equal(files.length);
    expect(chunks.length).to.be.greaterThan(1);
  });

  it('reports every error of every file, with file, line and column, as on this thread', async () => {
    const broken = [...files.slice(0, 120), { name: 'r/kapot.xml', bytes: strToU8('<assessmentResult>\n  <context sourcedId="1">\n</assessmentResult>') }, ...files.slice(120), { name: 'r/leeg.xml', bytes: strToU8('<assessmentResult/>') }];
    const inWorkers = await parseResultFilesInWorkers(broken, {}, undefined, 1);
    expect(inWorkers).to.deep.equal(parseResultFiles(broken));
    expect(inWorkers.ok).to.equal(false);
    expect(!inWorkers.ok && inWorkers.errors).to.deep.equal([
      'r/kapot.xml:3:19: not well-formed XML: unexpected close tag: context (from 2:3) is not closed',
      'r/leeg.xml:1:1: assessmentResult: has no context element (the candidate)',
    ]);
  });

  it('combines what the workers read as it combines what it parses itself, progress included', async () => {
    const json: ImportInput = { kind: 'json', name: 'toets.json', value: { format: 'inzage/v1', exams: [exam] }, size: 0 };
    const results: ImportInput = { kind: 'results', name: 'r', files, size: 0 };
    const seen: number[] = [];
    const parsed = await parseResultInputs([json, results], (p) => seen.push(p.percent), 1);
    expect(seen.at(-1)).to.equal(100);
    const own = combineInputs([json, results], EMPTY_CONTENT, { group: { id: 'g' } });
    const fromWorkers = combineInputs([json, results], EMPTY_CONTENT, { group: { id: 'g' }, parsed });
    expect(fromWorkers).to.deep.equal(own);
  });

  it('imports a large run once: the same files again change nothing', async () => {
    const dir = tempDir('pool');
    const store = openStore(dir);
    try {
      expect((await importData(store, { format: 'inzage/v1', exams: [exam] }, { actor: 'test' })).ok).to.equal(true);
      const results: ImportInput = { kind: 'results', name: 'r', files, size: 0 };
      const first = await importInputs(store, [results], { group: { id: 'g' }, actor: 'test' });
      expect(first.ok && first.counts.sittings.added).to.equal(files.length);
      const again = await importInputs(store, [results], { group: { id: 'g' }, actor: 'test' });
      expect(again.ok && again.counts.sittings).to.deep.include({ added: 0, updated: 0, unchanged: files.length });
      expect(store.content.sittingSummaries()).to.have.length(files.length);
    } finally {
      await store.flush();
      removeDir(dir);
    }
  });
});
