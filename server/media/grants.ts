/**
 * Grants for a kiosk to load media (docs/design.md: Media, Access). An `<img>` request carries no device token,
 * so each media URL in a review's payload carries its own grant, `?k=<reviewId>.<signature>`: an HMAC of the
 * review and the file under a key derived from the server's secret. A grant names one file for one review; the
 * route honours it only while that review is active and its exam shows that file. The review id alone is no
 * secret (consoles list it), which is why it is signed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../store/secret.ts';

const GRANT = /^([0-9a-f-]{1,64})\.([A-Za-z0-9_-]{43})$/;

export class MediaGrants {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = derivedKey(secret, 'media-grant');
  }

  private signature(reviewId: string, name: string): Buffer {
    return createHmac('sha256', this.key).update(`${reviewId}\n${name}`).digest();
  }

  grant(reviewId: string, name: string): string {
    return `${reviewId}.${this.signature(reviewId, name).toString('base64url')}`;
  }

  /** The review a grant for `name` was made for, or undefined if it is no grant for that file. */
  reviewOf(grant: string, name: string): string | undefined {
    const m = GRANT.exec(grant);
    if (!m) return undefined;
    const given = Buffer.from(m[2]!, 'base64url');
    const expected = this.signature(m[1]!, name);
    return given.length === expected.length && timingSafeEqual(given, expected) ? m[1] : undefined;
  }
}
