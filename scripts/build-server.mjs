// Builds the server (server/cli.ts and everything it imports) into plain JavaScript in dist/server, so that
// `bin/inzage.mjs` starts without transpiling TypeScript on every start: through tsx, loading the ~200 modules
// of the server took 1.3 s of a 2.4 s start on an idle 2-core machine (docs/design.md: Start-up). `npm run build`
// runs it beside the front ends' build.
//
// The bundle is an optimisation only: bin/inzage.mjs uses it when every file it was built from is unchanged
// (dist/server/inputs.json: each input's size and mtime, from esbuild's metafile, and the installed packages' record)
// and runs the TypeScript sources through tsx otherwise. `import.meta.url` of each source file is rewritten to the
// URL of that file, found from the bundle's own URL, so that files read next to a source (the common-password list,
// the demo data, migrations, package.json) are found as from the sources.
//
// The packages the server imports are bundled too: Node's loading of them one CommonJS file at a time (resolving,
// stat calls, package.json reads, a compile each) was the largest part of a start before it listens. Left outside,
// required from node_modules when used: what only some set-ups load (server/lazyPackages.ts: pg, redis, the cluster
// adapters — required through their own createRequire, which esbuild leaves alone), native or optional add-ons,
// build and test tools, and two packages that are mostly data (iconv-lite's encoding tables, read when a body is not
// UTF-8; mime-db's JSON), cheaper to parse as Node loads them than as part of a chunk. A bundled CommonJS package's
// `require` of a built-in or of one of those goes through `require` from the banner (ESM has none).
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = join(root, 'dist', 'server');

/** Packages left out of the bundle (see above). */
const EXTERNAL = ['pg', 'redis', '@socket.io/postgres-adapter', '@socket.io/redis-streams-adapter', 'pg-native', 'bufferutil', 'utf-8-validate', 'fsevents', 'esbuild', 'tsx', 'playwright-core', 'iconv-lite', 'mime-db'];
/**
 * What npm installed (npm writes it at every install, update or removal): a build of packages that are no longer
 * those is not used either. Each bundled package file's own size and mtime are checked too (an edit in place).
 */
const INSTALLED = 'node_modules/.package-lock.json';

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
    external: EXTERNAL,
    banner: { js: "import { createRequire as __inzageRequire } from 'node:module'; const require = __inzageRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    tsconfig: join(root, 'tsconfig.json'),
    absWorkingDir: root,
    logLevel: quiet ? 'error' : 'warning',
    plugins: [sourceUrls],
  });
  // what bin/inzage.mjs checks before it uses the bundle: every input (sources and package files) unchanged since
  // this build, and the same packages installed
  const paths = Object.keys(result.metafile.inputs);
  if (existsSync(join(root, INSTALLED))) paths.push(INSTALLED);
  const inputs = paths.map((p) => {
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
