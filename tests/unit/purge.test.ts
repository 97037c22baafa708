import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importData } from '../../server/import/index.ts';
import { purge } from '../../server/purge.ts';
import { shardFileName } from '../../server/store/content.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import { PENDING_FILE, markPurgePending } from '../../server/store/scrub.ts';
import { dirHash, listFiles, removeDir, tempDir } from '../support/dataDir.ts';
import { tracesIn } from '../support/traces.ts';
import { EXAM_ID, GROUP_ID, exampleImport, type Json } from '../support/importFixture.ts';

/**
 * Exam A: group GA (230117, 230118) with sittings on 20 and 22 May, and group GC (230120), March, no sittings.
 * Exam B: group GB (230118, 230119), 10 June, with sittings.
 */
function twoExams(): Json {
  const f = exampleImport();
  const examB = { ...exampleImport().exams[0], id: 'ak-kb-2026', title: 'Aardrijkskunde KB' };
  f.exams.push(examB);
  f.candidates.push({ number: '230119', firstName: 'Lot', lastName: 'Smit' }, { number: '230120', firstName: 'Bram', lastName: 'Visser' });
  f.sittings[1].submittedAt = '2026-05-22T10:00:00+02:00';
  f.groups.push(
    { id: 'g-c', name: 'Inhaal', examId: EXAM_ID, startsAt: '2026-03-01T09:00:00+01:00', candidateNumbers: ['230120'] },
    { id: 'g-b', name: 'Aardrijkskunde', examId: examB.id, startsAt: '2026-06-10T09:00:00+02:00', candidateNumbers: ['230118', '230119'] },
  );
  for (const n of ['230118', '230119']) {
    f.sittings.push({ ...exampleImport().sittings[0], id: `s-b-${n}`, groupId: 'g-b', candidateNumber: n, startedAt: '2026-06-10T09:00:00+02:00', submittedAt: '2026-06-10T10:00:00+02:00' });
  }
  return f;
}

describe('purge', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = tempDir('purge');
    store = openStore(dir);
    const r = await importData(store, twoExams());
    if (!r.ok) throw new Error(r.errors.join('\n'));
  });
  afterEach(() => removeDir(dir));

  const ids = (s: Store) => ({
    sittings: s.content.sittingSummaries().map((x) => x.id).sort(),
    groups: s.content.groups().map((g) => g.id).sort(),
    candidates: s.content.candidates().map((c) => c.number).sort(),
    exams: s.content.exams().map((e) => e.id).sort(),
  });

  it('removes an exam\'s groups and sittings and the candidates nothing else refers to; the exams stay', async () => {
    const counts = await purge(store, { examId: EXAM_ID, dryRun: false });
    expect(counts).to.deep.equal({ sittings: 2, groups: 2, candidates: 2 });
    expect(ids(openStore(dir))).to.deep.equal({
      sittings: ['s-b-230118', 's-b-230119'],
      groups: ['g-b'],
      candidates: ['230118', '230119'],
      exams: ['ak-kb-2026', EXAM_ID],
    });
    expect(await openStore(dir).content.sitting('s-230117')).to.equal(undefined);
  });

  it('removes sittings submitted before a date, groups left empty that started before it, and unreferenced candidates', async () => {
    const counts = await purge(store, { before: '2026-05-21T00:00:00+02:00', dryRun: false });
    expect(counts).to.deep.equal({ sittings: 1, groups: 1, candidates: 2 });
    const after = openStore(dir);
    expect(ids(after)).to.deep.include({
      sittings: ['s-230118', 's-b-230118', 's-b-230119'],
      groups: ['g-b', GROUP_ID],
      candidates: ['230118', '230119'],
    });
    // the group stays (it has a later sitting) but no longer lists the candidate whose sitting went
    expect(after.content.group(GROUP_ID)!.candidateNumbers).to.deep.equal(['230118']);
  });

  it('counts the same in a dry run, and writes nothing', async () => {
    const before = dirHash(dir);
    const dry = await purge(store, { examId: EXAM_ID, dryRun: true });
    expect(dirHash(dir)).to.equal(before);
    expect(dry).to.deep.equal(await purge(store, { examId: EXAM_ID, dryRun: false }));
  });

  it('audits the selector and the counts, no names, and the chain still verifies', async () => {
    await purge(store, { examId: EXAM_ID, dryRun: false, actor: 'boss' });
    const last = (await store.audit.readAll()).at(-1)!;
    expect(last).to.deep.include({ actor: 'boss', action: 'data.purged', target: EXAM_ID, details: { examId: EXAM_ID, sittings: 2, groups: 2, candidates: 2 } });
    expect(await store.audit.verify()).to.include({ ok: true });
    const line = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').at(-1)!;
    for (const personal of ['Sanne', 'Visser', '230117']) expect(line).not.to.contain(personal);
  });

  it('leaves last good copies that hold only what stays, and none for a shard that went', async () => {
    await purge(store, { examId: EXAM_ID, dryRun: false });
    const files = listFiles(dir);
    for (const f of ['candidates.json', 'index.json']) {
      expect(files).to.include(`${f}.bak`);
      expect(readFileSync(join(dir, `${f}.bak`), 'utf8')).to.equal(readFileSync(join(dir, f), 'utf8'));
    }
    expect(files.filter((f) => f.startsWith('results/')).map((f) => f.replace(/\.bak$/, ''))).to.deep.equal([`results/${shardFileName('g-b')}`]);
    expect(files.some((f) => f.includes('.tmp-'))).to.equal(false);
  });

  it('an interrupted purge is finished by the next one, even one that selects nothing', async () => {
    // what a purge that stopped half-way leaves: purged data in a last good copy and in a temp file
    writeFileSync(join(dir, 'candidates.json.bak'), JSON.stringify({ candidates: [{ number: '990001', firstName: 'Femke' }] }));
    writeFileSync(join(dir, 'index.json.tmp-4000001-7'), 's-990001');
    await markPurgePending(dir);
    await purge(store, { examId: 'nope', dryRun: false });
    expect(tracesIn(dir, ['Femke', '990001', 's-990001'])).to.deep.equal([]);
    expect(listFiles(dir)).not.to.include(PENDING_FILE);
  });

  it('removes the unfinished last lines a crash left for inspection (.torn), which may hold purged data', async () => {
    // a crash mid-append: the audit log's last line is cut off; the next open keeps it in audit.jsonl.torn
    await store.flush();
    writeFileSync(join(dir, 'audit.jsonl'), `${readFileSync(join(dir, 'audit.jsonl'), 'utf8')}{"seq":999,"action":"review.started","target":"s-b-230119`);
    const reopened = openStore(dir);
    await reopened.audit.append({ actor: 'test', action: 'audit.anchored', target: 'after-crash', details: {} });
    await reopened.flush();
    expect(listFiles(dir)).to.include('audit.jsonl.torn');
    expect(tracesIn(dir, ['s-b-230119'])).not.to.deep.equal([]);
    await purge(reopened, { examId: 'ak-kb-2026', dryRun: false });
    expect(tracesIn(dir, ['s-b-230119'])).to.deep.equal([]);
    expect(listFiles(dir).filter((f) => f.endsWith('.torn'))).to.deep.equal([]);
  });

  it('selects nothing for an unknown exam', async () => {
    expect(await purge(store, { examId: 'nope', dryRun: true })).to.deep.equal({ sittings: 0, groups: 0, candidates: 0 });
  });

  it('wants exactly one of exam and date', async () => {
    let error: unknown;
    try {
      await purge(store, { examId: EXAM_ID, before: '2026-01-01', dryRun: true });
    } catch (e) {
      error = e;
    }
    expect((error as Error)?.message).to.contain('exactly one');
  });
});
