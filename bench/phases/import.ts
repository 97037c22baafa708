/**
 * Row 5: `node bin/inzage.mjs import FILE --data DIR` into an empty data directory, timed from spawn to exit
 * (Node and tsx start-up included). The file is made beforehand and is not timed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../generate.ts';
import { BENCH_ENV, ROOT } from '../lib/env.ts';

export interface ImportResult { seconds: number; sittings: number; responses: number; fileMb: number; output: string }

export async function measureImport(workDir: string, sittings: number): Promise<ImportResult> {
  const file = join(workDir, 'import.json');
  const data = importFile({ sittings, seed: 4242 });
  writeFileSync(file, JSON.stringify(data));
  const dataDir = mkdtempSync(join(workDir, 'import-data-'));
  const t0 = performance.now();
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'inzage.mjs'), 'import', file, '--data', dataDir], { cwd: ROOT, env: { ...process.env, ...BENCH_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (c) => resolve({ code: c, output: out }));
  });
  const seconds = (performance.now() - t0) / 1_000;
  if (code !== 0) throw new Error(`inzage import exited with ${code}:\n${output}`);
  return { seconds, sittings, responses: data.sittings.reduce((n, s) => n + s.responses.length, 0), fileMb: statSync(file).size / 1e6, output };
}
