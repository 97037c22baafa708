// Builds the server (server/cli.ts and everything it imports) into plain JavaScript in dist/server, so that
// `bin/inzage.mjs` starts without transpiling TypeScript on every start: through tsx, loading the ~200 modules
// of the server took 1.3 s of a 2.4 s start on an idle 2-core machine (docs/design.md: Start-up). `npm run build`
// runs it beside the front ends' build.
//
// The bundle is an optimisation only: bin/inzage.mjs uses it when every source it was built from is unchanged
// (dist/server/inputs.json: each input's size and mtime, from esbuild's metafile) and runs the TypeScript sources
// through tsx otherwise. Packages stay external (node_modules as they are). `import.meta.url` of each source
// file is rewritten to the URL of that file, found from the bundle's own URL, so that files read next to a source
// (the common-password list, the demo data, migrations, package.json) are found as from the sources.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = join(root, 'dist', 'server');

/** Each source's `import.meta.url`, as the URL of the source relative to the bundle's chunk (dist/server/). */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url') || args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const rel = relative(SERVER_OUT, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

export async function buildServer({ quiet = false } = {}) {
  // built beside and swapped in at the end: a command starting meanwhile finds the old build or the new one
  const tmp = `${SERVER_OUT}.build-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const result = await build({
    entryPoints: { cli: join(root, 'server', 'cli.ts') },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // chunks: `serve` loads the server's modules on demand (serveCommand.ts), as from the sources
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    tsconfig: join(root, 'tsconfig.json'),
    absWorkingDir: root,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [sourceUrls],
  });
  // what bin/inzage.mjs checks before it uses the bundle: every input unchanged since this build
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes('node_modules/'))
    .map((p) => {
      const st = statSync(join(root, p));
      return { path: p, size: st.size, mtimeMs: st.mtimeMs };
    });
  writeFileSync(join(tmp, 'inputs.json'), `${JSON.stringify({ inputs })}\n`);
  const old = `${SERVER_OUT}.old-${process.pid}`;
  if (existsSync(SERVER_OUT)) renameSync(SERVER_OUT, old);
  renameSync(tmp, SERVER_OUT);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildServer();
  console.log('inzage: built dist/server');
}
