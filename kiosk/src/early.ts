/** Imported first by main.ts: the connection to the server opens before the rest of the kiosk's script runs. */
import { openEarly } from './data/connection.ts';
import { syncTokenCookie } from './data/token.ts';

openEarly();
syncTokenCookie();
