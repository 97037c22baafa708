/**
 * Building the console and kiosk is a build step, not something the server does at run time (issue 12): in a
 * checkout that was never built, `inzage serve` stops with a message that says to run `npm run build` (and
 * touches no data), while `npm start` builds first (its `prestart`) and then serves the bundles.
 * Each test runs in a copy of the project without dist/ (node_modules linked), as a fresh checkout is.
 */
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../server/http/web.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { lineFrom } from '../support/processes.ts';

const PROJECT = ['bin', 'server', 'shared', 'admin', 'kiosk', 'scripts', 'package.json', 'tsconfig.json'];

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['INZAGE_DATA', 'PORT', 'HOST']) delete e[k];
  // a fast password hash for the first admin: allowed in a test run only
  return { ...e, NODE_ENV: 'test', INZAGE_SCRYPT_N: '16384' };
}

describe('the web bundles are built by a build step, not by the server', function () {
  this.timeout(120_000);
  let copy: string;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    copy = tempDir('checkout');
    for (const p of PROJECT) cpSync(join(ROOT, p), join(copy, p), { recursive: true });
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(copy, 'node_modules'));
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((res) => child!.once('exit', res));
      process.kill(-child.pid!, 'SIGTERM'); // npm and the server below it: their own process group
      await exited;
    }
    child = undefined;
    removeDir(copy);
  });

  it('refuses to start without them, says to run `npm run build`, and creates no data directory', () => {
    const data = join(copy, 'data');
    const r = spawnSync(process.execPath, ['bin/inzage.mjs', 'serve', '--port', '0', '--host', '127.0.0.1', '--data', data], {
      cwd: copy, env: env(), encoding: 'utf8', timeout: 60_000,
    });
    expect(r.status, `${r.stdout}${r.stderr}`).to.equal(1);
    expect(r.stderr).to.contain('inzage: the console and kiosk are not built (dist/web/admin/app.js, dist/web/kiosk/index.html missing): run `npm run build`');
    expect(r.stdout).to.not.contain('serving on');
    expect(existsSync(data)).to.equal(false);
    expect(existsSync(join(copy, 'dist'))).to.equal(false); // and did not build them either
  });

  it('builds them with `npm start` before it serves them', async () => {
    child = spawn('npm', ['start', '--', '--port', '0', '--host', '127.0.0.1', '--data', join(copy, 'data')], {
      cwd: copy, env: env(), detached: true, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [, base] = await lineFrom(child, /serving on (http:\/\/127\.0\.0\.1:\d+)/, 'serving');
    expect(existsSync(join(copy, 'dist', 'web', 'admin', 'app.js'))).to.equal(true);
    expect((await fetch(`${base}/admin/app.js`)).status).to.equal(200);
    // the kiosk's page names its content-hashed script
    const page = await (await fetch(`${base}/kiosk/`)).text();
    const script = /<script type="module" src="(assets\/app-[\w-]+\.js)">/.exec(page)?.[1];
    expect(script, page).to.be.a('string');
    expect((await fetch(`${base}/kiosk/${script}`)).status).to.equal(200);
  });
});
