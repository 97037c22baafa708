/**
 * The kiosk's bundle holds the kiosk's code only (README, Benchmark: `kioskBundle`; its first paint waits for it):
 * not the console's import-issue catalogues (31 KB once, pulled in through the shared error texts) nor any file
 * of the console. Built in memory with the build's own esbuild, its inputs read from the metafile.
 */
import { expect } from 'chai';
import { build } from 'esbuild';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the kiosk bundle', function () {
  this.timeout(60_000);

  it('holds neither the import-issue catalogues nor console code', async () => {
    const r = await build({
      entryPoints: [join(ROOT, 'kiosk', 'src', 'main.ts')], bundle: true, format: 'esm', target: 'es2022', minify: true,
      write: false, metafile: true, tsconfig: join(ROOT, 'tsconfig.json'), logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.some((f) => f.startsWith('kiosk/src/')), 'the kiosk sources are read (paths are relative to the root)').to.equal(true);
    expect(inputs.filter((f) => /shared\/i18n\/importIssues|^admin\//.test(f))).to.deep.equal([]);
  });
});
