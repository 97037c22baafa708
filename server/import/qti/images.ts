/**
 * Images of a package, inlined as `data:` URIs: the one image source the kiosk's CSP allows for content
 * (`server/import/contentAllowlist.ts`). PNG, JPEG, GIF and WebP only; an SVG is left out with a warning (the
 * allowlist does not take it), a missing file is an error. An image may be at most `MAX_INLINE_IMAGE_BYTES`,
 * because it travels inside the question's HTML (at most 200,000 characters in all).
 */
import type { Element } from '@xmldom/xmldom';
import { resolveHref, type QtiPackage } from './package.ts';

export const MAX_INLINE_IMAGE_BYTES = 100 * 1024;

const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export interface ImageReport {
  warn(el: Element, message: string): void;
  error(el: Element, message: string): void;
}

export function inlineImage(pkg: QtiPackage, itemFile: string, src: string, el: Element, report: ImageReport): string | undefined {
  if (/^data:/i.test(src.trim()) || /^(https?:)?\/\//i.test(src.trim())) return src; // judged by the sanitiser
  const path = resolveHref(itemFile, src);
  if (!path) {
    report.error(el, `image "${src}" is not a file in the package`);
    return undefined;
  }
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const type = TYPES[ext];
  const data = pkg.read(path);
  if (!data) {
    report.error(el, `image "${src}" is missing from the package (looked for ${path})`);
    return undefined;
  }
  if (!type) {
    report.warn(el, `image "${src}" is left out: only PNG, JPEG, GIF and WebP images are shown`);
    return undefined;
  }
  if (data.byteLength > MAX_INLINE_IMAGE_BYTES) {
    report.error(el, `image "${src}" is ${Math.ceil(data.byteLength / 1024)} KB; an image may be at most ${MAX_INLINE_IMAGE_BYTES / 1024} KB`);
    return undefined;
  }
  return `data:${type};base64,${Buffer.from(data).toString('base64')}`;
}
