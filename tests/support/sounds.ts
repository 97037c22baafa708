/**
 * Small sound and film files made in the test, no fixture needed: a real PCM WAV (a 440 Hz tone, which any
 * browser plays), and the first bytes of the other formats, enough for the import's type check by signature.
 */
import { readQtiPackage } from '../../server/import/qti/index.ts';
import { item3, manifest3, test3, zipPackage } from './qti.ts';

/** A mono 8-bit PCM WAV of `seconds` at 8 kHz (0.5 s: 4 KB); `padTo` makes the file that many bytes long. */
export function wav(seconds = 0.5, padTo?: number): Uint8Array {
  const rate = 8000;
  const samples = Math.round(seconds * rate);
  const length = Math.max(44 + samples, padTo ?? 0);
  const data = new Uint8Array(length);
  const view = new DataView(data.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true); // bytes per second
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, length - 44, true);
  for (let i = 0; i < length - 44; i++) data[44 + i] = i < samples ? Math.round(128 + 60 * Math.sin((2 * Math.PI * 440 * i) / rate)) : 128;
  return data;
}

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

/** The first bytes of each format the import knows by its signature. */
export const SIGNATURES = {
  mp3: bytes('ID3', [4, 0, 0, 0, 0, 0, 0]),
  mp3Frame: bytes([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]),
  ogg: bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19], 'OpusHead'),
  ogv: bytes('OggS', [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1, 42, 0x80], 'theora'),
  m4a: bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0], 'M4A isom'),
  mp4: bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2'),
  webm: bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x84], 'webm'),
  vtt: bytes('WEBVTT\n\n00:00.000 --> 00:00.500\nEen toon\n'),
};

/** A one-item QTI package (exam `id`) whose item plays `sound` with Dutch captions; `listen` its file name. */
export function listeningPackage(id: string, sound: Uint8Array = wav()): ReturnType<typeof readQtiPackage> & { ok: true } {
  const body = '<p>Luister naar het fragment.</p><audio><source src="media/fragment.wav" type="audio/wav"/>'
    + '<track kind="captions" src="media/fragment.vtt" srclang="nl" label="Nederlands"/></audio>';
  const r = readQtiPackage(zipPackage({
    'imsmanifest.xml': manifest3(), 'test.xml': test3(id, 'Luistertoets', ['vraag1.xml']), 'vraag1.xml': item3('vraag1', '', body),
    'media/fragment.wav': sound, 'media/fragment.vtt': SIGNATURES.vtt,
  }));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}
