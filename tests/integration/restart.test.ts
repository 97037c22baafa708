import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createUser } from '../../server/auth/users.ts';
import { ROOT } from '../../server/http/web.ts';
import { importData } from '../../server/import/index.ts';
import { openStore } from '../../server/store/index.ts';
import { shardFileName } from '../../server/store/content.ts';
import { verifyAuditText } from '../../server/store/audit.ts';
import { FIXTURES, PASSWORD, connectKiosk, loggedIn, once, pairKiosk, tempDir } from '../helpers/server.ts';
import { eventually } from '../support/eventually.ts';
import { cliStoreEnv, itFileStore, storedAuditText, storedDocs, whereOfDir, withStoreOf } from '../support/stored.ts';

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** `inzage serve` as its own process, as a school runs it. */
async function serve(dataDir: string, port: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string; log: () => string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'inzage.mjs'), 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDir], {
    env: { ...process.env, NODE_ENV: 'test', INZAGE_SCRYPT_N: String(2 ** 14), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => { log += d; });
  child.stderr!.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  try {
    await eventually(async () => {
      if (child.exitCode !== null) {
        exited = true;
        return true;
      }
      return (await fetch(`${base}/healthz`)).ok;
    }, { timeout: 30_000, interval: 50, what: 'the server answers /healthz' });
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`server did not start: ${(e as Error).message}\n${log}`);
  }
  if (exited) throw new Error(`server exited: ${log}`);
  return { child, base, log: () => log };
}

describe('a server restart ends nothing', function () {
  this.timeout(60_000);
  let dataDir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    dataDir = tempDir('restart');
    // on the suite's store: the data directory's files, or its schema under INZAGE_TEST_STORE=pg
    await withStoreOf(dataDir, async (store) => {
      const r = await importData(store, JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8')), { actor: 'test' });
      expect(r.ok).to.equal(true);
      for (const [name, role] of [['sup1', 'supervisor'], ['boss', 'admin']] as const) await createUser(store.staff, { username: name, role, password: PASSWORD(name) });
    });
  });
  after(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes a session at its question after kill -9, and ends one whose kiosk stays away', async () => {
    const port = await freePort();
    // (longer than a restarted file-store server waits for its reviews' kiosks before it reads the rest of its content,
    // RESUME_FIRST_MS in server/app.ts: kiosk 1 is connected once /healthz answers, after that)
    const env = { INZAGE_GRACE_SECONDS: '5', ...cliStoreEnv(dataDir) } as Record<string, string>;
    const first = await serve(dataDir, port, env);
    children.push(first.child);
    const boss = await loggedIn(first.base, 'boss');
    const sup = await loggedIn(first.base, 'sup1');
    const k1 = await pairKiosk(first.base, boss, 'Stays');
    const k2 = await pairKiosk(first.base, boss, 'Goes');
    const c1 = await connectKiosk(first.base, k1.token);
    const c2 = await connectKiosk(first.base, k2.token);
    const s1 = once(c1.socket, 'review:started');
    const r1 = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120001', kioskId: k1.id });
    await s1;
    const s2 = once(c2.socket, 'review:started');
    const r2 = await sup.call('POST', '/api/reviews', { sittingId: 's-bi-120002', kioskId: k2.id });
    await s2;
    expect([r1.status, r2.status]).to.deep.equal([201, 201]);
    expect(await c1.socket.timeout(2000).emitWithAck('review:navigate', { questionId: 'bi4' })).to.deep.equal({ ok: true });
    // the position is a coalesced hot write: kill the server once it is on disk
    const stored = async () => (await storedDocs(whereOfDir(dataDir), 'reviews')).find((r) => r.id === r1.json.id)?.doc.position;
    await eventually(async () => (await stored()) === 'bi4', { what: 'the position written to the review journal (or the reviews table)' });
    first.child.kill('SIGKILL');
    await new Promise((res) => first.child.once('exit', res));
    c1.socket.close();
    c2.socket.close();

    const second = await serve(dataDir, port, env);
    children.push(second.child);
    // the staff login survives the restart too
    const me = await sup.call('GET', '/api/auth/me');
    expect(me.status).to.equal(200);
    const back = await connectKiosk(second.base, k1.token);
    expect(back.state.review.id).to.equal(r1.json.id);
    expect(back.state.review.position).to.equal('bi4');
    expect(back.state.review.candidate.name).to.equal('Sanne de Vries');

    // kiosk 2 never comes back: its session ends after the grace period (5 s of real time in that process)
    await eventually(async () => {
      const active = await sup.call('GET', '/api/reviews');
      expect(active.json.map((r: { id: string }) => r.id)).to.deep.equal([r1.json.id]);
    }, { timeout: 20_000, what: 'only the resumed review still active' });
    // its end line follows the end (on PostgreSQL the end is committed first, then audited: a request between sees the
    // review ended and the line not yet there)
    const { audit, ended } = await eventually(async () => {
      const audit = await boss.call('GET', '/api/audit?action=review.ended');
      const ended = audit.json.events.find((e: { target: string }) => e.target === r2.json.id);
      expect(ended, 'review.ended of the review whose kiosk stayed away').to.be.an('object');
      return { audit, ended };
    }, { what: 'the end audited' });
    expect(ended.details.reason).to.equal('kiosk-disconnected');
    expect(audit.json.verified).to.equal(true);
    back.socket.close();
    second.child.kill('SIGTERM');
    await new Promise((res) => second.child.once('exit', res));
    expect(verifyAuditText(await storedAuditText(whereOfDir(dataDir))).ok).to.equal(true);
  });

  itFileStore('refuses to start on a truncated data file, naming it', 'a file of the data directory cut short', async () => {
    const dir = tempDir('corrupt');
    try {
      const store = openStore(dir);
      await createUser(store.staff, { username: 'boss', role: 'admin', password: PASSWORD('boss') });
      await store.flush();
      const file = join(dir, 'state.json');
      const text = readFileSync(file, 'utf8');
      (await import('node:fs')).writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
      const port = await freePort();
      const err = await serve(dir, port).then(() => '', (e: Error) => e.message);
      expect(err).to.contain('state.json');
      expect(err).to.match(/corrupt/i);
      expect(readFileSync(file, 'utf8')).to.equal(text.slice(0, Math.floor(text.length / 2)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  itFileStore('refuses to start on a damaged results shard, naming it, instead of failing on its first read', 'a results shard file damaged', async () => {
    const dir = tempDir('corrupt-shard');
    try {
      const store = openStore(dir);
      expect((await importData(store, JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8')), { actor: 'test' })).ok).to.equal(true);
      await createUser(store.staff, { username: 'boss', role: 'admin', password: PASSWORD('boss') });
      await store.flush();
      const shard = join(dir, 'results', shardFileName('g-bi-1'));
      const text = readFileSync(shard, 'utf8');
      const damaged = text.replace('"s-bi-120002"', '"s-bi-120002\u0000'); // same size, no longer JSON
      expect(damaged).not.to.equal(text);
      writeFileSync(shard, damaged);
      const err = await serve(dir, await freePort()).then(() => '', (e: Error) => e.message);
      expect(err).to.contain(shard).and.to.match(/corrupt/i).and.to.contain('line 2');
      expect(err).not.to.match(/\n\s+at /); // a message, not a stack trace
      expect(readFileSync(shard, 'utf8')).to.equal(damaged);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
