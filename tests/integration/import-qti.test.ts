/**
 * Issue 13: `inzage import PACKAGE` with real QTI packages, through the real command line and a real data
 * directory: one exam per test, exact errors and nothing written on error, the same package again changes
 * nothing, a dry run writes nothing, a zip and its folder alike.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../server/store/index.ts';
import type { ItemQuestion } from '../../shared/schema.ts';
import { inzage } from '../support/cli.ts';
import { dirHash, removeDir, tempDir } from '../support/dataDir.ts';
import { BBQS, SAXONY, manifest3, test3, zipBytes } from '../support/qti.ts';

/** Real BBQs items (QTI 3) whose pictures are in the package: all but the one with pictures on flickr. */
const BBQS_ITEMS = [
  'id-5c1b1e2d56bd/either-or.xml', 'id-75bd778a3504/essay-vacation.xml', 'id-992e8bd3c9ac/hotspot-maximum.xml',
  'id-f8e13982226c/jumble-gapMatch.xml', 'id-377d71221b04/jumble-inlineChoice.xml', 'id-200e2c3f7d76/matching-associate-trigDeriv.xml',
  'id-7f35b6c393d5/matching-match-trigDeriv.xml', 'id-3cd82285401e/MultipleAnswer-choice-materials.xml',
  'id-90b59b73c8e4/upload-file.xml', 'id-e475c3c922f6/order-maths.xml', 'id-d565dbe89933/text_entry-Lycidas.xml',
];

describe('inzage import of QTI packages', function () {
  this.timeout(120_000);
  let dir: string;
  let data: string;
  beforeEach(() => {
    dir = tempDir('qti');
    data = join(dir, 'data');
  });
  afterEach(() => removeDir(dir));

  /** A folder with real BBQs items and a test of our own over them (the real test refers to pictures on another server). */
  function bbqsSelection(): string {
    const pkg = join(dir, 'pkg');
    mkdirSync(pkg);
    for (const item of BBQS_ITEMS) cpSync(join(BBQS, item.split('/')[0]!), join(pkg, item.split('/')[0]!), { recursive: true });
    writeFileSync(join(pkg, 'imsmanifest.xml'), manifest3('toets.xml'));
    writeFileSync(join(pkg, 'toets.xml'), test3('bbqs-selectie', 'BBQs selectie', BBQS_ITEMS, 'Onderdeel A'));
    return pkg;
  }

  it('imports the tests of a QTI 3 package as an exam; the same package again changes nothing', () => {
    const pkg = bbqsSelection();
    const first = inzage(['import', pkg, '--data', data, '--subject', 'Engels', '--level', 'havo']);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.contain('exams       1 added, 0 updated, 0 unchanged');
    expect(first.stdout).to.match(/qti-upload-interaction\[RESPONSE\]: <qti-upload-interaction> cannot be shown/);
    const exam = openStore(data).content.exam('bbqs-selectie')!;
    expect(exam).to.include({ title: 'BBQs selectie', subject: 'Engels', level: 'havo', central: false });
    const qs = exam.questions as ItemQuestion[];
    expect(qs.map((q) => q.id)).to.deep.equal(BBQS_ITEMS.map((f) => f.replace(/^.*\//, '').replace(/\.xml$/, '')));
    expect(qs.every((q) => q.type === 'item' && q.section === 'Onderdeel A')).to.equal(true);
    expect(qs[2]!.parts[0]!.image!.src).to.match(/^\/api\/media\/[0-9a-f]{64}\.png$/);
    expect(readdirSync(join(data, 'media'))).to.deep.equal([qs[2]!.parts[0]!.image!.src.slice('/api/media/'.length)]);
    expect(qs[0]!.stem).to.contain('<inzage-part ref="RESPONSE"></inzage-part>');

    const before = dirHash(data);
    const again = inzage(['import', pkg, '--data', data, '--subject', 'Engels', '--level', 'havo']);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.contain('exams       0 added, 0 updated, 1 unchanged');
    expect(dirHash(data)).to.equal(before);
  });

  it('imports a zip as its folder, and a dry run writes nothing', () => {
    const zip = join(dir, 'saxony.zip');
    const files: Record<string, Uint8Array> = {};
    for (const name of readdirSync(SAXONY, { recursive: true, encoding: 'utf8' })) {
      const full = join(SAXONY, name);
      if (statSync(full).isFile()) files[name] = readFileSync(full);
    }
    writeFileSync(zip, zipBytes(files));
    const dry = inzage(['import', zip, '--data', data, '--dry-run']);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.contain('Dry run');
    expect(existsSync(data)).to.equal(false);
    expect(inzage(['import', zip, '--data', data]).code).to.equal(0);
    const before = dirHash(data);
    const folder = inzage(['import', SAXONY, '--data', data]);
    expect(folder.code, folder.stderr).to.equal(0);
    expect(folder.stdout).to.contain('exams       0 added, 0 updated, 1 unchanged');
    expect(dirHash(data)).to.equal(before);
    expect(openStore(data).content.exam('InteractionMixSachsen_1901710679')!.questions).to.have.length(13);
  });

  it('imports the real BBQs package (the zip as committed): pictures on another server are warnings, its own are stored once', () => {
    const zip = join(BBQS, 'BBQsTest.zip');
    const dry = inzage(['import', zip, '--data', data, '--dry-run']);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.contain('pictures    1 added');
    expect(existsSync(data)).to.equal(false);

    const r = inzage(['import', zip, '--data', data]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('exams       1 added');
    expect(r.stdout).to.contain('pictures    1 added');
    expect(r.stdout).to.contain('id-be3cd3bdd3d4/order-mountains.xml:30:43 img: image "http://farm3.static.flickr.com/2710/4414106953_a72b46d4dd_t.jpg" is on another server, which the kiosk does not load; its alt text is shown in its place');
    const exam = openStore(data).content.exam('SPECTATUS-GENERATED-TEST')!;
    const qs = exam.questions as ItemQuestion[];
    expect(qs).to.have.length(22);
    const mountains = qs.find((q) => q.id === 'id-be3cd3bdd3d4')!;
    expect(mountains.parts[0]!.choices![0]!.text).to.contain('[Afbeelding niet beschikbaar: Ben Nevis]');
    const cubic = readFileSync(join(BBQS, 'id-992e8bd3c9ac/images/cubic_xpw3d6m2xp3.png'));
    const name = `${createHash('sha256').update(cubic).digest('hex')}.png`;
    expect(qs.find((q) => q.id === 'id-992e8bd3c9ac')!.parts[0]!.image!.src).to.equal(`/api/media/${name}`);
    expect(readdirSync(join(data, 'media'))).to.deep.equal([name]);
    expect(readFileSync(join(data, 'media', name)).equals(cubic)).to.equal(true);

    const before = dirHash(data);
    const again = inzage(['import', zip, '--data', data]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.contain('exams       0 added, 0 updated, 1 unchanged');
    expect(again.stdout).not.to.contain('pictures');
    expect(dirHash(data)).to.equal(before);
  });

  it('refuses a package with a malformed item, naming file, line and column, and leaves stored data as it was', () => {
    const pkg = bbqsSelection();
    expect(inzage(['import', pkg, '--data', data]).code).to.equal(0);
    const before = dirHash(data);
    writeFileSync(join(pkg, 'id-5c1b1e2d56bd/either-or.xml'), '<?xml version="1.0"?>\n<qti-assessment-item identifier="x">\n  <qti-item-body>\n');
    const r = inzage(['import', pkg, '--data', data]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/id-5c1b1e2d56bd\/either-or\.xml:\d+:\d+: malformed XML: unclosed xml tag/);
    expect(dirHash(data)).to.equal(before);
  });
});
