/**
 * Issue 15 items 2 and 3: one import run names every error — a structural error in one place and a score above
 * the maximum elsewhere (even in the same sitting) — on the command line and from `POST /api/imports`, and the
 * API sends each error as a coded item (path, code, parameters, English text) the console renders in its language.
 */
import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, loggedIn, startTestServer, type StaffClient, type TestServer } from '../helpers/server.ts';
import { inzage } from '../support/cli.ts';
import { removeDir, storeHash, tempDir } from '../support/dataDir.ts';

/** The sample with a structural error in two places and a score of 3 for a question worth 2. */
function brokenSample() {
  const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
  file.sittings[0].responses[0].flagged = 'yes';
  file.sittings[0].responses[1].score = 3;
  file.candidates[0].firstName = '';
  return file;
}

const SCORE = "sittings[0].responses[1].score: 3 is more than the question's maximum of 2";
const FLAGGED = 'sittings[0].responses[0].flagged: Invalid input: expected boolean, received string';
const NAME = 'candidates[0].firstName: Too small: expected string to have >=1 characters';

describe('import: every error at once, coded', () => {
  let ts: TestServer;
  let boss: StaffClient;
  before(async () => {
    ts = await startTestServer();
    boss = await loggedIn(ts.base, 'boss');
  });
  after(() => ts.close());

  it('answers every error in one run, as lines and as coded items, and writes nothing', async () => {
    const before = await storeHash(ts.store);
    for (const path of ['/api/imports?dryRun=1', '/api/imports']) {
      const r = await boss.call('POST', path, brokenSample());
      expect([r.status, r.json.error?.code], r.text).to.deep.equal([400, 'invalid-input']);
      const { errors, issues } = r.json.error.details;
      expect(errors).to.include.members([SCORE, FLAGGED, NAME]);
      expect(issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`)).to.deep.equal(errors);
      expect(issues).to.deep.include({ path: 'sittings[0].responses[1].score', code: 'score-above-max', params: { score: 3, max: 2 }, message: "3 is more than the question's maximum of 2" });
      expect(issues).to.deep.include({ path: 'sittings[0].responses[0].flagged', code: 'invalid-type', params: { expected: 'boolean' }, message: 'Invalid input: expected boolean, received string' });
      expect(issues).to.deep.include({ path: 'candidates[0].firstName', code: 'too-small-string', params: { minimum: 1 }, message: 'Too small: expected string to have >=1 characters' });
    }
    expect(await storeHash(ts.store)).to.equal(before);
  });

  it('sends warnings as coded items beside their lines', async () => {
    const file = JSON.parse(readFileSync(join(FIXTURES, 'sample.json'), 'utf8'));
    file.sittings[0].responses[0].score = 0; // a correct answer scored 0 of 1
    const r = await boss.call('POST', '/api/imports?dryRun=1', file);
    expect(r.status, r.text).to.equal(200);
    expect(r.json.warningIssues).to.deep.include({ path: 'sittings[0].responses[0]', code: 'correct-but-scored-low', params: { score: 0, max: 1 }, message: 'response is correct but scored 0 of 1' });
    expect(r.json.warningIssues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`)).to.deep.equal(r.json.warnings);
  });

  it('names the same errors on the command line in one run, in English, and writes nothing', () => {
    const dir = tempDir();
    try {
      const input = join(dir, 'broken.json');
      writeFileSync(input, JSON.stringify(brokenSample()));
      const data = join(dir, 'data');
      const r = inzage(['import', input, '--data', data]);
      expect(r.code, r.stdout + r.stderr).to.not.equal(0);
      for (const line of [SCORE, FLAGGED, NAME]) expect(r.stdout + r.stderr).to.contain(line);
      expect(existsSync(join(data, 'exams.json')) || existsSync(join(data, 'candidates.json'))).to.equal(false);
    } finally {
      removeDir(dir);
    }
  });
});
