/**
 * How the kiosk and the console open their Socket.IO connections (docs/design.md: Transport; Several server processes):
 * a WebSocket first — one TCP connection carries the whole Socket.IO session, so a proxy in front of several server
 * processes needs no sticky sessions for it — and HTTP long-polling only where no WebSocket can be opened (a proxy
 * that refuses the upgrade; its requests must then all reach the same process: sticky sessions).
 */
export function socketTransports(): { transports: ('websocket' | 'polling')[]; tryAllTransports: boolean } {
  return { transports: ['websocket', 'polling'], tryAllTransports: true };
}
