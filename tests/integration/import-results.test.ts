/**
 * Issue 13, done when: through the real command line, a real QTI 3 package with 20+ items of mixed
 * interactions (1EdTech's BBQs test, without its one item whose pictures are on another server), then a Dutch
 * CSV candidate list, then a folder of QTI 3 results with --group, gives a group whose results (HTTP
 * /api/groups/:id/results) list the candidates by name with their reported scores; the same import again
 * changes nothing; a malformed results file is refused naming its line, and nothing is written.
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemQuestion } from '../../shared/schema.ts';
import { loggedIn, startTestServer } from '../helpers/server.ts';
import { inzage } from '../support/cli.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { cliStoreEnv, storedHash, withStoreOf } from '../support/stored.ts';
import { BBQS_EXAM as EXAM, importableBbqs } from '../support/qti.ts';
import { keyAnswer, resultXml, type ItemAnswer } from '../support/qtiResults.ts';

const CSV = '\uFEFFExamennummer;Voornaam;Tussenvoegsel;Achternaam;Klas\n4101;Zoë;;Brouwer;4H2\n4102;Anaïs;van der;Meer;4H2\n4103;Daan;;Bakker;4H3\n';

describe('inzage import: a QTI package, a candidate list and QTI results (issue 13)', function () {
  this.timeout(180_000);
  let dir: string;
  let data: string;
  let pkg: string;
  before(() => {
    dir = tempDir('results');
    data = join(dir, 'data');
    // the real package, without the item whose pictures are on flickr (the import refuses remote pictures)
    pkg = importableBbqs(dir);
    writeFileSync(join(dir, 'klas.csv'), CSV);
  });
  after(() => removeDir(dir));

  /** Results for the stored exam: 4101 all correct, reported full marks; 4103 reported 1 per item; 4102 unscored; 4199 in no list. */
  function writeResults(questions: ItemQuestion[]): { reported: Record<string, number> } {
    const results = join(dir, 'results');
    mkdirSync(results, { recursive: true });
    const all = (answer: (q: ItemQuestion) => ItemAnswer) => new Map(questions.map((q) => [q.id, answer(q)]));
    writeFileSync(join(results, '4101.xml'), resultXml('4101', EXAM, all((q) => ({ values: keyAnswer(q), score: q.maxScore }))));
    writeFileSync(join(results, '4103.xml'), resultXml('4103', EXAM, all((q) => ({ values: {}, score: Math.min(1, q.maxScore) }))));
    writeFileSync(join(results, '4102.xml'), resultXml('4102', EXAM, all((q) => ({ values: keyAnswer(q) }))));
    writeFileSync(join(results, '4199.xml'), resultXml('4199', EXAM, all(() => ({ values: {}, score: 0 }))));
    const max = questions.reduce((n, q) => n + q.maxScore, 0);
    return { reported: { 4101: max, 4103: questions.filter((q) => q.maxScore >= 1).length, 4199: 0 } };
  }

  it('imports package, list and results; the group lists names with the reported scores; again changes nothing; a malformed file is refused', async () => {
    const first = inzage(['import', pkg, '--data', data, '--subject', 'Engels', '--level', 'havo'], '', cliStoreEnv(data));
    expect(first.code, first.stderr).to.equal(0);
    const questions = await withStoreOf(data, (store) => store.content.exam(EXAM)!.questions as ItemQuestion[]);
    expect(questions.length).to.be.at.least(20);
    const interactions = new Set(questions.flatMap((q) => q.parts.map((p) => p.interaction)));
    expect([...interactions]).to.include.members(['choice', 'order', 'match', 'associate', 'gapMatch', 'inlineChoice', 'textEntry', 'extendedText', 'selectPoint']);

    const list = inzage(['import', join(dir, 'klas.csv'), '--data', data], '', cliStoreEnv(data));
    expect(list.code, list.stderr).to.equal(0);
    expect(list.stdout).to.contain('klas.csv: candidate list (3 candidates)').and.contain('candidates  3 added, 0 updated, 0 unchanged');

    const { reported } = writeResults(questions);
    const results = join(dir, 'results');
    const noGroup = inzage(['import', results, '--data', data], '', cliStoreEnv(data));
    expect(noGroup.code).to.equal(1);
    expect(noGroup.stderr).to.contain('QTI results need a group');

    const before = await storedHash(data);
    const dry = inzage(['import', results, '--group', '4h-ne', '--group-name', '4H Nederlands', '--data', data, '--dry-run'], '', cliStoreEnv(data));
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.contain('sittings    4 added');
    expect(await storedHash(data)).to.equal(before);

    const r = inzage(['import', results, '--group', '4h-ne', '--group-name', '4H Nederlands', '--data', data], '', cliStoreEnv(data));
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('QTI results (4 files)');
    expect(r.stdout).to.contain('candidates  1 added, 0 updated, 0 unchanged');
    expect(r.stdout).to.contain('groups      1 added').and.contain('sittings    4 added');
    expect(r.stdout).to.match(/4199\.xml:\d+:\d+: assessmentResult\/context: unknown candidate "4199" \(in no candidate list\): to be created with the number only/);

    // the same three again, in one run: nothing changes, not a byte
    const stored = await storedHash(data);
    const again = inzage(['import', pkg, join(dir, 'klas.csv'), results, '--group', '4h-ne', '--group-name', '4H Nederlands', '--subject', 'Engels', '--level', 'havo', '--data', data], '', cliStoreEnv(data));
    expect(again.code, again.stderr).to.equal(0);
    for (const kind of ['exams      ', 'candidates ', 'groups     ', 'sittings   ']) expect(again.stdout).to.match(new RegExp(`${kind} 0 added, 0 updated, \\d+ unchanged`));
    expect(await storedHash(data)).to.equal(stored);

    // a malformed results file: refused with its line and column, nothing written
    writeFileSync(join(results, '4104.xml'), '<?xml version="1.0"?>\n<assessmentResult xmlns="http://www.imsglobal.org/xsd/imsqti_result_v3p0">\n  <context sourcedId="4104"/>\n');
    const bad = inzage(['import', results, '--group', '4h-ne', '--data', data], '', cliStoreEnv(data));
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.contain('nothing was imported').and.match(/4104\.xml:\d+:\d+: not well-formed XML/);
    expect(await storedHash(data)).to.equal(stored);
    rmSync(join(results, '4104.xml'));

    const ts = await startTestServer({ dataDir: data, data: null });
    try {
      const boss = await loggedIn(ts.base, 'boss');
      const res = await boss.call('GET', '/api/groups/4h-ne/results');
      expect(res.status).to.equal(200);
      const rows = Object.fromEntries(res.json.rows.map((row: { candidateNumber: string }) => [row.candidateNumber, row]));
      expect(rows['4101']).to.include({ name: 'Zoë Brouwer', totalScore: reported[4101] });
      expect(rows['4103']).to.include({ name: 'Daan Bakker', totalScore: reported[4103] });
      expect(rows['4102'].name).to.equal('Anaïs van der Meer');
      expect(rows['4102'].totalScore).to.be.above(0); // scored from the keys: every keyed part answered correctly
      expect(rows['4199']).to.include({ name: '4199', totalScore: 0 }); // known by number only
      expect(res.json.group).to.include({ name: '4H Nederlands', examId: EXAM, candidateCount: 4 });
    } finally {
      await ts.close({ keepData: true });
    }
    expect(existsSync(data)).to.equal(true);
  });
});
