// Builds the two front ends (console and kiosk) with esbuild into dist/web/{admin,kiosk}: `npm run build`.
// A build step only: `prepare` runs it on `npm install` / `npm ci`, `prestart` and `predemo` before the server
// starts, and the tests' root hook (tests/support/rootHooks.ts) when a bundle is missing or older than its
// sources. The server never imports it; it refuses to start without the bundles (server/http/web.ts). Run as a
// script (`npm run build`), it builds the server too (scripts/build-server.mjs).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildWeb({ quiet = false } = {}) {
  await buildAdmin(quiet);
  await buildKiosk(quiet);
}

async function buildAdmin(quiet) {
  const src = join(root, 'admin');
  const out = join(root, 'dist', 'web', 'admin');
  mkdirSync(out, { recursive: true });
  await build({ ...COMMON, entryPoints: [join(src, 'src', 'main.ts')], outfile: join(out, 'app.js'), logLevel: quiet ? 'error' : 'warning' });
  for (const f of readdirSync(join(src, 'public'))) cpSync(join(src, 'public', f), join(out, f), { recursive: true });
  precompress(out, ['app.js', ...readdirSync(out).filter((f) => f.endsWith('.css'))]);
}

/** What `precompress` writes beside a file: the server sends it as is to a browser that takes it (server/http/web.ts). */
export const PRECOMPRESSED = [['.br', 'br'], ['.gz', 'gzip']];

/**
 * Brotli (highest quality) and gzip (level 9) copies beside each script and style sheet, made once per build: the
 * server sends them as they are instead of compressing each answer (a kiosk's first screen, issue 17). Written to a
 * temporary name first, so that a server never sends half a file.
 */
function precompress(dir, names) {
  for (const name of names) {
    const text = readFileSync(join(dir, name));
    const copies = {
      '.br': brotliCompressSync(text, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: text.length } }),
      '.gz': gzipSync(text, { level: 9 }),
    };
    for (const [ext, data] of Object.entries(copies)) {
      writeFileSync(join(dir, `${name}${ext}.tmp`), data);
      renameSync(join(dir, `${name}${ext}.tmp`), join(dir, `${name}${ext}`));
    }
  }
}

const COMMON = { bundle: true, format: 'esm', target: 'es2022', minify: true, sourcemap: false, legalComments: 'none', tsconfig: join(root, 'tsconfig.json') };

/** The kiosk's files under dist/web/kiosk/assets/ are named by their content: cached for good (server/app.ts). */
export const KIOSK_ASSETS = 'assets';

/**
 * The kiosk (docs/design.md: The kiosk's first screen): its code and styles content-hashed in `assets/` (cached for
 * good; the page itself never is), split so that the first screen loads only what it shows — the review's
 * renderers are a chunk of their own, loaded after that screen (kiosk/src/components/app.ts). `index.html` is
 * written last, naming the files of this build, with a modulepreload for each chunk the entry imports (no waterfall).
 * Files of earlier builds are removed once the new page names the new ones.
 */
async function buildKiosk(quiet) {
  const src = join(root, 'kiosk');
  const out = join(root, 'dist', 'web', 'kiosk');
  const assets = join(out, KIOSK_ASSETS);
  mkdirSync(assets, { recursive: true });
  const before = new Set(readdirSync(assets));
  const result = await build({
    ...COMMON,
    entryPoints: { app: join(src, 'src', 'main.ts') },
    outdir: assets,
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: quiet ? 'error' : 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs).map(([path, o]) => ({ name: basename(path), ...o }));
  const entry = outputs.find((o) => o.entryPoint);
  if (!entry) throw new Error('the kiosk build has no entry');
  const preload = entry.imports.filter((i) => i.kind === 'import-statement').map((i) => basename(i.path));
  const css = readFileSync(join(src, 'public', 'styles.css'));
  const cssName = `styles-${createHash('sha256').update(css).digest('base64url').slice(0, 10)}.css`;
  writeFileSync(join(assets, cssName), css);
  const scripts = outputs.map((o) => o.name).filter((f) => f.endsWith('.js'));
  precompress(assets, [...scripts, cssName]);
  for (const f of readdirSync(join(src, 'public'))) if (f !== 'index.html' && f !== 'styles.css') cpSync(join(src, 'public', f), join(out, f), { recursive: true });
  const page = readFileSync(join(src, 'public', 'index.html'), 'utf8');
  const links = preload.map((f) => `<link rel="modulepreload" href="${KIOSK_ASSETS}/${f}">`).join('\n  ');
  const html = page
    .replace('href="styles.css"', `href="${KIOSK_ASSETS}/${cssName}"`)
    .replace('<script type="module" src="app.js"></script>', `<script type="module" src="${KIOSK_ASSETS}/${entry.name}"></script>${links ? `\n  ${links}` : ''}`);
  if (!html.includes(entry.name) || !html.includes(cssName)) throw new Error('kiosk/public/index.html no longer names styles.css and app.js as the build expects');
  writeFileSync(join(out, 'index.html.tmp'), html);
  renameSync(join(out, 'index.html.tmp'), join(out, 'index.html'));
  // the previous build's files: no page names them any more (a kiosk page loads its review chunk right after its
  // first screen; one that still finds it gone reloads itself: kiosk/src/components/app.ts)
  const now = new Set([...outputs.map((o) => o.name), ...[...scripts, cssName].flatMap((f) => [f, ...PRECOMPRESSED.map(([ext]) => f + ext)])]);
  for (const f of before) if (!now.has(f)) rmSync(join(assets, f), { force: true });
  // from earlier builds that wrote unhashed files next to the page
  for (const f of ['app.js', 'styles.css']) rmSync(join(out, f), { force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(root, 'admin', 'src', 'main.ts'))) process.exit(0);
  await buildWeb();
  const { buildServer } = await import('./build-server.mjs');
  await buildServer();
  console.log('inzage: built dist/web/admin, dist/web/kiosk and dist/server');
}
