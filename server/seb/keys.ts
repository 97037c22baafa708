/**
 * Safe Exam Browser's Config Key and the request hashes SEB sends (docs/design.md: Safe Exam Browser), as SEB's
 * developer documentation specifies them ("Config Key", safeexambrowser.org/developer/seb-config-key.html):
 *
 * - the Config Key of a settings dict is the SHA-256 (Base16, lower case) of its "SEB-JSON": `originatorVersion`
 *   removed, every dict's keys sorted alphabetically ignoring case (recursively, in arrays too), empty dicts
 *   removed, no whitespace and no character escaping, `<data>` as Base64, `<date>` as ISO 8601;
 * - SEB sends `X-SafeExamBrowser-ConfigKeyHash` = SHA-256(absolute URL without fragment + Config Key), and
 *   `X-SafeExamBrowser-RequestHash` the same with the Browser Exam Key; its JavaScript API's
 *   `SafeExamBrowser.security.configKey` / `.browserExamKey` are the same hashes for the page's URL.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { PlistValue } from './plist.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const byKey = (a: [string, PlistValue], b: [string, PlistValue]) => {
  const x = a[0].toLowerCase();
  const y = b[0].toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

const isEmptyDict = (v: PlistValue) => v.type === 'dict' && v.entries.length === 0;

function sebJsonOf(v: PlistValue): string {
  switch (v.type) {
    case 'dict':
      return `{${v.entries.filter(([, x]) => !isEmptyDict(x)).sort(byKey).map(([k, x]) => `"${k}":${sebJsonOf(x)}`).join(',')}}`;
    case 'array': return `[${v.items.map(sebJsonOf).join(',')}]`;
    case 'string': return `"${v.value}"`;
    case 'integer':
    case 'real': return String(v.value);
    case 'boolean': return String(v.value);
    case 'data': return `"${v.value.toString('base64')}"`;
    case 'date': return `"${v.value.toISOString()}"`;
  }
}

/** The SEB-JSON string of a SEB settings dict. */
export function sebJson(settings: PlistValue): string {
  if (settings.type !== 'dict') throw new Error('SEB settings are a dict');
  return sebJsonOf({ type: 'dict', entries: settings.entries.filter(([k]) => k !== 'originatorVersion') });
}

/** The Config Key of a SEB settings dict. */
export function configKey(settings: PlistValue): string {
  return sha256(sebJson(settings));
}

/** The absolute URL as SEB hashes it: without a fragment. */
export function withoutFragment(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

/** The hash SEB sends for a request to `url` made with `key` (a Config Key or a Browser Exam Key). */
export function requestHash(url: string, key: string): string {
  return sha256(withoutFragment(url) + key);
}

/** Whether a hash SEB sent for `url` was made with one of the keys (compared in constant time). */
export function sebHashMatches(url: string, sent: string | undefined, keys: readonly string[]): boolean {
  if (!sent || !/^[0-9a-f]{64}$/i.test(sent)) return false;
  const got = Buffer.from(sent.toLowerCase(), 'hex');
  return keys.some((k) => timingSafeEqual(Buffer.from(requestHash(url, k), 'hex'), got));
}
