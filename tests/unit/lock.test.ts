import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError, LOCK_FILE, acquireLock, lockHolder, releaseLock } from '../../server/store/lock.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

function otherProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

describe('data directory lock', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(() => { dir = tempDir('lock'); });
  afterEach(() => {
    child?.kill();
    child = undefined;
    removeDir(dir);
  });

  const file = () => join(dir, LOCK_FILE);

  it('holds the pid of its process while held, and is gone after release', () => {
    acquireLock(dir);
    expect(readFileSync(file(), 'utf8').trim()).to.equal(String(process.pid));
    expect(lockHolder(dir)).to.equal(null); // our own lock holds nobody else out
    releaseLock(dir);
    expect(existsSync(file())).to.equal(false);
  });

  it('refuses while another live process holds it, naming the pid', () => {
    child = otherProcess();
    writeFileSync(file(), `${child.pid}\n`);
    expect(lockHolder(dir)).to.equal(child.pid);
    expect(() => acquireLock(dir)).to.throw(DataDirLockedError, String(child.pid));
    releaseLock(dir); // not ours: left alone
    expect(readFileSync(file(), 'utf8').trim()).to.equal(String(child.pid));
  });

  it('takes over a stale lock of a process that is gone', async () => {
    child = otherProcess();
    const pid = child.pid!;
    await new Promise((res) => { child!.once('exit', res); child!.kill(); });
    writeFileSync(file(), `${pid}\n`);
    expect(lockHolder(dir)).to.equal(null);
    acquireLock(dir);
    expect(readFileSync(file(), 'utf8').trim()).to.equal(String(process.pid));
    releaseLock(dir);
  });

  it('takes over a lock file without a pid', () => {
    writeFileSync(file(), '');
    acquireLock(dir);
    expect(readFileSync(file(), 'utf8').trim()).to.equal(String(process.pid));
    releaseLock(dir);
  });
});
