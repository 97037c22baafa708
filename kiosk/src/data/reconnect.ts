/**
 * How a kiosk retries its connection (Socket.IO's reconnection; docs/design.md: Start-up): the first retry after
 * 250 ms, then doubling up to 1 s between two, each ±50 % (Socket.IO's jitter spreads a room's kiosks). A kiosk
 * is back within about a second of its server; a refused connection costs the exam-room LAN nothing. The
 * benchmark's simulated kiosks (bench/lib/kiosks.ts) use the same values.
 */
export const RECONNECT_DELAY_MS = 250;
export const RECONNECT_DELAY_MAX_MS = 1_000;
