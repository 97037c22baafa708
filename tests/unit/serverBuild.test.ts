/**
 * The built server (scripts/build-server.mjs, dist/server) is used by bin/inzage.mjs only while it is a build of the
 * sources and packages as they are: any file it was built from (a source, a bundled package's file, npm's record of the
 * installed packages) that changed size or mtime, or is gone, sends the command back to the TypeScript sources
 * (bin/builtServer.mjs). And the build itself runs: every file a source reads next to
 * itself (`import.meta.url`) is found from the bundle.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JavaScript module without types (it runs before anything can load TypeScript)
import { builtCli } from '../../bin/builtServer.mjs';
import { ROOT } from '../../server/http/web.ts';
import { tempDir } from '../support/dataDir.ts';

const fresh = builtCli as (root: string) => string | null;

describe('the built server and its freshness check', function () {
  this.timeout(60_000);
  let root: string;

  /** A fake project: two sources, a package file bundled with them, npm's record, and a build that lists them as they are now. */
  function project(): void {
    mkdirSync(join(root, 'server'), { recursive: true });
    mkdirSync(join(root, 'dist', 'server'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(root, 'server', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'server', 'b.ts'), 'export const b = 2;\n');
    writeFileSync(join(root, 'node_modules', 'pkg', 'index.js'), 'module.exports = 1;\n');
    writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{"packages":{"node_modules/pkg":{"version":"1.0.0"}}}\n');
    writeFileSync(join(root, 'dist', 'server', 'cli.mjs'), '');
    const inputs = ['server/a.ts', 'server/b.ts', 'node_modules/pkg/index.js', 'node_modules/.package-lock.json'].map((path) => {
      const st = statSync(join(root, path));
      return { path, size: st.size, mtimeMs: st.mtimeMs };
    });
    writeFileSync(join(root, 'dist', 'server', 'inputs.json'), JSON.stringify({ inputs }));
  }

  beforeEach(() => {
    root = tempDir('server-build');
    project();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('uses a build whose sources are unchanged', () => {
    expect(fresh(root)).to.match(/^file:.*\/dist\/server\/cli\.mjs$/);
  });

  it('falls back to the sources when one was edited (size), touched (mtime), or removed', () => {
    writeFileSync(join(root, 'server', 'a.ts'), 'export const a = 10;\n');
    expect(fresh(root)).to.equal(null);
    project();
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'server', 'b.ts'), later, later);
    expect(fresh(root)).to.equal(null);
    project();
    rmSync(join(root, 'server', 'b.ts'));
    expect(fresh(root)).to.equal(null);
  });

  it('falls back to the sources when the installed packages changed (npm rewrote its record) or a bundled package file was edited', () => {
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'node_modules', '.package-lock.json'), later, later);
    expect(fresh(root)).to.equal(null);
    project();
    writeFileSync(join(root, 'node_modules', 'pkg', 'index.js'), 'module.exports = 2;\n');
    expect(fresh(root)).to.equal(null);
    project();
    expect(fresh(root)).to.be.a('string');
  });

  it('falls back to the sources without a build, or with a damaged list of its inputs', () => {
    writeFileSync(join(root, 'dist', 'server', 'inputs.json'), '{"inputs": [');
    expect(fresh(root)).to.equal(null);
    rmSync(join(root, 'dist'), { recursive: true });
    expect(fresh(root)).to.equal(null);
  });

  it('the real build runs the CLI, and finds the files its sources read beside them', () => {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(b.status, b.stderr).to.equal(0);
    expect(fresh(ROOT)).to.be.a('string');
    // the packages are bundled, and checked as the sources are: their files and npm's record of what is installed
    const listed = (JSON.parse(readFileSync(join(ROOT, 'dist', 'server', 'inputs.json'), 'utf8')) as { inputs: { path: string }[] }).inputs.map((i) => i.path);
    expect(listed.some((p) => /node_modules\/express\//.test(p))).to.equal(true);
    expect(listed.some((p) => /node_modules\/socket\.io\//.test(p))).to.equal(true);
    if (existsSync(join(ROOT, 'node_modules', '.package-lock.json'))) expect(listed).to.include('node_modules/.package-lock.json');
    // what only some set-ups load stays out, required from node_modules at its first use (server/lazyPackages.ts)
    expect(listed.some((p) => /node_modules\/(pg|redis|@redis|@socket\.io\/(postgres|redis-streams)-adapter)\//.test(p))).to.equal(false);
    // --version reads package.json beside server/ (cli.ts), through the rewritten import.meta.url
    const v = spawnSync(process.execPath, [join(ROOT, 'bin', 'inzage.mjs'), '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env } });
    expect(v.status, v.stderr).to.equal(0);
    expect(v.stdout.trim()).to.match(/^\d+\.\d+\.\d+/);
    // the password policy reads its list of common passwords beside its source: a listed one is refused
    const data = join(root, 'data');
    const add = (password: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'inzage.mjs'), 'user', 'add', 'anna', '--role', 'admin', '--data', data], {
      cwd: ROOT, encoding: 'utf8', input: `${password}\n`, env: { ...process.env, NODE_ENV: 'test', INZAGE_SCRYPT_N: String(2 ** 14) },
    });
    const common = add('1qaz2wsx3edc4rfv'); // on the list; long enough otherwise
    expect(common.status).to.equal(1);
    expect(common.stderr).to.match(/makkelijk/i);
    const notListed = add('1qaz2wsx3edc4rfv-0'); // not on the list: accepted (an unreadable list fails every add)
    expect(notListed.status, notListed.stderr).to.equal(0);
  });
});
