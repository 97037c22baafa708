/**
 * Mocha root hook (.mocharc.json `require`): before any test, build the console and kiosk when a bundle is missing
 * or older than its sources, so that `npm test` and a single `npx mocha tests/e2e/x.test.ts` both serve what the
 * sources say (and, under INZAGE_TEST_STORE=pg, after all tests drop the schemas restart tests kept). The same build as `npm run build`, in its own process: the server never builds (server/http/web.ts).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, webIsStale } from '../../server/http/web.ts';

export const mochaHooks = {
  beforeAll(this: Mocha.Context) {
    if (!webIsStale()) return;
    this.timeout(120_000);
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-web.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  },
  /** INZAGE_TEST_STORE=pg: drop the schemas of data directories kept for a restart (tests/support/pg.ts). */
  async afterAll() {
    if (process.env.INZAGE_TEST_STORE === 'pg') await (await import('./pg.ts')).dropDirSchemas();
  },
};
