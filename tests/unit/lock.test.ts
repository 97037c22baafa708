import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DataDirLockedError, LEGACY_LOCK_FILE, LOCK_SOCKET_FILE, acquireLock, lockHolder, type LockMechanism,
} from '../../server/store/lock.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { eventually } from '../support/eventually.ts';
import { lockHolderProcess, processState, unreapedLockHolder } from '../support/processes.ts';

const exited = (child: ChildProcess) => new Promise((res) => (child.exitCode !== null || child.signalCode !== null ? res(null) : child.once('exit', res)));

// Linux uses an abstract socket; macOS and BSD a socket file, tested here too by forcing it.
const mechanisms: LockMechanism[] = process.platform === 'linux' ? ['abstract', 'socket-file'] : process.platform === 'win32' ? ['pipe'] : ['socket-file'];

for (const mechanism of mechanisms) {
  describe(`data directory lock (${mechanism})`, function () {
    this.timeout(30_000);
    const env = { INZAGE_LOCK_MECHANISM: mechanism };
    let dir: string;
    const children: ChildProcess[] = [];
    beforeEach(() => { dir = tempDir('lock'); });
    afterEach(async () => {
      for (const c of children.splice(0)) {
        c.kill('SIGKILL');
        await exited(c);
      }
      removeDir(dir);
    });

    it('is held by one process at a time; released, it can be taken again', async () => {
      const lock = await acquireLock(dir, { mechanism, role: 'an inzage server' });
      const err = await acquireLock(dir, { mechanism }).then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(DataDirLockedError);
      expect((err as DataDirLockedError).pid).to.equal(process.pid);
      await lock.release();
      expect(await lockHolder(dir, { mechanism })).to.equal(null);
      await (await acquireLock(dir, { mechanism })).release();
    });

    it('refuses while another live process holds it, naming its pid and what it is', async () => {
      const child = await lockHolderProcess(dir, env, 'inzage import');
      children.push(child);
      expect((await lockHolder(dir, { mechanism }))?.pid).to.equal(child.pid);
      const err = await acquireLock(dir, { mechanism }).then(() => null, (e: Error) => e);
      expect(err).to.be.instanceOf(DataDirLockedError);
      expect(err!.message).to.contain(`in use by process ${child.pid} (inzage import)`);
    });

    it('is free the moment its holder is killed with SIGKILL', async () => {
      const child = await lockHolderProcess(dir, env);
      child.kill('SIGKILL');
      await exited(child);
      expect(await lockHolder(dir, { mechanism })).to.equal(null);
      await (await acquireLock(dir, { mechanism })).release(); // at the first attempt, no waiting
    });

    it('is free when its killed holder is left a zombie that nobody reaps', async function () {
      if (process.platform !== 'linux') this.skip(); // zombies are read from /proc
      const { parent, pid } = await unreapedLockHolder(dir, env);
      children.push(parent);
      process.kill(pid, 'SIGKILL');
      await eventually(() => expect(processState(pid)).to.equal('Z'));
      // the pid still exists (kill -0 says alive): a pid-based lock would refuse here
      expect(() => process.kill(pid, 0)).not.to.throw();
      const lock = await acquireLock(dir, { mechanism });
      await lock.release();
    });

    it('ignores a pid lock file of an earlier version, even when that pid is alive, and removes it', async () => {
      writeFileSync(join(dir, LEGACY_LOCK_FILE), `${process.ppid}\n`); // a live process that is not a server
      const lock = await acquireLock(dir, { mechanism });
      expect(existsSync(join(dir, LEGACY_LOCK_FILE))).to.equal(false);
      await lock.release();
    });

    it('is one lock for two spellings of the same directory', async function () {
      if (process.platform === 'win32') this.skip();
      const link = `${dir}-link`;
      symlinkSync(dir, link);
      try {
        const lock = await acquireLock(dir, { mechanism });
        const err = await acquireLock(link, { mechanism }).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(DataDirLockedError);
        await lock.release();
      } finally {
        removeDir(link);
      }
    });

    it('creates a missing data directory when taken, and reports no holder for one that does not exist', async () => {
      const missing = join(dir, 'not', 'yet');
      expect(await lockHolder(missing, { mechanism })).to.equal(null);
      expect(existsSync(missing)).to.equal(false);
      const lock = await acquireLock(missing, { mechanism });
      expect(existsSync(missing)).to.equal(true);
      await lock.release();
    });
  });
}

describe('data directory lock (socket-file): what is left on disk', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('lock'); });
  afterEach(() => removeDir(dir));

  it('takes over a socket file left by a dead holder, and removes its own file on release', async () => {
    const child = await lockHolderProcess(dir, { INZAGE_LOCK_MECHANISM: 'socket-file' });
    child.kill('SIGKILL');
    await exited(child);
    expect(existsSync(join(dir, LOCK_SOCKET_FILE))).to.equal(true); // nobody removed it
    const lock = await acquireLock(dir, { mechanism: 'socket-file' });
    await lock.release();
    expect(existsSync(join(dir, LOCK_SOCKET_FILE))).to.equal(false);
  });

  it('uses a socket in the temporary directory when the data directory path is too long for one', async () => {
    const deep = join(dir, 'x'.repeat(60), 'y'.repeat(60));
    mkdirSync(deep, { recursive: true });
    const lock = await acquireLock(deep, { mechanism: 'socket-file' });
    expect(existsSync(join(deep, LOCK_SOCKET_FILE))).to.equal(false);
    const err = await acquireLock(deep, { mechanism: 'socket-file' }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(DataDirLockedError);
    await lock.release();
  });
});
