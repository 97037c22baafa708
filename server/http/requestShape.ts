/**
 * Every field Express and its middleware add to a request and its response, declared before Express sees them
 * (docs/design.md: *The start path's allocation*, issue 17).
 *
 * Express gives each request and response its app's prototype (`Object.setPrototypeOf`, once per request), and V8
 * does not reuse the hidden classes of an object whose prototype was set that way: every property added afterwards —
 * by the router, body-parser, parseurl, express-session and passport — makes a new hidden class with its own copy of
 * the property descriptors (~1 KB a property: ~20 KB of garbage per API request, the largest share of a review start's
 * allocation before its handler; the start's slowest percent is garbage collection). Added here first, on the plain
 * IncomingMessage and ServerResponse, whose hidden classes V8 shares between requests, the same stores only fill fields.
 *
 * Each field gets the value it already has, so nothing reads differently: `undefined` for a field not there yet (no
 * code on the way asks `'name' in req` of these but body-parser, which then sets `body` to `undefined` itself), the
 * inherited value for one that is (a response's `writeHead`, `end` and `statusCode`, an emitter's `_eventsCount`).
 * A name missing here only costs its allocation again; `tests/integration/requestShape.test.ts` says which.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** In the order they are added to an API request (app.handle, the router, body-parser, express-session, passport). */
export const REQUEST_FIELDS = [
  'res', 'next', 'baseUrl', 'originalUrl', '_parsedUrl', 'params', 'body', '_eventsCount', '_parsedOriginalUrl',
  'sessionStore', 'sessionID', 'session', 'logIn', 'login', 'logOut', 'logout', 'isAuthenticated', 'isUnauthenticated',
  '_sessionManager', '_passport', 'user', 'route',
] as const;

/** Added to its response (Express's `locals`; on-headers' and express-session's wrappers; the status). */
export const RESPONSE_FIELDS = ['locals', 'writeHead', 'end', 'statusCode', 'statusMessage'] as const;

export function declareFields(req: IncomingMessage, res: ServerResponse): void {
  const q = req as unknown as Record<string, unknown>;
  const r = res as unknown as Record<string, unknown>;
  for (const name of REQUEST_FIELDS) q[name] = q[name];
  for (const name of RESPONSE_FIELDS) r[name] = r[name];
}
