/**
 * Where the built console and kiosk are (dist/web), and whether they are there. Building them is a build step
 * (`npm run build`, run by `npm install`, `npm start`, `npm run demo` and the test runner), never something the
 * server does: esbuild is a build tool, not part of the running server.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_ROOT = join(ROOT, 'dist', 'web');
const APPS = ['admin', 'kiosk'] as const;

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * What a build writes last, per front end: the console's bundle; the kiosk's page, which names its content-hashed
 * files (scripts/build-web.mjs).
 */
const BUILT = { admin: 'app.js', kiosk: 'index.html' } as const;
const built = (app: (typeof APPS)[number]) => join(WEB_ROOT, app, BUILT[app]);

/** The bundles that are not built, as paths relative to the project (empty when both are there). */
export function missingWebBundles(): string[] {
  return APPS.map(built).filter((f) => !existsSync(f) || (f.endsWith('index.html') && !kioskAssetsNamed(f))).map((f) => f.slice(ROOT.length + 1));
}

/** A kiosk page of an earlier build copied its index.html as it is: built by this one, it names `assets/`. */
function kioskAssetsNamed(page: string): boolean {
  return readFileSync(page, 'utf8').includes('src="assets/');
}

/** True when a bundle is missing or older than a source file of admin/, kiosk/ or shared/ (where there are sources). */
export function webIsStale(): boolean {
  if (missingWebBundles().length > 0) return true;
  for (const app of APPS) {
    const src = join(ROOT, app);
    if (!existsSync(src)) continue;
    const at = statSync(built(app)).mtimeMs;
    if (newest(src) > at || newest(join(ROOT, 'shared')) > at) return true;
  }
  return false;
}

/** Thrown at start when the front ends were never built: the message says what to run. */
export class WebNotBuiltError extends Error {
  constructor(missing: string[]) {
    super(`the console and kiosk are not built (${missing.join(', ')} missing): run \`npm run build\`, then start again`);
  }
}

/** Throws WebNotBuiltError when a bundle is missing; returns a warning when the bundles are older than their sources. */
export function checkWebBuilt(): string | null {
  const missing = missingWebBundles();
  if (missing.length > 0) throw new WebNotBuiltError(missing);
  if (webIsStale()) return 'the console and kiosk bundles are older than their sources: run `npm run build` to serve the current ones';
  return null;
}
