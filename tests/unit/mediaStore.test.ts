/** The media folder and the kiosk's grants (docs/design.md: Media). */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mediaName } from '../../server/media/files.ts';
import { MediaGrants } from '../../server/media/grants.ts';
import { withMediaQuery } from '../../server/media/refs.ts';
import { MediaStore } from '../../server/media/store.ts';
import { removeDir, tempDir } from '../support/dataDir.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const NAME = mediaName(PNG, 'png');

describe('media store', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('media-store'); });
  afterEach(() => removeDir(dir));

  it('writes a file once, and keeps what an import holds from removal until it is released', async () => {
    const media = new MediaStore(dir);
    const first = await media.write(new Map([[NAME, PNG]]));
    expect(first).to.deep.equal({ written: [NAME], held: [NAME] });
    expect(await media.remove([NAME])).to.deep.equal([]); // held: a sweep leaves it
    const second = await media.write(new Map([[NAME, PNG]]), ['a'.repeat(64) + '.jpg']);
    expect(second.written).to.deep.equal([]);
    media.release(first.held);
    expect(await media.remove([NAME])).to.deep.equal([]); // still held by the second import
    media.release(second.held);
    expect(await media.remove([NAME, '../secret', 'x.png'])).to.deep.equal([NAME]);
    expect(readdirSync(join(dir, 'media'))).to.deep.equal([]);
  });
});

describe('media grants', () => {
  const grants = new MediaGrants('een geheim');
  const review = '6f1c2a9e-1b2c-4d5e-8f90-123456789abc';

  it('admits a grant for its own file and review only', () => {
    const grant = grants.grant(review, NAME);
    expect(grant).to.match(/^6f1c2a9e-1b2c-4d5e-8f90-123456789abc\.[A-Za-z0-9_-]{43}$/);
    expect(grants.reviewOf(grant, NAME)).to.equal(review);
    expect(grants.reviewOf(grant, mediaName(new Uint8Array([1]), 'png'))).to.equal(undefined);
    expect(grants.reviewOf(grant.replace(review, '00000000-1b2c-4d5e-8f90-123456789abc'), NAME)).to.equal(undefined);
    expect(new MediaGrants('een ander geheim').reviewOf(grant, NAME)).to.equal(undefined);
    expect(grants.reviewOf(`${grant}x`, NAME)).to.equal(undefined);
    expect(grants.reviewOf('', NAME)).to.equal(undefined);
  });

  it('puts a grant on every media URL of content, never in a candidate\'s response', () => {
    const src = `/api/media/${NAME}`;
    const question = {
      stem: `<p><img src="${src}" alt="kaart"></p>`,
      parts: [{ image: { src }, choices: [{ id: 'A', text: `<img src="${src}" alt="">` }] }],
      response: { RESPONSE: [`<img src="${src}">`] },
    };
    const out = withMediaQuery(question, (name) => `grant-of-${name.slice(0, 4)}`);
    const k = `?k=grant-of-${NAME.slice(0, 4)}`;
    expect(out.stem).to.equal(`<p><img src="${src}${k}" alt="kaart"></p>`);
    expect(out.parts[0]!.image.src).to.equal(`${src}${k}`);
    expect(out.parts[0]!.choices[0]!.text).to.equal(`<img src="${src}${k}" alt="">`);
    expect(out.response).to.deep.equal(question.response);
  });
});
