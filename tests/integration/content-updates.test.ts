/** Consoles hear when stored data changes (import, purge, an exam's settings, staff) and reload what they show. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { FIXTURES, consoleSocket, heardDuring, loggedIn, once, startTestServer, type StaffClient, type TestServer } from '../helpers/server.ts';

describe('content:updated on /admin', () => {
  let ts: TestServer;
  let boss: StaffClient;
  let sup: StaffClient;
  let watcher: Socket;

  before(async () => {
    ts = await startTestServer();
    boss = await loggedIn(ts.base, 'boss');
    sup = await loggedIn(ts.base, 'sup1');
    // a supervisor's console: it shows results, so it hears of every change
    watcher = consoleSocket(ts.base, sup);
    await once(watcher, 'reviews:updated');
  });
  after(async () => {
    watcher?.close();
    await ts.close();
  });

  it('after an exam\'s review settings change: exams', async () => {
    const heard = once(watcher, 'content:updated');
    expect((await boss.call('PATCH', '/api/exams/ma-kb-2026/review', { maxMinutes: 40 })).status).to.equal(200);
    expect(await heard).to.deep.equal({ kinds: ['exams'] });
  });

  it('after an import: exams and results; not after a dry run, nor after a refused file', async () => {
    const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
    const dry = await heardDuring(watcher, 'content:updated', async () => {
      expect((await boss.call('POST', '/api/imports?dryRun=1', file)).status).to.equal(200);
      expect((await boss.call('POST', '/api/imports', { format: 'inzage/v1', exams: 'nope' })).status).to.equal(400);
    });
    expect(dry).to.deep.equal([]);
    const heard = once(watcher, 'content:updated');
    expect((await boss.call('POST', '/api/imports', file)).status).to.equal(200);
    expect(await heard).to.deep.equal({ kinds: ['exams', 'results'] });
  });

  it('after a purge: results; not after its dry run', async () => {
    const dry = await heardDuring(watcher, 'content:updated', async () => {
      expect((await boss.call('POST', '/api/purge', { examId: 'fr-kb-2026', dryRun: true })).status).to.equal(200);
    });
    expect(dry).to.deep.equal([]);
    const heard = once(watcher, 'content:updated');
    expect((await boss.call('POST', '/api/purge', { examId: 'fr-kb-2026' })).status).to.equal(200);
    expect(await heard).to.deep.equal({ kinds: ['results'] });
  });

  it('after a staff account is created or changed: users', async () => {
    let heard = once(watcher, 'content:updated');
    const created = await boss.call('POST', '/api/users', { username: 'nieuw', role: 'supervisor', displayName: 'Nieuwe Collega' });
    expect(created.status, created.text).to.equal(201);
    expect(await heard).to.deep.equal({ kinds: ['users'] });
    heard = once(watcher, 'content:updated');
    expect((await boss.call('PATCH', `/api/users/${created.json.user.id}`, { displayName: 'Andere Naam' })).status).to.equal(200);
    expect(await heard).to.deep.equal({ kinds: ['users'] });
  });

  it('says nothing when a request is refused', async () => {
    const none = await heardDuring(watcher, 'content:updated', async () => {
      expect((await sup.call('PATCH', '/api/exams/ma-kb-2026/review', { maxMinutes: 10 })).status).to.equal(403);
      expect((await boss.call('PATCH', '/api/exams/ma-kb-2026/review', { maxMinutes: -1 })).status).to.equal(400);
      expect((await sup.call('POST', '/api/users', { username: 'x', role: 'admin' })).status).to.equal(403);
    });
    expect(none).to.deep.equal([]);
  });
});
