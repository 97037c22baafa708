/**
 * Issue 13, point 5: a package's pictures are written with the rest of the import, all or nothing — a refused
 * import, a dry run and a content write that fails leave no picture behind; the same package again writes none;
 * a JSON file may name only pictures that are stored; a picture no stored exam version shows any more goes
 * (after an import replaced the version, after a purge took its last sitting).
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importData } from '../../server/import/index.ts';
import { readQtiPackage } from '../../server/import/qti/index.ts';
import { purge } from '../../server/purge.ts';
import { openStore, type Store } from '../../server/store/index.ts';
import type { ImportFile } from '../../shared/schema.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';
import { ITEMS_22, SAXONY, item3, manifest3, test3, withSitting, zipPackage } from '../support/qti.ts';

const PNG = readFileSync(`${ITEMS_22}/images/uk.png`);
const JPG = readFileSync(`${SAXONY}/media/03c5e2f774db49598deb3ac7d05b53f9.jpg`);
const nameOf = (data: Uint8Array, ext: string) => `${createHash('sha256').update(data).digest('hex')}.${ext}`;

/** A one-item package whose item shows `picture`. */
function packageShowing(picture: Uint8Array) {
  const item = item3('vraag1', '', '<p>Kijk: <img src="plaatje.bin" alt="kaart"/></p>');
  const r = readQtiPackage(zipPackage({ 'imsmanifest.xml': manifest3(), 'test.xml': test3('toets', 'Toets', ['vraag1.xml']), 'vraag1.xml': item, 'plaatje.bin': picture }));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}

describe('media files at import: all or nothing, and only while shown', function () {
  this.timeout(30_000);
  let dir: string;
  let store: Store;
  const stored = () => (existsSync(join(dir, 'media')) ? readdirSync(join(dir, 'media')).sort() : []);
  beforeEach(() => {
    dir = tempDir('media');
    store = openStore(dir);
  });
  afterEach(async () => {
    await store.flush();
    removeDir(dir);
  });

  it('writes a package\'s pictures with the import, none in a dry run, and none new the second time', async () => {
    const r = packageShowing(PNG);
    const dry = await importData(store, r.file, { media: r.media, dryRun: true });
    expect(dry.ok && dry.mediaAdded).to.equal(1);
    expect(stored()).to.deep.equal([]);
    const first = await importData(store, r.file, { media: r.media });
    expect(first.ok && first.mediaAdded).to.equal(1);
    expect(stored()).to.deep.equal([nameOf(PNG, 'png')]);
    const again = await importData(store, r.file, { media: r.media });
    expect(again.ok && again.mediaAdded).to.equal(0);
    expect(stored()).to.deep.equal([nameOf(PNG, 'png')]);
  });

  it('writes no picture when the import is refused', async () => {
    const r = packageShowing(PNG);
    const broken: ImportFile = { ...r.file, groups: [{ id: 'g', name: 'g', examId: 'geen-examen', startsAt: '2026-05-20T09:00:00+02:00', candidateNumbers: [] }] };
    const refused = await importData(store, broken, { media: r.media });
    expect(refused.ok).to.equal(false);
    expect(stored()).to.deep.equal([]);
  });

  it('takes its pictures away again when the content cannot be written', async () => {
    const r = packageShowing(PNG);
    rmSync(join(dir, 'exams.json'), { force: true });
    mkdirSync(join(dir, 'exams.json', 'in-de-weg'), { recursive: true }); // the rename over it fails
    const written: string[] = [];
    const write = store.media.write.bind(store.media);
    store.media.write = async (files) => {
      const done = await write(files);
      written.push(...done.written);
      return done;
    };
    const failure = await importData(store, r.file, { media: r.media }).then(() => null, (e: NodeJS.ErrnoException) => e);
    expect(failure?.code).to.be.oneOf(['EISDIR', 'ENOTEMPTY', 'EEXIST']);
    expect(written).to.deep.equal([nameOf(PNG, 'png')]); // the picture was on disk before the content failed
    expect(stored()).to.deep.equal([]);
  });

  it('refuses a JSON file naming a picture that is not stored, and takes one that is', async () => {
    const r = packageShowing(PNG);
    const file = JSON.parse(JSON.stringify(r.file)) as ImportFile;
    const unknown = nameOf(JPG, 'jpg');
    file.exams[0]!.questions[0]!.stem = file.exams[0]!.questions[0]!.stem.replace(/\/api\/media\/[^"]+/, `/api/media/${unknown}`);
    const refused = await importData(store, file);
    expect(refused.ok).to.equal(false);
    expect(!refused.ok && refused.errors).to.deep.equal([`exams[0].questions[0].stem: the picture /api/media/${unknown} is neither in this import nor stored`]);
    expect((await importData(store, r.file, { media: r.media })).ok).to.equal(true);
    expect((await importData(store, JSON.parse(JSON.stringify(r.file)))).ok).to.equal(true); // the same, without media: stored
  });

  it('removes a picture once no stored exam version shows it: after a re-import, and after a purge of its last sitting', async () => {
    const v1 = packageShowing(PNG);
    expect((await importData(store, withSitting(v1.file, { candidate: '1', group: 'g1', sitting: 's1' }), { media: v1.media })).ok).to.equal(true);
    const v2 = packageShowing(JPG);
    expect((await importData(store, v2.file, { media: v2.media })).ok).to.equal(true);
    // the sitting still shows the first version's picture
    expect(stored()).to.deep.equal([nameOf(PNG, 'png'), nameOf(JPG, 'jpg')].sort());
    await purge(store, { examId: 'toets', dryRun: false, actor: 'test' });
    expect(stored()).to.deep.equal([nameOf(JPG, 'jpg')]);
    const v3 = packageShowing(PNG);
    expect((await importData(store, v3.file, { media: v3.media })).ok).to.equal(true);
    expect(stored()).to.deep.equal([nameOf(PNG, 'png')]);
  });
});
