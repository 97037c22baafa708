import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyPassword } from '../server/auth/passwords.ts';
import { openStore } from '../server/store/index.ts';
import { BIN, inzage } from './support/cli.ts';
import { lockHolderProcess } from './support/processes.ts';
import { dirHash, listFiles, removeDir, tempDir } from './support/dataDir.ts';
import { EXAM_ID, exampleImport, type Json } from './support/importFixture.ts';

describe('inzage CLI', function () {
  this.timeout(60_000);
  let dir: string;
  let data: string;
  let files: string;
  const write = (name: string, content: Json) => {
    const p = join(files, name);
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 1));
    return p;
  };
  beforeEach(() => {
    dir = tempDir('cli');
    data = join(dir, 'data');
    files = tempDir('cli-files');
  });
  afterEach(() => {
    removeDir(dir);
    removeDir(files);
  });

  describe('usage', () => {
    it('shows help and exits 0', () => {
      const r = inzage(['--help']);
      expect(r.code).to.equal(0);
      for (const c of ['serve', 'import', 'user', 'kiosk', 'audit', 'purge']) expect(r.stdout).to.contain(c);
      const sub = inzage(['import', '--help']);
      expect(sub.code).to.equal(0);
      expect(sub.stdout).to.contain('--dry-run').and.to.contain('--data');
    });

    it('exits 2 on an unknown command, a missing option, or an invalid choice', () => {
      const unknown = inzage(['frobnicate']);
      expect(unknown.code).to.equal(2);
      expect(unknown.stderr).to.contain("unknown command 'frobnicate'");
      expect(inzage(['user', 'add', 'sup1', '--data', data]).code).to.equal(2);
      expect(inzage(['user', 'add', 'sup1', '--role', 'king', '--data', data]).code).to.equal(2);
      const both = inzage(['purge', '--exam', EXAM_ID, '--before', '2026-01-01', '--data', data]);
      expect(both.code).to.equal(2);
      expect(both.stderr).to.contain('exactly one of --exam ID or --before DATE');
    });
  });

  describe('import', () => {
    it('imports a valid file, and a second import of it changes no file', () => {
      const file = write('export.json', exampleImport());
      const r = inzage(['import', file, '--data', data]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/sittings\s+2 added, 0 updated, 0 unchanged/);
      const before = dirHash(data);
      const again = inzage(['import', file, '--data', data]);
      expect(again.code).to.equal(0);
      expect(again.stdout).to.match(/sittings\s+0 added, 0 updated, 2 unchanged/);
      expect(dirHash(data)).to.equal(before);
    });

    it('says in the dry run and the import which questions changed and how many sittings stay on the old version', () => {
      expect(inzage(['import', write('export.json', exampleImport()), '--data', data]).code).to.equal(0);
      const f = exampleImport();
      f.exams[0].questions[2].stem = '<p>Zet deze gebeurtenissen in de juiste volgorde.</p>';
      f.sittings = [];
      const changed = write('changed.json', f);
      const line = `exam ${EXAM_ID} (Geschiedenis KB (voorbeeld)): new version: question 3 changed; 2 sittings stay on the old version`;
      const dry = inzage(['import', changed, '--dry-run', '--data', data]);
      expect(dry.code, dry.stderr).to.equal(0);
      expect(dry.stdout).to.contain(line);
      const real = inzage(['import', changed, '--data', data]);
      expect(real.stdout).to.contain(line).and.to.match(/exams\s+0 added, 1 updated/);
    });

    it('prints score warnings and still imports', () => {
      const f = exampleImport();
      f.sittings[0].responses[0].score = 0;
      const r = inzage(['import', write('warn.json', f), '--data', data]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.contain('sittings[0].responses[0]: response is correct but scored 0 of 1');
    });

    it('prints what sanitising removed from exam content, with the field and the element path', () => {
      const f = exampleImport();
      f.exams[0].questions[0].stem = '<p>Wie was de eerste<nav>koning</nav>van Nederland?</p>';
      const r = inzage(['import', write('content.json', f), '--dry-run', '--data', data]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout, r.stdout).to.contain('exams[0].questions[0].stem: removed <nav> but kept its text (at nav)');
    });

    it('refuses an invalid file with exit 1, every error with its path, and leaves the data directory as it was', () => {
      const f = exampleImport();
      f.exams[0].questions[1].key = ['A', 'E'];
      f.sittings[1].groupId = 'nope';
      f.sittings[0].responses[6].score = 9;
      const broken = write('broken.json', f);
      const expected = [
        'exams[0].questions[1].key: unknown option "E"',
        "sittings[0].responses[6].score: 9 is more than the question's maximum of 3",
        'sittings[1].groupId: unknown group "nope"',
      ];
      // into an empty data directory: nothing appears
      const fresh = inzage(['import', broken, '--data', data]);
      expect(fresh.code).to.equal(1);
      for (const e of expected) expect(fresh.stderr).to.contain(e);
      expect(listFiles(dir)).to.deep.equal([]);
      // into one with data: not a byte changes
      expect(inzage(['import', write('ok.json', exampleImport()), '--data', data]).code).to.equal(0);
      const before = dirHash(data);
      const r = inzage(['import', broken, '--data', data]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('3 errors').and.to.contain('nothing was imported');
      for (const e of expected) expect(r.stderr).to.contain(e);
      expect(dirHash(data)).to.equal(before);
    });

    it('says where a file is not valid JSON', () => {
      const r = inzage(['import', write('bad.json', '{\n  "format": "inzage/v1",\n  "exams": [}\n'), '--data', data]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('line 3, column 13: unexpected "}"');
      expect(listFiles(dir)).to.deep.equal([]);
    });

    it('writes nothing on a dry run', () => {
      const r = inzage(['import', write('export.json', exampleImport()), '--dry-run', '--data', data]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.contain('nothing was written').and.to.match(/exams\s+1 added/);
      expect(listFiles(dir)).to.deep.equal([]);
    });
  });

  describe('user', () => {
    it('adds a user with the password from stdin, which then logs in', async () => {
      const r = inzage(['user', 'add', 'sup1', '--role', 'supervisor', '--display-name', 'Anna Smit', '--data', data], 'Geheim-sup1-2026!\n');
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).not.to.contain('Geheim');
      const user = openStore(data).staff.byUsername('sup1')!;
      expect(user).to.include({ role: 'supervisor', displayName: 'Anna Smit', mustChangePassword: false });
      expect(await verifyPassword('Geheim-sup1-2026!', user.passwordHash)).to.equal(true);
      expect(await verifyPassword('Geheim-sup1-2026', user.passwordHash)).to.equal(false);
    });

    it('generates a password when stdin has none, prints it once, and flags it must-change', async () => {
      const r = inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data]);
      expect(r.code, r.stderr).to.equal(0);
      const password = /first login\): (\S+)/.exec(r.stdout)?.[1];
      expect(password).to.be.a('string');
      const user = openStore(data).staff.byUsername('boss')!;
      expect(user.mustChangePassword).to.equal(true);
      expect(await verifyPassword(password!, user.passwordHash)).to.equal(true);
    });

    it('sets a new password with user passwd, refuses an unknown user and a short password', async () => {
      expect(inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Eerste-wachtwoord-1\n').code).to.equal(0);
      expect(inzage(['user', 'passwd', 'boss', '--data', data], 'Tweede-wachtwoord-2\n').code).to.equal(0);
      expect(await verifyPassword('Tweede-wachtwoord-2', openStore(data).staff.byUsername('boss')!.passwordHash)).to.equal(true);
      const unknown = inzage(['user', 'passwd', 'nobody', '--data', data], 'Derde-wachtwoord-3\n');
      expect(unknown.code).to.equal(1);
      expect(unknown.stderr).to.contain('"nobody"');
      const short = inzage(['user', 'add', 'sup2', '--role', 'supervisor', '--data', data], 'kort\n');
      expect(short.code).to.equal(1);
      expect(short.stderr).to.contain('minstens 10 tekens');
      const list = inzage(['user', 'list', '--data', data]);
      expect(list.stdout).to.match(/boss\s+admin/);
    });

    it('refuses a common or breached password (any case) and one equal to the username, in add and passwd, and writes nothing', () => {
      for (const pw of ['password123', 'BasketBall', 'Wachtwoord', 'docent.jansen', 'Docent.Jansen']) {
        const r = inzage(['user', 'add', 'docent.jansen', '--role', 'supervisor', '--data', data], `${pw}\n`);
        expect([r.code, r.stderr], pw).to.deep.equal([1, 'inzage: Dit wachtwoord is te makkelijk te raden: het staat in een lijst van veelgebruikte of gelekte wachtwoorden, of het is gelijk aan de gebruikersnaam. Kies een ander wachtwoord.\n']);
      }
      expect(existsSync(join(data, 'state.json')) ? openStore(data).staff.all() : []).to.deep.equal([]);
      expect(inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Eerste-wachtwoord-1\n').code).to.equal(0);
      const before = openStore(data).staff.byUsername('boss')!.passwordHash;
      for (const pw of ['QWERTYUIOP', '1Q2W3E4R5T']) {
        const r = inzage(['user', 'passwd', 'boss', '--data', data], `${pw}\n`);
        expect(r.code, pw).to.equal(1);
        expect(r.stderr, pw).to.contain('te makkelijk te raden');
      }
      expect(openStore(data).staff.byUsername('boss')!.passwordHash).to.equal(before);
    });

    it('logs the user out of the server with user passwd: their stored login sessions are removed', () => {
      expect(inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Eerste-wachtwoord-1\n').code).to.equal(0);
      expect(inzage(['user', 'add', 'sup1', '--role', 'supervisor', '--data', data], 'Eerste-wachtwoord-1\n').code).to.equal(0);
      const store = openStore(data);
      const [boss, sup1] = [store.staff.byUsername('boss')!, store.staff.byUsername('sup1')!];
      // what a running server left in sessions.json: one login of each
      const expires = Date.now() + 3_600_000;
      const session = (user: string) => ({ data: { cookie: { originalMaxAge: 1_800_000 }, passport: { user }, createdAt: Date.now() }, expires });
      writeFileSync(join(data, 'sessions.json'), JSON.stringify({ sessions: { ['a'.repeat(64)]: session(boss.id), ['b'.repeat(64)]: session(sup1.id) } }));
      expect(inzage(['user', 'passwd', 'boss', '--data', data], 'Tweede-wachtwoord-2\n').code).to.equal(0);
      const left = JSON.parse(readFileSync(join(data, 'sessions.json'), 'utf8')).sessions;
      expect(Object.keys(left)).to.deep.equal(['b'.repeat(64)]);
    });
  });

  describe('INZAGE_SCRYPT_N', () => {
    it('refuses to start the server, or hash with the CLI, with a lowered cost outside a test run', () => {
      const serve = inzage(['serve', '--port', '0', '--host', '127.0.0.1', '--data', data], '', { NODE_ENV: undefined });
      expect(serve.code).to.equal(1);
      expect(serve.stderr).to.contain('INZAGE_SCRYPT_N=16384 would lower the password-hash cost below the default (131072); only test runs (NODE_ENV=test) may do that.');
      expect(existsSync(join(data, 'state.json')), 'nothing written').to.equal(false);
      const add = inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Eerste-wachtwoord-1\n', { NODE_ENV: 'production' });
      expect(add.code).to.equal(1);
      expect(add.stderr).to.contain('INZAGE_SCRYPT_N=16384 would lower');
      const junk = inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Eerste-wachtwoord-1\n', { INZAGE_SCRYPT_N: '1000' });
      expect(junk.code).to.equal(1);
      expect(junk.stderr).to.contain('INZAGE_SCRYPT_N must be a power of two from 16384 to 131072, not "1000"');
    });

    it('takes the lowered cost in a test run (NODE_ENV=test), and the default when unset', async () => {
      expect(inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Eerste-wachtwoord-1\n').code).to.equal(0);
      expect(openStore(data).staff.byUsername('boss')!.passwordHash).to.match(/^scrypt\$16384\$8\$1\$/);
      expect(inzage(['user', 'passwd', 'boss', '--data', data], 'Tweede-wachtwoord-2\n', { NODE_ENV: undefined, INZAGE_SCRYPT_N: undefined }).code).to.equal(0);
      expect(openStore(data).staff.byUsername('boss')!.passwordHash).to.match(/^scrypt\$131072\$8\$1\$/);
    });
  });

  describe('data directory', () => {
    it('refuses to write while a live server holds the lock, and leaves the data as it was', async () => {
      const file = write('export.json', exampleImport());
      expect(inzage(['import', file, '--data', data]).code).to.equal(0);
      const server = await lockHolderProcess(data, {}, 'an inzage server');
      try {
        const f = exampleImport();
        f.sittings[0].grade = 9.1;
        const before = dirHash(data);
        for (const [args, input] of [
          [['import', write('changed.json', f), '--data', data], ''],
          [['user', 'add', 'sup1', '--role', 'supervisor', '--data', data], 'Geheim-sup1-2026!\n'],
          [['purge', '--exam', EXAM_ID, '--yes', '--data', data], ''],
        ] as [string[], string][]) {
          const r = inzage(args, input);
          expect(r.code, args.join(' ')).to.equal(1);
          expect(r.stderr).to.contain(`in use by an inzage server (pid ${server.pid})`).and.to.contain('stop the server or use the console');
        }
        expect(dirHash(data)).to.equal(before);
        expect(inzage(['import', write('changed.json', f), '--dry-run', '--data', data]).code).to.equal(0);
      } finally {
        server.kill('SIGKILL');
      }
    });

    it('reports a corrupt data file with exit 1, naming it, without a stack trace', () => {
      expect(inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Geheim-boss-2026!\n').code).to.equal(0);
      truncateSync(join(data, 'state.json'), 10);
      const r = inzage(['user', 'list', '--data', data]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain(join(data, 'state.json')).and.to.contain('corrupt');
      expect(r.stderr).not.to.match(/^\s+at /m);
    });

    it('refuses a read-only command where there is no data', () => {
      const r = inzage(['kiosk', 'list', '--data', data]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain(`No inzage data in ${data}`);
      expect(listFiles(dir)).to.deep.equal([]);
    });
  });

  describe('kiosk, audit and purge', () => {
    beforeEach(() => {
      expect(inzage(['import', write('export.json', exampleImport()), '--data', data]).code).to.equal(0);
    });

    it('lists kiosks', async () => {
      const store = openStore(data);
      await store.kiosks.add({ id: 'k-1', name: 'Station 3', tokenHash: 'x', pairedAt: '2026-05-01T08:00:00.000Z', lastSeenAt: null });
      const r = inzage(['kiosk', 'list', '--data', data]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.match(/ID\s+NAME\s+ROOM\s+PAIRED AT\s+LAST SEEN/).and.to.match(/k-1\s+Station 3\s+-\s+2026-05-01T08:00:00.000Z\s+never/);
    });

    it('exports the audit log as CSV or JSON Lines', () => {
      const csv = inzage(['audit', 'export', '--time-zone', 'Europe/Amsterdam', '--data', data]);
      expect(csv.code).to.equal(0);
      const lines = csv.stdout.trim().split('\r\n');
      expect(lines[0]).to.match(/^seq,time,actor,action,target,target name,/).and.to.contain(',counts.exams.added,');
      expect(lines[1]).to.match(/^1,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00,system,audit\.anchored,audit,/);
      expect(lines[2]).to.match(/^2,\S+\+0[12]:00,cli,import\.applied,export\.json,/);
      // for Dutch Excel: split by ;
      const dutch = inzage(['audit', 'export', '--delimiter', ';', '--time-zone', 'UTC', '--data', data]);
      expect(dutch.stdout.split('\r\n')[1]).to.match(/^1;\S+\+00:00;system;audit\.anchored;audit;/);
      expect(inzage(['audit', 'export', '--time-zone', 'Mars/Olympus', '--data', data]).stderr).to.contain('--time-zone must be an IANA time zone');
      // without --time-zone: the machine's zone (looked up when the export runs)
      const tokyo = inzage(['audit', 'export', '--data', data], '', { TZ: 'Asia/Tokyo' });
      expect(tokyo.code, tokyo.stderr).to.equal(0);
      expect(tokyo.stdout.split('\r\n')[1]).to.match(/^1,\S+\+09:00,system,audit\.anchored,audit,/);
      expect(inzage(['audit', 'export', '--help']).stdout).to.contain("default: this machine's time zone");
      const jsonl = inzage(['audit', 'export', '--format', 'jsonl', '--from', '2000-01-01', '--data', data]);
      expect(jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l))[1]).to.include({ seq: 2, action: 'import.applied' });
      expect(inzage(['audit', 'export', '--to', '2000-01-01', '--format', 'jsonl', '--data', data]).stdout).to.equal('');
      expect(inzage(['audit', 'export', '--from', 'yesterday', '--data', data]).code).to.equal(2);
    });

    it('verifies the audit chain, and exits 1 saying where it is broken', () => {
      expect(inzage(['user', 'add', 'boss', '--role', 'admin', '--data', data], 'Geheim-boss-2026!\n').code).to.equal(0);
      const ok = inzage(['audit', 'verify', '--data', data]);
      expect(ok.code).to.equal(0);
      expect(ok.stdout).to.contain('intact: 3 events'); // audit.anchored first, then the two commands' events
      const file = join(data, 'audit.jsonl');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"target":"boss"', '"target":"eve"'));
      const broken = inzage(['audit', 'verify', '--data', data]);
      expect(broken.code).to.equal(1);
      expect(broken.stderr).to.contain('broken at line 3');
    });

    /** `inzage ...` on a terminal (a pseudo-terminal from util-linux `script`), typing `typed`. */
    function onTerminal(args: string[], typed: string) {
      const cmd = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.INZAGE_DATA;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { input: typed, encoding: 'utf8', env, timeout: 60_000 });
      return { code: r.status, out: r.stdout };
    }

    (process.platform === 'linux' && existsSync('/usr/bin/script') ? it : it.skip)('asks on a terminal, showing what would go, and purges only on a yes', () => {
      const before = dirHash(data);
      const no = onTerminal(['purge', '--exam', EXAM_ID, '--data', data], 'nee\n');
      expect(no.out).to.contain('This removes 2 sittings, 1 group and 2 candidates of exam').and.to.contain('Remove them? [y/N]');
      expect(no.out).to.contain('Nothing removed.');
      expect(no.code).to.equal(1);
      expect(dirHash(data)).to.equal(before);
      const dry = onTerminal(['purge', '--exam', EXAM_ID, '--dry-run', '--data', data], '');
      expect(dry.code).to.equal(0);
      expect(dry.out).not.to.contain('[y/N]');
      const yes = onTerminal(['purge', '--exam', EXAM_ID, '--data', data], 'ja\n');
      expect(yes.code).to.equal(0);
      expect(yes.out).to.contain('Removed 2 sittings, 1 group and 2 candidates');
      expect(openStore(data).content.counts().sittings).to.equal(0);
    });

    it('purges an exam: a dry run counts, the real run removes and audits', () => {
      const before = dirHash(data);
      const dry = inzage(['purge', '--exam', EXAM_ID, '--dry-run', '--data', data]);
      expect(dry.code).to.equal(0);
      expect(dry.stdout).to.contain('would remove 2 sittings, 1 group and 2 candidates');
      expect(dirHash(data)).to.equal(before);
      const refused = inzage(['purge', '--exam', EXAM_ID, '--data', data]);
      expect(refused.code).to.equal(2);
      expect(refused.stderr).to.contain('stdin is not a terminal: add --yes');
      expect(dirHash(data)).to.equal(before);
      const r = inzage(['purge', '--exam', EXAM_ID, '--yes', '--data', data]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.contain('Removed 2 sittings, 1 group and 2 candidates');
      expect(openStore(data).content.counts()).to.deep.equal({ exams: 1, candidates: 0, groups: 0, sittings: 0 });
      const unknown = inzage(['purge', '--exam', 'nope', '--yes', '--data', data]);
      expect(unknown.code).to.equal(1);
      expect(unknown.stderr).to.contain('Unknown exam "nope"');
    });
  });
});
