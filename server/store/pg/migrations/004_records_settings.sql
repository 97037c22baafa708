-- Issue 18: the review records (the file store's review-records.json, `ReviewRecordRepo`) and the settings that all
-- processes on one database share. A record is written once, when its review ends, and kept with its sitting (purge
-- and retention remove it); `seq` keeps the file's order (a replaced record moves to the end).
CREATE TABLE review_records (
  id text PRIMARY KEY,
  seq bigint NOT NULL DEFAULT nextval('inzage_seq'),
  doc jsonb NOT NULL,
  sitting_id text GENERATED ALWAYS AS (doc->>'sittingId') STORED
);
CREATE INDEX review_records_sitting ON review_records (sitting_id);

-- Settings shared by every process: `secret` (signs staff session cookies and keys the audit anchor, unless
-- INZAGE_SECRET is set) is made once by whichever process comes first (INSERT … ON CONFLICT DO NOTHING) and read
-- by all, so that a cookie signed by one process is good on another.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- One account per username, whichever process creates it (two servers starting together on an empty database both
-- try to create `admin`: the second is refused, as `createUser` refuses a name taken in memory).
CREATE UNIQUE INDEX staff_username ON staff (username);
