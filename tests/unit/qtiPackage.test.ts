/** A QTI package → exams: tests, order, sections, maximum scores, and every error with file, line and column. */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { packageFromFolder, packageFromZip, PackageError, readQtiPackage } from '../../server/import/qti/index.ts';
import { MAX_FILE_BYTES } from '../../server/import/qti/package.ts';
import type { ItemQuestion } from '../../shared/schema.ts';
import { BBQS, QTI_FIXTURES, SAXONY, item3, manifest3, test3, zipBytes, zipPackage } from '../support/qti.ts';

const questions = (r: ReturnType<typeof readQtiPackage>) => {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.file.exams[0]!.questions as ItemQuestion[];
};

const CHOICE_DECL = `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
    <qti-correct-response><qti-value>A</qti-value></qti-correct-response>
  </qti-response-declaration>`;
const CHOICE_BODY = `<qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
      <qti-simple-choice identifier="A">ja</qti-simple-choice><qti-simple-choice identifier="B">nee</qti-simple-choice>
    </qti-choice-interaction>`;
const processing = (template: string) => `<qti-response-processing template="${template}"/>`;

describe('QTI packages', () => {
  it('makes one exam of the real QTI 3 test package: its id, title, items in order, section titles', () => {
    const r = readQtiPackage(packageFromFolder(BBQS));
    const qs = questions(r);
    if (!r.ok) return;
    expect(r.file.exams).to.have.length(1);
    expect(r.file.exams[0]).to.include({ id: 'SPECTATUS-GENERATED-TEST', title: 'BBQs test package', subject: 'Onbekend', level: 'Onbekend', central: false });
    expect(qs).to.have.length(22);
    expect(qs.map((q) => q.number)).to.deep.equal(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(qs[0]).to.include({ id: 'id-5c1b1e2d56bd', title: 'Either/Or question about root 2', section: 'Section 1 - BBQ items a-m' });
    expect(qs[11]).to.include({ id: 'id-90b59b73c8e4', section: 'Section 2 - BBQ items n-z' });
    expect(qs[11]!.parts[0]).to.include({ interaction: 'unsupported', element: 'qti-upload-interaction' });
    expect(r.warnings.some((w) => w.startsWith('id-90b59b73c8e4/upload-file.xml:7:9 qti-upload-interaction[RESPONSE]: '))).to.equal(true);
  });

  it('reads the package\'s zip exactly as its folder', () => {
    const fromZip = readQtiPackage(packageFromZip(readFileSync(`${BBQS}/BBQsTest.zip`), 'BBQsTest.zip'));
    expect(fromZip).to.deep.equal(readQtiPackage(packageFromFolder(BBQS)));
  });

  it('makes an exam of a real QTI 2.2 package (Onyx), its maxima from MAXSCORE', () => {
    const qs = questions(readQtiPackage(packageFromFolder(SAXONY)));
    expect(qs).to.have.length(13);
    expect(qs.every((q) => q.maxScore > 0)).to.equal(true);
    expect(qs.map((q) => q.parts[0]!.interaction)).to.include.members(['choice', 'hotspot', 'order', 'match', 'textEntry', 'hottext']);
  });

  it('refuses a real QTI 2.2 package whose item refers to a picture it does not have', () => {
    const r = readQtiPackage(packageFromFolder(`${QTI_FIXTURES}instructure-qti/test_qti_2.2`));
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.deep.equal(['multiple-choice/multiple-choice.xml:20:7 img: image "images/sign.png" is missing from the package (looked for multiple-choice/images/sign.png)']);
  });

  it('takes the maximum from match_correct and map_response in every URL form, MAXSCORE first', () => {
    const mapped = `<qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
    <qti-correct-response><qti-value>A</qti-value></qti-correct-response>
    <qti-mapping default-value="0"><qti-map-entry map-key="A" mapped-value="2"/><qti-map-entry map-key="B" mapped-value="1.5"/></qti-mapping>
  </qti-response-declaration>`;
    const maxScore = `<qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>7</qti-value></qti-default-value></qti-outcome-declaration>`;
    const items: Record<string, string> = {
      'a.xml': item3('a', CHOICE_DECL, CHOICE_BODY, processing('http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct')),
      'b.xml': item3('b', CHOICE_DECL, CHOICE_BODY, processing('https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml')),
      'c.xml': item3('c', mapped, CHOICE_BODY.replace('max-choices="1"', 'max-choices="0"'), processing('https://www.imsglobal.org/question/qti_v3p0/rptemplates/map_response')),
      'd.xml': item3('d', `${CHOICE_DECL}\n${maxScore}`, CHOICE_BODY, processing('https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct')),
    };
    const r = readQtiPackage(zipPackage({ 'imsmanifest.xml': manifest3(), 'test.xml': test3('T1', 'Toets', Object.keys(items)), ...items }));
    expect(questions(r).map((q) => q.maxScore)).to.deep.equal([1, 1, 3.5, 7]);
    expect(r.warnings).to.deep.equal([]);
  });

  it('puts a shared stimulus before the item\'s text, as a source with its title and its own pictures', () => {
    const jpg = readFileSync(`${SAXONY}/media/03c5e2f774db49598deb3ac7d05b53f9.jpg`);
    const stimulus = `<qti-assessment-stimulus xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="S1" title="Een nacht">
  <qti-stimulus-body><p>Anna was tien.</p><img src="images/deur.jpg" alt="een deur"/></qti-stimulus-body>
</qti-assessment-stimulus>`;
    const item = item3('a', CHOICE_DECL, CHOICE_BODY).replace('<qti-item-body>', '<qti-assessment-stimulus-ref identifier="S1" href="../passages/nacht.xml"/>\n  <qti-item-body>');
    const r = readQtiPackage(zipPackage({
      'imsmanifest.xml': manifest3(), 'test.xml': test3('T1', 'Toets', ['items/a.xml']), 'items/a.xml': item,
      'passages/nacht.xml': stimulus, 'passages/images/deur.jpg': jpg,
    }));
    const stem = questions(r)[0]!.stem;
    expect(stem).to.match(/^<section><h3>Een nacht<\/h3><p>Anna was tien\.<\/p><img src="\/api\/media\/[0-9a-f]{64}\.jpg" alt="een deur"><\/section>/);
    expect(r.ok && [...r.media.values()]).to.deep.equal([new Uint8Array(jpg)]);
    expect(stem).to.contain('<inzage-part ref="RESPONSE"></inzage-part>');
  });

  it('refuses a malformed XML file, naming its line and column (an unclosed root element)', () => {
    const broken = item3('a', CHOICE_DECL, CHOICE_BODY).replace('</qti-assessment-item>', '');
    const r = readQtiPackage(zipPackage({ 'imsmanifest.xml': manifest3(), 'test.xml': test3('T1', 'Toets', ['items/a.xml']), 'items/a.xml': broken }));
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]).to.match(/^items\/a\.xml:\d+:\d+: malformed XML: unclosed xml tag\(s\): qti-assessment-item/);
  });

  it('reports every error of every file at once, each with file, line:column and element', () => {
    const undeclared = item3('b', '', CHOICE_BODY);
    const badShape = item3('c', `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="point">
    <qti-area-mapping><qti-area-map-entry shape="star" coords="1,2,x" mapped-value="1"/></qti-area-mapping>
  </qti-response-declaration>`, '<qti-select-point-interaction response-identifier="RESPONSE"><img src="missing.png" alt=""/></qti-select-point-interaction>');
    const r = readQtiPackage(zipPackage({
      'imsmanifest.xml': manifest3(),
      'test.xml': test3('T1', 'Toets', ['items/a.xml', 'items/b.xml', 'items/c.xml', 'items/gone.xml']),
      'items/a.xml': '<qti-assessment-item identifier="a">\n  <qti-item-body>\n    <p>open\n  </qti-item-body>\n</qti-assessment-item>',
      'items/b.xml': undeclared,
      'items/c.xml': badShape,
    }));
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.errors).to.have.length(6);
    expect(r.errors[0]).to.match(/^items\/a\.xml:3:8: malformed XML: Opening and ending tag mismatch: "p" != "qti-item-body"/);
    expect(r.errors[1]).to.equal('items/b.xml:5:1 qti-choice-interaction[RESPONSE]: response-identifier "RESPONSE" has no qti-response-declaration');
    expect(r.errors.slice(2, 5)).to.deep.equal([
      'items/c.xml:4:23 qti-area-map-entry: shape "star" is not one of rect, circle, ellipse, poly, default',
      'items/c.xml:4:23 qti-area-map-entry: coords "1,2,x" are not numbers separated by commas',
      'items/c.xml:7:62 img: image "missing.png" is missing from the package (looked for items/missing.png)',
    ]);
    expect(r.errors[5]).to.match(/^test\.xml:\d+:\d+ qti-assessment-item-ref\[gone\]: items\/gone\.xml is missing from the package$/);
  });

  it('refuses a package without a test, and a reference that leaves the package', () => {
    const noTest = readQtiPackage(zipPackage({ 'imsmanifest.xml': manifest3().replace('imsqti_test_xmlv3p0', 'imsqti_item_xmlv3p0'), 'test.xml': '<x/>' }));
    expect(noTest.ok).to.equal(false);
    if (!noTest.ok) expect(noTest.errors[0]).to.match(/^imsmanifest\.xml:2:1 qti-manifest\[M1\]: the package holds no test .*found imsqti_item_xmlv3p0/);
    const outside = readQtiPackage(zipPackage({ 'imsmanifest.xml': manifest3(), 'test.xml': test3('T1', 'Toets', ['../a.xml']) }));
    expect(outside.ok).to.equal(false);
    if (!outside.ok) {
      expect(outside.errors).to.deep.equal([
        'test.xml:5:7 qti-assessment-item-ref[a]: href "../a.xml" is not a file in the package',
        'test.xml:2:1 qti-assessment-test[T1]: refers to no items',
      ]);
    }
  });

  it('refuses a zip with a file larger than the limit before unpacking it', () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    expect(() => packageFromZip(zipBytes({ 'imsmanifest.xml': manifest3(), 'big.bin': big }), 'big.zip')).to.throw(PackageError, /big\.bin is 50 MB unpacked; a file may be at most 50 MB/);
    expect(() => packageFromZip(new Uint8Array([1, 2, 3, 4]), 'x.zip')).to.throw(PackageError, /x\.zip: not a readable zip file/);
  });
});
