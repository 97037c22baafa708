/**
 * GET /api/media/:file (docs/api.md; docs/design.md: Media): a picture, sound, film or captions file of exam
 * content, to logged-in staff, and to a kiosk's `<img>`, `<audio>`, `<video>` or `<track>` through the grant its
 * review's payload put in the URL (`?k=`), valid only while that review is active and its exam shows that file.
 * A kiosk's copy is `private, no-store` (no exam content stays on the kiosk after the review); staff may cache
 * it for good, since a file's name is its content's hash. Range requests are answered (206 Partial Content): a
 * browser's media element asks for parts of a sound or film to play from any point.
 */
import { Router, type NextFunction, type Response } from 'express';
import { isMediaName, mediaTypeOf } from '../../media/files.ts';
import { mediaOfQuestions } from '../../media/refs.ts';
import type { Ctx } from '../context.ts';
import { param } from '../errors.ts';
import { refusal } from '../../../shared/refusals.ts';


export function mediaRoutes(ctx: Ctx): Router {
  const { auth, store, engine, grants } = ctx;
  const staff = auth.requireStaff();
  const r = Router();

  /** Whether `grant` admits a kiosk to `file` now: signed for it, its review active, that review's exam showing it. */
  const kioskMayLoad = (grant: string, file: string): boolean => {
    const reviewId = isMediaName(file) ? grants.reviewOf(grant, file) : undefined;
    const review = reviewId === undefined ? undefined : engine.active().find((s) => s.id === reviewId);
    const summary = review && store.content.sittingSummary(review.sittingId);
    const exam = summary && store.content.examOfSitting(summary);
    return !!exam && mediaOfQuestions(exam.questions).has(file);
  };

  const send = async (res: Response, next: NextFunction, file: string, cache: string) => {
    const path = await store.media.path(file);
    if (!path) throw refusal('not-found', 'no-such-media-file');
    res.set({
      'Content-Type': mediaTypeOf(file),
      'Cache-Control': cache,
      // a media file is never a document: should someone open it as a page, nothing in it may run
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.removeHeader('Pragma');
    // `send` answers a Range request with 206 and the part asked for (acceptRanges is its default), and one
    // beyond the file's end with 416 and `Content-Range: bytes */SIZE` (set before it reports the error)
    res.sendFile(path, { etag: false, lastModified: false, dotfiles: 'deny', acceptRanges: true }, (err?: Error & { status?: number; code?: string; syscall?: string }) => {
      if (!err || err.code === 'ECONNABORTED' || err.syscall === 'write') return; // a player that stopped listening
      if (err.status === 416 && !res.headersSent) res.status(416).end();
      else next(err);
    });
  };

  r.get('/:file', async (req, res, next) => {
    const file = param(req, 'file');
    const grant = req.query.k;
    if (typeof grant === 'string') {
      if (!kioskMayLoad(grant, file)) throw refusal('forbidden', 'media-not-in-review');
      await send(res, next, file, 'private, no-store');
      return;
    }
    staff(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!isMediaName(file)) return next(refusal('not-found', 'no-such-media-file'));
      send(res, next, file, 'private, max-age=31536000, immutable').catch(next);
    });
  });

  return r;
}
