-- Issue 18 items 2 and 3: what was per-process memory, shared by every process of one installation (server/cluster/).
-- Times are epoch milliseconds of the servers' clock (server/clock.ts), as the in-memory state had them.

-- The processes alive now. Each holds a session advisory lock on its id (server/cluster/lease.ts) for as long as its
-- connection lives; whoever gets that lock finds the process dead and removes what it left behind.
CREATE TABLE cluster_nodes (
  node_id text PRIMARY KEY,
  started_at bigint NOT NULL
);

-- Kiosk presence: one row per connected kiosk socket, whichever process holds it.
CREATE TABLE cluster_presence (
  node_id text NOT NULL,
  socket_id text NOT NULL,
  kiosk_id text NOT NULL,
  since bigint NOT NULL,
  PRIMARY KEY (node_id, socket_id)
);
CREATE INDEX cluster_presence_kiosk ON cluster_presence (kiosk_id);

-- Since when a kiosk has had no socket anywhere (its grace period counts from here, on whichever process runs it).
CREATE TABLE cluster_offline (
  kiosk_id text PRIMARY KEY,
  since bigint NOT NULL
);

-- Pairing codes shown by unpaired kiosk sockets: an admin on any process pairs a code shown on any other. `ip`: the
-- socket's client address (unpaired sockets per address are limited over all processes).
CREATE TABLE cluster_pairing (
  code text PRIMARY KEY,
  node_id text NOT NULL,
  socket_id text NOT NULL,
  expires_at bigint NOT NULL,
  ip text NOT NULL
);
CREATE UNIQUE INDEX cluster_pairing_socket ON cluster_pairing (node_id, socket_id);
CREATE INDEX cluster_pairing_ip ON cluster_pairing (ip);

-- A review that ended while its kiosk was away: told to the kiosk when it is back, on whichever process.
CREATE TABLE cluster_missed_ends (
  kiosk_id text PRIMARY KEY,
  review_id text NOT NULL,
  reason text NOT NULL,
  at bigint NOT NULL
);

-- Exponential back-off (login failures) and fixed-window counters (failed pairing codes: `failures` in the window
-- ending at `until`), per rule and key: every process counts the same attempts.
CREATE TABLE cluster_backoff (
  rule text NOT NULL,
  key text NOT NULL,
  failures int NOT NULL DEFAULT 0,
  pending int NOT NULL DEFAULT 0,
  until bigint NOT NULL DEFAULT 0,
  last bigint NOT NULL,
  PRIMARY KEY (rule, key)
);

-- @socket.io/postgres-adapter (the adapter when no Redis is configured): packets over NOTIFY's 8,000 bytes go here.
CREATE TABLE socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload bytea
);
