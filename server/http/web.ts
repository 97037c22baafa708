/**
 * Where the built console and kiosk are (dist/web), and whether they are there. Building them is a build step
 * (`npm run build`, run by `npm install`, `npm start`, `npm run demo` and the test runner), never something the
 * server does: esbuild is a build tool, not part of the running server.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';

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

/** The copies a build writes beside each script and style sheet (scripts/build-web.mjs, `precompress`). */
const COPIES = [['br', '.br'], ['gzip', '.gz']] as const;

/**
 * Sends the brotli or gzip copy that the build wrote beside a script or style sheet to a browser that takes it
 * (brotli first: it is the smaller), instead of compressing the file for every answer (issue 17: a kiosk's first
 * screen). `serve` is the folder's `express.static`, which sends the copy with the folder's caching headers; without
 * a copy, with a copy older than its file, or when the browser takes neither, the request goes on untouched.
 */
export function precompressed(dir: string, serve: RequestHandler): RequestHandler {
  const root = resolve(dir);
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !/\.(js|css)$/.test(req.path)) return next();
    let file: string;
    try {
      file = resolve(root, `.${decodeURIComponent(req.path)}`);
    } catch {
      return next(); // not a path: `serve` answers it as it answers any
    }
    if (file.includes('\0') || !file.startsWith(root + sep)) return next(); // outside the folder, or no path at all
    const made = statSync(file, { throwIfNoEntry: false });
    const copy = made && COPIES.find(([enc, ext]) =>
      req.acceptsEncodings(enc) === enc && (statSync(file + ext, { throwIfNoEntry: false })?.mtimeMs ?? -1) >= made.mtimeMs);
    if (!copy) return next();
    const [encoding, ext] = copy;
    const url = req.url;
    const q = url.indexOf('?');
    req.url = q < 0 ? url + ext : url.slice(0, q) + ext + url.slice(q);
    res.vary('Accept-Encoding');
    res.setHeader('Content-Encoding', encoding);
    res.type(extname(file));
    serve(req, res, (err?: unknown) => {
      // the copy went away meanwhile (a new build): the request goes on as it came
      req.url = url;
      res.removeHeader('Content-Encoding');
      res.removeHeader('Content-Type');
      next(err);
    });
  };
}
