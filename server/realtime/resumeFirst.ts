/**
 * Kiosks with a review first (docs/design.md: Start-up): a restarted server holds the Socket.IO handshakes that do not
 * carry the resume hint (shared/transport.ts: a kiosk that had a review when it lost the server sends it) until every
 * running review is back on its kiosk, or a bounded time has passed. Each of the 1,000 reconnecting kiosks costs the
 * server ~1 ms of Socket.IO's work (the upgrade, engine.io's and Socket.IO's handshakes, their writes); served first come,
 * first served, the 100 kiosks with a review waited behind the 900 idle ones, not for their review. A held handshake
 * has cost only its HTTP request's parse.
 *
 * The hint grants nothing: it is only the order. A held handshake goes on exactly as it would have (the Host and Origin
 * checks come before the gate, the kiosk's token is checked by the namespace afterwards, as for every handshake).
 */
import type { IncomingMessage } from 'node:http';
import { RESUME_HINT } from '../../shared/transport.ts';

const noop = () => undefined;
/** how many held handshakes go on in one turn of the event loop once the gate opens */
const HANDSHAKES_PER_TURN = 50;

/** Whether a handshake's query carries the resume hint. */
export function hasResumeHint(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  return q >= 0 && new URLSearchParams(url.slice(q + 1)).get(RESUME_HINT.name) === RESUME_HINT.value;
}

export class HandshakeGate {
  /** the held handshakes' continuations, in their order; null once open */
  private held: (() => void)[] | null;

  /** `closed`: hold from the start (a restarted server); an open gate lets everything through. */
  constructor(closed: boolean) {
    this.held = closed ? [] : null;
  }

  get isOpen(): boolean {
    return this.held === null;
  }

  /** How many handshakes wait (for tests and diagnosis). */
  get waiting(): number {
    return this.held?.length ?? 0;
  }

  /** Go on with a handshake now, or once the gate opens if it has no resume hint. */
  admit(req: IncomingMessage, go: () => void): void {
    if (this.held === null || hasResumeHint(req)) return go();
    // an upgrade request's socket has no error listener of Node's any more (the 'upgrade' event hands it over), and
    // ws adds its own only once engine.io goes on: a client that resets the connection meanwhile must not crash the
    // server (a closed socket is then dropped by ws as it would be had it closed a moment later)
    const socket = req.socket;
    socket.on('error', noop);
    this.held.push(() => {
      socket.off('error', noop);
      go();
    });
  }

  /**
   * Let every held handshake go on, in the order they came, `perTurn` at a time with the event loop free between (each
   * costs ~0.5 ms there: 900 at once would stall the kiosks with a review that are not back yet, when the bound ran
   * out), and every later one at once.
   */
  open(perTurn = HANDSHAKES_PER_TURN): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    let i = 0;
    const next = () => {
      for (const end = Math.min(held.length, i + perTurn); i < end; i++) held[i]!();
      if (i < held.length) setImmediate(next);
    };
    next();
  }
}
