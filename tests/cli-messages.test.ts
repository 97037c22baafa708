import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { openStore } from '../server/store/index.ts';
import { lockHolder } from '../server/store/lock.ts';
import { inzage, inzageBackground } from './support/cli.ts';
import { removeDir, tempDir } from './support/dataDir.ts';

/** What an operator reads when something is wrong: a sentence saying what to do, never a Node error code. */
describe('inzage CLI: messages for an operator', function () {
  this.timeout(60_000);
  let dir: string;
  let data: string;
  beforeEach(() => {
    dir = tempDir('cli-msg');
    data = join(dir, 'data');
  });
  afterEach(() => removeDir(dir));

  const noNodeCodes = (text: string) => expect(text).not.to.match(/E[A-Z]{3,}|at .*\.ts:\d+/);

  describe('serve', () => {
    let blocker: Server | null = null;
    afterEach(async () => {
      await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
      blocker = null;
    });

    it('says a port in use is in use and which option chooses another, creating no account and keeping no lock', async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve()));
      const port = (blocker.address() as { port: number }).port;
      const r = inzage(['serve', '--port', String(port), '--host', '127.0.0.1', '--data', data]);
      expect(r.code).to.equal(1);
      expect(r.stderr.trim()).to.equal(`inzage: port ${port} is already in use (another inzage, or another program): choose another with --port`);
      noNodeCodes(r.stderr);
      expect(r.stdout, 'no administrator password printed for a server that never ran').not.to.contain('password');
      expect(openStore(data).staff.all()).to.deep.equal([]);
      expect(await lockHolder(data), 'the lock is released').to.equal(null);
    });

    it('names a missing TLS file before it touches the data directory', () => {
      const r = inzage(['serve', '--port', '0', '--data', data, '--tls-cert', join(dir, 'nope.pem'), '--tls-key', join(dir, 'nope.key')]);
      expect(r.code).to.equal(1);
      expect(r.stderr.trim()).to.equal(`inzage: Cannot read the TLS certificate ${join(dir, 'nope.pem')}: there is no such file.`);
      expect(existsSync(data)).to.equal(false);
    });

    it('removes the demo\'s temporary data directory when it is stopped', async () => {
      const demo = inzageBackground(['serve', '--demo', '--port', '0']);
      const [, demoDir] = await demo.waitFor(/\(data: (\S+)\)/);
      expect(existsSync(demoDir!)).to.equal(true);
      demo.child.kill('SIGTERM');
      expect(await demo.exited).to.equal(0);
      expect(existsSync(demoDir!), `${demoDir} is gone`).to.equal(false);
    });
  });

  it('names a missing import file in words', () => {
    const r = inzage(['import', join(dir, 'export.json'), '--data', data]);
    expect(r.code).to.equal(1);
    expect(r.stderr.trim()).to.equal(`inzage: Cannot read ${join(dir, 'export.json')}: there is no such file.`);
    noNodeCodes(r.stderr);
  });

  it('explains purge usage in the options the command takes, not the API\'s field names', () => {
    const none = inzage(['purge', '--data', data]);
    expect([none.code, none.stderr.trim()]).to.deep.equal([2, 'inzage: purge needs exactly one of --exam ID or --before DATE']);
    const both = inzage(['purge', '--exam', 'x', '--before', '2026-01-01', '--data', data]);
    expect(both.stderr).to.contain('exactly one of --exam ID or --before DATE').and.not.to.contain('examId');
    const bad = inzage(['purge', '--before', '2026-13-01', '--data', data]);
    expect(bad.stderr.trim()).to.equal('inzage: --before must be a date (2026-06-01) or a date and time with its offset (2026-06-01T08:00:00+02:00), not "2026-13-01"');
  });

  it('lists exams with their ids and titles', () => {
    expect(inzage(['import', join(import.meta.dirname, '..', 'demo', 'demo.json'), '--data', data]).code).to.equal(0);
    const r = inzage(['exam', 'list', '--data', data]);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/ID\s+TITLE\s+SUBJECT\s+QUESTIONS\s+SITTINGS\s+REVIEW\s+DATA KEPT UNTIL/);
    expect(r.stdout).to.match(/\d{4}-\d\d-\d\d \d\d:\d\d UTC \(180 days after the (review|import)\)/);
    expect(r.stdout).to.match(/bi-kb-2026-1\s+Biologie KB — centraal examen 2026, 1e tijdvak\s+Biologie KB\s+24\s+27/);
  });
});
