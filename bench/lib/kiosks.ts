/**
 * Simulated kiosks and consoles (socket.io-client), as the real ones connect: a kiosk with its device token
 * and the reconnection settings of kiosk/src/data/connection.ts; it acknowledges `review:started` at once.
 */
import { io, type Socket } from 'socket.io-client';
import type { AdminClientToServer, AdminServerToClient, KioskClientToServer, KioskServerToClient, ReviewPayload } from '../../shared/protocol.ts';
import type { Ack } from '../../shared/errors.ts';
import { LISTS_DELTA_AUTH } from '../../shared/listDelta.ts';
import type { SeededKiosk } from './seed.ts';
import { pool } from './stats.ts';
import { RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS } from '../../kiosk/src/data/reconnect.ts';
import { RESUME_HINT } from '../../shared/transport.ts';

type KioskSocket = Socket<KioskServerToClient, KioskClientToServer>;
export type ConsoleSocket = Socket<AdminServerToClient, AdminClientToServer>;

/**
 * As the kiosk app connects (websocket first; the simulation never needs the polling fallback), and as it reconnects:
 * with the resume hint when it had a review (kiosk/src/data/connection.ts, shared/transport.ts).
 */
const KIOSK_OPTIONS = { transports: ['websocket'], reconnectionDelay: RECONNECT_DELAY_MS, reconnectionDelayMax: RECONNECT_DELAY_MAX_MS, forceNew: true };

export interface KioskStateEvent { review: ReviewPayload | null; at: number }

export class SimKiosk {
  readonly socket: KioskSocket;
  review: ReviewPayload | null = null;
  /** when the last `review:started` arrived (performance.now()) */
  startedAt = 0;
  /** every `kiosk:state` this kiosk received, with its arrival time (performance.now()) */
  readonly states: KioskStateEvent[] = [];
  private waiters: ((s: KioskStateEvent) => void)[] = [];

  constructor(base: string, readonly kiosk: SeededKiosk, opts: { reconnection?: boolean } = {}) {
    this.socket = io(`${base}/kiosk`, { ...KIOSK_OPTIONS, auth: { token: kiosk.token }, reconnection: opts.reconnection ?? true }) as KioskSocket;
    this.socket.on('kiosk:state', ({ review }) => {
      const e = { review, at: performance.now() };
      this.review = review;
      this.states.push(e);
      for (const w of this.waiters.splice(0)) w(e);
    });
    this.socket.on('review:started', (payload, ack) => {
      this.startedAt = performance.now();
      this.review = payload;
      ack({ ok: true });
    });
    this.socket.on('review:ended', () => {
      this.review = null;
    });
    // as the kiosk app does when it loses the server: its next handshakes say whether it had a review
    this.socket.on('disconnect', () => {
      this.socket.io.opts.query = this.review ? { [RESUME_HINT.name]: RESUME_HINT.value } : {};
    });
  }

  /** The next `kiosk:state` (the real server sends one on every (re)connect). */
  nextState(ms = 20_000): Promise<KioskStateEvent> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${this.kiosk.name}: no kiosk:state within ${ms} ms`)), ms);
      this.waiters.push((s) => {
        clearTimeout(t);
        resolve(s);
      });
    });
  }

  /** Connected (the bare baseline server sends no state). */
  connected(ms = 20_000): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${this.kiosk.name}: not connected within ${ms} ms`)), ms);
      this.socket.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  navigate(questionId: string): Promise<Ack> {
    return new Promise((resolve) => this.socket.emit('review:navigate', { questionId }, (a: Ack) => resolve(a)));
  }

  close(): void {
    this.socket.close();
  }
}

/** Connect kiosks, `concurrency` handshakes at a time; waits for each one's `kiosk:state` (or connect). */
export async function connectKiosks(base: string, kiosks: SeededKiosk[], opts: { concurrency?: number; waitFor?: 'state' | 'connect'; reconnection?: boolean } = {}): Promise<SimKiosk[]> {
  return pool(kiosks, opts.concurrency ?? 25, async (k) => {
    const sim = new SimKiosk(base, k, { reconnection: opts.reconnection });
    if (opts.waitFor === 'connect') await sim.connected();
    else await sim.nextState();
    return sim;
  });
}

/** A console on /admin with a staff session cookie; it takes the lists as deltas, as the console app does. */
export function connectConsole(base: string, cookie: string): Promise<ConsoleSocket> {
  const s = io(`${base}/admin`, { transports: ['websocket'], extraHeaders: { cookie }, auth: { ...LISTS_DELTA_AUTH }, forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 5_000 }) as ConsoleSocket;
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('console: not connected within 20 s')), 20_000);
    s.once('connect', () => {
      clearTimeout(t);
      resolve(s);
    });
    s.once('connect_error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
}
