/**
 * `npx tsx bench/qtiResults.ts [--files N] [--items N]`: the `import-results` row of the benchmark on its own
 * (issue 13: 10,000 QTI results files, 40 items each, read and built into sittings in ≤ 30 s), without the
 * server, kiosks and data set of `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureQtiResults } from './phases/qtiResults.ts';

const { values: opts } = parseArgs({ options: { files: { type: 'string', default: '10000' }, items: { type: 'string', default: '40' } } });
const work = mkdtempSync(join(tmpdir(), 'inzage-bench-qti-'));
const load = loadavg()[0]!;
try {
  const r = await measureQtiResults(work, Number(opts.files), Number(opts.items));
  process.stdout.write(`import-results: ${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s) for ${r.files.toLocaleString('en')} files (${r.items} items each, ${r.mb.toFixed(1)} MB, ${r.groups} groups); ` +
    `${((r.seconds * 1000) / r.files).toFixed(2)} ms per file; ${r.sittings.toLocaleString('en')} sittings, ${r.warnings.toLocaleString('en')} warnings\n` +
    `import-results, stored: ${r.stored!.seconds.toFixed(2)} s (CPU ${r.stored!.cpuSeconds.toFixed(2)} s): read, parsed, built, checked and written, one import per group\n` +
    `${cpus().length} cores, Node ${process.version}; load average (1 min) ${load.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
