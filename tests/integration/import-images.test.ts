/**
 * Issue 11: the import and the kiosk's Content-Security-Policy agree on images. The CSP (`img-src 'self' data:`)
 * blocks an image on another server, so the import refuses one, naming the field, with every other error at once
 * and nothing written; an inline raster image passes (the kiosk shows it: tests/e2e/kiosk-content.test.ts).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sanitizeExamHtml } from '../../server/import/index.ts';
import { FIXTURES, loggedIn, startTestServer, type StaffClient, type TestServer } from '../helpers/server.ts';
import { storeHash } from '../support/dataDir.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const sample = () => JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));

describe('import: images as the kiosk\'s CSP shows them', () => {
  let ts: TestServer;
  let boss: StaffClient;
  before(async () => {
    ts = await startTestServer();
    boss = await loggedIn(ts.base, 'boss');
  });
  after(() => ts.close());

  it('serves the pages with img-src \'self\' data:, the one content source being data: (what the sanitiser keeps)', async () => {
    for (const page of ['/kiosk/', '/admin/']) {
      const csp = (await fetch(`${ts.base}${page}`)).headers.get('content-security-policy') ?? '';
      expect(/(?:^|;)\s*img-src ([^;]*)/.exec(csp)?.[1]?.trim(), page).to.equal("'self' data:");
    }
    // what the sanitiser keeps of an image source is always a data: URI; a URL elsewhere never passes
    for (const src of [PNG, 'https://cdn.example/a.png', 'http://cdn.example/a.png', '//cdn.example/a.png', '/relative.png']) {
      const kept = /src="([^"]*)"/.exec(sanitizeExamHtml(`<img src="${src}">`))?.[1];
      if (kept !== undefined) expect(kept.startsWith('data:'), src).to.equal(true);
    }
  });

  it('refuses an image on another server, naming the field, with every other error at once, and writes nothing', async () => {
    const file = sample();
    const exam = file.exams[0];
    exam.questions[2].stem = '<p>Zie de afbeelding.</p><img src="https://cdn.example.org/grafiek.png" alt="grafiek">';
    exam.questions[0].options[1].text = 'B <img src="//cdn.example.org/b.png">';
    exam.questions[0].key = ['E']; // an error of another kind in the same file
    const before = await storeHash(ts.store);
    for (const path of ['/api/imports?dryRun=1', '/api/imports']) {
      const r = await boss.call('POST', path, file);
      expect([r.status, r.json.error?.code], r.text).to.deep.equal([400, 'invalid-input']);
      const errors: string[] = r.json.error.details.errors;
      const stem = errors.find((e) => e.startsWith('exams[0].questions[2].stem: '));
      expect(stem, errors.join('\n')).to.contain('https://cdn.example.org/grafiek.png').and.to.contain('another server');
      expect(errors.some((e) => e.startsWith('exams[0].questions[0].options[1].text: ')), errors.join('\n')).to.equal(true);
      expect(errors.some((e) => e.startsWith('exams[0].questions[0].key')), errors.join('\n')).to.equal(true);
    }
    expect(await storeHash(ts.store)).to.equal(before);
    expect(ts.store.content.exam(exam.id)!.questions.find((q) => q.id === exam.questions[2].id)!.stem).not.to.contain('cdn.example.org');
  });

  it('imports an inline png image unchanged, without a warning', async () => {
    const file = sample();
    const exam = file.exams[0];
    const stem = `<p>Bekijk de figuur.</p><figure><img src="${PNG}" alt="grafiek" /><figcaption>figuur 1</figcaption></figure>`;
    exam.questions[2].stem = stem;
    const r = await boss.call('POST', '/api/imports', file);
    expect(r.status, r.text).to.equal(200);
    expect(r.json.warnings.filter((w: string) => w.includes('img'))).to.deep.equal([]);
    expect(ts.store.content.exam(exam.id)!.questions.find((q) => q.id === exam.questions[2].id)!.stem).to.equal(stem);
  });
});
