/**
 * Issue 13, point 5: a QTI package's pictures become content-addressed media files, typed by their bytes; what the
 * kiosk cannot show (SVG, not a picture, a picture on another server) is left out with a warning and its alt text
 * stands in its place; a picture over its limit, or pictures over theirs in all, are errors naming the file.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { QtiMedia } from '../../server/import/qti/images.ts';
import { MAX_MEDIA_FILE_BYTES, sniff } from '../../server/media/files.ts';
import { ITEMS_22, SAXONY, item3, readItemOf, zipPackage } from '../support/qti.ts';

const PNG = readFileSync(`${ITEMS_22}/images/uk.png`);
const JPG = readFileSync(`${SAXONY}/media/03c5e2f774db49598deb3ac7d05b53f9.jpg`);
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** One item whose body is `body`, with the given files beside it. */
function readBody(body: string, files: Record<string, string | Uint8Array> = {}, media?: QtiMedia) {
  const item = item3('a', '', `<p>${body}</p>`);
  return readItemOf(zipPackage({ 'items/a.xml': item, ...files }), 'items/a.xml', media);
}

describe('QTI pictures as media files', () => {
  it('knows a picture by its bytes: PNG, JPEG, GIF, WebP, and SVG only to leave it out', () => {
    expect(sniff(PNG)).to.equal('png');
    expect(sniff(JPG)).to.equal('jpg');
    expect(sniff(new TextEncoder().encode('GIF89a\x01\x00'))).to.equal('gif');
    expect(sniff(new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]))).to.equal('webp');
    expect(sniff(new TextEncoder().encode(SVG))).to.equal('svg');
    expect(sniff(new TextEncoder().encode('\uFEFF<!-- drawn --><svg width="1">'))).to.equal('svg');
    expect(sniff(new TextEncoder().encode('<html><script>alert(1)</script>'))).to.equal('unknown');
  });

  it('stores a picture under the hash of its bytes, its type from the bytes, not the name; the same picture twice once', () => {
    const { item, issues, media } = readBody('<img src="../pics/kaart.png" alt="kaart"/><img src="../pics/kaart-kopie.gif" alt="kopie"/>', {
      'pics/kaart.png': JPG, 'pics/kaart-kopie.gif': JPG,
    });
    expect(issues.errors).to.deep.equal([]);
    expect(issues.warnings.filter((w) => w.includes(' img: '))).to.deep.equal([]);
    const name = `${sha(JPG)}.jpg`;
    expect(item!.stem).to.equal(`<p><img src="/api/media/${name}" alt="kaart"><img src="/api/media/${name}" alt="kopie"></p>`);
    expect([...media.files.keys()]).to.deep.equal([name]);
  });

  it('leaves out an SVG and a file that is no picture, with a warning each, their alt text in their place', () => {
    const { item, issues, media } = readBody('<img src="lijn.png" alt="een lijn"/><img src="tekst.jpg"/>', { 'items/lijn.png': SVG, 'items/tekst.jpg': 'geen plaatje' });
    expect(issues.errors).to.deep.equal([]);
    expect(issues.warnings.filter((w) => w.includes(' img: '))).to.deep.equal([
      'items/a.xml:5:4 img: image "lijn.png" is left out: SVG pictures are not shown (an SVG can carry script); its alt text is shown in its place',
      'items/a.xml:5:40 img: image "tekst.jpg" is left out: its content is no PNG, JPEG, GIF or WebP picture; its alt text is shown in its place',
    ]);
    expect(item!.stem).to.equal('<p><span>[Afbeelding niet beschikbaar: een lijn]</span><span>[Afbeelding niet beschikbaar]</span></p>');
    expect(media.files.size).to.equal(0);
  });

  it('leaves out a picture on another server with a warning, its alt text in its place', () => {
    const { item, issues } = readBody('<img src="http://farm3.static.flickr.com/2710/4414106953_a72b46d4dd_t.jpg" alt="Ben Nevis"/>');
    expect(issues.errors).to.deep.equal([]);
    expect(issues.warnings.filter((w) => w.includes(' img: '))).to.deep.equal([
      'items/a.xml:5:4 img: image "http://farm3.static.flickr.com/2710/4414106953_a72b46d4dd_t.jpg" is on another server, which the kiosk does not load; its alt text is shown in its place',
    ]);
    expect(item!.stem).to.equal('<p><span>[Afbeelding niet beschikbaar: Ben Nevis]</span></p>');
  });

  it('refuses a picture over the limit, naming it and where it is', () => {
    const big = new Uint8Array(MAX_MEDIA_FILE_BYTES + 1);
    big.set(PNG.subarray(0, 8));
    const { item, issues, media } = readBody('<img src="groot.png" alt="groot"/>', { 'items/groot.png': big });
    expect(item).to.equal(undefined);
    expect(issues.errors).to.deep.equal(['items/a.xml:5:4 img: image "groot.png" (items/groot.png) is 5242881 bytes; a picture may be at most 5 MB']);
    expect(media.files.size).to.equal(0);
  });

  it('refuses the picture that brings an import\'s pictures over their total, once', () => {
    const media = new QtiMedia({ fileBytes: MAX_MEDIA_FILE_BYTES, totalBytes: PNG.byteLength + JPG.byteLength - 1 });
    const { issues } = readBody('<img src="a.png" alt=""/><img src="b.jpg" alt=""/><img src="c.jpg" alt=""/>', { 'items/a.png': PNG, 'items/b.jpg': JPG, 'items/c.jpg': JPG }, media);
    expect(issues.errors).to.have.length(1);
    expect(issues.errors[0]).to.match(/^items\/a\.xml:5:\d+ img: image "b\.jpg" \(items\/b\.jpg\) brings the package's pictures over \d+ bytes; a package's pictures may be at most that in all$/);
  });
});
