/** Durable appends (server/store/appendFile.ts): synchronised writes, one system call each where the platform allows. */
import { expect } from 'chai';
import { constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppendFile } from '../../server/store/appendFile.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

describe('append file', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('inzage-append-')));
  afterEach(() => removeDir(dir));

  it('appends in order, and on Linux writes through a descriptor opened O_DSYNC (each write on disk when it returns)', async function () {
    const out = new AppendFile(join(dir, 'log.jsonl'));
    await out.append('{"n":1}\n');
    await out.append(Buffer.from('{"n":2}\n'));
    expect(readFileSync(join(dir, 'log.jsonl'), 'utf8')).to.equal('{"n":1}\n{"n":2}\n');
    if (process.platform !== 'linux' || constants.O_DSYNC === undefined) {
      await out.close();
      this.skip();
    }
    const fd = (out as unknown as { fd: number }).fd;
    const flags = Number.parseInt(/^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]!, 8);
    expect(flags & constants.O_DSYNC, 'O_DSYNC').to.equal(constants.O_DSYNC);
    expect(flags & constants.O_APPEND, 'O_APPEND').to.equal(constants.O_APPEND);
    await out.close();
  });
});
