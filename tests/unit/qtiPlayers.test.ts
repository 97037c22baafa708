/**
 * Issue 13, point 5: a QTI item's sound and film (`audio`, `video`, an `object` of an audio or video type, a
 * media interaction) become content-addressed media files, typed by their bytes, played with the browser's
 * controls and never by themselves; captions tracks as WebVTT files. A file of another kind is left out with a
 * warning (the fallback in its place); a file over its kind's limit is an error naming the file.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { QtiMedia } from '../../server/import/qti/images.ts';
import { sanitizeExamHtml } from '../../server/import/sanitize.ts';
import { MAX_MEDIA_BYTES, sniff } from '../../server/media/files.ts';
import { item3, readItemOf, zipPackage } from '../support/qti.ts';
import { SIGNATURES, wav } from '../support/sounds.ts';

const WAV = wav();
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const src = (data: Uint8Array, ext: string) => `/api/media/${sha(data)}.${ext}`;

function readBody(body: string, files: Record<string, string | Uint8Array> = {}, media?: QtiMedia) {
  return readItemOf(zipPackage({ 'items/a.xml': item3('a', '', `<div>${body}</div>`), ...files }), 'items/a.xml', media);
}

describe('QTI sound and film as media files', () => {
  it('knows sounds, films and captions by their bytes, not their names', () => {
    expect(sniff(WAV)).to.equal('wav');
    expect(sniff(SIGNATURES.mp3)).to.equal('mp3');
    expect(sniff(SIGNATURES.mp3Frame)).to.equal('mp3');
    expect(sniff(SIGNATURES.ogg)).to.equal('ogg');
    expect(sniff(SIGNATURES.ogv)).to.equal('ogv');
    expect(sniff(SIGNATURES.m4a)).to.equal('m4a');
    expect(sniff(SIGNATURES.mp4)).to.equal('mp4');
    expect(sniff(SIGNATURES.webm)).to.equal('webm');
    expect(sniff(SIGNATURES.vtt)).to.equal('vtt');
    expect(sniff(new TextEncoder().encode('WEBVTTX'))).to.equal('unknown');
    expect(sniff(new TextEncoder().encode('RIFF\x00\x00\x00\x00AVI '))).to.equal('unknown');
  });

  it('stores an audio element\'s sources and captions, with controls and without autoplay or loop', () => {
    const { item, issues, media } = readBody(
      '<audio autoplay="autoplay" loop="loop"><source src="../media/toon.mp3" type="audio/mpeg"/><track kind="captions" src="../media/toon.vtt" srclang="nl" label="Nederlands"/>Uw browser speelt geen geluid af.</audio>',
      { 'media/toon.mp3': WAV, 'media/toon.vtt': SIGNATURES.vtt },
    );
    expect(issues.errors).to.deep.equal([]);
    // the package calls it an MP3; its bytes are a WAV, and so is its stored name and type
    expect(item!.stem).to.equal(`<div><audio controls><source src="${src(WAV, 'wav')}" type="audio/wav"><track kind="captions" src="${src(SIGNATURES.vtt, 'vtt')}" srclang="nl" label="Nederlands">Uw browser speelt geen geluid af.</audio></div>`);
    expect([...media.files.keys()].sort()).to.deep.equal([`${sha(WAV)}.wav`, `${sha(SIGNATURES.vtt)}.vtt`].sort());
  });

  it('plays an object of an audio or video type, and a media interaction\'s sound with its prompt', () => {
    const { item, issues } = readBody('<object type="audio/mpeg" data="luister.mp3">Luistertekst</object><object type="video/mp4" data="film.mp4" width="320" height="180"/>', {
      'items/luister.mp3': WAV, 'items/film.mp4': SIGNATURES.mp4,
    });
    expect(issues.errors).to.deep.equal([]);
    expect(item!.stem).to.equal(`<div><audio controls src="${src(WAV, 'wav')}">Luistertekst</audio><video controls src="${src(SIGNATURES.mp4, 'mp4')}" width="320" height="180"></video></div>`);
    const interaction = readBody('<qti-media-interaction response-identifier="PLAYS" max-plays="2"><qti-prompt>Luister</qti-prompt><object type="audio/wav" data="luister.wav"/></qti-media-interaction>', { 'items/luister.wav': WAV });
    expect(interaction.item!.parts[0]!.prompt).to.equal(`Luister<audio controls src="${src(WAV, 'wav')}"></audio>`);
  });

  it('leaves out a file of another kind and one on another server, with a warning, the fallback in their place', () => {
    const { item, issues, media } = readBody('<audio src="tekst.mp3">Geen geluid</audio><video src="https://example.org/film.mp4"/><audio><source src="foto.ogg"/><track src="toon.vtt"/></audio>', {
      'items/tekst.mp3': 'geen geluid', 'items/foto.ogg': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'items/toon.vtt': WAV,
    });
    expect(issues.errors).to.deep.equal([]);
    expect(issues.warnings.filter((w) => /sound or film|captions/.test(w)).map((w) => w.replace(/^\S+ /, ''))).to.deep.equal([
      'audio: sound or film "tekst.mp3" is left out: its content is not an MP3, Ogg, WAV, M4A, MP4 or WebM file',
      'video: sound or film "https://example.org/film.mp4" is not in the package, which the kiosk needs; left out',
      'source: sound or film "foto.ogg" is left out: its content is not an MP3, Ogg, WAV, M4A, MP4 or WebM file',
      'track: captions file "toon.vtt" is left out: its content is not a WebVTT file',
    ]);
    expect(item!.stem).to.equal('<div>Geen geluid<span>[Film niet beschikbaar]</span><span>[Geluid niet beschikbaar]</span></div>');
    expect(media.files.size).to.equal(0);
  });

  it('refuses a sound over its limit (20 MB), naming the file; a film may be larger (50 MB)', () => {
    expect(MAX_MEDIA_BYTES.audio).to.equal(20 * 1024 * 1024);
    expect(MAX_MEDIA_BYTES.video).to.equal(50 * 1024 * 1024);
    const big = wav(0.1, MAX_MEDIA_BYTES.audio + 1);
    const { issues, media } = readBody('<audio src="groot.wav"/>', { 'items/groot.wav': big });
    expect(issues.errors).to.deep.equal([`items/a.xml:5:6 audio: sound or film "groot.wav" (items/groot.wav) is ${MAX_MEDIA_BYTES.audio + 1} bytes; a sound may be at most 20 MB`]);
    expect(media.files.size).to.equal(0);
    const fits = readBody('<audio src="net.wav"/>', { 'items/net.wav': wav(0.1, MAX_MEDIA_BYTES.audio) });
    expect(fits.issues.errors).to.deep.equal([]);
  });

  it('sanitises players: controls always, autoplay and loop removed, only media files of the data directory', () => {
    const name = `${'a'.repeat(64)}`;
    const found: string[] = [];
    const out = sanitizeExamHtml(
      `<audio src="/api/media/${name}.mp3" autoplay loop muted>x</audio><video preload="auto"><source src="/api/media/${name}.webm" type="video/webm"><source src="https://example.org/f.mp4"><track kind="metadata" src="/api/media/${name}.vtt"><track kind="captions" src="/api/media/${name}.vtt" srclang="nl" label="NL"></video><audio src="/api/media/${name}.png"><b>weg</b></audio><img src="/api/media/${name}.mp3">`,
      (m) => found.push(m),
    );
    expect(out).to.equal(`<audio src="/api/media/${name}.mp3" controls>x</audio><video controls><source src="/api/media/${name}.webm" type="video/webm" /><track kind="captions" src="/api/media/${name}.vtt" srclang="nl" label="NL" /></video>`);
    expect(found).to.deep.equal([
      'removed attribute autoplay (at audio)', 'removed attribute loop (at audio)', 'removed attribute muted (at audio)',
      'removed attribute preload (at video)',
      'removed <source>: its src is not a sound or film of the package (at video > source)',
      'removed <track>: its src is not captions or subtitles as a WebVTT file of the package (at video > track)',
      'removed <audio>: its src is not a sound or film of the package (at audio)',
      'removed <img>: its src is not an inline png, jpeg, gif or webp image (at img)',
    ]);
    expect(sanitizeExamHtml(out)).to.equal(out);
  });
});
