import { DOMParser } from '@xmldom/xmldom';
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { configKey, requestHash, sebHashMatches, sebJson } from '../../server/seb/keys.ts';
import { parsePlist, plistOf, writePlist, type PlistValue } from '../../server/seb/plist.ts';
import { sebConfig } from '../../server/seb/sebConfig.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/seb/${name}`, import.meta.url), 'utf8');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const entry = (v: PlistValue, key: string) => (v.type === 'dict' ? v.entries.find(([k]) => k === key)?.[1] : undefined);

describe('Safe Exam Browser keys', () => {
  const documented = fixture('config-key-example.json.txt');
  const settings = parsePlist(fixture('config-key-example.seb'), 'config-key-example.seb');

  it('turns a config file into the SEB-JSON of SEB\'s documentation, to the character', () => {
    // root keys shuffled and originatorVersion added in the file: sorted (ignoring case) and removed again
    expect(sebJson(settings)).to.equal(documented);
  });

  it('makes the Config Key the SHA-256 of that SEB-JSON, in lower-case Base16', () => {
    expect(configKey(settings)).to.equal(sha256(documented)).and.to.match(/^[0-9a-f]{64}$/);
  });

  it('drops empty dicts and writes data as Base64 and dates as ISO 8601', () => {
    const v = plistOf({ b: Buffer.from('hi'), A: new Date('2026-01-02T03:04:05Z'), c: {}, d: [{ z: 1, Y: 2 }] });
    expect(sebJson(v)).to.equal('{"A":"2026-01-02T03:04:05.000Z","b":"aGk=","d":[{"Y":2,"z":1}]}');
  });

  it('checks the hash SEB sends: SHA-256 of the URL without its fragment and the key', () => {
    const key = configKey(settings);
    const url = 'http://www.safeexambrowser.org/exams';
    const sent = sha256(url + key);
    expect(requestHash(`${url}#vraag-3`, key)).to.equal(sent);
    expect(sebHashMatches(url, sent, [key]), 'the right key').to.equal(true);
    expect(sebHashMatches(url, sent.toUpperCase(), ['other', key]), 'one of several keys, any case').to.equal(true);
    expect(sebHashMatches(url, sent, [sha256('another config')]), 'another key').to.equal(false);
    expect(sebHashMatches(`${url}/other`, sent, [key]), 'another URL').to.equal(false);
    expect(sebHashMatches(url, undefined, [key]), 'no header').to.equal(false);
    expect(sebHashMatches(url, 'zz', [key]), 'not a hash').to.equal(false);
  });
});

describe('property lists', () => {
  it('reads back what it writes: every value type', () => {
    const v = plistOf({ s: 'a <b> & c', i: 42, r: 0.1, t: true, f: false, d: Buffer.from([0, 255]), when: new Date('2026-06-01T08:00:00Z'), list: [1, 'x'], empty: {} });
    expect(parsePlist(writePlist(v))).to.deep.equal(v);
  });

  it('refuses what is not a plist, saying where', () => {
    expect(() => parsePlist('<plist><dict><key>a</key></dict></plist>', 'x.seb')).to.throw(/x\.seb:1:\d+: a dict holds <key> and value pairs/);
    expect(() => parsePlist('<html/>', 'x.seb')).to.throw(/not a property list/);
    expect(() => parsePlist('<plist><dict>', 'x.seb')).to.throw(/x\.seb:\d+:\d+: not well-formed XML/);
  });
});

describe('the .seb file for the kiosk page', () => {
  const { file, configKey: key } = sebConfig({ kioskUrl: 'https://inzage.school.nl/kiosk/', quitPassword: 'Stop-de-toets-7' });

  it('is a plist that an XML DOM reads as one (plist > dict of key/value pairs)', () => {
    const doc = new DOMParser().parseFromString(file, 'text/xml');
    expect(doc.documentElement?.nodeName).to.equal('plist');
    const dict = [...doc.documentElement!.childNodes].find((n) => n.nodeType === 1)!;
    expect(dict.nodeName).to.equal('dict');
    const names = [...dict.childNodes].filter((n) => n.nodeType === 1).map((n) => n.nodeName);
    expect(names.filter((_n, i) => i % 2 === 0).every((n) => n === 'key')).to.equal(true);
  });

  it('starts at the kiosk page, allows only this server, sends the keys, and quits only with the password', () => {
    const v = parsePlist(file);
    expect(entry(v, 'startURL')).to.deep.equal({ type: 'string', value: 'https://inzage.school.nl/kiosk/' });
    expect(entry(v, 'sendBrowserExamKey')).to.deep.equal({ type: 'boolean', value: true });
    expect(entry(v, 'URLFilterEnable')).to.deep.equal({ type: 'boolean', value: true });
    expect(entry(v, 'URLFilterRules')).to.deep.equal(plistOf([{ action: 1, active: true, expression: 'inzage.school.nl/*', regex: false }]));
    expect(entry(v, 'hashedQuitPassword')).to.deep.equal({ type: 'string', value: sha256('Stop-de-toets-7') });
  });

  it('comes with the Config Key that SEB computes from the file itself', () => {
    expect(key).to.equal(configKey(parsePlist(file))).and.to.equal(sha256(sebJson(parsePlist(file))));
  });
});
