// Builds the two front ends (console and kiosk) with esbuild into dist/web/{admin,kiosk}.
// Runs in `prepare` (so `npm install` builds them) and on server start when dist/web is missing or stale.
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
  console.log('inzage: built dist/web/admin and dist/web/kiosk');
}
