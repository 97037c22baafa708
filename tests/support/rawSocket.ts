/**
 * Raw Socket.IO packets over a connected socket.io-client socket: what a hand-written or hostile client can
 * send that the client library never would (malformed packets, deep nesting, exact sizes, odd ack ids).
 *
 * A packet is the Socket.IO text encoding, e.g. `2/kiosk,7["review:navigate",{"questionId":"q1"}]` (type 2 is
 * an event, `7` its ack id); over WebSocket it travels as one message prefixed with the Engine.IO type `4`.
 */
import type { Socket } from 'socket.io-client';

interface EngineLike {
  write(data: string): void;
  on(event: 'packet', fn: (p: { type: string; data?: unknown }) => void): void;
  off(event: 'packet', fn: (p: { type: string; data?: unknown }) => void): void;
}

const engineOf = (socket: Socket): EngineLike => (socket.io as unknown as { engine: EngineLike }).engine;

/** Send one packet as is. */
export function sendRaw(socket: Socket, packet: string): void {
  engineOf(socket).write(packet);
}

/** The bytes of the WebSocket message that carries `packet` (what `maxHttpBufferSize` limits). */
export function messageBytes(packet: string): number {
  return 1 + Buffer.byteLength(packet);
}

/** An event packet for the socket's namespace, with an ack id. */
export function eventPacket(nsp: string, ackId: number, args: unknown[]): string {
  return `2${nsp === '/' ? '' : `${nsp},`}${ackId}${JSON.stringify(args)}`;
}

let nextId = 1_000_000;
/** A fresh ack id that the socket.io client itself will not use. */
export const rawAckId = () => nextId++;

/**
 * The server's acknowledgement of ack id `id` (its arguments), or null if the connection closes or `ms` pass
 * first.
 */
export function rawAck(socket: Socket, id: number, ms = 5000): Promise<unknown[] | null> {
  const engine = engineOf(socket);
  return new Promise((resolve) => {
    const done = (v: unknown[] | null) => {
      clearTimeout(timer);
      engine.off('packet', onPacket);
      socket.off('disconnect', onClose);
      resolve(v);
    };
    const onPacket = (p: { type: string; data?: unknown }) => {
      if (p.type !== 'message' || typeof p.data !== 'string') return;
      const m = /^3(?:\/[^,]*,)?(\d+)(\[.*)$/s.exec(p.data);
      if (m && Number(m[1]) === id) done(JSON.parse(m[2]!) as unknown[]);
    };
    const onClose = () => done(null);
    const timer = setTimeout(() => done(null), ms);
    engine.on('packet', onPacket);
    socket.on('disconnect', onClose);
  });
}
