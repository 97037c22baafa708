import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '../../server/auth/users.ts';
import { importData } from '../../server/import/index.ts';
import { openStore } from '../../server/store/index.ts';
import { lockHolder } from '../../server/store/lock.ts';
import { FIXTURES, PASSWORD, connectKiosk, loggedIn, once, pairKiosk, tempDir } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { describeFileStore } from '../support/stored.ts';
import { ROOT, lineFrom, nonReapingParent, processState } from '../support/processes.ts';
import { readStoredReviews } from '../../server/store/reviewJournal.ts';

const BIN = join(ROOT, 'bin', 'inzage.mjs');
const ENV = { NODE_ENV: 'test', INZAGE_SCRYPT_N: String(2 ** 14) };
const serveArgs = (dataDir: string) => ['serve', '--host', '127.0.0.1', '--port', '0', '--data', dataDir];
const exited = (c: ChildProcess) => new Promise<number | null>((res) => (c.exitCode !== null || c.signalCode !== null ? res(c.exitCode) : c.once('exit', (code) => res(code))));

/** `inzage serve` started directly; resolves with its base URL once it listens. */
async function serveDirect(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [BIN, ...serveArgs(dataDir)], { cwd: ROOT, env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  const [, base] = await lineFrom(child, /serving on (http:\/\/[\d.]+:\d+)/, 'listening').catch((e: Error) => { throw new Error(`${e.message}\n${err}`); });
  return { child, base: base! };
}

describeFileStore('a crashed server starts again at once', 'the data directory\'s lock, left held by a zombie server; PostgreSQL locks no directory', function () {
  this.timeout(90_000);
  let dataDir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    dataDir = tempDir('crash');
    const store = openStore(dataDir);
    const r = await importData(store, JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8')), { actor: 'test' });
    expect(r.ok).to.equal(true);
    for (const [name, role] of [['sup1', 'supervisor'], ['boss', 'admin']] as const) await createUser(store.staff, { username: name, role, password: PASSWORD(name) });
    await store.flush();
  });
  after(async () => {
    for (const c of children) {
      c.kill('SIGKILL');
      await exited(c);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after SIGKILL of its wrapper\'s process group leaves it a zombie: up at the first attempt, every active review back', async function () {
    // `sh` as the wrapper, the way a service manager or a script starts `inzage serve`
    const wrapper = `"${process.execPath}" "${BIN}" ${serveArgs(dataDir).join(' ')}; echo "wrapper: server exited"`;
    const run = nonReapingParent(['sh', '-c', wrapper], ENV);
    if (!run) this.skip(); // needs Linux and python3 (for a parent that does not reap); the lock tests cover the rest
    children.push(run.parent);
    const wrapperPid = await run.wrapperPid;
    const [, base] = await lineFrom(run.parent, /serving on (http:\/\/[\d.]+:\d+)/, 'listening');
    const serverPid = (await lockHolder(dataDir))!.pid;
    expect(serverPid).to.be.a('number').and.not.equal(wrapperPid);

    const boss = await loggedIn(base!, 'boss');
    const sup = await loggedIn(base!, 'sup1');
    const sittings = ['s-bi-120001', 's-bi-120002', 's-bi-120003'];
    const kiosks = [];
    for (let i = 0; i < sittings.length; i++) kiosks.push(await pairKiosk(base!, boss, `Station ${i + 1}`));
    const reviews: string[] = [];
    for (const [i, k] of kiosks.entries()) {
      const c = await connectKiosk(base!, k.token);
      const started = once(c.socket, 'review:started');
      const r = await sup.call('POST', '/api/reviews', { sittingId: sittings[i], kioskId: k.id });
      expect(r.status, r.text).to.equal(201);
      await started;
      reviews.push(r.json.id);
      if (i === 0) expect(await c.socket.timeout(5000).emitWithAck('review:navigate', { questionId: 'bi4' })).to.deep.equal({ ok: true });
      c.socket.close();
    }
    // the position is a coalesced hot write: wait until it is on disk, not a fixed time
    await eventually(() => expect(readStoredReviews(dataDir).reviews.map((r) => r.position)).to.include('bi4'));

    process.kill(-wrapperPid, 'SIGKILL'); // the whole process group: wrapper and server
    await eventually(() => expect(processState(serverPid)).to.equal('Z'));
    expect(() => process.kill(serverPid, 0), 'the zombie still has its pid').not.to.throw();

    const second = await serveDirect(dataDir); // refused here by a pid-based lock
    children.push(second.child);
    for (const [i, k] of kiosks.entries()) {
      const back = await connectKiosk(second.base, k.token);
      expect(back.state.review?.id, `review on ${k.name}`).to.equal(reviews[i]);
      if (i === 0) expect(back.state.review.position).to.equal('bi4');
      back.socket.close();
    }

    // a second server on the live data directory is still refused, naming the first
    const third = spawn(process.execPath, [BIN, ...serveArgs(dataDir)], { cwd: ROOT, env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    third.stderr!.on('data', (d) => { err += d; });
    expect(await exited(third)).to.equal(1);
    expect(err).to.contain(`is in use by process ${second.child.pid} (an inzage server)`);
    expect(err).not.to.match(/^\s+at /m);
  });
});
