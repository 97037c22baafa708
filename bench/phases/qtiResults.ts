/**
 * Row `import-results`: QTI results files read from disk, parsed and built into sittings (`readResults` and
 * `buildSittings` per group folder, in this process), timed from the first read to the last group built. The
 * files are written beforehand and are not timed; storing the sittings is not part of this row yet.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { buildSittings, readResults } from '../../server/import/results/index.ts';
import { writeResultFiles } from '../lib/qtiResultFiles.ts';

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
  return { seconds, cpuSeconds, files, groups: written.groups.length, items, mb: written.bytes / 1e6, sittings, warnings };
}
