-- Issue 18, phase 1: the small documents of the file store's state.json, reviews.json, remarks.json and
-- sessions.json. Each row keeps the domain object as a JSON document (`doc`); the columns that constraints and
-- queries need are generated from it, so that they can never disagree with it. `seq` orders rows as the file
-- store's arrays are ordered (by insertion; a remark moves to the end when it is replaced).
CREATE SEQUENCE inzage_seq;

CREATE TABLE kiosks (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc jsonb NOT NULL,
  room_id text GENERATED ALWAYS AS (doc->>'roomId') STORED
);

CREATE TABLE rooms (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc jsonb NOT NULL
);

CREATE TABLE staff (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc jsonb NOT NULL,
  username text GENERATED ALWAYS AS (lower(doc->>'username')) STORED
);

CREATE TABLE reviews (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc jsonb NOT NULL,
  kiosk_id text GENERATED ALWAYS AS (doc->>'kioskId') STORED,
  sitting_id text GENERATED ALWAYS AS (doc->>'sittingId') STORED,
  candidate_number text GENERATED ALWAYS AS (doc->>'candidateNumber') STORED,
  ended_at text GENERATED ALWAYS AS (doc->>'endedAt') STORED
);
-- The start checks made race-free (docs/design.md: PostgreSQL store): at most one active review per kiosk, per
-- sitting and per candidate, whichever process starts it. The names map to the refusal codes (server/store/pg/reviewRepo.ts).
CREATE UNIQUE INDEX reviews_active_kiosk ON reviews (kiosk_id) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX reviews_active_sitting ON reviews (sitting_id) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX reviews_active_candidate ON reviews (candidate_number) WHERE ended_at IS NULL;

CREATE TABLE remarks (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc jsonb NOT NULL,
  review_id text GENERATED ALWAYS AS (doc->>'reviewId') STORED,
  sitting_id text GENERATED ALWAYS AS (doc->>'sittingId') STORED
);
CREATE INDEX remarks_review ON remarks (review_id);
CREATE INDEX remarks_sitting ON remarks (sitting_id);

-- Staff login sessions: `id` is the SHA-256 of the session id (the id itself is never stored).
CREATE TABLE login_sessions (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc jsonb NOT NULL,
  expires bigint GENERATED ALWAYS AS ((doc->>'expires')::bigint) STORED
);
CREATE INDEX login_sessions_expires ON login_sessions (expires);
