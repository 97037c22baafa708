/**
 * How a kiosk retries its connection (Socket.IO's reconnection; docs/design.md: Start-up): the first retry after
 * 250 ms (±50 %), the second after 500 ms (±50 %), then every 500 ms — Socket.IO caps the delay after its jitter, so
 * once the doubling passes the cap every retry waits the cap exactly. A restarted server therefore has each kiosk back
 * at most the cap after it can serve it: 500 ms (it was 1 s). A refused connection costs the exam-room LAN nothing (a
 * room of 30 kiosks: 60 refused TCP connections a second while the server is down). The benchmark's simulated kiosks
 * (bench/lib/kiosks.ts) use the same values.
 */
export const RECONNECT_DELAY_MS = 250;
export const RECONNECT_DELAY_MAX_MS = 500;
