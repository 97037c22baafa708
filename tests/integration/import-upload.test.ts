/**
 * The console's upload of files (`POST /api/imports`, multipart): a QTI package as a zip, a CSV list and QTI
 * results as XML files, told by content and imported as one run, all or nothing; refused for anyone but an
 * admin before the body has arrived.
 */
import { expect } from 'chai';
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { LIMITS } from '../../server/http/limits.ts';
import type { ItemQuestion } from '../../shared/schema.ts';
import { loggedIn, StaffClient, startTestServer, type TestServer } from '../helpers/server.ts';
import { removeDir, storeHash, tempDir } from '../support/dataDir.ts';
import { BBQS_EXAM, importableBbqs, zipFolder } from '../support/qti.ts';
import { keyAnswer, resultXml } from '../support/qtiResults.ts';

const CSV = 'Examennummer;Voornaam;Tussenvoegsel;Achternaam;Klas\n4101;Zoë;;Brouwer;4H2\n4102;Anaïs;van der;Meer;4H2\n';

const upload = (files: [string, string | Uint8Array][], fields: Record<string, string> = {}) => {
  const form = new FormData();
  for (const [name, content] of files) form.append('files', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};

describe('import upload of files (multipart)', function () {
  this.timeout(120_000);
  let ts: TestServer;
  let dir: string;
  let zip: Uint8Array;
  before(async () => {
    ts = await startTestServer({ data: null });
    dir = tempDir('upload');
    zip = zipFolder(importableBbqs(dir));
  });
  after(async () => {
    await ts.close();
    removeDir(dir);
  });

  it('checks a zip and a CSV in a dry run, writing nothing, then imports them; results with a group follow; again changes nothing', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    const before = await storeHash(ts.store);
    const dry = await boss.call('POST', '/api/imports?dryRun=1', upload([['bbqs.zip', zip], ['klas.csv', CSV]]));
    expect(dry.status, dry.text).to.equal(200);
    expect(dry.json.inputs).to.deep.equal([{ name: 'bbqs.zip', kind: 'package', count: 1 }, { name: 'klas.csv', kind: 'candidates', count: 2 }]);
    expect(dry.json.counts.exams.added).to.equal(1);
    expect(dry.json.counts.candidates.added).to.equal(2);
    expect(await storeHash(ts.store)).to.equal(before);

    const real = await boss.call('POST', '/api/imports', upload([['bbqs.zip', zip], ['klas.csv', CSV]]));
    expect(real.status, real.text).to.equal(200);
    const questions = ts.store.content.exam(BBQS_EXAM)!.questions as ItemQuestion[];
    const answers = new Map(questions.map((q) => [q.id, { values: keyAnswer(q), score: 1 }]));
    const results: [string, string][] = [['4101.xml', resultXml('4101', BBQS_EXAM, answers)], ['4102.xml', resultXml('4102', BBQS_EXAM, answers)]];

    const noGroup = await boss.call('POST', '/api/imports?dryRun=1', upload(results));
    expect(noGroup.status).to.equal(400);
    expect(noGroup.json.error.details.errors).to.deep.equal(['QTI results need a group to go in: give its id (--group ID on the command line, "Afnamegroep" in the console)']);

    const withGroup = await boss.call('POST', '/api/imports', upload(results, { groupId: '4h-ne', groupName: '4H Nederlands' }));
    expect(withGroup.status, withGroup.text).to.equal(200);
    expect(withGroup.json.counts.sittings.added).to.equal(2);
    const rows = (await boss.call('GET', '/api/groups/4h-ne/results')).json.rows;
    // 1 reported per item, but 0 where the item's maximum is 0 (kept within 0 and the maximum, with a warning)
    const total = questions.filter((q) => q.maxScore >= 1).length;
    expect(rows.map((r: { name: string; totalScore: number }) => [r.name, r.totalScore])).to.have.deep.members([['Zoë Brouwer', total], ['Anaïs van der Meer', total]]);

    const stored = await storeHash(ts.store);
    const again = await boss.call('POST', '/api/imports', upload([['bbqs.zip', zip], ['klas.csv', CSV], ...results], { groupId: '4h-ne' }));
    expect(again.status, again.text).to.equal(200);
    for (const kind of ['exams', 'candidates', 'groups', 'sittings']) expect(again.json.counts[kind]).to.include({ added: 0, updated: 0 });
    expect(await storeHash(ts.store)).to.equal(stored);

    const bad = await boss.call('POST', '/api/imports', upload([...results, ['4103.xml', '<?xml version="1.0"?>\n<assessmentResult>\n  <context sourcedId="4103"/>\n']], { groupId: '4h-ne' }));
    expect(bad.status).to.equal(400);
    expect(bad.json.error.details.errors.join('\n')).to.match(/^4103\.xml:\d+:\d+: not well-formed XML/m);
    expect(await storeHash(ts.store)).to.equal(stored);
  });

  it('refuses an upload without files, and a file that is no import, with clear messages', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    const none = await boss.call('POST', '/api/imports?dryRun=1', upload([], { groupId: 'x' }));
    expect([none.status, none.json.error.message]).to.deep.equal([400, 'Er is geen bestand meegestuurd.']);
    const item = await boss.call('POST', '/api/imports?dryRun=1', upload([['q.xml', '<qti-assessment-item identifier="q"/>']]));
    expect(item.status).to.equal(400);
    expect(item.json.error.details.errors[0]).to.contain('q.xml: a single QTI qti-assessment-item');
  });

  it('refuses an admin\'s upload over the import limit (counted inflated) with 413 too-large', async () => {
    const boss = await loggedIn(ts.base, 'boss');
    const head = Buffer.from('--b\r\ncontent-disposition: form-data; name="files"; filename="groot.csv"\r\n\r\n');
    const body = gzipSync(Buffer.concat([head, Buffer.alloc(LIMITS.importBytes, 'x'), Buffer.from('\r\n--b--\r\n')]), { level: 9 });
    const r = await fetch(`${ts.base}/api/imports?dryRun=1`, {
      method: 'POST', body,
      headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-encoding': 'gzip', origin: ts.base, accept: 'application/json', cookie: boss.cookie },
    });
    expect([r.status, (await r.json()).error.code]).to.deep.equal([413, 'too-large']);
  });

  for (const who of ['anonymous', 'a supervisor'] as const) {
    it(`refuses ${who} before the upload has arrived (the rest of it is never sent)`, async () => {
      const client = who === 'anonymous' ? new StaffClient(ts.base) : await loggedIn(ts.base, 'sup1');
      const body = Buffer.from(`--b\r\ncontent-disposition: form-data; name="files"; filename="a.zip"\r\n\r\n${'x'.repeat(1 << 20)}\r\n--b--\r\n`);
      const url = new URL(ts.base);
      const req = request({
        host: url.hostname, port: url.port, path: '/api/imports', method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-length': body.length, origin: ts.base, ...(client.cookie ? { cookie: client.cookie } : {}) },
      });
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () => resolve({ status: res.statusCode!, text }));
        });
        req.on('error', reject);
      });
      req.write(body.subarray(0, 1000));
      const r = await answer;
      expect(req.writableEnded).to.equal(false);
      expect([r.status, JSON.parse(r.text).error.code]).to.deep.equal(who === 'anonymous' ? [401, 'unauthenticated'] : [403, 'forbidden']);
      req.destroy();
    });
  }
});
