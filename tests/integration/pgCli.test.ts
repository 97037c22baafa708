/**
 * `INZAGE_DATABASE_URL` in real processes (docs/design.md: PostgreSQL store): `inzage serve` and the CLI on
 * PostgreSQL, a database that cannot be used, and `inzage migrate` of a data directory. Each test has a schema of its
 * own, given to the processes in the URL (`?options=-c search_path=…`). Skipped with a hint without PostgreSQL,
 * except under CI=true (tests/support/pg.ts).
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { FIXTURES, PASSWORD, StaffClient, loggedIn, onlineKiosk, startReviewOn, startTestServer } from '../helpers/server.ts';
import { inzage, inzageBackground } from '../support/cli.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { openStore } from '../../server/store/index.ts';
import { pgSchemaPerTest, sql } from '../support/pg.ts';
import { kiosk, reviewRecord, staffUser } from '../support/repoFixtures.ts';

type Bg = ReturnType<typeof inzageBackground>;

/** `inzage serve` on 127.0.0.1, a free port; its base URL once it listens. */
async function serve(data: string, url: string, extra: string[] = []): Promise<{ server: Bg; base: string }> {
  const server = inzageBackground(['serve', '--host', '127.0.0.1', '--port', '0', '--data', data, ...extra], { INZAGE_DATABASE_URL: url });
  running.push(server);
  const [, base] = await server.waitFor(/serving on (http:\/\/127\.0\.0\.1:\d+)/);
  return { server, base: base! };
}

async function stop(server: Bg): Promise<void> {
  server.child.kill('SIGTERM');
  expect(await server.exited, server.output()).to.equal(0);
}

const running: Bg[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) {
    s.child.kill('SIGKILL');
    await s.exited;
  }
});

describe('inzage on PostgreSQL (INZAGE_DATABASE_URL)', function () {
  this.timeout(120_000);
  const schema = pgSchemaPerTest();
  let dir = '';
  beforeEach(() => { dir = tempDir('pgcli'); });
  afterEach(() => removeDir(dir));
  const env = () => ({ INZAGE_DATABASE_URL: schema.url });

  it('serves what CLI commands wrote into the database, sees another process\'s new account, and keeps it all over a restart', async () => {
    const data = join(dir, 'data');
    const added = inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], `${PASSWORD('boss')}\n`, env());
    expect(added.code, added.stderr).to.equal(0);
    const imported = inzage(['import', join(FIXTURES, 'sample.json'), '--data', data], '', env());
    expect(imported.code, imported.stderr).to.equal(0);
    expect((await sql(schema.name, 'SELECT doc->>\'username\' AS u FROM staff')).map((r) => r.u)).to.deep.equal(['boss']);
    const listed = inzage(['user', 'list', '--data', data], '', env());
    expect(listed.stdout).to.match(/boss\s+admin/);

    let { server, base } = await serve(data, schema.url);
    expect(server.output()).to.contain('database: postgres://').and.not.to.contain('created the administrator account');
    const boss = await loggedIn(base, 'boss');
    const exams = await boss.call('GET', '/api/exams');
    expect(exams.status).to.equal(200);
    expect(exams.json.map((e: any) => e.id)).to.include('bi-kb-2026');
    const room = await boss.call('POST', '/api/rooms', { name: 'Lokaal 12' });
    expect(room.status, room.text).to.equal(201);

    // another process on the same database adds an account: the running server hears of it and lets it log in
    const other = await schema.open();
    const { createUser } = await import('../../server/auth/users.ts');
    await createUser(other.staff, { username: 'sup9', role: 'supervisor', password: PASSWORD('sup9') });
    await other.close();
    const { eventually } = await import('../support/eventually.ts');
    await eventually(async () => expect((await new StaffClient(base).login('sup9')).status).to.equal(200));

    await stop(server);
    ({ server, base } = await serve(data, schema.url));
    const again = await loggedIn(base, 'boss');
    expect((await again.call('GET', '/api/rooms')).json.map((r: any) => r.name)).to.deep.equal(['Lokaal 12']);
    expect((await again.call('GET', '/api/exams')).json.map((e: any) => e.id)).to.include('bi-kb-2026');
    expect((await new StaffClient(base).login('sup9')).status).to.equal(200);
    await stop(server);
  });

  it('creates the first administrator account in the database, and runs the demo on it', async () => {
    const { server, base } = await serve(join(dir, 'data'), schema.url);
    const [, password] = await server.waitFor(/password: (\S+)/);
    expect((await new StaffClient(base).login('admin', password!)).status).to.equal(200);
    expect((await sql(schema.name, 'SELECT doc->>\'username\' AS u FROM staff')).map((r) => r.u)).to.deep.equal(['admin']);
    await stop(server);

    const demo = await serve(join(dir, 'demo'), schema.url, ['--demo']);
    const [, user, pw] = await demo.server.waitFor(/^\s+(\S+) \/ (\S+)\s+\(admin\)/m);
    const staff = new StaffClient(demo.base);
    expect((await staff.login(user!, pw!)).status).to.equal(200);
    expect((await staff.call('GET', '/api/exams')).json.length).to.be.greaterThan(0);
    await stop(demo.server);
  });

  it('stops with exit 1, saying why, when its lease connection breaks: to the other processes it is gone', async () => {
    const { server, base } = await serve(join(dir, 'data'), schema.url);
    const [, nodeId] = await server.waitFor(/this process \((\S+)\) runs the timers/);
    expect((await fetch(`${base}/healthz`)).status).to.equal(200);
    await sql('public', 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`inzage-${nodeId}`]);
    expect(await server.exited, server.output()).to.equal(1);
    expect(server.output(), server.output()).to.contain('left the other server processes');
  });

  it('stops with exit 1 and a message naming INZAGE_DATABASE_URL when the database does not exist', () => {
    const url = new URL(schema.url);
    url.pathname = `/no_such_db_${schema.name}`;
    url.password = 'Sup3r-Geheim';
    const r = inzage(['user', 'list', '--data', join(dir, 'data')], '', { INZAGE_DATABASE_URL: url.toString() });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.contain('inzage: Cannot use the PostgreSQL database of INZAGE_DATABASE_URL (postgres://postgres:***@')
      .and.to.contain(`database "no_such_db_${schema.name}" does not exist`).and.not.to.contain('Sup3r-Geheim');
  });

  it('stops with exit 1 and a message naming INZAGE_DATABASE_URL when a migration fails', async () => {
    await sql('public', `CREATE SCHEMA ${schema.name}`);
    await sql(schema.name, 'CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    await sql(schema.name, "INSERT INTO schema_migrations (version, name) VALUES (999, '999_future.sql')");
    const r = inzage(['serve', '--port', '0', '--host', '127.0.0.1', '--data', join(dir, 'data')], '', env());
    expect(r.code, r.stdout).to.equal(1);
    expect(r.stderr).to.contain('INZAGE_DATABASE_URL').and.to.contain('newer than this build knows');
    expect(r.stderr).not.to.match(/\n\s+at /);
    expect(r.stdout).not.to.contain('created the administrator account');
    expect((await sql(schema.name, 'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema()'))[0]!.n).to.equal(1);
  });

  describe('inzage migrate', () => {
    /** A file data directory with staff, a kiosk, an ended review with a remark and its record, and audit lines. */
    async function fileData(): Promise<{ data: string; reviewId: string }> {
      const ts = await startTestServer({ dataDir: join(dir, 'data'), withStore: (files) => files });
      const [boss, sup1] = [await loggedIn(ts.base, 'boss'), await loggedIn(ts.base, 'sup1')];
      const k = await onlineKiosk(ts.base, boss, 'Station M1');
      const { review } = await startReviewOn(ts.base, sup1, k, 's-bi-120001');
      const ack = await (k.socket.timeout(5000) as any).emitWithAck('review:remark', { questionId: 'bi2', kind: 'key', text: 'B is ook goed.' });
      expect(ack.ok).to.equal(true);
      expect(await (k.socket.timeout(5000) as any).emitWithAck('review:logout', {})).to.deep.equal({ ok: true });
      k.socket.close();
      await ts.close({ keepData: true });
      return { data: ts.dataDir, reviewId: review.id };
    }

    it('copies a data directory into the database, which a server on it then shows, and refuses a database with data', async () => {
      const { data, reviewId } = await fileData();
      const r = inzage(['migrate', '--data', data, '--to', schema.url]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/staff accounts\s+3/).and.to.match(/kiosks\s+1/).and.to.match(/reviews\s+1\n/)
        .and.to.match(/remarks\s+1/).and.to.match(/review records\s+1/).and.to.match(/data secret\s+copied/)
        .and.to.contain('Checked: the counts in the database match');
      expect((await sql(schema.name, 'SELECT count(*)::int AS n FROM review_records'))[0]!.n).to.equal(1);

      // a fresh local directory: everything the server shows comes from the database, nothing from the files
      const { server, base } = await serve(join(dir, 'fresh'), schema.url);
      const boss = await loggedIn(base, 'boss');
      expect((await boss.call('GET', '/api/kiosks')).json.map((k: any) => k.name)).to.deep.equal(['Station M1']);
      // content: the group's results (with the scores of the responses) and the exams
      const results = (await boss.call('GET', '/api/groups/g-bi-1/results')).json;
      expect(results.rows ?? results, JSON.stringify(results).slice(0, 300)).to.have.length(3);
      expect((await boss.call('GET', '/api/exams')).json.map((e: any) => e.id)).to.include('bi-kb-2026');
      expect((await boss.call('GET', '/api/remarks')).json.remarks.map((m: any) => m.text)).to.deep.equal(['B is ook goed.']);
      expect((await boss.call('GET', '/api/groups/g-bi-1/reviews')).json.reviews.map((h: any) => h.id)).to.deep.equal([reviewId]);
      const audit = await boss.call('GET', '/api/audit?limit=200');
      expect(audit.json.verified, JSON.stringify(audit.json.problem)).to.equal(true);
      const actions = audit.json.events.map((e: any) => e.action);
      expect(actions).to.include.members(['kiosk.paired', 'review.started', 'review.ended']);
      expect(actions).not.to.include('audit.chain-broken');
      await stop(server);

      const again = inzage(['migrate', '--data', data, '--to', schema.url]);
      expect(again.code).to.equal(1);
      expect(again.stderr).to.contain('already holds Inzage data').and.to.contain('empty database only');
      expect((await sql(schema.name, 'SELECT count(*)::int AS n FROM staff'))[0]!.n).to.equal(3);
    });

    it('leaves the database as empty as it was when the copy fails part way', async () => {
      const data = join(dir, 'data');
      const files = openStore(data);
      await files.staff.add(staffUser('u1'));
      await files.reviewRecords.put(reviewRecord('r1'));
      // two kiosks with one id (which the database refuses) after the staff were copied
      await files.kiosks.add(kiosk('k1'));
      await files.kiosks.add(kiosk('k1', { name: 'twice' }));
      await files.flush();
      const r = inzage(['migrate', '--data', data], '', env());
      expect(r.code, r.stdout).to.equal(1);
      expect(r.stderr).to.contain('Not copied into postgres://').and.to.contain('kiosks_pkey').and.to.contain('left as empty as it was');
      for (const table of ['staff', 'kiosks', 'review_records', 'settings']) {
        expect((await sql(schema.name, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n, table).to.equal(table === 'settings' ? 1 : 0);
      }
    });

    it('holds the data directory\'s lock: refused while a server runs on the directory, nothing copied', async () => {
      const data = join(dir, 'data');
      const files = openStore(data);
      await files.staff.add(staffUser('u1'));
      await files.flush();
      const server = inzageBackground(['serve', '--host', '127.0.0.1', '--port', '0', '--data', data]);
      running.push(server);
      await server.waitFor(/serving on/);
      const r = inzage(['migrate', '--data', data], '', env());
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/is in use by an inzage server \(pid \d+\): stop the server/);
      expect(await sql('public', 'SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = $1', [schema.name])).to.deep.equal([{ n: 0 }]);
      await stop(server);
    });

    it('refuses without a database to copy into, and a directory without data', () => {
      const none = inzage(['migrate', '--data', join(dir, 'data')]);
      expect([none.code, none.stderr.trim()]).to.deep.equal([2, 'inzage: migrate needs a database to copy into: give --to postgres://… or set INZAGE_DATABASE_URL']);
      const empty = inzage(['migrate', '--data', join(dir, 'nothing')], '', env());
      expect([empty.code, empty.stderr.trim()]).to.deep.equal([1, `inzage: No inzage data in ${join(dir, 'nothing')} (give --data DIR or set INZAGE_DATA).`]);
    });
  });
});

describe('inzage with an unusable INZAGE_DATABASE_URL', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(() => { dir = tempDir('pgbad'); });
  afterEach(() => removeDir(dir));

  it('stops serve and the commands with exit 1 and a message naming the setting, never showing the password', () => {
    // port 1 on loopback: nothing listens there, so the connection is refused at once
    const env = { INZAGE_DATABASE_URL: 'postgres://inzage:Sup3r-Geheim@127.0.0.1:1/inzage' };
    for (const args of [['serve', '--port', '0', '--host', '127.0.0.1'], ['user', 'list'], ['kiosk', 'list'], ['exam', 'list']]) {
      const r = inzage([...args, '--data', join(dir, 'data')], '', env);
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).to.equal(1);
      expect(r.stderr.trim()).to.equal('inzage: Cannot use the PostgreSQL database of INZAGE_DATABASE_URL (postgres://inzage:***@127.0.0.1:1/inzage): nothing answers at its address (is PostgreSQL running there?).');
      expect(r.stdout + r.stderr).not.to.contain('Sup3r-Geheim');
      expect(r.stdout).not.to.contain('serving on');
    }
    const bad = inzage(['user', 'list', '--data', join(dir, 'data')], '', { INZAGE_DATABASE_URL: 'mysql://x@y/z' });
    expect([bad.code, bad.stderr.trim()]).to.deep.equal([1, 'inzage: INZAGE_DATABASE_URL must be a postgres:// URL (postgres://user@host:5432/database).']);
  });
});
