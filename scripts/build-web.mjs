// Builds the two front ends (console and kiosk) with esbuild into dist/web/{admin,kiosk}: `npm run build`.
// A build step only: `prepare` runs it on `npm install` / `npm ci`, `prestart` and `predemo` before the server
// starts, and the tests' root hook (tests/support/rootHooks.ts) when a bundle is missing or older than its
// sources. The server never imports it; it refuses to start without the bundles (server/http/web.ts). Run as a
// script (`npm run build`), it builds the server too (scripts/build-server.mjs).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildWeb({ quiet = false } = {}) {
  for (const app of ['admin', 'kiosk']) {
    const src = join(root, app);
    const out = join(root, 'dist', 'web', app);
    mkdirSync(out, { recursive: true });
    await build({
      entryPoints: [join(src, 'src', 'main.ts')],
      outfile: join(out, 'app.js'),
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      tsconfig: join(root, 'tsconfig.json'),
      logLevel: quiet ? 'error' : 'warning',
    });
    for (const f of readdirSync(join(src, 'public'))) cpSync(join(src, 'public', f), join(out, f), { recursive: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(join(root, 'admin', 'src', 'main.ts'))) process.exit(0);
  await buildWeb();
  const { buildServer } = await import('./build-server.mjs');
  await buildServer();
  console.log('inzage: built dist/web/admin, dist/web/kiosk and dist/server');
}
