import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connectKiosk, consoleSocket, loggedIn, once, onlineKiosk as paired, startReviewOn, startTestServer,
  type KioskSocket, type StaffClient, type TestServer,
} from '../helpers/server.ts';
import { storeHash } from '../support/dataDir.ts';
import { eventually } from '../support/eventually.ts';
import { pgSchemaOf, storedDocs, storedFileText, whereStored } from '../support/stored.ts';

describe("candidates' remarks ('Opmerking')", () => {
  let ts: TestServer;
  let sup1: StaffClient, boss: StaffClient;
  const sockets: { close(): void }[] = [];
  const track = <T extends { close(): void }>(s: T) => (sockets.push(s), s);

  before(async () => {
    ts = await startTestServer();
    [sup1, boss] = await Promise.all([loggedIn(ts.base, 'sup1'), loggedIn(ts.base, 'boss')]);
  });
  after(async () => {
    await ts.close();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    for (const r of ts.app.ctx.engine.active()) await ts.app.ctx.engine.finish(r.id, 'ended-by-supervisor', 'test');
  });

  async function onlineKiosk(name: string) {
    const k = await paired(ts.base, boss, name);
    track(k.socket);
    return k;
  }
  async function startOn(k: { id: string; socket: KioskSocket }, sittingId: string) {
    const { review, payload } = await startReviewOn(ts.base, sup1, k, sittingId);
    return { id: review.id as string, payload };
  }
  const remark = (k: { socket: KioskSocket }, p: unknown) => k.socket.timeout(5000).emitWithAck('review:remark', p as never) as Promise<any>;
  /** the remarks as stored (remarks.json, or the remarks table), read from outside the server */
  const onDisk = async () => (await storedDocs(whereStored(ts), 'remarks')).map((r) => r.doc);

  it('stores a remark durably before the ack, counts it live for consoles, replaces it on a second one, and removes it on an empty text', async () => {
    const k = await onlineKiosk('Station R1');
    const { id } = await startOn(k, 's-bi-120002');
    const consoleSock = track(consoleSocket(ts.base, sup1));
    await once(consoleSock, 'reviews:updated');
    const counted = new Promise<any[]>((res) => consoleSock.on('reviews:updated', (list: any[]) => {
      if (list.find((r) => r.id === id)?.remarkCount === 1) res(list);
    }));

    const ack = await remark(k, { questionId: 'bi2', kind: 'equivalent', text: '  Mijn antwoord B is ook goed.  ' });
    expect(ack).to.deep.include({ ok: true });
    expect(ack.data).to.include({ questionId: 'bi2', kind: 'equivalent', text: 'Mijn antwoord B is ook goed.' });
    // on disk at the ack: the file, not only memory
    expect((await onDisk()).map((r) => [r.reviewId, r.questionId, r.kind, r.text])).to.deep.equal([[id, 'bi2', 'equivalent', 'Mijn antwoord B is ook goed.']]);
    await counted;

    const again = await remark(k, { questionId: 'bi2', kind: 'key', text: 'De sleutel klopt niet.' });
    expect(again.data).to.include({ kind: 'key', text: 'De sleutel klopt niet.' });
    expect(await onDisk()).to.have.length(1);
    expect((await onDisk())[0]).to.include({ kind: 'key', text: 'De sleutel klopt niet.', status: 'open' });

    const withdrawn = await remark(k, { questionId: 'bi2', kind: 'other', text: '   ' });
    expect(withdrawn).to.deep.equal({ ok: true, data: null });
    expect(await onDisk()).to.deep.equal([]);

    // audited without the text (candidate data)
    const events = (await ts.store.audit.readAll()).filter((e) => e.action === 'review.remarked' && e.target === id);
    expect(events.map((e) => e.details)).to.deep.equal([
      { questionId: 'bi2', kind: 'equivalent' }, { questionId: 'bi2', kind: 'key', edited: true }, { questionId: 'bi2', withdrawn: true },
    ]);
    expect(JSON.stringify(events)).not.to.contain('sleutel klopt');
  });

  it('gives a reloading kiosk its remarks back in kiosk:state', async () => {
    const k = await onlineKiosk('Station R2');
    await startOn(k, 's-bi-120003');
    await remark(k, { questionId: 'bi7', kind: 'other', text: 'Vraag 7 was onduidelijk.' });
    k.socket.close();
    const { socket, state } = await connectKiosk(ts.base, k.token);
    track(socket);
    expect(state.review.remarks.map((r: any) => [r.questionId, r.kind, r.text])).to.deep.equal([['bi7', 'other', 'Vraag 7 was onduidelijk.']]);
  });

  it('refuses, with a code and storing nothing: no review, a question of another exam, after the end, oversize or invalid payloads, a review id', async () => {
    const k = await onlineKiosk('Station R3');
    const idle = await onlineKiosk('Station R4');
    const before = await storeHash(ts.store);
    expect((await remark(idle, { questionId: 'bi1', kind: 'key', text: 'x' })).error.code).to.equal('no-review');

    const { id } = await startOn(k, 's-bi-120002');
    const afterStart = await storeHash(ts.store);
    expect(afterStart).not.to.equal(before); // the start itself is stored; from here on nothing may change
    const refused: [unknown, string][] = [
      [{ questionId: 'wi1', kind: 'key', text: 'x' }, 'not-found'], // a question of another exam
      [{ questionId: 'nope', kind: 'key', text: 'x' }, 'not-found'],
      [{ questionId: 'bi1', kind: 'key', text: 'x'.repeat(1001) }, 'invalid-input'],
      [{ questionId: 'bi1', kind: 'wrong', text: 'x' }, 'invalid-input'],
      [{ questionId: 'bi1', text: 'x' }, 'invalid-input'],
      [{ questionId: 'bi1', kind: 'key', text: 'x', reviewId: id }, 'invalid-input'], // no reaching another review by id
      [{ questionId: 'bi1', kind: 'key', text: 42 }, 'invalid-input'],
      ['bi1', 'invalid-input'],
    ];
    for (const [p, code] of refused) expect((await remark(k, p)).error?.code, JSON.stringify(p)).to.equal(code);
    expect(await storeHash(ts.store)).to.equal(afterStart);

    // another kiosk's review is out of reach: a remark goes to the sender's own review only
    const other = await onlineKiosk('Station R5');
    const mine = await startOn(other, 's-bi-120001');
    expect((await remark(other, { questionId: 'bi1', kind: 'other', text: 'eigen' })).ok).to.equal(true);
    expect(ts.store.remarks.ofReview(id)).to.deep.equal([]);
    expect(ts.store.remarks.ofReview(mine.id).map((r) => r.text)).to.deep.equal(['eigen']);

    await ts.app.ctx.engine.finish(id, 'ended-by-supervisor', 'test');
    const ended = await storeHash(ts.store);
    expect((await remark(k, { questionId: 'bi1', kind: 'key', text: 'te laat' })).error.code).to.equal('no-review');
    expect(await storeHash(ts.store)).to.equal(ended);
  });

  it("lists the queue by exam, group and status for staff, exports it as CSV, and lets a supervisor mark one handled with a note", async () => {
    const k = await onlineKiosk('Station R6');
    await startOn(k, 's-bi-120002');
    await remark(k, { questionId: 'bi4', kind: 'key', text: '=SOM(A1); "let op"' });

    const list = await sup1.call('GET', '/api/remarks?examId=bi-kb-2026&status=open');
    expect(list.status).to.equal(200);
    const mine = list.json.remarks.find((r: any) => r.questionId === 'bi4');
    expect(mine).to.include({ examTitle: 'Biologie KB', groupId: 'g-bi-1', candidateNumber: '120002', questionNumber: 4, kind: 'key', status: 'open', note: null });
    expect((await sup1.call('GET', '/api/remarks?groupId=g-wi-1')).json.remarks).to.deep.equal([]);
    expect((await sup1.call('GET', '/api/remarks?status=maybe')).json.error.code).to.equal('invalid-input');

    const csv = await sup1.call('GET', '/api/remarks?examId=bi-kb-2026&format=csv&delimiter=;&lang=nl&tz=Europe/Amsterdam');
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).to.equal('examen;afnamegroep;examennummer;kandidaat;vraag;soort;opmerking;geplaatst;status;reactie;afgehandeld door;afgehandeld op');
    // the audit export's quoting and formula defusal
    expect(csv.text).to.contain(`;De antwoordsleutel klopt niet;"'=SOM(A1); ""let op""";`);

    const handled = await sup1.call('PATCH', `/api/remarks/${mine.id}`, { status: 'handled', note: 'Sleutel gecontroleerd: klopt.' });
    expect(handled.status, handled.text).to.equal(200);
    expect(handled.json).to.include({ status: 'handled', note: 'Sleutel gecontroleerd: klopt.', handledBy: 'sup1' });
    await eventually(async () => (await onDisk()).find((r) => r.id === mine.id)?.status === 'handled');
    expect((await sup1.call('GET', '/api/remarks?status=open')).json.remarks.map((r: any) => r.id)).not.to.include(mine.id);
    expect((await sup1.call('PATCH', '/api/remarks/nope', { status: 'handled' })).status).to.equal(404);
    expect((await sup1.call('PATCH', `/api/remarks/${mine.id}`, { status: 'done' })).status).to.equal(400);
    const audit = (await ts.store.audit.readAll()).filter((e) => e.action === 'remark.status-changed');
    expect(audit.at(-1)).to.deep.include({ actor: 'sup1', details: { questionId: 'bi4', from: 'open', to: 'handled' } });
  });

  it('refuses the queue to anyone not logged in as staff', async () => {
    const anon = await fetch(`${ts.base}/api/remarks`);
    expect(anon.status).to.equal(401);
    const patch = await fetch(`${ts.base}/api/remarks/x`, { method: 'PATCH', headers: { 'content-type': 'application/json', origin: ts.base }, body: '{"status":"handled"}' });
    expect(patch.status).to.equal(401);
  });

  it('purge removes the remarks of the purged sittings', async () => {
    const k = await onlineKiosk('Station R7');
    await startOn(k, 's-bi-120003');
    await remark(k, { questionId: 'bi1', kind: 'other', text: 'Te verwijderen opmerking' });
    await ts.app.ctx.engine.finish(ts.app.ctx.engine.activeForKiosk(k.id)!.id, 'ended-by-supervisor', 'test');
    const r = await boss.call('POST', '/api/purge', { examId: 'bi-kb-2026' });
    expect(r.status, r.text).to.equal(200);
    expect(ts.store.remarks.all().filter((x) => x.examId === 'bi-kb-2026')).to.deep.equal([]);
    await ts.store.flush();
    expect(await storedFileText(whereStored(ts), 'remarks.json')).not.to.contain('Te verwijderen');
    if (!pgSchemaOf(ts.store)) expect(readFileSync(join(ts.dataDir, 'remarks.json.bak'), 'utf8')).not.to.contain('Te verwijderen');
  });
});
