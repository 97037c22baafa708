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

  it('loads for its first screen neither the review\'s renderers nor anything it does not need (scripts/build-web.mjs)', async () => {
    // split as the build splits it: the entry and the chunks it imports statically are what the first screen loads
    const r = await build({
      entryPoints: { app: join(ROOT, 'kiosk', 'src', 'main.ts') }, bundle: true, format: 'esm', target: 'es2022', minify: true,
      splitting: true, outdir: join(ROOT, 'dist', 'bundle-test'), write: false, metafile: true, tsconfig: join(ROOT, 'tsconfig.json'), logLevel: 'silent',
    });
    const outputs = r.metafile.outputs;
    const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint)!;
    const first = [entry, ...outputs[entry]!.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)];
    const firstInputs = first.flatMap((o) => Object.keys(outputs[o]!.inputs));
    const later = Object.keys(outputs).filter((o) => !first.includes(o) && o.endsWith('.js'));
    const laterInputs = later.flatMap((o) => Object.keys(outputs[o]!.inputs));
    // the first screen: the app, its connection, the idle, pairing, status and end screens
    for (const f of ['kiosk/src/components/app.ts', 'kiosk/src/data/connection.ts', 'kiosk/src/components/idle.ts', 'kiosk/src/components/pairing.ts']) {
      expect(firstInputs, f).to.include(f);
    }
    // the review's renderers only later, in a chunk of their own loaded by import()
    const review = ['kiosk/src/components/review.ts', 'kiosk/src/components/question.ts', 'kiosk/src/components/answers.ts', 'kiosk/src/components/navigator.ts', 'kiosk/src/components/toolbar.ts'];
    for (const f of review) {
      expect(firstInputs, f).not.to.include(f);
      expect(laterInputs, f).to.include(f);
    }
    expect(firstInputs.filter((f) => f.startsWith('kiosk/src/components/item/')), 'item renderers').to.deep.equal([]);
    expect(outputs[entry]!.imports.filter((i) => i.kind === 'dynamic-import').length, 'the review chunk, imported dynamically').to.be.at.least(1);
  });
});
