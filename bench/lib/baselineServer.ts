/**
 * The baseline: a bare Socket.IO server (no Express, no session, no store) in the same kind of process as the
 * real one (Node with tsx). `POST /emit {kiosk}` emits the stored review payload to that kiosk's socket as
 * `review:started` and answers once the kiosk has acknowledged, so that the client measures it exactly as it
 * measures `POST /api/reviews`. The answer also carries the emit+ack time seen inside this process.
 *
 *   node --import=tsx bench/lib/baselineServer.ts PAYLOAD_FILE
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';

const payload: unknown = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const byToken = new Map<string, Socket>();

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', async () => {
    const { kiosk } = JSON.parse(body) as { kiosk: string };
    const socket = byToken.get(kiosk);
    if (!socket) {
      res.writeHead(409, { 'content-type': 'application/json' }).end('{"error":"kiosk-offline"}');
      return;
    }
    const t0 = performance.now();
    try {
      await socket.timeout(5_000).emitWithAck('review:started', payload);
      const ackMs = performance.now() - t0;
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ackMs }));
    } catch {
      res.writeHead(409, { 'content-type': 'application/json' }).end('{"error":"no-ack"}');
    }
  });
});
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 10_000, pingTimeout: 8_000 });
io.of('/kiosk').on('connection', (socket) => {
  const token = String((socket.handshake.auth as { token?: string }).token ?? socket.id);
  byToken.set(token, socket);
  socket.on('disconnect', () => byToken.get(token) === socket && byToken.delete(token));
});
http.listen(0, '127.0.0.1', () => process.stdout.write(`baseline listening on ${(http.address() as AddressInfo).port}\n`));
process.on('SIGINT', () => io.close(() => process.exit(0)));
