/**
 * Row `import-results`: QTI results files read from disk, parsed and built into sittings (`readResults` and
 * `buildSittings` per group folder, in this process), timed from the first read to the last group built; then
 * the full import of the same files into a store (`stored`: per group folder what `inzage import DIR --group ID`
 * does — `readPath`, `importInputs`: parse, build, validate, write — against a data directory holding the
 * exam), timed from the first folder read to the last group written. The files are written beforehand and the
 * exam is imported beforehand; neither is timed.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { importData } from '../../server/import/index.ts';
import { importInputs, readPath } from '../../server/import/inputs/index.ts';
import { buildSittings, readResults, type ResultsExam } from '../../server/import/results/index.ts';
import { openStore } from '../../server/store/index.ts';
import type { ImportedExam, ItemQuestion } from '../../shared/schema.ts';
import { writeResultFiles, type ResultFiles } from '../lib/qtiResultFiles.ts';

export interface QtiResultsResult {
  seconds: number;
  /** CPU time of this process in the timed part (user + system): less at the mercy of a busy machine */
  cpuSeconds: number;
  files: number;
  groups: number;
  items: number;
  mb: number;
  sittings: number;
  warnings: number;
  /** the full import, written to a store: wall and CPU seconds */
  stored?: { seconds: number; cpuSeconds: number };
}

/** The generated exam as an exam that imports: each item's text holds its part's placeholder. */
export function importableExam(exam: ResultsExam): ImportedExam {
  const questions = exam.questions.map((q) => {
    const item = q as ItemQuestion;
    return { ...item, stem: `<p>Vraag ${item.number}</p>${item.parts.map((p) => `<inzage-part ref="${p.id}"></inzage-part>`).join('')}` };
  });
  return { id: exam.id, title: 'Bench QTI', subject: 'Bench', level: 'havo', central: false, questions };
}

/** The full import of every group folder into a store that holds the exam. */
export async function measureStored(workDir: string, written: ResultFiles): Promise<{ seconds: number; cpuSeconds: number; sittings: number }> {
  const store = openStore(mkdtempSync(join(workDir, 'qti-store-')));
  const seeded = await importData(store, { format: 'inzage/v1', exams: [importableExam(written.exam)] }, { actor: 'bench' });
  if (!seeded.ok) throw new Error(`the bench exam does not import: ${seeded.errors.slice(0, 3).join('; ')}`);
  let sittings = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const g of written.groups) {
    const read = await readPath(g.dir);
    if (!read.ok) throw new Error(`${g.dir}: ${read.errors.slice(0, 3).join('; ')}`);
    const r = await importInputs(store, [read.input], { group: { id: g.id }, actor: 'bench', source: g.id });
    if (!r.ok) throw new Error(`${g.id}: ${r.errors.slice(0, 3).join('; ')}`);
    sittings += r.counts.sittings.added;
  }
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1_000, cpuSeconds: (cpu.user + cpu.system) / 1e6, sittings };
}

export async function measureQtiResults(workDir: string, files: number, items = 40): Promise<QtiResultsResult> {
  const dir = mkdtempSync(join(workDir, 'qti-results-'));
  const written = writeResultFiles(dir, { files, items });
  const exams = (id: string) => (id === written.exam.id ? written.exam : undefined);
  let sittings = 0;
  let warnings = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const g of written.groups) {
    const read = await readResults(g.dir);
    if (!read.ok) throw new Error(`${g.dir}: ${read.errors.slice(0, 3).join('; ')}`);
    const built = buildSittings(read.results, exams, { groupId: g.id });
    if (!built.ok) throw new Error(`${g.id}: ${built.errors.slice(0, 3).join('; ')}`);
    sittings += built.sittings.length;
    warnings += read.warnings.length + built.warnings.length;
  }
  const seconds = (performance.now() - t0) / 1_000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (sittings !== files) throw new Error(`${sittings} sittings from ${files} files`);
  const stored = await measureStored(workDir, written);
  if (stored.sittings !== files) throw new Error(`${stored.sittings} sittings stored from ${files} files`);
  return {
    seconds, cpuSeconds, files, groups: written.groups.length, items, mb: written.bytes / 1e6, sittings, warnings,
    stored: { seconds: stored.seconds, cpuSeconds: stored.cpuSeconds },
  };
}
