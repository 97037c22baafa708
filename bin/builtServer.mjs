// Whether dist/server (scripts/build-server.mjs) is a build of the sources and packages as they are now: every file it
// was built from (dist/server/inputs.json: the sources, the package files bundled with them, and npm's record of what
// is installed, node_modules/.package-lock.json) still has the size and mtime it had then. Plain JavaScript: it runs
// before anything that could load TypeScript.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The URL of the built CLI under `root`, or null when it is missing or any of its inputs changed since. */
export function builtCli(root) {
  try {
    const { inputs } = JSON.parse(readFileSync(join(root, 'dist', 'server', 'inputs.json'), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return null;
    for (const { path, size, mtimeMs } of inputs) {
      const st = statSync(join(root, path));
      if (st.size !== size || st.mtimeMs !== mtimeMs) return null;
    }
    const cli = join(root, 'dist', 'server', 'cli.mjs');
    statSync(cli);
    return pathToFileURL(cli).href;
  } catch {
    return null; // not built, unreadable, or an input gone: the sources
  }
}
