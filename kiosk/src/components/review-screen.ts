/**
 * The review's renderers — the review, its questions and answers, the navigator, the display settings — in a chunk
 * of their own: the kiosk's first screen does not need them (docs/design.md: The kiosk's first screen). `app.ts`
 * loads this module right after that screen, or at once when a review comes first.
 */
import './review.ts';
import './toolbar.ts';
