/**
 * How the kiosk and the console open their Socket.IO connections (docs/design.md: Transport; Several server processes):
 * a WebSocket first — one TCP connection carries the whole Socket.IO session, so a proxy in front of several server
 * processes needs no sticky sessions for it — and HTTP long-polling only where no WebSocket can be opened (a proxy
 * that refuses the upgrade; its requests must then all reach the same process: sticky sessions).
 */
export function socketTransports(): { transports: ('websocket' | 'polling')[]; tryAllTransports: boolean } {
  return { transports: ['websocket', 'polling'], tryAllTransports: true };
}

/**
 * The hint a kiosk that had a review when it lost its connection puts in its handshake's query (docs/design.md:
 * Start-up, "Kiosks with a review first"): a restarted server serves those handshakes before the others'. It grants
 * nothing — the token is checked as always, the review is the kiosk's own — a false one only moves a handshake up.
 */
export const RESUME_HINT = { name: 'resume', value: '1' } as const;

/**
 * The cookie in which the kiosk keeps a copy of its device token, for its own page only (path `/kiosk/`): the page then
 * comes with the kiosk's idle screen in it (server/http/kioskPage.ts, kiosk/src/data/token.ts). It grants nothing else.
 */
export const KIOSK_TOKEN_COOKIE = 'inzage-kiosk';
