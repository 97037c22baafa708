/** The built console and kiosk (dist/web), rebuilt when a source file is newer than the build. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_ROOT = join(ROOT, 'dist', 'web');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function webIsStale(): boolean {
  for (const app of ['admin', 'kiosk']) {
    const out = join(WEB_ROOT, app, 'app.js');
    if (!existsSync(out)) return true;
    const built = statSync(out).mtimeMs;
    if (newest(join(ROOT, app)) > built || newest(join(ROOT, 'shared')) > built) return true;
  }
  return false;
}

/** Build the front ends when missing or stale (esbuild: well under a second). */
export async function ensureWebBuilt(): Promise<void> {
  if (!existsSync(join(ROOT, 'admin', 'src', 'main.ts'))) return;
  if (!webIsStale()) return;
  // @ts-ignore -- a plain .mjs build script without types
  const { buildWeb } = (await import('../../scripts/build-web.mjs')) as { buildWeb: (o: { quiet: boolean }) => Promise<void> };
  await buildWeb({ quiet: true });
}
